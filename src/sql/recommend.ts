// Per-customer product recommendations, each with its reason in words, built in one
// statement into the `recommendations` table. The steps, in priority order per customer:
//   1. segment   cold start when the customer has no product history, is inactive
//                (customers.recency_days > inactiveDays) or, for the category rule, has no
//                favourite category; otherwise the primary method ('auto': the category
//                rule when the data has categories, else co-purchase)
//   2. primary   category: the favourite category's products by their sales in that
//                category (revenue or lines). Co-purchase: item-to-item rules x → y with
//                lift > 1 (pairs as src/sql/pairs.ts), each x keeping its `neighbours`
//                strongest (confidence, then lift, then name); score(y) = Σ over the
//                customer's distinct products x of confidence(x → y), so a product tied to
//                several of their purchases rises. Few neighbours: on UCI leave-last-out
//                hit rate@5 was 0.159 / 0.153 / 0.138 / 0.125 / 0.110 for k = 1 / 3 / 5 /
//                10 / 20 (long neighbour lists drift to generally popular products); 3
//                keeps most of the gain and still lets several purchases vote
//   3. cold      overall top sellers, or trending products first then top sellers; also
//                backfills customers whose primary list is shorter than n (backfill option)
//   4. rank      bought products dropped (unless excludeBought is off), a product in both
//                lists keeps its primary row, 1..n by step, then the step's order, then name
// The favourite category and its tie rule come from the customers table (most lines →
// spend → name), so the two never disagree. Scores are in the method's own unit.
import { ident, literal, num } from './ident';
import { intOption, PAIR_DEFAULTS, pairCountsCtes, type PairBase } from './pairs';
import { isProductSql } from './products';

/** Ranking measure of products: revenue (sum of amount) or count (lines). */
export type RankBy = 'revenue' | 'count';
/** How a customer's list is made. */
export type RecommendMethod = 'auto' | 'category' | 'copurchase' | 'popularity';
/** Values of the `method` column: which step produced the row. */
export type RowMethod = 'category' | 'copurchase' | 'cold-start-top' | 'cold-start-trending';

/** Options of the recommendations table. */
export interface RecommendOptions {
  /** Products per customer; default 5. */
  n?: number;
  rankBy?: RankBy;
  /** Leave out products the customer already bought; default true (off for consumables). */
  excludeBought?: boolean;
  /** Customers with recency_days above this get the cold-start list; default 180; null = never. */
  inactiveDays?: number | null;
  /** Cold-start list; 'none' = no cold start and no backfill (the methods alone, for evaluation). Default 'top'. */
  coldStart?: 'top' | 'trending' | 'none';
  /** 'popularity' gives everyone the cold-start list (the evaluation's baseline). Default 'auto'. */
  method?: RecommendMethod;
  /** Fill lists shorter than n from the cold-start list; default true. */
  backfill?: boolean;
  /** SQL predicate over canonical columns of `sales` (cross-filter); the customers table is expected to be built with it. */
  where?: string;
  /** Pair thresholds of co-purchase (defaults as pairsSql). */
  minSupport?: number;
  minCount?: number;
  /** Rules kept per bought product for co-purchase scoring (its k strongest); default 3. */
  neighbours?: number;
  /** Trending: window length in days (default 30) and least baskets in the recent window (default 3). */
  trendDays?: number;
  minRecent?: number;
  /** Shared pair counts over the same source and filter (src/sql/pairs.ts PairBase), built with a least count ≤ minCount; absent = counted here. */
  pairBase?: PairBase;
  /** Source tables (evaluation points these at training data) and the target table. */
  sales?: string;
  customers?: string;
  table?: string;
  temp?: boolean;
  /**
   * Re-read instead of materialise the sub-results used more than once (bought, seg, pcat,
   * owned, prim_c): DuckDB keeps a materialised CTE in memory and cannot spill it, so under a
   * memory limit the list build runs out of memory (1M lines at 320 MB). Measured 2.8× slower
   * (6.6 → 18 s at 1M lines), so buildRecommendations uses it only after an out-of-memory error.
   */
  spillable?: boolean;
  /**
   * Build the lists of one part of the customers only: those with hash(customer_id) % count
   * = index. Part 0 creates the table, the others append to it. A customer's list depends on
   * the shared counts (categories, pairs, popularity, trending) and on that customer alone,
   * so the parts together give exactly the whole build, each holding about 1/count of the
   * per-customer intermediates (buildRecommendations uses parts when the whole does not fit).
   */
  part?: { count: number; index: number };
  /**
   * Tables already holding the sub-results every part shares (recommendationsSharedSql):
   * each named CTE reads its table instead of scanning the sales again. The build in parts
   * uses them, so 44 parts (50M lines) scan the sales once for these, not 44 times.
   */
  shared?: Partial<Record<SharedCte, string>>;
  /**
   * The customers table holds only some of the customers of the sales (the evaluation's
   * evaluated customers, at most EVAL_MAX_CUSTOMERS of them beyond it): what each bought is
   * read for them alone, not for every customer of the sales (the lists are the same).
   */
  someCustomers?: boolean;
}

