// Frequently bought together: product pairs counted over baskets, "also bought" for one
// product, bundles per category and basket statistics. Definitions:
//   basket        one tx_id, as the set of its distinct non-null products (quantities and
//                 repeated lines do not count twice)
//   support(x)    baskets holding x / baskets holding at least one product (that
//                 denominator: a basket without products cannot hold a pair, but a basket
//                 with one product is a real chance for a pair that did not happen)
//   confidence(a→b) = baskets with a and b / baskets with a = P(b | a)
//   lift(a, b)    = confidence(a→b) / support(b) = support(ab) / (support(a) · support(b))
// A pair is kept when it is in at least minCount baskets and its support is ≥ minSupport.
// Counting: each basket's sorted list of product ids, expanded into every (a, b) with
// a < b by slicing the list after a (no self-join, no hash table of baskets). Products
// below the thresholds are dropped first (a pair cannot be in more baskets than either
// product), and the work runs on integer ids: on UCI that is 27M candidate pairs, four
// times faster on integers than on the product strings. The aggregation of those 27M
// rows into ~3M distinct pairs is most of the cost.
import { ident, literal, num } from './ident';
import { isProductSql } from './products';

/**
 * Most products that enter pair counting: the pair key packs two ids into one INTEGER
 * (key = a · 46340 + b), about a fifth faster to aggregate in wasm than two columns. Past
 * this many qualifying products the least frequent are left out of pairs (far beyond what
 * a browser could count anyway).
 */
export const MAX_PRODUCTS = 46_339;

/** Default thresholds shared by pairs, bundles and co-purchase recommendations. */
export const PAIR_DEFAULTS = { minSupport: 0.001, minCount: 3 } as const;

/** Thresholds and source of a pair count. */
export interface PairThresholds {
  /** Least support of a pair (0..1); default 0.001. */
  minSupport?: number;
  /** Least number of baskets holding the pair; default 3. */
  minCount?: number;
  /** SQL predicate over canonical columns of the source (cross-filter). */
  where?: string;
  /** Table or view with canonical tx_id and product columns; default `sales`. */
  source?: string;
}

/** Checks an integer option ≥ lo, loudly. */
export function intOption(value: number, what: string, lo = 1): number {
  if (!Number.isInteger(value) || value < lo) throw new Error(`invalid ${what}: ${value} (need an integer ≥ ${lo})`);
  return value;
}

function thresholds(o: PairThresholds): { minSupport: number; minCount: number } {
  const minSupport = o.minSupport ?? PAIR_DEFAULTS.minSupport;
  if (!Number.isFinite(minSupport) || minSupport < 0 || minSupport > 1) throw new Error(`invalid minSupport: ${minSupport} (need 0..1)`);
  return { minSupport, minCount: intOption(o.minCount ?? PAIR_DEFAULTS.minCount, 'minCount') };
}

/**
 * The shared pair counts of one dataset and filter (src/pipeline/pair-base.ts builds them once
 * and the Recommendations tab's three consumers read them): every product and every pair in
 * at least minCount baskets, with no support threshold — each consumer applies its own
 * thresholds, so one build serves any support and any least count ≥ its own.
 */
export interface PairBase {
  /** product, cnt (baskets holding it), pid (follows the product order, ≤ MAX_PRODUCTS). */
  products: string;
  /** pa, pb (pids, pa < pb), cnt (baskets holding both). */
  counts: string;
  /** One row: baskets (distinct tx_id with at least one product, the support denominator). */
  baskets: string;
}

/** The tables of the shared pair counts. */
export const PAIR_BASE: PairBase = { products: 'pair_base_products', counts: 'pair_base_counts', baskets: 'pair_base_baskets' };

/** The CTE of a source's baskets: one row per distinct (tx_id, product). */
function basketsCte(o: { where?: string; source?: string }): string {
  return `pr_b AS (SELECT DISTINCT tx_id, product FROM ${ident(o.source ?? 'sales')} WHERE ${isProductSql()} AND tx_id IS NOT NULL AND (${o.where ?? 'TRUE'}))`;
}

/**
 * The statements building a PairBase from `source` (filtered by `where`): products and pairs
 * in ≥ minCount baskets. Counting: each basket's sorted list of product ids, expanded into
 * every (a, b) with a < b by slicing the list after a.
 */
