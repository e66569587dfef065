// Leave-last-out evaluation of the recommendation methods, in SQL on temporary tables:
//   1. hidden    each repeat customer's (≥ 2 transactions) last transaction: latest ts
//                (time of its earliest line; undated last), ties → larger tx_id
//   (beyond the cap of evaluated customers, src/pipeline/recommendations.ts: train is a view,
//   not a copy, and truth keeps a seeded random sample of the customers, evalSampleSql;
//   everything learnt from the training data stays exactly what the full evaluation learns)
//   2. train     every sales line (anonymous ones too) except the hidden transactions
//   3. truth     the distinct products of each hidden transaction; a customer is evaluated
//                when that set is not empty
//   4. customers the customers table rebuilt on train by customersTableSql itself, so the
//                favourite categories follow exactly the app's rule
//   4b. pairs    the training data's pair counts, from the full data's shared counts
//                (src/sql/pairs.ts PairBase): only the hidden transactions' baskets differ
//   5. lists     recommendationsSql on train, one temp table per method, the methods alone
//                (no cold start, no backfill, no inactivity rule): a customer a method cannot
//                serve counts as a miss, so every method is scored on the same customers
//   6. score     hit rate@N = share of evaluated customers with ≥ 1 recommended product in
//                truth; precision@N = mean of hits / N (N, not the list length)
import { customersTableSql } from './customers';
import { ident, num } from './ident';
import { expandPairs, intOption, MAX_PRODUCTS, type PairBase } from './pairs';
import { isProductSql } from './products';
import { recommendationsSql, type RankBy } from './recommend';
import { seededCustomerSampleSql } from './sample';

/** Methods the evaluation scores: the two rules and the baseline. */
export type EvalMethod = 'category' | 'copurchase' | 'popularity';

/** Names of one run's temporary tables. */
export interface EvalTables {
  hidden: string;
  train: string;
  truth: string;
  /** The evaluated customers beyond the cap (evalSampleSql). */
  sample: string;
  customers: string;
  /** The training data's pair counts (statement 4b), and the baskets they differ by. */
  pairs: PairBase & { delta: string };
  lists: Record<EvalMethod, string>;
}

/** The temp tables of evaluation run `run` (letters and digits): a run id keeps a superseded run that is still finishing from reading or dropping a newer run's tables. */
export function evalTables(run = '0'): EvalTables {
  if (!/^[a-z0-9]+$/i.test(run)) throw new Error(`invalid evaluation run id: ${run}`);
  const t = (name: string): string => `rec_eval_${run}_${name}`;
  return {
    hidden: t('hidden'),
    train: t('train'),
    truth: t('truth'),
    sample: t('sample'),
    customers: t('customers'),
    pairs: { products: t('pair_products'), counts: t('pair_counts'), baskets: t('pair_baskets'), delta: t('pair_delta') },
    lists: { category: t('list_category'), copurchase: t('list_copurchase'), popularity: t('list_popularity') },
  };
}

/** Statements 1–3: hidden transactions, training lines and the hidden products, as temp tables (`trainView`: the training lines as a view, no copy). */
export function holdoutSql(t: EvalTables, o: { where?: string; trainView?: boolean } = {}): string {
  const where = o.where ?? 'TRUE';
  return `CREATE OR REPLACE TEMP TABLE ${t.hidden} AS
SELECT customer_id, tx_id FROM (
  SELECT customer_id, tx_id, count(*) OVER (PARTITION BY customer_id) AS txs,
    row_number() OVER (PARTITION BY customer_id ORDER BY ts DESC NULLS LAST, tx_id DESC) AS k
  FROM (SELECT customer_id, tx_id, min(ts) AS ts FROM sales WHERE customer_id IS NOT NULL AND tx_id IS NOT NULL AND (${where}) GROUP BY ALL)
)
WHERE k = 1 AND txs >= 2;
CREATE OR REPLACE TEMP ${o.trainView ? 'VIEW' : 'TABLE'} ${t.train} AS
SELECT customer_id, tx_id, ts, amount, quantity, product, category FROM sales s
WHERE (${where}) AND NOT EXISTS (SELECT 1 FROM ${t.hidden} h WHERE h.customer_id = s.customer_id AND h.tx_id = s.tx_id);
CREATE OR REPLACE TEMP TABLE ${t.truth} AS
SELECT DISTINCT s.customer_id, s.product FROM sales s JOIN ${t.hidden} h USING (customer_id, tx_id)
WHERE ${isProductSql('s.product')} AND (${where})`;
}

