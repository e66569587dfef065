// Customer metrics: the `customers` table (one row per known customer), the window-function
// views of each customer's transactions, and summaries read from the customers table.
// Definitions (tests/sql/customers.test.ts checks each by hand):
//   transaction   a distinct tx_id; its time is its earliest line, its amount the sum of lines
//   items         sum of quantity, a line without a quantity counting as one item (so with
//                 quantity unmapped, items = number of lines)
//   recency_days  asOf − the last purchase date, in calendar days (asOf defaults to the last
//                 sales date of the whole data set, so a filter does not move "today")
//   mean_days_between  mean gap between consecutive distinct purchase days = tenure_days /
//                 (purchase_days − 1); NULL when the customer bought on one day only. Same-day
//                 repeat orders do not count as 0-day gaps.
//   favourite_*   most lines; ties → higher spend → name ascending
//   attributes    (age, gender, country, …) most lines; ties → smallest value
//   spend         net of the returns matched to the customer's purchases (rule 4b);
//                 gross_spend = as bought (purchases returned in full included), returns =
//                 every return line of the customer, matched or not (negative)
// Rows without customer_id never reach customer analytics.
import { ident, literal, num } from './ident';
import { isProductSql } from './products';

/** Options of the customers table. */
export interface CustomersOptions {
  /** SQL predicate over canonical columns of `sales` (cross-filter). */
  where?: string;
  /** Reference date for recency, 'YYYY-MM-DD'; default: the last sales date (unfiltered). */
  asOf?: string;
  /** Extra `x_` columns to carry per customer (most frequent value), e.g. attributes of customer-level files. */
  extras?: readonly string[];
  /** Which of age, gender, income, score, country, region, payment to compute (default all); the others stay as NULL columns. Each costs a mode() per customer. */
  attributes?: readonly string[];
  /** Add gross_spend and returns from `purchases` / `returns` (default true; off where only `sales` may be read). */
  grossAndReturns?: boolean;
}

/** The per-customer attribute columns of the customers table, with their types. */
export const CUSTOMER_ATTRIBUTES = { age: 'DOUBLE', gender: 'VARCHAR', income: 'DOUBLE', score: 'DOUBLE', country: 'VARCHAR', region: 'VARCHAR', payment: 'VARCHAR' } as const;

/** Top value of `col` per customer by the favourite rule (products: service lines never count); arg_min over (−lines, −spend, name) does it in one aggregate, three times faster than ranking every pair with row_number. */
function favourite(col: 'category' | 'product'): string {
  return `fav_${col} AS (
  SELECT customer_id, arg_min(${col}, (-n, -spend, ${col})) AS favourite_${col}, max(n) AS favourite_${col}_count
  FROM (SELECT customer_id, ${col}, count(*) AS n, sum(amount) AS spend FROM s WHERE ${col === 'product' ? isProductSql(col) : `${col} IS NOT NULL`} GROUP BY ALL)
  GROUP BY customer_id
)`;
}

/** The temporary table of customersTableSql: one row per customer × transaction × day (× attributes). */
const CUSTOMER_GROUPS = '__customer_groups';

/**
 * Builds `customers`: one row per non-null customer_id with visits, spend, recency, favourites and attributes.
 *
 * Written so that every step is a plain GROUP BY, which DuckDB spills to disk under a memory
 * limit (`count(DISTINCT …)` and `mode()` keep per-group state in memory that cannot spill;
 * at 10M lines with a 1 GB limit they ran out of memory). So:
 *   g      one row per (customer, transaction, day, attribute values): sums, counts, first/last time
 *   visits distinct transactions = rows of g grouped by (customer, transaction); days likewise
 *   attribute  most lines per value; ties → the smallest value (pandas' `Series.mode()[0]`)
 */