export function pairBaseSql(t: PairBase, o: { minCount?: number; where?: string; source?: string; temp?: boolean } = {}): string {
  const minCount = intOption(o.minCount ?? PAIR_DEFAULTS.minCount, 'minCount');
  const create = `CREATE OR REPLACE ${o.temp ? 'TEMP ' : ''}TABLE`;
  return `${create} ${ident(t.baskets)} AS WITH ${basketsCte(o)} SELECT count(DISTINCT tx_id)::BIGINT AS baskets FROM pr_b;
${create} ${ident(t.products)} AS WITH ${basketsCte(o)}
SELECT product, cnt, row_number() OVER (ORDER BY product)::INTEGER AS pid FROM (
  SELECT product, count(*)::BIGINT AS cnt FROM pr_b GROUP BY product
  HAVING count(*) >= ${num(minCount)}
  QUALIFY row_number() OVER (ORDER BY cnt DESC, product) <= ${MAX_PRODUCTS}
);
${create} ${ident(t.counts)} AS WITH ${basketsCte(o)},
pr_x AS (SELECT tx_id, row_number() OVER ()::INTEGER AS t FROM (SELECT DISTINCT tx_id FROM pr_b)),
pr_t AS MATERIALIZED (SELECT x.t, k.pid FROM pr_b JOIN ${ident(t.products)} k USING (product) JOIN pr_x x USING (tx_id)),
pr_l AS (SELECT t, list(pid ORDER BY pid) AS ps FROM pr_t GROUP BY t HAVING count(*) > 1)
SELECT (key // ${MAX_PRODUCTS + 1})::INTEGER AS pa, (key % ${MAX_PRODUCTS + 1})::INTEGER AS pb, cnt FROM (
  SELECT key, count(*)::BIGINT AS cnt FROM (${expandPairs('pr_l')})
  GROUP BY key
  HAVING count(*) >= ${num(minCount)}
)`;
}

/** Every (a, b), a < b, of each row's sorted id list `ps` as one packed key (optionally with the row's weight w). */
export function expandPairs(lists: string, weight = false): string {
  // no self-join, so no hash table of baskets to build and probe
  return `SELECT a * ${MAX_PRODUCTS + 1} + unnest(ps[i + 1:]) AS key${weight ? ', w' : ''}
      FROM (SELECT unnest(ps) AS a, generate_subscripts(ps, 1) AS i, ps${weight ? ', w' : ''} FROM ${lists})`;
}

/**
 * CTEs (without the leading WITH) ending in `pr_p`: one row per pair above the thresholds
 * with a < b, count, count_a, count_b (baskets holding each product) and baskets (the
 * support denominator). Other CTEs are prefixed pr_ so the fragment embeds in larger queries.
 * With `base`, the counts are read from a PairBase built with a least count ≤ minCount over
 * the same source and filter, and only the thresholds are applied here.
 */
export function pairCountsCtes(o: PairThresholds & { base?: PairBase } = {}): string {
  const { minSupport, minCount } = thresholds(o);
  const keep = (cnt: string): string => `${cnt} >= ${num(minCount)} AND ${cnt} / (SELECT baskets FROM pr_n) >= ${num(minSupport)}`;
  const pairs = `pr_p AS (
  SELECT ka.product AS a, kb.product AS b, c.cnt AS count, ka.cnt AS count_a, kb.cnt AS count_b, (SELECT baskets FROM pr_n) AS baskets
  FROM pr_c c JOIN pr_k ka ON ka.pid = c.pa JOIN pr_k kb ON kb.pid = c.pb
)`;
  if (o.base) {
    // a pair above the thresholds has both products above them (a product is in at least as many baskets)
    return `${basketsCte(o)},
pr_n AS (SELECT baskets FROM ${ident(o.base.baskets)}),
pr_k AS (SELECT product, cnt, pid FROM ${ident(o.base.products)} WHERE ${keep('cnt')}),
pr_c AS MATERIALIZED (SELECT pa, pb, cnt FROM ${ident(o.base.counts)} WHERE ${keep('cnt')}),
${pairs}`;
  }
  // ids follow the product order, so pid a < pid b exactly when a < b
  return `${basketsCte(o)},
pr_n AS (SELECT count(DISTINCT tx_id)::BIGINT AS baskets FROM pr_b),
pr_k AS (
  SELECT product, cnt, row_number() OVER (ORDER BY product)::INTEGER AS pid FROM (
    SELECT product, count(*)::BIGINT AS cnt FROM pr_b GROUP BY product
    HAVING ${keep('count(*)')}
    QUALIFY row_number() OVER (ORDER BY cnt DESC, product) <= ${MAX_PRODUCTS}
  )
),
pr_x AS (SELECT tx_id, row_number() OVER ()::INTEGER AS t FROM (SELECT DISTINCT tx_id FROM pr_b)),
pr_t AS MATERIALIZED (SELECT x.t, k.pid FROM pr_b JOIN pr_k k USING (product) JOIN pr_x x USING (tx_id)),
pr_l AS (SELECT t, list(pid ORDER BY pid) AS ps FROM pr_t GROUP BY t HAVING count(*) > 1),
pr_c AS MATERIALIZED (
  SELECT (key // ${MAX_PRODUCTS + 1})::INTEGER AS pa, (key % ${MAX_PRODUCTS + 1})::INTEGER AS pb, cnt FROM (
    SELECT key, count(*)::BIGINT AS cnt FROM (${expandPairs('pr_l')})
    GROUP BY key
    HAVING ${keep('count(*)')}
  )
),
${pairs}`;
}