/**
 * Statement 3b, beyond the cap: keeps in truth only a seeded uniform random sample of `size`
 * of its customers (the evaluated ones), so lists are built and scored for them alone.
 */
export function evalSampleSql(t: EvalTables, size: number, seed = 0): string {
  return `CREATE OR REPLACE TEMP TABLE ${t.sample} AS ${seededCustomerSampleSql(`(SELECT DISTINCT customer_id FROM ${t.truth})`, size, seed)};
DELETE FROM ${t.truth} WHERE customer_id NOT IN (SELECT customer_id FROM ${t.sample})`;
}

/**
 * Statement 4: the customers table of the training lines, for evaluated customers only
 * (`sampled`: read from the sampled customers' lines alone).
 * customersTableSql is reused rather than restated; a guard fails loudly if its shape
 * changes so that it no longer reads only `sales`.
 */
export function trainingCustomersSql(t: EvalTables, o: { sampled?: boolean } = {}): string {
  const base = customersTableSql({ attributes: [], grossAndReturns: false });
  const head = 'CREATE OR REPLACE TABLE customers AS';
  // beyond the cap only the sampled customers' lines are read: what the lists take from this
  // table (favourite category, its count, lines) is per customer; only recency_days, which
  // the evaluation does not use (no inactivity rule), would see a different "today"
  const source = o.sampled ? `(SELECT * FROM ${t.train} WHERE customer_id IN (SELECT customer_id FROM ${t.sample}))` : t.train;
  const sql = base.replace(head, `CREATE OR REPLACE TEMP TABLE ${t.customers} AS`).replaceAll(/\bFROM sales\b/g, `FROM ${source}`);
  if (!base.includes(head) || /\bsales\b/.test(sql)) throw new Error('customersTableSql changed shape: the evaluation cannot point it at the training data');
  return `${sql};
DELETE FROM ${t.customers} WHERE customer_id NOT IN (SELECT customer_id FROM ${t.truth})`;
}

/**
 * Statement 4b: the training data's pair counts, derived from the full data's (`full`, a
 * PairBase over `sales` with the same filter) instead of counted again. Only the baskets of
 * hidden transactions differ between the two, so their products and pairs as the full data
 * has them are taken off and what the training data keeps of them (another customer's lines
 * of the same tx_id, if any) is added back: exact, at the cost of a few thousand baskets.
 * Products and pairs below `full`'s least count stay out (training counts are never larger).
 */
export function trainPairBaseSql(t: EvalTables, full: PairBase, o: { where?: string } = {}): string {
  const where = o.where ?? 'TRUE';
  // the affected baskets as the full data has them (−1) and as training keeps them (+1), read once
  const delta = `d_b AS (SELECT * FROM ${t.pairs.delta})`;
  return `CREATE OR REPLACE TEMP TABLE ${t.pairs.delta} AS
WITH aff AS (SELECT DISTINCT tx_id FROM ${t.hidden}),
f AS (SELECT tx_id, product FROM sales SEMI JOIN aff USING (tx_id) WHERE ${where}),
r AS (SELECT tx_id, product FROM ${t.train} SEMI JOIN aff USING (tx_id))
SELECT DISTINCT tx_id, product, -1 AS w FROM f WHERE ${isProductSql()}
UNION ALL
SELECT DISTINCT tx_id, product, 1 AS w FROM r WHERE ${isProductSql()};
CREATE OR REPLACE TEMP TABLE ${t.pairs.baskets} AS WITH ${delta}
SELECT ((SELECT baskets FROM ${ident(full.baskets)}) + coalesce((SELECT sum(w) FROM (SELECT DISTINCT tx_id, w FROM d_b)), 0))::BIGINT AS baskets;
CREATE OR REPLACE TEMP TABLE ${t.pairs.products} AS WITH ${delta},
d AS (SELECT product, sum(w) AS delta FROM d_b GROUP BY product)
SELECT p.product, (p.cnt + coalesce(d.delta, 0))::BIGINT AS cnt, p.pid FROM ${ident(full.products)} p LEFT JOIN d USING (product);
CREATE OR REPLACE TEMP TABLE ${t.pairs.counts} AS WITH ${delta},
d_l AS (SELECT tx_id, w, list(pid ORDER BY pid) AS ps FROM d_b JOIN ${ident(full.products)} USING (product) GROUP BY tx_id, w HAVING count(*) > 1),
d_c AS (SELECT key, sum(w) AS delta FROM (${expandPairs('d_l', true)}) GROUP BY key)
SELECT c.pa, c.pb, (c.cnt + coalesce(d.delta, 0))::BIGINT AS cnt
FROM ${ident(full.counts)} c LEFT JOIN d_c d ON d.key = c.pa * ${MAX_PRODUCTS + 1} + c.pb`;
}

