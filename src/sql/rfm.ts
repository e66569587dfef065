// RFM scores and segments over the `customers` table.
// Definitions (tests/sql/rfm.test.ts checks each by hand):
//   scores   1–5 by SQL ntile(5): R over recency_days descending (the most recent get 5),
//            F over visits ascending, M over spend ascending (5 = most / highest). ntile
//            cuts by row position, not by value, so customers with equal values can land
//            in different scores; ties are broken by customer_id ascending (byte order of
//            the id text), so among equals the lower id gets the lower score and the same
//            customers always get the same scores. With n customers the first n mod 5
//            scores hold one customer more than the others; with fewer than 5 customers
//            the scores run 1..n.
//   segment  from R and F only (the R×F grid of the usual RFM tutorials); every cell maps
//            to one of 11 names. Lost is the single cell R 1 and F 1 (bought longest ago
//            and least often); the rest of the low corner (R 1–2, F 1–2) is Hibernating.
//            Keeping M out of the segment lets the R×F grid show segments cell by cell.
//   no dates recency is NULL → R, rfm_score and segment are NULL (F and M still computed);
//            rfmSupported() says whether to offer RFM at all.
import { literal } from './ident';

/** The eleven RFM segments, in display order. */
export type RfmSegmentName =
  | 'Champions'
  | 'Loyal'
  | 'Potential Loyalist'
  | 'New'
  | 'Promising'
  | 'Need Attention'
  | 'About to Sleep'
  | 'At Risk'
  | "Can't Lose Them"
  | 'Hibernating'
  | 'Lost';

/** An RFM segment for the UI: its R×F cells (as 10·R + F), the rule in words, what it means and what to do. */
export interface RfmSegment {
  name: RfmSegmentName;
  cells: readonly number[];
  rule: string;
  description: string;
  action: string;
  colour: string;
}

/** The RFM segments in display order; their cells partition the 25 cells of the R×F grid. */
export const RFM_SEGMENTS: readonly RfmSegment[] = [
  { name: 'Champions', cells: [54, 55], rule: 'R 5 and F 4–5', description: 'Bought very recently and buy often.', action: 'Reward them: early access, VIP perks; ask for reviews and referrals.', colour: '#1a7f37' },
  { name: 'Loyal', cells: [34, 35, 44, 45], rule: 'R 3–4 and F 4–5', description: 'Buy often and fairly recently.', action: 'Upsell higher-value products and keep them in a loyalty programme.', colour: '#2f6fdf' },
  { name: 'Potential Loyalist', cells: [42, 43, 52, 53], rule: 'R 4–5 and F 2–3', description: 'Recent customers with a few purchases.', action: 'Offer membership or loyalty rewards and recommend related products.', colour: '#56b4e9' },
  { name: 'New', cells: [51], rule: 'R 5 and F 1', description: 'Bought most recently, but rarely so far.', action: 'Onboard them: welcome series, help with a first success, a reason for a second order.', colour: '#009e73' },
  { name: 'Promising', cells: [41], rule: 'R 4 and F 1', description: 'Recent shoppers with few purchases.', action: 'Build awareness: show the range, offer a trial or a small incentive.', colour: '#7fc8a9' },
  { name: 'Need Attention', cells: [33], rule: 'R 3 and F 3', description: 'Middling recency and frequency.', action: 'Limited-time offers and recommendations based on what they bought.', colour: '#f0e442' },
  { name: 'About to Sleep', cells: [31, 32], rule: 'R 3 and F 1–2', description: 'Below-average recency and frequency; slipping away.', action: 'Reactivate: popular products, useful content, a renewal discount.', colour: '#e69f00' },
  { name: 'At Risk', cells: [13, 14, 23, 24], rule: 'R 1–2 and F 3–4', description: 'Bought fairly often, but long ago.', action: 'Personal win-back messages and offers before they are gone.', colour: '#d55e00' },
  { name: "Can't Lose Them", cells: [15, 25], rule: 'R 1–2 and F 5', description: 'Were among the most frequent buyers, but have not bought for a long time.', action: 'Win them back personally: new products, renewals, ask what went wrong.', colour: '#cc79a7' },
  { name: 'Hibernating', cells: [12, 21, 22], rule: 'R 1–2 and F 1–2, except R 1 and F 1', description: 'Last purchase long ago and few orders.', action: 'Relevant products and special discounts; keep contact cheap.', colour: '#999999' },
  { name: 'Lost', cells: [11], rule: 'R 1 and F 1', description: 'Bought longest ago and least often.', action: 'One reach-out campaign to revive interest; otherwise stop spending on them.', colour: '#6b7280' },
];

/** The segment of an R and F score (1–5 each); null when either is missing or out of range. */
export function rfmSegmentOf(r: number | null, f: number | null): RfmSegmentName | null {
  if (r === null || f === null) return null;
  return RFM_SEGMENTS.find((s) => s.cells.includes(10 * r + f))?.name ?? null;
}

/** Whether RFM can run on a dataset: it needs customers and purchase dates (for recency). */
export function rfmSupported(ctx: { hasDates: boolean; hasCustomers: boolean }): boolean {
  return ctx.hasDates && ctx.hasCustomers;
}

