// Evidence for reading a price column as a unit price or as the line total, measured on
// every row of the raw table (up to a cap). Pure builders: the caller passes typed SQL
// expressions for price, quantity and the other columns; nothing here knows the engine.
//
// A row is "informative" when its quantity differs from the usual quantity of its group:
// there a unit price keeps its usual value while a line total moves with the quantity.

/** Rows read at most by the cross-column query (it also gives revenue under both readings). */
export const PRICE_EVIDENCE_ROW_CAP = 1_000_000;
/** Rows read at most by the within-group query (a statistical test: 200,000 rows settle it). */
export const PRICE_GROUP_ROW_CAP = 200_000;

// a value matches a reference when it is within 1% (plus half a cent, for rounding)
const near = (x: string, ref: string): string => `(abs(${x} - ${ref}) <= 0.01 * abs(${ref}) + 0.005)`;

// the most common value per group, ties broken by the smaller value (mode() breaks them arbitrarily under threads)
const usual = (name: string, expr: string, out: string): string =>
  `c_${name} AS (SELECT k, ${expr} AS x, count(*) AS n FROM v GROUP BY ALL),
u_${name} AS (SELECT c.k, min(c.x) AS ${out} FROM c_${name} c JOIN (SELECT k, max(n) AS top FROM c_${name} GROUP BY k) m ON c.k = m.k AND c.n = m.top GROUP BY c.k)`;

/** Options of the per-group test: price, quantity and group key as SQL expressions over `table`. */
export interface PriceGroupOptions {
  table: string;
  price: string;
  quantity: string;
  /** Group key (a product or category column); `'all'` for the whole file as one group. */
  key: string;
  limit?: number;
}

/**
 * One row: how price and price ÷ quantity behave within groups. Columns: rows (positive price and
 * quantity), groups, varied_groups (groups where quantity varies), informative (rows whose quantity
 * differs from the group's usual one), at_price / at_ratio (informative rows whose price / price ÷ quantity
 * is at the group's usual value), ratio_groups / price_groups (varied groups where ≥ 95% of informative
 * rows are at the usual ratio / price), sxx, sxy, syy (within-group sums of squares of ln quantity and ln price:
 * the elasticity of price to quantity is sxy / sxx — 1 for a line total, about 0 for a unit price); multi, distinct_p,
 * distinct_r: rows with quantity ≠ 1 and their distinct prices and price ÷ quantity (to cents).
 */
export function priceGroupSql(o: PriceGroupOptions): string {
  return `WITH t AS (SELECT ${o.key} AS k, ${o.price} AS p, ${o.quantity} AS q FROM ${o.table} LIMIT ${o.limit ?? PRICE_GROUP_ROW_CAP}),
v AS MATERIALIZED (SELECT k, p, q, round(p / q, 2) AS r FROM t WHERE p > 0 AND q > 0 AND k IS NOT NULL AND isfinite(p) AND isfinite(q)),
${usual('q', 'q', 'mq')},
${usual('p', 'round(p, 2)', 'mp')},
${usual('r', 'r', 'mr')},
g AS (
  SELECT k, mq, mp, mr, lq, lp FROM (SELECT k, avg(ln(q)) AS lq, avg(ln(p)) AS lp FROM v GROUP BY k) a
  JOIN u_q USING (k) JOIN u_p USING (k) JOIN u_r USING (k)
),
j AS (
  SELECT v.k, v.q <> g.mq AS inf, ${near('v.p', 'g.mp')} AS at_p, ${near('v.p / v.q', 'g.mr')} AS at_r,
    ln(v.q) - g.lq AS dq, ln(v.p) - g.lp AS dp
  FROM v JOIN g ON v.k = g.k
),
per AS (
  SELECT k, count(*) AS n, count(*) FILTER (WHERE inf) AS ni,
    count(*) FILTER (WHERE inf AND at_p) AS np, count(*) FILTER (WHERE inf AND at_r) AS nr,
    sum(dq * dq) AS sxx, sum(dq * dp) AS sxy, sum(dp * dp) AS syy
  FROM j GROUP BY k
)
SELECT coalesce(sum(n), 0)::DOUBLE AS rows, count(*)::DOUBLE AS groups,
  count(*) FILTER (WHERE ni > 0)::DOUBLE AS varied_groups,
  coalesce(sum(ni), 0)::DOUBLE AS informative,
  coalesce(sum(np), 0)::DOUBLE AS at_price, coalesce(sum(nr), 0)::DOUBLE AS at_ratio,
  count(*) FILTER (WHERE ni > 0 AND nr >= 0.95 * ni)::DOUBLE AS ratio_groups,
  count(*) FILTER (WHERE ni > 0 AND np >= 0.95 * ni)::DOUBLE AS price_groups,
  coalesce(sum(sxx), 0)::DOUBLE AS sxx, coalesce(sum(sxy), 0)::DOUBLE AS sxy, coalesce(sum(syy), 0)::DOUBLE AS syy,
  (SELECT count(*) FROM v WHERE q <> 1)::DOUBLE AS multi,
  (SELECT count(DISTINCT round(p, 2)) FROM v WHERE q <> 1)::DOUBLE AS distinct_p,
  (SELECT count(DISTINCT r) FROM v WHERE q <> 1)::DOUBLE AS distinct_r
FROM per`;
}