export function customersTableSql(o: CustomersOptions = {}): string {
  const where = o.where ?? 'TRUE';
  const asOf = o.asOf !== undefined ? `DATE ${literal(o.asOf)}` : '(SELECT max(ts)::DATE FROM sales)';
  // s is read twice (g and the favourites): scanning sales twice beats keeping a copy of it
  const wanted = new Set(o.attributes ?? Object.keys(CUSTOMER_ATTRIBUTES));
  const net = o.grossAndReturns ?? true;
  const attrCols = [...Object.keys(CUSTOMER_ATTRIBUTES).filter((c) => wanted.has(c)), ...(o.extras ?? [])];
  const read = ['customer_id', 'tx_id', 'ts', 'amount', 'quantity', 'category', 'product', ...attrCols];
  const keys = ['customer_id', 'tx_id', 'ts::DATE AS day', ...attrCols.map(ident)].join(', ');
  const g = `g AS NOT MATERIALIZED (SELECT * FROM ${CUSTOMER_GROUPS})`;
  const s = `s AS NOT MATERIALIZED (SELECT ${read.map(ident).join(', ')} FROM sales WHERE customer_id IS NOT NULL AND (${where}))`;
  // one small aggregate per attribute, over g (normally one row per transaction), each its own table
  const modes = attrCols.map(
    (c, i) => `CREATE OR REPLACE TEMP TABLE ${CUSTOMER_GROUPS}_a${i} AS
WITH ${g}
SELECT customer_id, arg_min(${ident(c)}, (-n, ${ident(c)})) AS ${ident(c)}
FROM (SELECT customer_id, ${ident(c)}, sum(lines) AS n FROM g WHERE ${ident(c)} IS NOT NULL GROUP BY ALL)
GROUP BY customer_id`,
  );
  const attrOut = [
    ...Object.entries(CUSTOMER_ATTRIBUTES).map(([c, type]) => (wanted.has(c) ? `a${attrCols.indexOf(c)}.${ident(c)}` : `NULL::${type} AS ${ident(c)}`)),
    ...(o.extras ?? []).map((c) => `a${attrCols.indexOf(c)}.${ident(c)}`),
  ].join(', ');
  const temps = [CUSTOMER_GROUPS, `${CUSTOMER_GROUPS}_base`, `${CUSTOMER_GROUPS}_fc`, `${CUSTOMER_GROUPS}_fp`, ...attrCols.map((_, i) => `${CUSTOMER_GROUPS}_a${i}`)];
  // Several statements, each one aggregate over a temporary table: under a memory limit every
  // step spills on its own. One statement with all of them (and g as a materialised CTE, which
  // DuckDB holds in memory) ran out of memory at 10M lines with --memory-limit 512MB, while each
  // part alone fits; the parts are tables, whose blocks DuckDB can write to disk.
  return `CREATE OR REPLACE TEMP TABLE ${CUSTOMER_GROUPS} AS
WITH ${s}
SELECT ${keys},
  sum(amount) AS spend, sum(coalesce(quantity, 1)) AS items, count(*) AS lines, min(ts) AS first_ts, max(ts) AS last_ts
FROM s GROUP BY ALL;
CREATE OR REPLACE TEMP TABLE ${CUSTOMER_GROUPS}_base AS
WITH ${g},
tx AS (SELECT customer_id, count(tx_id) AS visits FROM (SELECT customer_id, tx_id FROM g GROUP BY ALL) GROUP BY customer_id),
days AS (SELECT customer_id, count(day) AS purchase_days FROM (SELECT customer_id, day FROM g GROUP BY ALL) GROUP BY customer_id),
base AS (
  SELECT customer_id,
    sum(spend)::DOUBLE AS spend,
    sum(items)::DOUBLE AS items,
    sum(lines)::BIGINT AS lines,
    min(first_ts) AS first_purchase,
    max(last_ts) AS last_purchase
  FROM g GROUP BY customer_id
)
SELECT b.*, tx.visits, days.purchase_days FROM base b JOIN tx USING (customer_id) LEFT JOIN days USING (customer_id);
CREATE OR REPLACE TEMP TABLE ${CUSTOMER_GROUPS}_fc AS
WITH ${s},
${favourite('category')}
SELECT * FROM fav_category;
CREATE OR REPLACE TEMP TABLE ${CUSTOMER_GROUPS}_fp AS
WITH ${s},
${favourite('product')}
SELECT * FROM fav_product;
${modes.map((m) => `${m};\n`).join('')}CREATE OR REPLACE TABLE customers AS
${
  net
    ? `WITH gr AS (SELECT customer_id, sum(returned_amount) AS returned FROM purchases WHERE customer_id IS NOT NULL AND returned_amount <> 0 AND (${where}) GROUP BY ALL),
rt AS (SELECT customer_id, sum(amount) AS returns FROM returns WHERE customer_id IS NOT NULL AND (${where}) GROUP BY ALL)
`
    : ''
}SELECT b.customer_id, b.visits::BIGINT AS visits, b.spend, b.spend / b.visits AS avg_spend, b.items, b.lines,
  b.first_purchase, b.last_purchase,
  date_diff('day', b.last_purchase::DATE, ${asOf})::BIGINT AS recency_days,
  date_diff('day', b.first_purchase::DATE, b.last_purchase::DATE)::BIGINT AS tenure_days,
  b.purchase_days::BIGINT AS purchase_days,
  CASE WHEN b.purchase_days > 1 THEN date_diff('day', b.first_purchase::DATE, b.last_purchase::DATE) / (b.purchase_days - 1) END::DOUBLE AS mean_days_between,
  c.favourite_category, c.favourite_category_count::BIGINT AS favourite_category_count,
  p.favourite_product, p.favourite_product_count::BIGINT AS favourite_product_count,
  ${attrOut}${
    net ? `,
  (b.spend + coalesce(gr.returned, 0))::DOUBLE AS gross_spend, coalesce(rt.returns, 0)::DOUBLE AS returns` : ''
  }
FROM ${CUSTOMER_GROUPS}_base b
LEFT JOIN ${CUSTOMER_GROUPS}_fc c USING (customer_id)
LEFT JOIN ${CUSTOMER_GROUPS}_fp p USING (customer_id)
${attrCols.map((_, i) => `LEFT JOIN ${CUSTOMER_GROUPS}_a${i} a${i} USING (customer_id)\n`).join('')}${net ? 'LEFT JOIN gr USING (customer_id)\nLEFT JOIN rt USING (customer_id)\n' : ''}ORDER BY b.customer_id;
${temps.map((t) => `DROP TABLE ${t}`).join(';\n')}`;
}

