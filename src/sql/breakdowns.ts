// Breakdowns by a column: leaderboards, histograms, age groups, per-customer scatters and
// the label counts of every categorical column. Column names come from the caller, so each
// is checked (a canonical or x_ column of `sales`) and quoted.
import { ident, literal, num } from './ident';
import { isProductSql, isServiceSql } from './products';
import { CANONICAL_COLUMNS, EXTRA_PREFIX } from './schema';

const CANONICAL = new Set<string>(CANONICAL_COLUMNS.map((c) => c.name));
const MISSING = `'(missing)'`;

/** A column of `sales`, quoted; throws on names that are neither canonical nor x_ extras. */
function salesColumn(name: string): string {
  if (!CANONICAL.has(name) && !name.startsWith(EXTRA_PREFIX)) throw new Error(`invalid sales column: ${name} (expected a canonical or ${EXTRA_PREFIX} column)`);
  return ident(name);
}

function positive(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`invalid ${what}: ${value} (need an integer ≥ 1)`);
  return value;
}

/**
 * Top n labels of a column by revenue or by lines ('count'): label (NULL → '(missing)'),
 * revenue, lines, transactions, customers, share_revenue (of all filtered revenue, not just
 * the top n), items. Ties → the other measure, then label. The product board ranks
 * merchandise only: service lines (isProductSql) are left out and its shares are of
 * merchandise revenue; serviceLinesSql lists them on their own.
 */
export function leaderboardSql(o: { column: string; by?: 'revenue' | 'count'; n?: number; where?: string }): string {
  // the one-board case of leaderboardsSql (the same CTEs: distinct counts only for the n labels kept)
  return `SELECT label, revenue, lines, transactions, customers, share_revenue, items
FROM (${leaderboardsSql([o], o.where ?? 'TRUE')})
ORDER BY rank`;
}

/**
 * Several leaderboards in one statement over one read of the filtered sales (a filter change
 * reads every board again): leaderboardSql's rows of each board, with `board` (the index in
 * `boards`) and `rank` (1 = top, the board's own order). Callers sort by board and rank.
 */
export function leaderboardsSql(boards: readonly { column: string; by?: 'revenue' | 'count'; n?: number }[], where = 'TRUE'): string {
  if (boards.length === 0) throw new Error('leaderboardsSql: no boards');
  const cols = [...new Set(boards.map((b) => salesColumn(b.column)))];
  const parts = boards.map((b, i) => {
    const col = salesColumn(b.column);
    const by = b.by ?? 'revenue';
    if (by !== 'revenue' && by !== 'count') throw new Error(`invalid leaderboard measure: ${String(by)}`);
    const order = by === 'revenue' ? 'revenue DESC, lines DESC' : 'lines DESC, revenue DESC';
    const label = `coalesce(CAST(${col} AS VARCHAR), ${MISSING})`;
    const products = b.column === 'product' ? ` WHERE ${isProductSql()}` : '';
    return {
      ctes: `a${i} AS (SELECT ${label} AS label, sum(amount)::DOUBLE AS revenue, count(*)::BIGINT AS lines, sum(coalesce(quantity, 1))::DOUBLE AS items FROM s${products} GROUP BY 1),
t${i} AS (SELECT *, revenue / sum(revenue) OVER () AS share_revenue FROM a${i} ORDER BY ${order}, label LIMIT ${num(positive(b.n ?? 10, 'n'))}),
d${i} AS (
  SELECT ${label} AS label, count(DISTINCT tx_id)::BIGINT AS transactions, count(DISTINCT customer_id)::BIGINT AS customers
  FROM s WHERE ${products ? `${isProductSql()} AND ` : ''}${label} IN (SELECT label FROM t${i}) GROUP BY 1
)`,
      select: `SELECT ${i}::INTEGER AS board, row_number() OVER (ORDER BY ${order}, label)::INTEGER AS rank, label, revenue, lines, transactions, customers, share_revenue, items FROM t${i} JOIN d${i} USING (label)`,
    };
  });
  // a filtered read is kept once for every board (at 1M lines, a category filter: 0.35–0.44 s
  // against 0.57 s for four statements; a product filter 0.16 s against 0.36 s); the whole table
  // is not copied (the boards read it as it is: the same time, no second copy in memory)
  const keep = where.trim() === 'TRUE' ? 'NOT MATERIALIZED' : 'MATERIALIZED';
  return `WITH s AS ${keep} (SELECT ${[...cols, 'amount', 'quantity', 'tx_id', 'customer_id'].join(', ')} FROM sales WHERE (${where})),
${parts.map((p) => p.ctes).join(',\n')}
${parts.map((p) => p.select).join('\nUNION ALL\n')}`;
}

/**
 * Service and fees: every service line (postage, carriage, fees, manual adjustments,
 * vouchers, bank charges; see products.ts) with label, revenue, lines, transactions,
 * customers, share_revenue (of all filtered revenue) and total_revenue (all service
 * lines together), by revenue. Shown once, apart from the product rankings.
 */
