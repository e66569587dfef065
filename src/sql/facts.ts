// What the cleaned data holds, measured once after cleaning in one small query: the facts
// the analyses' data requirements (src/pipeline/availability.ts) are checked against.
// Definitions (tests/sql/facts.test.ts checks each by hand):
//   customers          distinct non-null customer_id
//   repeat_customers   customers with 2 or more distinct transactions (tx_id), as `visits` counts them
//   days / months      distinct sales dates / calendar months
//   complete_months    calendar months the data covers in full (coverageCte: first and last may be partial)
//   span_days          last date − first date + 1 (0 without dates)
//   categories / products  distinct non-null values
//   baskets / multi_baskets  transactions with a product / of them those with 2+ distinct products
import { distinctCountSql } from './kpis';
import { coverageCte, partialSql } from './trends';

/**
 * One row of data facts (see the header); every count is 0 when the column is absent or empty.
 * Spillable under a memory limit: every distinct count is a GROUP BY counted, and each grouped
 * sub-result is read once (DuckDB keeps a CTE read twice in memory, and a DISTINCT aggregate's
 * set too). At 1M lines with a 320 MB limit the earlier form (count(DISTINCT) per customer and
 * per basket, each read twice) crashed native DuckDB 1.4.3 (segmentation fault, or INTERNAL
 * "Attempted to dereference unique_ptr that is NULL") in 3 runs of 4.
 */
export function dataFactsSql(o: { where?: string; daysTable?: string } = {}): string {
  const where = o.where ?? 'TRUE';
  const distinct = (expr: string): string => distinctCountSql(expr, 's');
  return `WITH s AS NOT MATERIALIZED (SELECT customer_id, tx_id, ts, product, category FROM sales WHERE (${where})),
${coverageCte('cov', {}, o.daysTable)},
c AS (SELECT count(*) AS customers, count(*) FILTER (WHERE tx >= 2) AS repeat_customers FROM (
  SELECT customer_id, count(tx_id) AS tx FROM (SELECT customer_id, tx_id FROM s WHERE customer_id IS NOT NULL GROUP BY ALL) GROUP BY 1)),
b AS (SELECT count(*) AS baskets, count(*) FILTER (WHERE n >= 2) AS multi_baskets FROM (
  SELECT tx_id, count(*) AS n FROM (SELECT tx_id, product FROM s WHERE product IS NOT NULL AND tx_id IS NOT NULL GROUP BY ALL) GROUP BY 1)),
m AS (SELECT date_trunc('month', ts)::DATE AS period FROM s WHERE ts IS NOT NULL GROUP BY 1),
mm AS (SELECT count(*) AS months, count(*) FILTER (WHERE NOT ${partialSql('month', 'm.period')}) AS complete_months FROM m, cov)
SELECT
  c.customers::BIGINT AS customers,
  c.repeat_customers::BIGINT AS repeat_customers,
  ${distinct('ts::DATE')}::BIGINT AS days,
  mm.months::BIGINT AS months,
  mm.complete_months::BIGINT AS complete_months,
  coalesce((SELECT date_diff('day', min(ts)::DATE, max(ts)::DATE) + 1 FROM s WHERE ts IS NOT NULL), 0)::BIGINT AS span_days,
  ${distinct('category')}::BIGINT AS categories,
  ${distinct('product')}::BIGINT AS products,
  b.baskets::BIGINT AS baskets,
  b.multi_baskets::BIGINT AS multi_baskets
FROM c, b, mm`;
}