/** The pair measures over `pr_p` (support, both confidences, lift), as a select list. */
function measures(): string {
  return `count / baskets AS support, count / count_a AS confidence_ab, count / count_b AS confidence_ba,
  count * baskets / (count_a * count_b) AS lift`;
}

/**
 * Top pairs: a, b (a < b), count (baskets with both), support, confidence_ab = P(b|a),
 * confidence_ba = P(a|b), lift, count_a, count_b, baskets (support denominator). Ordered by
 * lift or count, ties → the other, then a, b.
 */
export function pairsSql(o: PairThresholds & { limit?: number; orderBy?: 'lift' | 'count'; base?: PairBase } = {}): string {
  const orderBy = o.orderBy ?? 'lift';
  if (orderBy !== 'lift' && orderBy !== 'count') throw new Error(`invalid pair order: ${String(orderBy)} (expected lift or count)`);
  const order = orderBy === 'lift' ? 'lift DESC, count DESC' : 'count DESC, lift DESC';
  return `WITH ${pairCountsCtes(o)}
SELECT a, b, count, ${measures()}, count_a, count_b, baskets
FROM pr_p
ORDER BY ${order}, a, b
LIMIT ${num(intOption(o.limit ?? 200, 'limit'))}`;
}

/**
 * "Who bought X also bought Y" for one product: product (Y ≠ X), count (units with both),
 * confidence = P(Y | X), lift = confidence / share of units with Y, count_x (units with X),
 * count_product (units with Y). A unit is a basket (default, the pairs' definition) or a
 * customer (anything they ever bought). Y needs ≥ minCount shared units (default 3);
 * ordered by count (= by confidence), then lift, then name.
 */
export function alsoBoughtSql(product: string, o: { limit?: number; minCount?: number; by?: 'basket' | 'customer'; where?: string; source?: string } = {}): string {
  const by = o.by ?? 'basket';
  if (by !== 'basket' && by !== 'customer') throw new Error(`invalid also-bought unit: ${String(by)} (expected basket or customer)`);
  const unit = by === 'basket' ? 'tx_id' : 'customer_id';
  const x = literal(product);
  return `WITH u AS (SELECT DISTINCT ${unit} AS u, product FROM ${ident(o.source ?? 'sales')} WHERE ${isProductSql()} AND ${unit} IS NOT NULL AND (${o.where ?? 'TRUE'})),
n AS (SELECT count(DISTINCT u)::BIGINT AS units FROM u),
x AS (SELECT u FROM u WHERE product = ${x}),
co AS (
  SELECT product, count(*)::BIGINT AS cnt FROM u SEMI JOIN x USING (u)
  WHERE product <> ${x} GROUP BY product HAVING count(*) >= ${num(intOption(o.minCount ?? PAIR_DEFAULTS.minCount, 'minCount'))}
),
y AS (SELECT product, count(*)::BIGINT AS cnt FROM u SEMI JOIN co USING (product) GROUP BY product)
SELECT co.product, co.cnt AS count, co.cnt / (SELECT count(*) FROM x) AS confidence,
  (co.cnt / (SELECT count(*) FROM x)) / (y.cnt / n.units) AS lift,
  (SELECT count(*) FROM x)::BIGINT AS count_x, y.cnt AS count_product
FROM co JOIN y USING (product), n
ORDER BY count DESC, lift DESC, co.product
LIMIT ${num(intOption(o.limit ?? 10, 'limit'))}`;
}