/** The sub-results of a list build that do not depend on the customer: a product's category, the category rankings, the cold-start list. */
export type SharedCte = 'pcat' | 'cs' | 'cold';

const MEASURE: Record<RankBy, { score: string; order: string; words: string }> = {
  revenue: { score: 'coalesce(sum(amount), 0)::DOUBLE', order: 'revenue DESC, lines DESC', words: 'by revenue' },
  count: { score: 'count(*)::DOUBLE', order: 'lines DESC, revenue DESC', words: 'by number of sales' },
};

function rankByOf(value: string | undefined): RankBy {
  const r = value ?? 'revenue';
  if (r !== 'revenue' && r !== 'count') throw new Error(`invalid rankBy: ${r} (expected revenue or count)`);
  return r;
}

/** Products of `source` (filtered) by overall sales: product, revenue, lines, score, pos (1 = best; ties → the other measure, then name). */
function popularitySelect(source: string, where: string, rankBy: RankBy): string {
  const m = MEASURE[rankBy];
  return `SELECT product, coalesce(sum(amount), 0)::DOUBLE AS revenue, count(*)::BIGINT AS lines, ${m.score} AS score,
    row_number() OVER (ORDER BY ${m.order}, product) AS pos
  FROM ${source} WHERE ${isProductSql()} AND (${where}) GROUP BY product`;
}

/** A product's category: its most frequent (lines), ties → name; products never categorised are absent. */
function productCategorySelect(source: string, where: string): string {
  return `SELECT product, arg_min(category, (-n, category)) AS category
  FROM (SELECT product, category, count(*) AS n FROM ${source} WHERE product IS NOT NULL AND category IS NOT NULL AND (${where}) GROUP BY ALL)
  GROUP BY product`;
}

/**
 * Trending products over `source`: recent = sales in the last `days` days up to the last
 * date of the (unfiltered) source, previous = the `days` before; growth = recent / previous
 * − 1, NULL when previous is 0. Kept: recent > previous and ≥ minRecent baskets recently.
 * Order: products with nothing before first (unbounded growth; by recent), then growth,
 * recent, name.
 */
function trendingSelect(source: string, where: string, rankBy: RankBy, days: number, minRecent: number): string {
  const sum = (win: string): string => (rankBy === 'revenue' ? `coalesce(sum(amount) FILTER (WHERE ${win}), 0)::DOUBLE` : `count(*) FILTER (WHERE ${win})::DOUBLE`);
  const recent = `d > last_day - ${days}`;
  return `SELECT product, recent, previous, recent_baskets,
    CASE WHEN previous > 0 THEN recent / previous - 1 END AS growth,
    row_number() OVER (ORDER BY previous > 0, CASE WHEN previous > 0 THEN recent / previous END DESC, recent DESC, product) AS pos
  FROM (
    SELECT product, ${sum(recent)} AS recent, ${sum(`NOT (${recent})`)} AS previous,
      count(DISTINCT tx_id) FILTER (WHERE ${recent})::BIGINT AS recent_baskets
    FROM (SELECT product, tx_id, amount, ts::DATE AS d FROM ${source} WHERE ${isProductSql()} AND ts IS NOT NULL AND (${where})),
      (SELECT max(ts)::DATE AS last_day FROM ${source})
    WHERE d > last_day - ${2 * days} AND d <= last_day
    GROUP BY product
  )
  WHERE recent > previous AND recent_baskets >= ${minRecent}`;
}

