// A sample of customers for files beyond the engine's memory: every purchase of 1 in N
// customers, chosen by a hash of the customer id (as the cleaning step will spell it: trimmed,
// a spreadsheet's trailing '.0' dropped), so a customer is in the sample with all of their
// rows or not at all and per-customer figures stay exact. Rows without a customer id are
// sampled one by one (a hash of the whole row), so totals that include them stay unbiased.
// The estimator that scales totals back up is in src/pipeline/sample.ts.
import { ident, num } from './ident';

/** What the sample keeps: 1 in `every` customers, by `column` (a raw text column). */
export interface CustomerSample {
  /** The raw column holding the customer id. */
  column: string;
  /** N in "1 in N customers" (≥ 2). */
  every: number;
  /** Strip a trailing '.0…' from ids before hashing (as canonicalSelect does when the file shows it). */
  dotZero?: boolean;
}

/** The customer id as hashed: trimmed, empty → NULL, optionally without a trailing '.0'. */
function idText(s: CustomerSample): string {
  const t = `nullif(trim(CAST(${ident(s.column)} AS VARCHAR)), '')`;
  return s.dotZero ? `regexp_replace(${t}, '\\.0+$', '')` : t;
}

/**
 * A predicate over the raw columns `columns` keeping 1 in `every` customers (all their rows)
 * and 1 in `every` rows without a customer id.
 */
export function customerSamplePredicate(s: CustomerSample, columns: readonly string[]): string {
  const n = Math.floor(s.every);
  if (!Number.isFinite(n) || n < 2) throw new Error(`invalid sample size: 1 in ${s.every} (need an integer ≥ 2)`);
  const id = idText(s);
  const row = columns.length ? `hash(${columns.map(ident).join(', ')})` : 'hash(random())';
  return `(CASE WHEN ${id} IS NULL THEN ${row} ELSE hash(${id}) END) % ${num(n)} = 0`;
}

/**
 * Per-unit sums behind the scaled KPIs of a sample, one row: for net sales (gross purchases
 * plus returns), sales lines and transactions, Σy and Σy² over units (a customer; a row
 * without a customer is its own unit, as the sample drew it), and `customers` (units that are
 * customers). src/pipeline/sample.ts turns them into estimates with a 95% interval.
 */
export function sampleTotalsSql(where = 'TRUE'): string {
  return `WITH s AS (
  SELECT customer_id, gross_amount AS net, 0 AS line, NULL::VARCHAR AS tx FROM purchases WHERE ${where}
  UNION ALL SELECT customer_id, amount, 0, NULL FROM returns WHERE ${where}
  UNION ALL SELECT customer_id, 0, 1, tx_id FROM sales WHERE ${where}
),
k AS (SELECT *, CASE WHEN customer_id IS NULL THEN row_number() OVER () END AS guest FROM s),
u AS (
  SELECT customer_id IS NOT NULL AS is_customer, coalesce(sum(net), 0)::DOUBLE AS net, sum(line)::DOUBLE AS lines, count(DISTINCT tx)::DOUBLE AS tx
  FROM k GROUP BY customer_id, guest
)
SELECT count(*) FILTER (WHERE is_customer)::BIGINT AS customers,
  coalesce(sum(net), 0)::DOUBLE AS net_sum, coalesce(sum(net * net), 0)::DOUBLE AS net_sq,
  coalesce(sum(lines), 0)::DOUBLE AS lines_sum, coalesce(sum(lines * lines), 0)::DOUBLE AS lines_sq,
  coalesce(sum(tx), 0)::DOUBLE AS tx_sum, coalesce(sum(tx * tx), 0)::DOUBLE AS tx_sq
FROM u`;
}

/** A predicate over canonical columns keeping 1 in `every` customers by a hash of customer_id (rows without one are left out). */
export function canonicalCustomerSample(every: number): string {
  const n = Math.floor(every);
  if (!Number.isFinite(n) || n < 1) throw new Error(`invalid sample size: 1 in ${every}`);
  return n === 1 ? 'customer_id IS NOT NULL' : `(customer_id IS NOT NULL AND hash(customer_id) % ${num(n)} = 0)`;
}

/**
 * A uniform random sample of `size` customers of `from` (a table, or a parenthesised query,
 * with a customer_id column), without replacement: the `size` smallest hash(customer_id, seed),
 * ties by id. Deterministic for a seed (the same customers on every run and engine); a model
 * fitted on the customers beyond what fits in memory uses it (src/analysis/sampling.ts).
 */
export function seededCustomerSampleSql(from: string, size: number, seed = 0): string {
  if (!Number.isInteger(size) || size < 1) throw new Error(`invalid sample size: ${size} (need a whole number ≥ 1)`);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`invalid sample seed: ${seed} (need a whole number ≥ 0)`);
  return `SELECT customer_id FROM ${from} WHERE customer_id IS NOT NULL ORDER BY hash(customer_id, ${num(seed)}), customer_id LIMIT ${num(size)}`;
}