export function serviceLinesSql(o: { where?: string } = {}): string {
  return `WITH s AS (SELECT product, amount, tx_id, customer_id, ${isServiceSql()} AS service FROM sales WHERE (${o.where ?? 'TRUE'})),
t AS (SELECT sum(amount)::DOUBLE AS total FROM s),
agg AS (
  SELECT product AS label, sum(amount)::DOUBLE AS revenue, count(*)::BIGINT AS lines,
    count(DISTINCT tx_id)::BIGINT AS transactions, count(DISTINCT customer_id)::BIGINT AS customers
  FROM s WHERE service GROUP BY product
)
SELECT label, revenue, lines, transactions, customers, revenue / nullif(t.total, 0) AS share_revenue, sum(revenue) OVER ()::DOUBLE AS total_revenue
FROM agg, t
ORDER BY revenue DESC, lines DESC, label`;
}

/** Options of a histogram: a numeric column of `sales` (filtered) or of the `customers` table (built already filtered). */
export interface HistogramOptions {
  column: string;
  bins?: number;
  where?: string;
  from?: 'sales' | 'customers';
  /** Leave out values above this quantile (e.g. 0.99) so a long tail does not squash the bars; the rows then carry `clipped` (values left out) and `cut`. */
  clipQuantile?: number;
}

/**
 * Histogram of the non-null values: bin_start, bin_end, count, every bin listed (zeros too).
 * Whole-number data get bins [start, end) of a whole 1-2-5 width (1, 2, 5, 10, 20, …) that
 * gives at most `bins` + 1 bins, starting at a multiple of it. Other data get `bins` equal
 * widths over min..max, [start, end) except the last, which holds the maximum. A constant
 * column gives one bin [v − 0.5, v + 0.5] so it stays visible; no values, no rows.
 */
export function histogramSql(o: HistogramOptions): string {
  const bins = positive(o.bins ?? 20, 'bins');
  const from = o.from ?? 'sales';
  const source = from === 'customers' ? `SELECT ${ident(o.column)}::DOUBLE AS x FROM customers` : `SELECT ${salesColumn(o.column)}::DOUBLE AS x FROM sales WHERE (${o.where ?? 'TRUE'})`;
  const q = o.clipQuantile;
  if (q !== undefined && !(q > 0 && q <= 1)) throw new Error(`invalid clip quantile: ${q} (need 0 < q ≤ 1)`);
  const values = `SELECT x FROM (${source}) WHERE x IS NOT NULL AND NOT isnan(x)`;
  const head =
    q === undefined
      ? `WITH v AS (${values}),`
      : `WITH v0 AS (${values}),
cut AS (SELECT quantile_cont(x, ${num(q)}) AS c FROM v0),
v AS (SELECT x FROM v0, cut WHERE x <= cut.c),
clip AS (SELECT count(*) FILTER (WHERE x > cut.c)::BIGINT AS clipped, any_value(cut.c)::DOUBLE AS cut FROM v0, cut),`;
  // Integer data (ages, scores, counts) get integer-wide bins on a 1-2-5 step, aligned to
  // a multiple of it: equal widths of e.g. 52 / 20 = 2.6 years hold 2 or 3 whole ages each,
  // which draws a sawtooth that is not in the data. r = the step the target bin count needs.
  const r = `((b.hi - b.lo + 1) / ${bins})`;
  const p10 = `pow(10, floor(log10(${r})))`;
  const step = `greatest(1, CASE WHEN ${r} / ${p10} <= 1 THEN 1 WHEN ${r} / ${p10} <= 2 THEN 2 WHEN ${r} / ${p10} <= 5 THEN 5 ELSE 10 END * ${p10})`;
  // multiply before dividing so values on an interior edge land exactly in the upper bin
  return `${head}
b0 AS (SELECT min(x) AS lo, max(x) AS hi, bool_and(x = floor(x)) AS ints FROM v HAVING count(*) > 0),
b AS (
  SELECT lo, hi, CASE WHEN hi = lo THEN 'constant' WHEN ints THEN 'integer' ELSE 'equal' END AS kind,
    CASE WHEN ints AND hi > lo THEN ${step} END AS w
  FROM b0 AS b
),
k AS (
  SELECT CASE b.kind WHEN 'constant' THEN 0 WHEN 'integer' THEN floor(x / b.w) - floor(b.lo / b.w) ELSE least(floor((x - b.lo) * ${bins} / (b.hi - b.lo)), ${bins - 1}) END::BIGINT AS i, count(*) AS n
  FROM v, b GROUP BY 1
),
g AS (SELECT r.i FROM b, range(CASE b.kind WHEN 'constant' THEN 1 WHEN 'integer' THEN (floor(b.hi / b.w) - floor(b.lo / b.w) + 1)::BIGINT ELSE ${bins} END) r(i))
SELECT
  CASE b.kind WHEN 'constant' THEN b.lo - 0.5 WHEN 'integer' THEN (floor(b.lo / b.w) + g.i) * b.w ELSE b.lo + g.i * (b.hi - b.lo) / ${bins} END::DOUBLE AS bin_start,
  CASE WHEN b.kind = 'constant' THEN b.lo + 0.5 WHEN b.kind = 'integer' THEN (floor(b.lo / b.w) + g.i + 1) * b.w WHEN g.i = ${bins - 1} THEN b.hi ELSE b.lo + (g.i + 1) * (b.hi - b.lo) / ${bins} END::DOUBLE AS bin_end,
  coalesce(k.n, 0)::BIGINT AS count${q === undefined ? '' : ', clip.clipped, clip.cut'}
FROM g CROSS JOIN b${q === undefined ? '' : ' CROSS JOIN clip'} LEFT JOIN k ON k.i = g.i
ORDER BY g.i`;
}

