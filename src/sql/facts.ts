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
import { coverageCte, partialSql } from './trends';

/** One row of data facts (see the header); every count is 0 when the column is absent or empty. */
export function dataFactsSql(o: { where?: string } = {}): string {
  const where = o.where ?? 'TRUE';
  return `WITH s AS (SELECT customer_id, tx_id, ts, product, category FROM sales WHERE (${where})),
${coverageCte()},
c AS (SELECT customer_id, count(DISTINCT tx_id) AS tx FROM s WHERE customer_id IS NOT NULL GROUP BY 1),
b AS (SELECT tx_id, count(DISTINCT product) AS n FROM s WHERE product IS NOT NULL AND tx_id IS NOT NULL GROUP BY 1),
m AS (SELECT DISTINCT date_trunc('month', ts)::DATE AS period FROM s WHERE ts IS NOT NULL)
SELECT
  (SELECT count(*) FROM c)::BIGINT AS customers,
  (SELECT count(*) FILTER (WHERE tx >= 2) FROM c)::BIGINT AS repeat_customers,
  (SELECT count(DISTINCT ts::DATE) FROM s WHERE ts IS NOT NULL)::BIGINT AS days,
  (SELECT count(*) FROM m)::BIGINT AS months,
  (SELECT count(*) FROM m, cov WHERE NOT ${partialSql('month', 'm.period')})::BIGINT AS complete_months,
  coalesce((SELECT date_diff('day', min(ts)::DATE, max(ts)::DATE) + 1 FROM s WHERE ts IS NOT NULL), 0)::BIGINT AS span_days,
  (SELECT count(DISTINCT category) FROM s)::BIGINT AS categories,
  (SELECT count(DISTINCT product) FROM s)::BIGINT AS products,
  (SELECT count(*) FROM b)::BIGINT AS baskets,
  (SELECT count(*) FILTER (WHERE n >= 2) FROM b)::BIGINT AS multi_baskets`;
}