/**
 * Suggested bundles: per category, the strongest pairs of two products of that category
 * (a product's category = its most frequent one, ties → name), lift > 1 and above the pair
 * thresholds, by lift then count, then names: category, rank (1..perCategory), a, b, count,
 * support, confidence_ab, confidence_ba, lift; and the bundle's best third product c of the
 * same category (most baskets holding all three, ≥ minCount, ties → name) with count_abc,
 * both NULL when no triple is that frequent. Data without categories gives no rows.
 */
export function bundlesSql(o: PairThresholds & { perCategory?: number; base?: PairBase } = {}): string {
  const per = intOption(o.perCategory ?? 1, 'perCategory');
  const { minCount } = thresholds(o);
  const src = ident(o.source ?? 'sales');
  const where = o.where ?? 'TRUE';
  // pairs counted on all products (support needs every basket), then kept within a category:
  // the join runs only on products that can pair, which is cheap next to the basket scan
  return `WITH ${pairCountsCtes(o)},
pcat AS (
  SELECT product, arg_min(category, (-n, category)) AS category
  FROM (SELECT product, category, count(*) AS n FROM ${src} WHERE product IS NOT NULL AND category IS NOT NULL AND (${where}) GROUP BY ALL)
  GROUP BY product
),
pairs AS (
  SELECT ca.category, p.a, p.b, p.count, ${measures()}
  FROM pr_p p JOIN pcat ca ON ca.product = p.a JOIN pcat cb ON cb.product = p.b
  WHERE ca.category = cb.category
),
top AS (
  SELECT *, row_number() OVER (PARTITION BY category ORDER BY lift DESC, count DESC, a, b) AS rank
  FROM pairs WHERE lift > 1
  QUALIFY rank <= ${num(per)}
),
pair_tx AS (
  SELECT t.category, t.a, t.b, ba.tx_id
  FROM top t JOIN pr_b ba ON ba.product = t.a JOIN pr_b bb ON bb.tx_id = ba.tx_id AND bb.product = t.b
),
third AS (
  SELECT category, a, b, arg_min(product, (-cnt, product)) AS c, max(cnt)::BIGINT AS count_abc
  FROM (
    SELECT x.category, x.a, x.b, bc.product, count(*) AS cnt
    FROM pair_tx x JOIN pr_b bc ON bc.tx_id = x.tx_id AND bc.product NOT IN (x.a, x.b)
    JOIN pcat pc ON pc.product = bc.product AND pc.category = x.category
    GROUP BY ALL HAVING count(*) >= ${num(minCount)}
  )
  GROUP BY ALL
)
SELECT t.category, t.rank::INTEGER AS rank, t.a, t.b, t.count, t.support, t.confidence_ab, t.confidence_ba, t.lift, th.c, th.count_abc
FROM top t LEFT JOIN third th USING (category, a, b)
ORDER BY t.category, t.rank`;
}

/**
 * One row about baskets (distinct tx_id with at least one product): baskets (the support
 * denominator), multi_line_baskets (≥ 2 lines), multi_product_baskets (≥ 2 distinct
 * products, the only ones that make pairs), products, mean_products_per_basket,
 * max_products_per_basket, candidate_pairs (Σ k(k−1)/2: what a naive self-join produces).
 */
export function basketStatsSql(o: { where?: string; source?: string } = {}): string {
  return `WITH k AS (
  SELECT tx_id, count(*) AS lines, count(DISTINCT product) AS products
  FROM ${ident(o.source ?? 'sales')} WHERE ${isProductSql()} AND tx_id IS NOT NULL AND (${o.where ?? 'TRUE'}) GROUP BY tx_id
)
SELECT count(*)::BIGINT AS baskets,
  count(*) FILTER (WHERE lines >= 2)::BIGINT AS multi_line_baskets,
  count(*) FILTER (WHERE products >= 2)::BIGINT AS multi_product_baskets,
  (SELECT count(DISTINCT product) FROM ${ident(o.source ?? 'sales')} WHERE ${isProductSql()} AND tx_id IS NOT NULL AND (${o.where ?? 'TRUE'}))::BIGINT AS products,
  avg(products)::DOUBLE AS mean_products_per_basket,
  coalesce(max(products), 0)::BIGINT AS max_products_per_basket,
  coalesce(sum(products * (products - 1) // 2), 0)::BIGINT AS candidate_pairs
FROM k`;
}