/** The segment of R and F score columns as a SQL CASE; NULL when either is NULL. */
function segmentCase(r = 'r', f = 'f'): string {
  return `CASE ${RFM_SEGMENTS.map((s) => `WHEN ${r} * 10 + ${f} IN (${s.cells.join(', ')}) THEN ${literal(s.name)}`).join(' ')} END`;
}

/** ntile(5) over the customers with a value, ordered by it and then customer_id; NULL for those without. */
function score(col: string, dir: 'ASC' | 'DESC'): string {
  return `CASE WHEN ${col} IS NOT NULL THEN ntile(5) OVER (PARTITION BY ${col} IS NULL ORDER BY ${col} ${dir}, customer_id) END::INTEGER`;
}

/** Builds `rfm` from `customers`: customer_id, recency_days, visits, spend, r, f, m (1–5), rfm_score ('555'), segment; one row per customer. */
export function rfmSql(o: { from?: 'customers' | 'customers_all' } = {}): string {
  const from = o.from ?? 'customers';
  if (from !== 'customers' && from !== 'customers_all') throw new Error(`invalid customers table: ${String(from)}`);
  return `CREATE OR REPLACE TABLE rfm AS
WITH s AS (
  SELECT customer_id, recency_days, visits, spend,
    ${score('recency_days', 'DESC')} AS r,
    ${score('visits', 'ASC')} AS f,
    ${score('spend', 'ASC')} AS m
  FROM ${from}
)
SELECT customer_id, recency_days, visits, spend, r, f, m,
  r::VARCHAR || f::VARCHAR || m::VARCHAR AS rfm_score,
  ${segmentCase()} AS segment
FROM s
ORDER BY customer_id`;
}

/**
 * The eleven segments of the `rfm` table (build it with rfmSql first) in RFM_SEGMENTS
 * order, empty ones included: segment, customers, share_customers (of scored customers),
 * revenue, share_revenue, mean_recency, mean_visits, mean_spend (NULL when empty), rule,
 * description, action, ord.
 * population 'filtered': segments stay those of the whole data, but only the customers in the
 * (filtered) `customers` table count, with their spend, visits and recency there, so the figures
 * follow the active filters (equal to 'all' when nothing is filtered).
 */
export function rfmSummarySql(o: { population?: 'all' | 'filtered' } = {}): string {
  const segs = RFM_SEGMENTS.map((s, i) => `(${i}, ${literal(s.name)}, ${literal(s.rule)}, ${literal(s.description)}, ${literal(s.action)})`).join(',\n  ');
  const c =
    o.population === 'filtered'
      ? 'SELECT r.segment, k.spend, k.visits, k.recency_days FROM rfm r JOIN customers k USING (customer_id) WHERE r.segment IS NOT NULL'
      : 'SELECT * FROM rfm WHERE segment IS NOT NULL';
  return `WITH c AS (${c}),
agg AS (
  SELECT segment, count(*) AS customers, sum(spend) AS revenue,
    avg(recency_days) AS mean_recency, avg(visits) AS mean_visits, avg(spend) AS mean_spend
  FROM c GROUP BY segment
),
tot AS (SELECT count(*) AS customers, sum(spend) AS revenue FROM c),
g AS (SELECT * FROM (VALUES
  ${segs}) v(ord, segment, rule, description, action))
SELECT g.segment,
  coalesce(agg.customers, 0)::BIGINT AS customers,
  (coalesce(agg.customers, 0) / NULLIF(tot.customers, 0))::DOUBLE AS share_customers,
  (CASE WHEN agg.customers IS NULL THEN 0 ELSE agg.revenue END)::DOUBLE AS revenue,
  (coalesce(agg.revenue, 0) / NULLIF(tot.revenue, 0))::DOUBLE AS share_revenue,
  agg.mean_recency::DOUBLE AS mean_recency,
  agg.mean_visits::DOUBLE AS mean_visits,
  agg.mean_spend::DOUBLE AS mean_spend,
  g.rule, g.description, g.action,
  g.ord::INTEGER AS ord
FROM g CROSS JOIN tot LEFT JOIN agg USING (segment)
ORDER BY g.ord`;
}

/** The 5×5 R×F grid of the `rfm` table for a heatmap: r, f, customers, revenue, segment; all 25 cells (zeros too), by r then f. */
export function rfmGridSql(): string {
  return `WITH agg AS (SELECT r, f, count(*) AS customers, sum(spend) AS revenue FROM rfm WHERE r IS NOT NULL AND f IS NOT NULL GROUP BY r, f),
cells AS (SELECT r::INTEGER AS r, f::INTEGER AS f FROM range(1, 6) a(r), range(1, 6) b(f))
SELECT cells.r, cells.f,
  coalesce(agg.customers, 0)::BIGINT AS customers,
  (CASE WHEN agg.customers IS NULL THEN 0 ELSE agg.revenue END)::DOUBLE AS revenue,
  ${segmentCase('cells.r', 'cells.f')} AS segment
FROM cells LEFT JOIN agg USING (r, f)
ORDER BY cells.r, cells.f`;
}