/** A numeric column compared with price and quantity (name is a safe output-column suffix). */
export interface OtherColumn {
  name: string;
  expr: string;
}

/** Options of the cross-column test and of the revenue under both readings. */
export interface PriceColumnsOptions {
  table: string;
  price: string;
  quantity: string;
  /** Other numeric columns (the amount column first when there is one). */
  others: readonly OtherColumn[];
  /** Transaction id expression, for orders and average order value; null counts rows. */
  tx: string | null;
  limit?: number;
}

/**
 * One row: rows (positive price and quantity), q1_rows (of which quantity is 1), multi (quantity ≠ 1),
 * sum_qp / sum_p / sum_q / orders over those rows (revenue under each reading, items, orders), and for each
 * other column x, over rows with quantity ≠ 1 and x present: `<name>_n`, `<name>_total` (price = quantity × x),
 * `<name>_line` (x = quantity × price), `<name>_same` (x = price).
 */
export function priceColumnsSql(o: PriceColumnsOptions): string {
  const cols = o.others.map((c, i) => `${c.expr} AS x${i}`).join(', ');
  const per = o.others
    .map((c, i) => {
      const x = `x${i}`;
      const f = (cond: string): string => `count(*) FILTER (WHERE q <> 1 AND ${x} IS NOT NULL AND ${cond})::DOUBLE`;
      return `${f('TRUE')} AS ${c.name}_n, ${f(near('p', `q * ${x}`))} AS ${c.name}_total, ${f(near(x, 'q * p'))} AS ${c.name}_line, ${f(near(x, 'p'))} AS ${c.name}_same`;
    })
    .join(',\n  ');
  return `WITH t AS (SELECT ${o.price} AS p, ${o.quantity} AS q, ${o.tx ?? 'NULL'} AS tx${cols ? `, ${cols}` : ''} FROM ${o.table} LIMIT ${o.limit ?? PRICE_EVIDENCE_ROW_CAP}),
v AS (SELECT * FROM t WHERE p > 0 AND q > 0 AND isfinite(p) AND isfinite(q))
SELECT count(*)::DOUBLE AS rows, count(*) FILTER (WHERE q = 1)::DOUBLE AS q1_rows, count(*) FILTER (WHERE q <> 1)::DOUBLE AS multi,
  coalesce(sum(q * p), 0)::DOUBLE AS sum_qp, coalesce(sum(p), 0)::DOUBLE AS sum_p, coalesce(sum(q), 0)::DOUBLE AS sum_q,
  ${o.tx ? 'count(DISTINCT tx)' : 'count(*)'}::DOUBLE AS orders${per ? `,\n  ${per}` : ''}
FROM v`;
}

/** Options of the per-invoice test: other numeric columns against the invoice's sum of price or quantity × price. */
export interface PriceInvoiceOptions {
  table: string;
  price: string;
  quantity: string;
  tx: string;
  others: readonly OtherColumn[];
  limit?: number;
}

/**
 * One row: invoices (with positive price and quantity on every line and some quantity ≠ 1), and for each other
 * column x that holds one value per invoice: `<name>_inv` (such invoices), `<name>_sum_line` (x = Σ quantity × price
 * over the invoice's lines) and `<name>_sum_price` (x = Σ price). An invoice total repeated on each line tells
 * which reading adds up.
 */
export function priceInvoiceSql(o: PriceInvoiceOptions): string {
  const cols = o.others.map((c, i) => `${c.expr} AS x${i}`).join(', ');
  const agg = o.others.map((_, i) => `min(x${i}) AS lo${i}, max(x${i}) AS hi${i}`).join(', ');
  const per = o.others
    .map((c, i) => {
      const one = `lo${i} IS NOT NULL AND hi${i} - lo${i} <= 0.005`;
      return `count(*) FILTER (WHERE ${one})::DOUBLE AS ${c.name}_inv, count(*) FILTER (WHERE ${one} AND ${near(`lo${i}`, 'sqp')})::DOUBLE AS ${c.name}_sum_line, count(*) FILTER (WHERE ${one} AND ${near(`lo${i}`, 'sp')})::DOUBLE AS ${c.name}_sum_price`;
    })
    .join(',\n  ');
  return `WITH t AS (SELECT ${o.tx} AS tx, ${o.price} AS p, ${o.quantity} AS q, ${cols} FROM ${o.table} LIMIT ${o.limit ?? PRICE_GROUP_ROW_CAP}),
i AS (
  SELECT tx, sum(q * p) AS sqp, sum(p) AS sp, ${agg} FROM t WHERE tx IS NOT NULL GROUP BY tx
  HAVING bool_and(p > 0 AND q > 0) AND bool_or(q <> 1)
)
SELECT count(*)::DOUBLE AS invoices, ${per}
FROM i`;
}