/** Top n sellers overall: rank, product, category, revenue, lines, score (the rankBy measure); ties → the other measure, then name. */
export function topSellersSql(o: { n?: number; rankBy?: RankBy; where?: string; source?: string } = {}): string {
  const src = ident(o.source ?? 'sales');
  const where = o.where ?? 'TRUE';
  return `WITH pop AS (${popularitySelect(src, where, rankByOf(o.rankBy))}),
pcat AS (${productCategorySelect(src, where)})
SELECT pos AS rank, product, category, revenue, lines, score
FROM pop LEFT JOIN pcat USING (product)
WHERE pos <= ${num(intOption(o.n ?? 10, 'n'))}
ORDER BY pos`;
}

/**
 * Trending products: rank, product, category, recent, previous (rankBy measure in the last
 * `days` days up to the last sales date and the `days` before), growth (recent / previous − 1,
 * NULL when previous is 0: those come first), recent_baskets. Needs dates; none → no rows.
 */
export function trendingSql(o: { n?: number; days?: number; rankBy?: RankBy; minRecent?: number; where?: string; source?: string } = {}): string {
  const src = ident(o.source ?? 'sales');
  const where = o.where ?? 'TRUE';
  return `WITH tr AS (${trendingSelect(src, where, rankByOf(o.rankBy), intOption(o.days ?? 30, 'days'), intOption(o.minRecent ?? 3, 'minRecent'))}),
pcat AS (${productCategorySelect(src, where)})
SELECT pos AS rank, product, category, recent, previous, growth, recent_baskets
FROM tr LEFT JOIN pcat USING (product)
WHERE pos <= ${num(intOption(o.n ?? 10, 'n'))}
ORDER BY pos`;
}

/** "(12 of your 20 purchases)", singular for one. */
const purchases = (count: string, lines: string): string => `'(' || ${count} || ' of your ' || ${lines} || CASE WHEN ${lines} = 1 THEN ' purchase)' ELSE ' purchases)' END`;

/**
 * Builds the recommendations table: customer_id, rank (1..n), product, category (the
 * favourite category for category rows, else the product's own), score (the product's sales
 * in the category, Σ confidence, the overall sales of a top seller, or a trending product's
 * growth, NULL when it sold nothing in the previous window), method (RowMethod), reason
 * (words). One row per customer and product; customers of the customers table only; fewer
 * than n rows only when fewer products are left to recommend.
 */
export function recommendationsSql(o: RecommendOptions = {}): string {
  return listSql(o);
}

/**
 * Statements that store the customer-independent sub-results of a build with these options
 * (the same CTEs as recommendationsSql, so the two cannot drift) in temp tables named
 * `${prefix}_${cte}`; pass the returned `shared` to every part's recommendationsSql.
 */
export function recommendationsSharedSql(o: RecommendOptions, prefix: string): { statements: string[]; shared: Partial<Record<SharedCte, string>>; drop: string } {
  const { part: _part, shared: _shared, ...whole } = o;
  const method = whole.method ?? 'auto';
  const names: SharedCte[] = [];
  if (method === 'auto' || method === 'category') names.push('cs');
  if ((whole.coldStart ?? 'top') !== 'none') names.push('cold');
  if (names.includes('cold') || method === 'auto' || method === 'copurchase') names.push('pcat');
  const shared = Object.fromEntries(names.map((c) => [c, `${prefix}_${c}`])) as Partial<Record<SharedCte, string>>;
  return {
    statements: names.map((c) => listSql(whole, { cte: c, table: `${prefix}_${c}` })),
    shared,
    drop: names.map((c) => `DROP TABLE IF EXISTS ${ident(`${prefix}_${c}`)}`).join(';\n'),
  };
}