/** Per-transaction rows of customers with the three window columns; `filter` narrows the customers. */
function windowSql(filter: string, where: string, withCustomer: boolean): string {
  return `WITH tx AS (
  SELECT customer_id, tx_id, min(ts) AS ts, sum(amount)::DOUBLE AS amount, sum(coalesce(quantity, 1))::DOUBLE AS items
  FROM sales WHERE ${filter} AND (${where}) GROUP BY customer_id, tx_id
)
SELECT ${withCustomer ? 'customer_id, ' : ''}tx_id, ts, amount, items,
  row_number() OVER w AS purchase_rank,
  date_diff('day', (lag(ts) OVER w)::DATE, ts::DATE)::BIGINT AS days_since_prev,
  sum(amount) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running_spend
FROM tx
WINDOW w AS (PARTITION BY customer_id ORDER BY ts NULLS LAST, tx_id)`;
}

/** One customer's transactions in time order: tx_id, ts, amount, items, purchase_rank, days_since_prev (calendar days), running_spend. */
export function purchaseHistorySql(customerId: string, o: { where?: string } = {}): string {
  return `${windowSql(`customer_id = ${literal(customerId)}`, o.where ?? 'TRUE', false)}
ORDER BY purchase_rank`;
}

/** Every known customer's transactions with rank, gap and running spend, ordered by customer then rank; limit/offset page it. */
export function transactionsWindowSql(o: { where?: string; limit?: number; offset?: number } = {}): string {
  const page = (o.limit !== undefined ? `\nLIMIT ${num(o.limit)}` : '') + (o.offset ? ` OFFSET ${num(o.offset)}` : '');
  return `${windowSql('customer_id IS NOT NULL', o.where ?? 'TRUE', true)}
ORDER BY customer_id, purchase_rank${page}`;
}