/** What the training data supports, one row: evaluated, has_categories, multi_product_baskets. */
export function evalSupportSql(t: EvalTables): string {
  return `SELECT (SELECT count(DISTINCT customer_id) FROM ${t.truth})::BIGINT AS evaluated,
  (SELECT count(category) > 0 FROM ${t.train} WHERE ${isProductSql()}) AS has_categories,
  (SELECT count(*) FROM (SELECT tx_id FROM ${t.train} WHERE ${isProductSql()} GROUP BY tx_id HAVING count(DISTINCT product) >= 2))::BIGINT AS multi_product_baskets`;
}

/** Options of one method's lists on the training data. */
export interface EvalListOptions {
  n?: number;
  rankBy?: RankBy;
  excludeBought?: boolean;
  minSupport?: number;
  minCount?: number;
  neighbours?: number;
}

/** Statement 5: a method's top-n lists for the evaluated customers, from training data only. */
export function evalListSql(t: EvalTables, method: EvalMethod, o: EvalListOptions & { pairBase?: PairBase } = {}): string {
  return recommendationsSql({
    ...o,
    method,
    coldStart: method === 'popularity' ? 'top' : 'none',
    backfill: false,
    inactiveDays: null,
    sales: t.train,
    customers: t.customers,
    table: t.lists[method],
    temp: true,
    // the training customers table holds the evaluated customers only
    someCustomers: true,
  });
}

/** Statement 6: evaluated, covered (customers with a list), hits (Σ), hit_rate, precision (hits / n, averaged) of a method's lists. */
export function evalScoreSql(t: EvalTables, method: EvalMethod, n: number): string {
  return `WITH per AS (
  SELECT r.customer_id, count(*) AS recs, count(h.product) AS hits
  FROM ${ident(t.lists[method])} r LEFT JOIN ${t.truth} h USING (customer_id, product)
  WHERE r.rank <= ${num(intOption(n, 'n'))}
  GROUP BY r.customer_id
)
SELECT count(*)::BIGINT AS evaluated,
  count(per.recs)::BIGINT AS covered,
  coalesce(sum(per.hits), 0)::BIGINT AS hits,
  avg((coalesce(per.hits, 0) > 0)::INTEGER)::DOUBLE AS hit_rate,
  avg(coalesce(per.hits, 0) / ${num(n)})::DOUBLE AS precision
FROM (SELECT DISTINCT customer_id FROM ${t.truth}) e LEFT JOIN per USING (customer_id)`;
}

/** Drops every temporary table of a run (and the training view, when `trainView`). */
export function evalCleanupSql(t: EvalTables, o: { trainView?: boolean } = {}): string {
  const tables = [t.hidden, ...(o.trainView ? [] : [t.train]), t.truth, t.customers, ...Object.values(t.pairs), ...Object.values(t.lists), ...(o.trainView ? [t.sample] : [])];
  return [...(o.trainView ? [`DROP VIEW IF EXISTS ${t.train}`] : []), ...tables.map((name) => `DROP TABLE IF EXISTS ${name}`)].join(';\n');
}