function listSql(o: RecommendOptions, only?: { cte: SharedCte; table: string }): string {
  const n = intOption(o.n ?? 5, 'n');
  const rankBy = rankByOf(o.rankBy);
  const m = MEASURE[rankBy];
  const method = o.method ?? 'auto';
  if (!['auto', 'category', 'copurchase', 'popularity'].includes(method)) throw new Error(`invalid recommendation method: ${String(method)} (expected auto, category, copurchase or popularity)`);
  const coldStart = o.coldStart ?? 'top';
  if (coldStart !== 'top' && coldStart !== 'trending' && coldStart !== 'none') throw new Error(`invalid coldStart: ${String(coldStart)} (expected top, trending or none)`);
  const inactive = o.inactiveDays === null ? null : intOption(o.inactiveDays ?? 180, 'inactiveDays', 0);
  const neighbours = intOption(o.neighbours ?? 3, 'neighbours');
  const days = intOption(o.trendDays ?? 30, 'trendDays');
  const src = o.sales ?? 'sales';
  const where = o.where ?? 'TRUE';
  const backfill = coldStart !== 'none' && (o.backfill ?? true);
  const useCategory = method === 'auto' || method === 'category';
  const useCopurchase = method === 'auto' || method === 'copurchase';
  // `name AS (` → `name AS NOT MATERIALIZED (` for the CTEs a spillable build re-reads
  const reread = new Set(o.spillable ? ['bought', 'seg', 'pcat', 'owned', 'prim_c'] : []);
  const as = (name: string): string => `${name} AS${reread.has(name) ? ' NOT MATERIALIZED' : ''}`;
  const part = o.part ? { count: intOption(o.part.count, 'part count'), index: intOption(o.part.index, 'part index', 0) } : undefined;
  if (part && part.index >= part.count) throw new Error(`invalid part index: ${part.index} (expected below ${part.count})`);
  // hash() is DuckDB's own, the same in the browser's wasm and in native DuckDB
  const inPart = (col: string): string => (part && part.count > 1 ? ` AND hash(${col}) % ${part.count} = ${part.index}` : '');
  // a shared sub-result already in a table (never while building that table)
  const read = (cte: SharedCte): string | undefined => (o.shared?.[cte] && only === undefined ? `SELECT * FROM ${ident(o.shared[cte] as string)}` : undefined);
  const primary =
    method === 'auto' ? `CASE WHEN EXISTS (SELECT 1 FROM s WHERE category IS NOT NULL) THEN 'category' ELSE 'copurchase' END` : literal(method === 'popularity' ? 'cold' : method);

  const ctes: string[] = [
    // not materialised: a copy of every sales line (≈ 600 MB at 5M lines) would not fit the tab beside the data; each use scans the view again
    `s AS NOT MATERIALIZED (SELECT customer_id, tx_id, ts, product, category, amount FROM ${ident(src)} WHERE ${isProductSql()} AND (${where}))`,
    `${as('bought')} (SELECT DISTINCT customer_id, product FROM s WHERE customer_id IS NOT NULL${inPart('customer_id')}${o.someCustomers ? ` AND customer_id IN (SELECT customer_id FROM ${ident(o.customers ?? 'customers')})` : ''})`,
    `hist AS (SELECT customer_id, count(*) AS products FROM bought GROUP BY customer_id)`,
    `${as('pcat')} (${read('pcat') ?? productCategorySelect('s', 'TRUE')})`,
    `prim AS (SELECT ${primary} AS method)`,
    // why a customer is cold, in words appended to the cold-start reason
    `${as('seg')} (
  SELECT *, CASE WHEN cold_why IS NULL THEN (SELECT method FROM prim) ELSE 'cold' END AS kind FROM (
    SELECT c.customer_id, c.favourite_category, c.favourite_category_count, c.lines, c.recency_days,
      coalesce(h.products, 0) AS products,
      CASE
        WHEN coalesce(h.products, 0) = 0 THEN 'no purchase history'
        ${inactive === null ? '' : `WHEN c.recency_days > ${num(inactive)} THEN 'no purchase for ' || c.recency_days || ' days'`}
        WHEN p.method = 'category' AND c.favourite_category IS NULL THEN 'no favourite category yet'
      END AS cold_why
    FROM ${ident(o.customers ?? 'customers')} c LEFT JOIN hist h USING (customer_id), prim p
    WHERE TRUE${inPart('c.customer_id')}
  )
)`,
  ];
  const excludeBought = o.excludeBought ?? true;
  const notBought = (c: string, p: string): string => `NOT EXISTS (SELECT 1 FROM bought b WHERE b.customer_id = ${c} AND b.product = ${p})`;
  // step-1 sources each give ≤ n rows per customer, bought products already left out
  const primaries: string[] = [];

  if (useCategory) {
    ctes.push(`cs AS (
  ${read('cs') ?? `SELECT category, product, ${m.score} AS score, coalesce(sum(amount), 0) AS revenue, count(*) AS lines,
    row_number() OVER (PARTITION BY category ORDER BY ${m.order}, product) AS pos
  FROM s WHERE category IS NOT NULL GROUP BY category, product`}
)`);
    // depth n + everything the customer bought is always enough after exclusion
    ctes.push(`cat_c AS (
  SELECT g.customer_id, cs.product, cs.category, cs.score, cs.pos AS ord, 'category' AS method,
    'Top seller in ' || cs.category || ' (#' || cs.pos || ' ${m.words}), your favourite category ' || ${purchases('g.favourite_category_count', 'g.lines')} AS reason
  FROM seg g JOIN cs ON cs.category = g.favourite_category AND cs.pos <= ${n} + g.products
  WHERE g.kind = 'category'${excludeBought ? ` AND ${notBought('g.customer_id', 'cs.product')}` : ''}
  QUALIFY row_number() OVER (PARTITION BY g.customer_id ORDER BY cs.pos) <= ${n}
)`);
    primaries.push('cat_c');
  }

  if (useCopurchase) {
    // scored on integer ids (pr_k.pid follows the name order, so ties still break by name)
    ctes.push(pairCountsCtes({ source: 's', minSupport: o.minSupport ?? PAIR_DEFAULTS.minSupport, minCount: o.minCount ?? PAIR_DEFAULTS.minCount, ...(o.pairBase ? { base: o.pairBase } : {}) }));
    // only rules with lift > 1: "often bought with" must mean more often than chance.
    // vrank orders the rules into each y by the reason's tie rule (confidence, lift, name),
    // so the strongest rule behind a product is an integer arg_min, not a struct compare
    ctes.push(`rules AS (
  SELECT x, y, confidence, lift, row_number() OVER (PARTITION BY y ORDER BY confidence DESC, lift DESC, x) AS vrank FROM (
    SELECT c.pa AS x, c.pb AS y, c.cnt / ka.cnt AS confidence, c.cnt * (SELECT baskets FROM pr_n) / (ka.cnt * kb.cnt) AS lift
    FROM pr_c c JOIN pr_k ka ON ka.pid = c.pa JOIN pr_k kb ON kb.pid = c.pb
    UNION ALL
    SELECT c.pb, c.pa, c.cnt / kb.cnt, c.cnt * (SELECT baskets FROM pr_n) / (ka.cnt * kb.cnt)
    FROM pr_c c JOIN pr_k ka ON ka.pid = c.pa JOIN pr_k kb ON kb.pid = c.pb
  )
  WHERE lift > 1
  QUALIFY row_number() OVER (PARTITION BY x ORDER BY confidence DESC, lift DESC, y) <= ${neighbours}
)`);
    ctes.push(`cust_ids AS (SELECT customer_id, row_number() OVER (ORDER BY customer_id)::INTEGER AS cid FROM seg WHERE kind = 'copurchase')`);
    ctes.push(`${as('owned')} (SELECT c.cid, k.pid FROM bought b JOIN cust_ids c USING (customer_id) JOIN pr_k k USING (product))`);
    // scores are sums of doubles: rounded before ranking so ties break by name on every engine
    ctes.push(`cp_top AS (
  SELECT cid, y, score, sources, via, via_lift, row_number() OVER (PARTITION BY cid ORDER BY round(score, 9) DESC, y) AS ord
  FROM (
    SELECT o.cid, r.y, sum(r.confidence) AS score, count(*) AS sources, arg_min(r.x, r.vrank) AS via, arg_min(r.lift, r.vrank) AS via_lift
    FROM owned o JOIN rules r ON r.x = o.pid GROUP BY ALL
  ) t
  ${excludeBought ? 'WHERE NOT EXISTS (SELECT 1 FROM owned w WHERE w.cid = t.cid AND w.pid = t.y)' : ''}
  QUALIFY ord <= ${n}
)`);
    ctes.push(`cp_c AS (
  SELECT c.customer_id, ky.product, pcat.category, t.score, t.ord, 'copurchase' AS method,
    'Often bought with ' || kx.product || ' (lift ' || printf('%.1f', t.via_lift) || ')' ||
      CASE WHEN t.sources = 2 THEN ' and with 1 other product you bought' WHEN t.sources > 2 THEN ' and with ' || (t.sources - 1) || ' other products you bought' ELSE '' END AS reason
  FROM cp_top t JOIN cust_ids c USING (cid) JOIN pr_k ky ON ky.pid = t.y JOIN pr_k kx ON kx.pid = t.via
    LEFT JOIN pcat ON pcat.product = ky.product
)`);
    primaries.push('cp_c');
  }

  const empty = `SELECT NULL::VARCHAR AS customer_id, NULL::VARCHAR AS product, NULL::VARCHAR AS category, NULL::DOUBLE AS score, NULL::BIGINT AS ord, NULL::VARCHAR AS method, NULL::VARCHAR AS reason WHERE false`;
  ctes.push(`${as('prim_c')} (${primaries.length ? primaries.map((c) => `SELECT customer_id, product, category, score, ord, method, reason FROM ${c}`).join(' UNION ALL ') : empty})`);

  const coldTable = coldStart !== 'none' ? read('cold') : undefined;
  if (coldTable) ctes.push(`cold AS (${coldTable})`);
  else if (coldStart !== 'none') {
    ctes.push(`pop AS (${popularitySelect('s', 'TRUE', rankBy)})`);
    const top = `SELECT product, score, pos, 'cold-start-top' AS method, 'Best seller overall (#' || pos || ' ${m.words})' AS reason FROM pop`;
    if (coldStart === 'trending') {
      ctes.push(`tr AS (${trendingSelect(ident(src), where, rankBy, days, intOption(o.minRecent ?? 3, 'minRecent'))})`);
      // trending first, then the top sellers not trending; ord renumbered so it has no gaps
      ctes.push(`cold AS (
  SELECT product, score, row_number() OVER (ORDER BY part, pos) AS ord, method, reason FROM (
    SELECT 1 AS part, pos, product, growth AS score, 'cold-start-trending' AS method,
      CASE WHEN previous > 0 THEN 'Trending now: ' || printf('%+.0f', 100 * growth) || '% in the last ${days} days'
        ELSE 'Trending now: ' || recent_baskets || CASE WHEN recent_baskets = 1 THEN ' order' ELSE ' orders' END || ' in the last ${days} days, none in the ${days} before' END AS reason
    FROM tr
    UNION ALL
    SELECT 2, pos, product, score, method, reason FROM (${top}) WHERE product NOT IN (SELECT product FROM tr)
  )
)`);
    } else {
      ctes.push(`cold AS (SELECT product, score, pos AS ord, method, reason FROM (${top}))`);
    }
  }
  if (coldStart !== 'none') {
    // only customers short of n rows; n + (bought) + (primary rows ≤ n) cold rows always suffice
    ctes.push(`cold_c AS (
  SELECT g.customer_id, cold.product, pcat.category, cold.score, cold.ord, cold.method,
    cold.reason || coalesce('; ' || g.cold_why, '') AS reason
  FROM seg g LEFT JOIN (SELECT customer_id, count(*) AS k FROM prim_c GROUP BY customer_id) p USING (customer_id)
    JOIN cold ON cold.ord <= ${2 * n} + g.products
    LEFT JOIN pcat ON pcat.product = cold.product
  WHERE ${backfill ? `coalesce(p.k, 0) < ${n}` : `g.kind = 'cold'`}${excludeBought ? ` AND ${notBought('g.customer_id', 'cold.product')}` : ''}
)`);
  }

  // DuckDB computes only the CTEs the final SELECT reaches
  if (only) return `CREATE OR REPLACE TEMP TABLE ${ident(only.table)} AS\nWITH ${ctes.join(',\n')}\nSELECT * FROM ${only.cte}`;

  const cand = `SELECT *, 1 AS step FROM prim_c${coldStart !== 'none' ? ' UNION ALL SELECT *, 2 AS step FROM cold_c' : ''}`;
  // a product both in the primary list and the cold list keeps its primary row
  const target = ident(o.table ?? 'recommendations');
  const head = part && part.index > 0 ? `INSERT INTO ${target}` : `CREATE OR REPLACE ${o.temp ? 'TEMP ' : ''}TABLE ${target} AS`;
  return `${head}
WITH ${ctes.join(',\n')}
SELECT customer_id, row_number() OVER (PARTITION BY customer_id ORDER BY step, ord, product)::INTEGER AS rank,
  product, category, score::DOUBLE AS score, method::VARCHAR AS method, reason::VARCHAR AS reason
FROM (
  SELECT * FROM (${cand})
  QUALIFY row_number() OVER (PARTITION BY customer_id, product ORDER BY step, ord) = 1
)
QUALIFY rank <= ${n}
ORDER BY customer_id, rank`;
}

