// Data of the Recommendations view: the recommendations table for every customer, the
// frequently-bought-together pairs and bundles, one customer's lookup, and the
// leave-last-out evaluation.
import type { AppConnector, Connector } from '../engine/connector';
import { toRows, type Row } from '../engine/rows';
import { buildRecommendations, evaluateRecommendations, type Evaluation, type EvaluationLimits, type RecommendationsSummary } from '../pipeline/recommendations';
import { alsoBoughtSql, basketStatsSql, bundlesSql, pairsSql } from '../sql/pairs';
import { allRecommendationsSql, customerRecommendationsSql } from '../sql/recommend';
import { purchaseHistorySql } from '../sql/customers';
import { literal } from '../sql/ident';
import { ensurePairBase } from '../pipeline/pair-base';
import { forgetKey, memo, memoByKey, memoKey, tableStamp } from '../pipeline/memo';
import { sampleReport } from './sampling';

/** What the user chose. */
export type { RecommendSettings } from './settings';
/** The rows these functions return (views name the type from here, not from the engine). */
export type { Row } from '../engine/rows';
import type { RecommendSettings } from './settings';

/** The per-customer part of the view. */
export interface RecommendData {
  summary: RecommendationsSummary;
  sample: Row[];
}

/** Builds the recommendations table and reads its summary and the first customers' lists. */
export async function loadRecommendations(conn: Connector, s: RecommendSettings, where: string, signal?: AbortSignal): Promise<RecommendData> {
  // the table is built once per dataset version, filter and settings; it carries that key
  // (a newer build with other settings replaces it, and then this one builds again)
  const key = await memoKey(conn, 'recommendations', where, s, signal);
  if (key === null) return readRecommendations(conn, await buildRecommendations(conn, { ...s, where, signal }), signal);
  const build = async (): Promise<RecommendData> => readRecommendations(conn, await buildRecommendations(conn, { ...s, where, signal, stamp: key }), signal);
  if ((await tableStamp(conn, 'recommendations', signal)) !== key) forgetKey(conn, key);
  return memoByKey(conn, key, build, signal);
}

async function readRecommendations(conn: Connector, summary: RecommendationsSummary, signal?: AbortSignal): Promise<RecommendData> {
  const sample = toRows(await conn.query(`SELECT customer_id, rank, product, category, method, reason FROM recommendations ORDER BY customer_id, rank LIMIT 200`, signal));
  return { summary, sample };
}

/** Pairs, bundles and basket statistics. */
export interface PairsData {
  stats: Row;
  pairs: Row[];
  bundles: Row[];
}

/** Counts product pairs over baskets (one tx_id = one basket). */
export function loadPairs(conn: Connector, where: string, hasCategories: boolean, t: { minSupport: number; minCount: number } = { minSupport: 0.001, minCount: 3 }, signal?: AbortSignal): Promise<PairsData> {
  return memo(conn, 'pairs', where, { hasCategories, ...t }, () => countPairs(conn, where, hasCategories, t, signal), signal);
}

async function countPairs(conn: Connector, where: string, hasCategories: boolean, t: { minSupport: number; minCount: number }, signal?: AbortSignal): Promise<PairsData> {
  const stats = toRows(await conn.query(basketStatsSql({ where }), signal))[0] ?? {};
  if (Number(stats.multi_product_baskets ?? 0) === 0) return { stats, pairs: [], bundles: [] };
  const base = await ensurePairBase(conn, where, t.minCount, signal);
  const pairs = toRows(await conn.query(pairsSql({ orderBy: 'lift', limit: 200, where, base, ...t }), signal));
  const bundles = hasCategories ? toRows(await conn.query(bundlesSql({ perCategory: 1, where, base, ...t }), signal)) : [];
  return { stats, pairs, bundles };
}

/** "Customers who bought X also bought …". */
export async function loadAlsoBought(conn: Connector, product: string, where: string, signal?: AbortSignal): Promise<Row[]> {
  return toRows(await conn.query(alsoBoughtSql(product, { limit: 10, where }), signal));
}

/** One customer: metrics, segments, purchase history, recommendations. */
export interface CustomerLookup {
  id: string;
  metrics: Row | null;
  segment: string | null;
  rfm: string | null;
  cluster: string | null;
  history: Row[];
  recommendations: Row[];
}

