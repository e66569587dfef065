// The canonical cleaning rules, in SQL, applied in this order (each can be switched off):
//   1. rows whose date is missing or unparseable are dropped
//   2. exact duplicate rows (every raw column equal) are dropped, one kept
//   3. rows whose amount is missing or not numeric are dropped
//   4. rows with amount < 0 or quantity < 0 are returns: moved to `returns`
//   4b. returns are netted against what they return (src/sql/returns.ts): each return line is
//      matched to the same customer's purchases of the same product made at or before it,
//      latest first, up to the quantity bought and not already returned, returns in time
//      order; `sales` then holds net lines (purchases returned in full leave it)
//   5. rows with amount = 0 are dropped
//   6. rows without a customer stay in `sales` (left out of customer analytics downstream)
// `lines` holds every distinct raw row once, typed, with its multiplicity (__n) and the
// first rule that caught it (status: sale, return, returned = a purchase returned in full,
// or a dropped rule), plus match_qty / match_value from the netting. `purchases`, `sales`
// and `returns` are views on it, so the data is materialised once.
import { ident } from './ident';
import type { SelectItem } from './mapping';
import { moneySumSql } from './kpis';

/** Which cleaning rules are on. */
export interface CleanRules {
  badDates: boolean;
  duplicates: boolean;
  missingAmount: boolean;
  returns: boolean;
  /** Rule 4b: net returns against the purchases they return (needs rule 4). */
  netReturns: boolean;
  zeroAmount: boolean;
}

/** The defaults: every rule on. */
export const DEFAULT_RULES: CleanRules = { badDates: true, duplicates: true, missingAmount: true, returns: true, netReturns: true, zeroAmount: true };

/** What the mapping provides, which decides whether rules 1 and 3 can apply at all. */
export interface CleanContext {
  hasDate: boolean;
  hasAmount: boolean;
}

/** Columns `lines` always stores: the cleaning rules and the returns netting read them there. */
const CORE = new Set(['customer_id', 'ts', 'amount', 'quantity', 'tx_id', 'product']);

/**
 * True when a column is stored in `lines`; an unmapped canonical column (a NULL constant) is
 * not: the views add it as NULL, so it costs no memory (16 bytes a row for text, 8 for a number).
 */
export function storedInLines(item: SelectItem): boolean {
  return CORE.has(item.name) || !/^NULL::[A-Z]+$/.test(item.expr);
}

/**
 * Counts exact duplicate rows cheaply (hash of all columns); 0 here means 0 duplicates for certain.
 * A GROUP BY rather than count(DISTINCT …): under a memory limit DuckDB spills a GROUP BY to
 * disk, while a DISTINCT aggregate's hash table must fit in memory.
 */
export function duplicateCountSql(rawColumns: readonly string[]): string {
  return `SELECT ((SELECT count(*) FROM raw) - count(*))::BIGINT AS duplicates FROM (SELECT hash(${rawColumns.map(ident).join(', ')}) AS h FROM raw GROUP BY h)`;
}

/**
 * Builds `lines` from `raw`: typed canonical columns, multiplicity and status per row.
 * `dedupe` groups identical raw rows (exact comparison of every column); callers skip it
 * when duplicateCountSql found none, since grouping is the most expensive step of a load.
 */
export function linesSql(rawColumns: readonly string[], select: readonly SelectItem[], rules: CleanRules, ctx: CleanContext, dedupe: boolean): string {
  const cols = rawColumns.map(ident).join(', ');
  const source = dedupe ? `SELECT ${cols}, count(*) AS __n FROM raw GROUP BY ALL` : `SELECT ${cols}, 1 AS __n FROM raw`;
  const typed = select.filter(storedInLines).map((s) => `${s.expr} AS ${ident(s.name)}`).join(',\n    ');
  const when: string[] = [];
  if (rules.badDates && ctx.hasDate) when.push(`WHEN ts IS NULL THEN 'bad_date'`);
  if (rules.missingAmount && ctx.hasAmount) when.push(`WHEN amount IS NULL OR isnan(amount) THEN 'missing_amount'`);
  if (rules.returns) when.push(`WHEN amount < 0 OR quantity < 0 THEN 'return'`);
  if (rules.zeroAmount && ctx.hasAmount) when.push(`WHEN amount = 0 THEN 'zero'`);
  const status = when.length ? `CASE ${when.join(' ')} ELSE 'sale' END` : `'sale'`;
  return `DROP VIEW IF EXISTS sales; DROP VIEW IF EXISTS purchases; DROP VIEW IF EXISTS returns;
CREATE OR REPLACE TABLE lines AS
WITH g AS (${source}),
t AS (
  SELECT __n,
    ${typed}
  FROM g
)
SELECT *, ${status} AS status, 0::DOUBLE AS match_qty, 0::DOUBLE AS match_value FROM t`;
}

/** Per-status counts from `lines`: rows (distinct rows, or all copies for bad dates), value, duplicates. */
export function statusCountsSql(): string {
  return `SELECT status,
  count(*)::BIGINT AS distinct_rows,
  sum(__n)::BIGINT AS all_rows,
  sum(__n - 1)::BIGINT AS extra_copies,
  coalesce(${moneySumSql('amount')}, 0)::DOUBLE AS value
FROM lines GROUP BY status ORDER BY status`;
}

/**
 * Creates a view on `lines`: `sales` (status 'sale': net lines), `purchases` (sales plus the
 * purchases returned in full) or `returns`. In sales and purchases, amount and quantity are
 * net of matched returns, gross_amount is the line as bought and returned_amount what went
 * back; in returns, matched_amount is the part (negative) matched to purchases. Rows without
 * a transaction id get their own.
 */
export function splitSql(view: 'sales' | 'purchases' | 'returns', select: readonly SelectItem[]): string {
  const names = select.map((s) => {
    if (!storedInLines(s)) return `${s.expr} AS ${ident(s.name)}`;
    if (s.name === 'tx_id') return `coalesce(tx_id, 'row ' || rowid) AS tx_id`;
    if (view !== 'returns' && s.name === 'amount') return 'amount - match_value AS amount';
    if (view !== 'returns' && s.name === 'quantity') return 'quantity - match_qty AS quantity';
    return ident(s.name);
  });
  const extra = view === 'returns' ? 'match_value AS matched_amount' : 'amount AS gross_amount, match_value AS returned_amount';
  const status = view === 'sales' ? `status = 'sale'` : view === 'purchases' ? `status IN ('sale', 'returned')` : `status = 'return'`;
  return `CREATE OR REPLACE VIEW ${view} AS SELECT ${names.join(', ')}, ${extra} FROM lines WHERE ${status}`;
}