/** One customer's recommendations from the table: rank, product, category, score, method, reason. */
export function customerRecommendationsSql(customerId: string, o: { table?: string } = {}): string {
  return `SELECT rank, product, category, score, method, reason FROM ${ident(o.table ?? 'recommendations')}
WHERE customer_id = ${literal(customerId)}
ORDER BY rank`;
}

/** Every customer's recommendations for the CSV export: customer, rank, product, category, reason, by customer then rank. */
export function allRecommendationsSql(o: { table?: string } = {}): string {
  return `SELECT customer_id AS customer, rank, product, category, reason FROM ${ident(o.table ?? 'recommendations')} ORDER BY customer_id, rank`;
}

/**
 * One row over the recommendations and customers tables: customers, with_recommendations,
 * cold_start_customers (every row cold-start: inactive, no history or no category, or a
 * primary method that found nothing), rows, mean_per_customer, customers per main method
 * (of their rank-1 row): category_customers, copurchase_customers, cold_start_top_customers,
 * cold_start_trending_customers; rows per method: *_rows; backfilled_rows (cold-start rows of
 * customers whose list starts with category or co-purchase).
 */
export function recommendationsSummarySql(o: { table?: string; customers?: string } = {}): string {
  const methods: [string, RowMethod][] = [
    ['category', 'category'],
    ['copurchase', 'copurchase'],
    ['cold_start_top', 'cold-start-top'],
    ['cold_start_trending', 'cold-start-trending'],
  ];
  return `WITH r AS (SELECT * FROM ${ident(o.table ?? 'recommendations')}),
per AS (
  SELECT customer_id, count(*) AS k, bool_and(method LIKE 'cold-start-%') AS cold, arg_min(method, rank) AS main,
    count(*) FILTER (WHERE method LIKE 'cold-start-%') AS cold_rows
  FROM r GROUP BY customer_id
)
SELECT (SELECT count(*) FROM ${ident(o.customers ?? 'customers')})::BIGINT AS customers,
  count(*)::BIGINT AS with_recommendations,
  count(*) FILTER (WHERE cold)::BIGINT AS cold_start_customers,
  coalesce(sum(k), 0)::BIGINT AS rows,
  avg(k)::DOUBLE AS mean_per_customer,
  ${methods.map(([name, value]) => `count(*) FILTER (WHERE main = '${value}')::BIGINT AS ${name}_customers`).join(',\n  ')},
  ${methods.map(([name, value]) => `(SELECT count(*) FROM r WHERE method = '${value}')::BIGINT AS ${name}_rows`).join(',\n  ')},
  coalesce(sum(cold_rows) FILTER (WHERE NOT cold), 0)::BIGINT AS backfilled_rows
FROM per`;
}

/**
 * What the data offers recommendations, one row: sales_rows, has_products, has_customers,
 * has_categories, has_dates, multi_product_baskets (baskets with ≥ 2 distinct products, the
 * only ones that make pairs), customers_table (the customers table exists).
 */
export function recommendationsAvailabilitySql(o: { where?: string; source?: string } = {}): string {
  const src = ident(o.source ?? 'sales');
  const where = o.where ?? 'TRUE';
  return `SELECT count(*)::BIGINT AS sales_rows,
  count(product) > 0 AS has_products,
  count(customer_id) > 0 AS has_customers,
  count(category) > 0 AS has_categories,
  count(ts) > 0 AS has_dates,
  (SELECT count(*) FROM (SELECT tx_id FROM ${src} WHERE ${isProductSql()} AND tx_id IS NOT NULL AND (${where}) GROUP BY tx_id HAVING count(DISTINCT product) >= 2))::BIGINT AS multi_product_baskets,
  (SELECT count(*) > 0 FROM duckdb_tables() WHERE table_name = 'customers' AND schema_name = 'main' AND database_name = current_database()) AS customers_table
FROM ${src} WHERE (${where})`;
}