const AGE_GROUPS: readonly [label: string, upper: number | null][] = [
  ['<18', 18],
  ['18–24', 25],
  ['25–34', 35],
  ['35–44', 45],
  ['45–54', 55],
  ['55–64', 65],
  ['65+', null],
];

/**
 * Customers and their revenue per age group (a customer's age = their most frequent age):
 * age_group, customers, revenue, ord. The six adult groups are always listed, '<18' and
 * '(missing)' only when someone falls in them.
 */
export function ageGroupsSql(o: { where?: string } = {}): string {
  const cases = AGE_GROUPS.map(([label, upper]) => (upper === null ? `ELSE ${literal(label)}` : `WHEN age < ${upper} THEN ${literal(label)}`)).join(' ');
  const groups = [...AGE_GROUPS.map(([label], i) => `(${i}, ${literal(label)}, ${i > 0})`), `(${AGE_GROUPS.length}, ${MISSING}, false)`].join(', ');
  return `WITH c AS (
  SELECT mode(age) AS age, sum(amount) AS revenue FROM sales WHERE customer_id IS NOT NULL AND (${o.where ?? 'TRUE'}) GROUP BY customer_id
),
agg AS (SELECT CASE WHEN age IS NULL THEN ${MISSING} ${cases} END AS age_group, count(*) AS customers, sum(revenue) AS revenue FROM c GROUP BY 1),
groups AS (SELECT * FROM (VALUES ${groups}) v(ord, age_group, always))
SELECT age_group, coalesce(customers, 0)::BIGINT AS customers, coalesce(revenue, 0)::DOUBLE AS revenue, ord::INTEGER AS ord
FROM groups LEFT JOIN agg USING (age_group)
WHERE always OR customers > 0
ORDER BY ord`;
}

/**
 * One point per customer with both values present: x, y, customer_id. From `sales` a
 * customer's value is the mean over their lines (their row in customer-level files); from
 * `customers`, the table's columns. Sampled to ≤ limit by ordering on hash(customer_id):
 * the same points in every engine and thread count (a REPEATABLE reservoir sample depends on
 * the scan order, which differs between wasm and multi-threaded native DuckDB).
 */
export function scatterSql(o: { x: string; y: string; limit?: number; where?: string; from?: 'sales' | 'customers' }): string {
  const limit = positive(o.limit ?? 5000, 'limit');
  const points =
    (o.from ?? 'sales') === 'customers'
      ? `SELECT customer_id, ${ident(o.x)}::DOUBLE AS x, ${ident(o.y)}::DOUBLE AS y FROM customers`
      : `SELECT customer_id, avg(${salesColumn(o.x)})::DOUBLE AS x, avg(${salesColumn(o.y)})::DOUBLE AS y
  FROM sales WHERE customer_id IS NOT NULL AND (${o.where ?? 'TRUE'}) GROUP BY customer_id`;
  return `SELECT x, y, customer_id FROM (
  SELECT * FROM (${points}) WHERE x IS NOT NULL AND y IS NOT NULL
  ORDER BY hash(customer_id), customer_id
  LIMIT ${num(limit)}
)
ORDER BY customer_id`;
}

/**
 * Label counts of several categorical columns in one result: column, label (NULL →
 * '(missing)'), count (rows), revenue, share (of the column's rows); columns in the given
 * order, labels by count then name.
 */
export function categoricalSummarySql(o: { columns: readonly string[]; where?: string }): string {
  const c = ident('column');
  if (o.columns.length === 0) return `SELECT NULL::VARCHAR AS ${c}, NULL::VARCHAR AS label, 0::BIGINT AS count, 0::DOUBLE AS revenue, 0::DOUBLE AS share WHERE false`;
  const read = [...new Set(['amount', ...o.columns])].map(salesColumn).join(', ');
  const parts = o.columns.map(
    (name, i) =>
      `SELECT ${i} AS k, ${literal(name)} AS ${c}, coalesce(CAST(${salesColumn(name)} AS VARCHAR), ${MISSING}) AS label, count(*)::BIGINT AS count, sum(amount)::DOUBLE AS revenue FROM s GROUP BY 3`,
  );
  return `WITH s AS (SELECT ${read} FROM sales WHERE (${o.where ?? 'TRUE'})),
u AS (${parts.join('\nUNION ALL ')})
SELECT ${c}, label, count, revenue, count / sum(count) OVER (PARTITION BY k) AS share
FROM u
ORDER BY k, count DESC, label`;
}