/** Looks a customer up by exact id (segment and cluster tables are optional). */
export async function lookupCustomer(conn: Connector, id: string, where: string, signal?: AbortSignal): Promise<CustomerLookup> {
  const one = async (sql: string): Promise<Row | null> => {
    try {
      return toRows(await conn.query(sql, signal))[0] ?? null;
    } catch (e) {
      if (e instanceof Error && e.name === 'AbortError') throw e;
      return null; // table not built for this data
    }
  };
  const metrics = await one(`SELECT * FROM customers WHERE customer_id = ${literal(id)}`);
  const seg = await one(`SELECT segment FROM rule_segments WHERE customer_id = ${literal(id)}`);
  const rfm = await one(`SELECT segment, rfm_score FROM rfm WHERE customer_id = ${literal(id)}`);
  const cluster = await one(`SELECT cluster_name FROM clusters WHERE customer_id = ${literal(id)}`);
  return {
    id,
    metrics,
    segment: seg ? String(seg.segment) : null,
    rfm: rfm && rfm.segment !== null ? `${String(rfm.segment)} (${String(rfm.rfm_score)})` : null,
    cluster: cluster ? String(cluster.cluster_name) : null,
    history: metrics ? toRows(await conn.query(purchaseHistorySql(id, { where }), signal)) : [],
    recommendations: toRows(await conn.query(customerRecommendationsSql(id), signal)),
  };
}

/** Customer ids starting with a prefix, for the lookup's suggestions. */
export async function suggestCustomers(conn: Connector, prefix: string, signal?: AbortSignal): Promise<string[]> {
  const like = literal(`${prefix.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_')}%`);
  const rows = toRows(await conn.query(`SELECT customer_id FROM customers WHERE customer_id ILIKE ${like} ESCAPE '\\' ORDER BY spend DESC NULLS LAST LIMIT 12`, signal));
  return rows.map((r) => String(r.customer_id));
}

/** Every customer's recommendations (the CSV export): the whole table, read as a long query the signal stops. */
export async function allRecommendations(conn: AppConnector, signal: AbortSignal): Promise<Row[]> {
  return toRows(await conn.queryLong(allRecommendationsSql(), signal));
}

/** Leave-last-out evaluation with the view's settings (`limits`: the cap beyond which a sample of customers is replayed, for tests). */
export function runEvaluation(conn: Connector, s: RecommendSettings, where: string, signal?: AbortSignal, limits: EvaluationLimits = {}): Promise<Evaluation> {
  const o = { n: s.n, rankBy: s.rankBy, excludeBought: s.excludeBought, ...limits };
  // seconds of work on a large file: the same data, filter and settings give the kept result
  return memo(conn, 'recommend-eval', where, o, () => evaluateRecommendations(conn, { ...o, where, ...(signal ? { signal } : {}) }), signal);
}

/** report.json `recommendations` section. */
export function recommendationsReport(n: number, d: RecommendData, pairs: PairsData | null, evaluation: Evaluation | null): Record<string, unknown> {
  const r4 = (x: unknown): number => Math.round(Number(x) * 10_000) / 10_000;
  // beyond the cap the hit rate is a sample's: its 95% half-width goes beside it
  const score = (m: { hit_rate: number; precision: number; margin?: number } | null): Record<string, number> | null =>
    m ? { hit_rate: r4(m.hit_rate), precision: r4(m.precision), ...(m.margin !== undefined ? { hit_rate_margin: r4(m.margin) } : {}) } : null;
  return {
    n,
    method: d.summary.method,
    customers: Number(d.summary.customers ?? 0),
    cold_start_customers: Number(d.summary.cold_start_customers ?? 0),
    evaluation: evaluation
      ? {
          evaluated: evaluation.evaluated,
          n: evaluation.n,
          best: evaluation.best,
          category: score(evaluation.methods.category),
          copurchase: score(evaluation.methods.copurchase),
          popularity: score(evaluation.methods.popularity),
          ...(evaluation.sample ? { sample: sampleReport(evaluation.sample) } : {}),
        }
      : null,
    top_pairs: (pairs?.pairs ?? []).slice(0, 20).map((p) => ({ a: String(p.a), b: String(p.b), count: Number(p.count), support: r4(p.support), confidence: r4(p.confidence_ab), lift: r4(p.lift) })),
  };
}