/** Top n customers of the customers table by spend or visits; ties → the other measure, then customer_id. */
export function topCustomersSql(o: { by?: 'spend' | 'visits'; n?: number } = {}): string {
  const by = o.by ?? 'spend';
  if (by !== 'spend' && by !== 'visits') throw new Error(`invalid top-customers measure: ${String(by)}`);
  const other = by === 'spend' ? 'visits' : 'spend';
  return `SELECT customer_id, spend, visits, avg_spend, recency_days, favourite_category, favourite_product, items
FROM customers
ORDER BY ${by} DESC, ${other} DESC, customer_id
LIMIT ${num(o.n ?? 10)}`;
}

/** One row over the customers table: customers, repeat_customers (visits > 1), repeat_rate, medians (pandas' median = average of the middle two). */
export function customerSummarySql(): string {
  return `SELECT count(*)::BIGINT AS customers,
  count(*) FILTER (WHERE visits > 1)::BIGINT AS repeat_customers,
  count(*) FILTER (WHERE visits > 1) / NULLIF(count(*), 0) AS repeat_rate,
  median(recency_days)::DOUBLE AS median_recency_days,
  avg(spend) AS mean_spend,
  median(spend)::DOUBLE AS median_spend,
  avg(visits) AS mean_visits,
  avg(mean_days_between) AS mean_days_between
FROM customers`;
}

/**
 * Lorenz curve of spend over customers ranked by spend (largest first): customers (rank),
 * customer_share and revenue_share in 0..1, from the origin (0, 0) to (1, 1); no rows when
 * nobody spent. With more than `points` ranks, keeps the ranks nearest to `points` evenly
 * spaced positions, so the first and last points are always there.
 */
export function paretoSql(o: { points?: number } = {}): string {
  const points = o.points ?? 200;
  if (!Number.isInteger(points) || points < 2) throw new Error(`invalid Pareto points: ${points} (need an integer ≥ 2)`);
  return `WITH r AS (
  SELECT 0::BIGINT AS rank, 0::DOUBLE AS cum
  UNION ALL
  SELECT row_number() OVER (ORDER BY spend DESC, customer_id) AS rank,
    sum(spend) OVER (ORDER BY spend DESC, customer_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum
  FROM customers
),
t AS (SELECT count(*) - 1 AS n, max(cum) AS total FROM r),
keep AS (
  SELECT DISTINCT round(j * n / ${points - 1})::BIGINT AS rank FROM t, range(${points}) AS g(j)
)
SELECT r.rank AS customers, r.rank / t.n AS customer_share, r.cum / t.total AS revenue_share
FROM r, t
WHERE t.n > 0 AND t.total > 0 AND (t.n < ${points} OR r.rank IN (SELECT rank FROM keep))
ORDER BY r.rank`;
}

/** Share of revenue of the top 1% / 10% / 20% of customers by spend, where top p% = the ceil(n × p / 100) largest spenders. */
export function paretoSharesSql(): string {
  // integer ceil, so 10% of 70 customers is exactly 7 (a float n × 0.1 could round up to 8)
  const share = (p: number): string => `sum(spend) FILTER (WHERE rank <= (n * ${p} + 99) // 100) / sum(spend) AS top${p}pct`;
  return `WITH r AS (
  SELECT spend, row_number() OVER (ORDER BY spend DESC, customer_id) AS rank, count(*) OVER () AS n FROM customers
)
SELECT ${share(1)}, ${share(10)}, ${share(20)},
  any_value((n * 1 + 99) // 100)::BIGINT AS top1pct_customers,
  any_value((n * 10 + 99) // 100)::BIGINT AS top10pct_customers,
  any_value((n * 20 + 99) // 100)::BIGINT AS top20pct_customers
FROM r`;
}
