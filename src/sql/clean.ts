// The canonical cleaning rules, in SQL, applied in this order (each can be switched off):
//   1. rows whose date is missing or unparseable are dropped
//   2. exact duplicate rows (every raw column equal) are dropped, one kept
//   3. rows whose amount is missing or not numeric are dropped
//   4. rows with amount < 0 or quantity < 0 are returns: moved to `returns`
//   5. rows with amount = 0 are dropped
//   6. rows without a customer stay in `sales` (left out of customer analytics downstream)
// `lines` holds every distinct raw row once, typed, with its multiplicity (__n) and the
// first rule that caught it (status). `sales` and `returns` are views on it, so the data
// is materialised once.
import { ident } from './ident';
import type { SelectItem } from './mapping';

/** Which cleaning rules are on. */
export interface CleanRules {
  badDates: boolean;
  duplicates: boolean;
  missingAmount: boolean;
  returns: boolean;
  zeroAmount: boolean;
}

/** The defaults: every rule on. */
export const DEFAULT_RULES: CleanRules = { badDates: true, duplicates: true, missingAmount: true, returns: true, zeroAmount: true };

/** What the mapping provides, which decides whether rules 1 and 3 can apply at all. */
export interface CleanContext {
  hasDate: boolean;
  hasAmount: boolean;
}

/** Counts exact duplicate rows cheaply (hash of all columns); 0 here means 0 duplicates for certain. */
export function duplicateCountSql(rawColumns: readonly string[]): string {
  return `SELECT (count(*) - count(DISTINCT hash(${rawColumns.map(ident).join(', ')})))::BIGINT AS duplicates FROM raw`;
}

/**
 * Builds `lines` from `raw`: typed canonical columns, multiplicity and status per row.
 * `dedupe` groups identical raw rows (exact comparison of every column); callers skip it
 * when duplicateCountSql found none, since grouping is the most expensive step of a load.
 */
export function linesSql(rawColumns: readonly string[], select: readonly SelectItem[], rules: CleanRules, ctx: CleanContext, dedupe: boolean): string {
  const cols = rawColumns.map(ident).join(', ');
  const source = dedupe ? `SELECT ${cols}, count(*) AS __n FROM raw GROUP BY ALL` : `SELECT ${cols}, 1 AS __n FROM raw`;
  const typed = select.map((s) => `${s.expr} AS ${ident(s.name)}`).join(',\n    ');
  const when: string[] = [];
  if (rules.badDates && ctx.hasDate) when.push(`WHEN ts IS NULL THEN 'bad_date'`);
  if (rules.missingAmount && ctx.hasAmount) when.push(`WHEN amount IS NULL OR isnan(amount) THEN 'missing_amount'`);
  if (rules.returns) when.push(`WHEN amount < 0 OR quantity < 0 THEN 'return'`);
  if (rules.zeroAmount && ctx.hasAmount) when.push(`WHEN amount = 0 THEN 'zero'`);
  const status = when.length ? `CASE ${when.join(' ')} ELSE 'sale' END` : `'sale'`;
  return `DROP VIEW IF EXISTS sales; DROP VIEW IF EXISTS returns;
CREATE OR REPLACE TABLE lines AS
WITH g AS (${source}),
t AS (
  SELECT __n,
    ${typed}
  FROM g
)
SELECT *, ${status} AS status FROM t`;
}

/** Per-status counts from `lines`: rows (distinct rows, or all copies for bad dates), value, duplicates. */
export function statusCountsSql(): string {
  return `SELECT status,
  count(*)::BIGINT AS distinct_rows,
  sum(__n)::BIGINT AS all_rows,
  sum(__n - 1)::BIGINT AS extra_copies,
  coalesce(sum(amount), 0)::DOUBLE AS value
FROM lines GROUP BY status ORDER BY status`;
}

/** Creates the view `sales` (status 'sale') or `returns` (status 'return') on `lines`; rows without a transaction id get their own. */
export function splitSql(view: 'sales' | 'returns', select: readonly SelectItem[]): string {
  const names = select.map((s) => (s.name === 'tx_id' ? `coalesce(tx_id, 'row ' || rowid) AS tx_id` : ident(s.name))).join(', ');
  const status = view === 'sales' ? 'sale' : 'return';
  return `CREATE OR REPLACE VIEW ${view} AS SELECT ${names} FROM lines WHERE status = '${status}'`;
}
