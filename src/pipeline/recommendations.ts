// Running the recommendation SQL: a data check with words for the UI, the build of the
// `recommendations` table, and the leave-last-out evaluation (src/sql/recommend-eval.ts).
import type { Connector } from '../engine/connector';
import { toRows, type Row } from '../engine/rows';
import { ident } from '../sql/ident';
import { recommendationsAvailabilitySql, recommendationsSharedSql, recommendationsSql, recommendationsSummarySql, type RecommendOptions } from '../sql/recommend';
import { evalCleanupSql, evalListSql, evalSampleSql, evalScoreSql, evalSupportSql, evalTables, holdoutSql, trainingCustomersSql, trainPairBaseSql, type EvalListOptions, type EvalMethod } from '../sql/recommend-eval';
import { ensurePairBase } from './pair-base';
import { isOutOfMemory as isOutOfMemoryMessage } from './memory';
import { stampSql } from './memo';

let runs = 0;

/**
 * Most customers the leave-last-out evaluation replays exactly: it copies the training
 * lines and rebuilds the customers table on them, which on 5M lines does not fit the tab's
 * memory beside the dataset. Beyond this many customers the training lines are a view (no
 * copy) and a seeded uniform random sample of this many evaluated customers is replayed:
 * every model is still learnt from all the training data, so the sample's hit rate is an
 * unbiased estimate of the full one, reported with its binomial 95% interval.
 */
export const EVAL_MAX_CUSTOMERS = 60_000;

/** Half-width of the binomial 95% interval of a hit rate p measured on n customers: 1.96·√(p(1−p)/n). */
export function hitRateMargin(p: number, n: number): number {
  return n > 0 ? 1.96 * Math.sqrt((p * (1 - p)) / n) : Number.NaN;
}

/** Whether DuckDB failed for lack of memory ("Out of Memory Error: …"). */
function isOutOfMemory(e: unknown): boolean {
  return isOutOfMemoryMessage(e instanceof Error ? e.message : String(e));
}

/**
 * Customers per part when the lists are built again in parts after running out of memory
 * (at 10M lines and 438,459 customers: 9 parts).
 */
export const LIST_PART_CUSTOMERS = 50_000;

/** A refusal the UI can show as is (what is missing, and what still works). */
export class RecommendationsError extends Error {
  override name = 'RecommendationsError';
}

/** What the (filtered) data offers recommendations; ok: false carries the reason in words. */
export type Availability =
  | { ok: true; hasCategories: boolean; hasDates: boolean; multiProductBaskets: number }
  | { ok: false; reason: string };

/** Checks the data for per-customer recommendations (pairs only need products). */
export async function checkRecommendations(conn: Connector, where = 'TRUE', signal?: AbortSignal): Promise<Availability> {
  const a = toRows(await conn.query(recommendationsAvailabilitySql({ where }), signal))[0] ?? {};
  if (!a.sales_rows) return { ok: false, reason: 'No sales rows match the current filter.' };
  if (!a.has_products) return { ok: false, reason: 'Recommendations need a product column: map one (product name or code) and load the file again.' };
  if (!a.has_customers) return { ok: false, reason: 'Per-customer recommendations need a customer column; frequently-bought-together pairs still work without one.' };
  if (!a.customers_table) return { ok: false, reason: 'The customers table is not built yet.' };
  return { ok: true, hasCategories: a.has_categories === true, hasDates: a.has_dates === true, multiProductBaskets: Number(a.multi_product_baskets ?? 0) };
}

/** The summary row of recommendationsSummarySql plus the method actually used ('auto' resolved). */
export type RecommendationsSummary = Row & { method: 'category' | 'copurchase' | 'popularity' };

/** Builds the `recommendations` table (throws RecommendationsError when the data cannot support it) and returns its summary. */
export async function buildRecommendations(conn: Connector, opts: RecommendOptions & { signal?: AbortSignal; stamp?: string } = {}): Promise<RecommendationsSummary> {
  const { signal, stamp, ...o } = opts;
  const a = await checkRecommendations(conn, o.where, signal);
  if (!a.ok) throw new RecommendationsError(a.reason);
  // resolving 'auto' here lets the SQL skip the pair count when categories drive the lists
  const method = o.method === undefined || o.method === 'auto' ? (a.hasCategories ? 'category' : 'copurchase') : o.method;
  if (method === 'category' && !a.hasCategories) throw new RecommendationsError('The favourite-category rule needs a category column; use co-purchase instead.');
  // co-purchase reads the shared pair counts of this filter (counted once for the whole tab)
  const pairBase = method === 'copurchase' ? await ensurePairBase(conn, o.where ?? 'TRUE', o.minCount, signal) : undefined;
  const table = o.table ?? 'recommendations';
  const build = async (how: { spillable: boolean; parts: number }): Promise<void> => {
    const whole = { ...o, method, ...(pairBase ? { pairBase } : {}), spillable: how.spillable };
    // in parts, what does not depend on the customer (category rankings, cold-start list,
    // product categories) is computed once into temp tables, not once per part
    const shared = how.parts > 1 ? recommendationsSharedSql(whole, `bl_rec_shared_${++runs}`) : undefined;
    try {
      for (const sql of shared?.statements ?? []) await conn.exec(sql, signal);
      for (let index = 0; index < how.parts; index++) {
        if (signal?.aborted) throw new DOMException('Aborted', 'AbortError');
        const sql = recommendationsSql({ ...whole, ...(shared ? { shared: shared.shared } : {}), ...(how.parts > 1 ? { part: { count: how.parts, index } } : {}) });
        // a stamp (src/pipeline/memo.ts) goes in the call of the last part, so the table never
        // carries another build's key, nor a key before it is whole
        await conn.exec(index === how.parts - 1 && stamp ? `${sql};\n${stampSql(table, stamp)}` : sql, signal);
      }
    } finally {
      if (shared) await conn.exec(shared.drop).catch(() => undefined);
    }
  };
  // under a memory limit the per-customer sub-results may not fit: build again in parts of
  // customers (same lists), then in parts with the shared sub-results re-read (slower, but
  // every step can spill to disk)
  const ladder = async (): Promise<Array<{ spillable: boolean; parts: number }>> => {
    const customers = Number(toRows(await conn.query(`SELECT count(*)::BIGINT AS n FROM ${ident(o.customers ?? 'customers')}`, signal))[0]?.n ?? 0);
    const parts = Math.max(2, Math.ceil(customers / LIST_PART_CUSTOMERS));
    return [
      { spillable: false, parts },
      { spillable: true, parts: parts * 4 },
    ];
  };
  const first = { spillable: o.spillable ?? false, parts: 1 };
  try {
    await build(first);
  } catch (e) {
    if (signal?.aborted || !isOutOfMemory(e)) throw e;
    let last: unknown = e;
    for (const how of await ladder()) {
      if (how.spillable === false && first.spillable) continue;
      try {
        await build(how);
        last = undefined;
        break;
      } catch (again) {
        if (signal?.aborted || !isOutOfMemory(again)) throw again;
        last = again;
      }
    }
    if (last !== undefined) throw last;
  }
  const summary = toRows(await conn.query(recommendationsSummarySql(), signal))[0] ?? {};
  return { ...summary, method };
}

/** Hit rate@N and precision@N of one method, with how many customers got any list. */
export interface MethodScore {
  hit_rate: number;
  precision: number;
  covered: number;
  hits: number;
  /** Beyond the cap: half-width of the hit rate's binomial 95% interval (hitRateMargin). */
  margin?: number;
}

/** The evaluated customers were a sample: how many, of how many, and the seed of the hash that chose them. */
export interface EvaluationSample {
  size: number;
  population: number;
  seed: number;
  bound: string;
}

/** Leave-last-out result: null for a method the training data cannot support. */
export interface Evaluation {
  evaluated: number;
  n: number;
  methods: { category: MethodScore | null; copurchase: MethodScore | null; popularity: MethodScore };
  /** The method with the best hit rate (then precision; exact ties go to the simpler method). */
  best: EvalMethod;
  /** Milliseconds per step (split, customers, each method's lists and score). */
  timings: Record<string, number>;
  /** Set when more customers than the cap would have been evaluated: the sample replayed (each method's `margin` is then set). */
  sample?: EvaluationSample;
}

/** Beyond how many customers the evaluation replays a sample (default EVAL_MAX_CUSTOMERS), and its seed. */
export interface EvaluationLimits {
  maxCustomers?: number;
  seed?: number;
}

/** Leave-last-out evaluation of the category rule, co-purchase and popularity; temp tables are dropped even on failure or abort. */
export async function evaluateRecommendations(conn: Connector, o: EvalListOptions & { where?: string; signal?: AbortSignal } & EvaluationLimits = {}): Promise<Evaluation> {
  const { signal, where, maxCustomers, seed: sampleSeed, ...list } = o;
  const n = list.n ?? 5;
  const a = await checkRecommendations(conn, where, signal);
  if (!a.ok) throw new RecommendationsError(a.reason);
  const cap = maxCustomers ?? EVAL_MAX_CUSTOMERS;
  const seed = sampleSeed ?? 0;
  const customers = Number(toRows(await conn.query(`SELECT count(DISTINCT customer_id)::BIGINT AS n FROM sales WHERE ${where ?? 'TRUE'}`, signal))[0]?.n ?? 0);
  const beyond = customers > cap;
  let sample: EvaluationSample | undefined;
  const timings: Record<string, number> = {};
  const t = evalTables(String(++runs));
  const timed = async <T>(step: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await run();
    } finally {
      timings[step] = performance.now() - t0;
    }
  };
  try {
    await timed('split', () => conn.exec(holdoutSql(t, { where, trainView: beyond }), signal));
    if (beyond) {
      const population = Number(toRows(await conn.query(`SELECT count(DISTINCT customer_id)::BIGINT AS n FROM ${t.truth}`, signal))[0]?.n ?? 0);
      if (population > cap) {
        await timed('sample', () => conn.exec(evalSampleSql(t, cap, seed), signal));
        sample = { size: cap, population, seed, bound: 'hit rate ± 1.96·√(p(1−p)/n), a binomial 95% interval around the hit rate of every customer' };
      }
    }
    const support = toRows(await conn.query(evalSupportSql(t), signal))[0] ?? {};
    const evaluated = Number(support.evaluated ?? 0);
    if (evaluated === 0) throw new RecommendationsError('The evaluation needs customers with at least two transactions (one to learn from, one to hide).');
    await timed('customers', () => conn.exec(trainingCustomersSql(t, { sampled: sample !== undefined }), signal));
    const copurchasePossible = Number(support.multi_product_baskets ?? 0) > 0;
    if (copurchasePossible) {
      // the training data's pair counts from the filter's shared counts (no second count)
      const base = await timed('pairs', () => ensurePairBase(conn, where ?? 'TRUE', list.minCount, signal));
      await timed('training pairs', () => conn.exec(trainPairBaseSql(t, base, { where }), signal));
    }
    const score = async (method: EvalMethod): Promise<MethodScore> => {
      await timed(`${method} lists`, () => conn.exec(evalListSql(t, method, { ...list, n, ...(method === 'copurchase' ? { pairBase: t.pairs } : {}) }), signal));
      const r = await timed(`${method} score`, async () => toRows(await conn.query(evalScoreSql(t, method, n), signal))[0] ?? {});
      const hitRate = Number(r.hit_rate);
      return { hit_rate: hitRate, precision: Number(r.precision), covered: Number(r.covered), hits: Number(r.hits), ...(sample ? { margin: hitRateMargin(hitRate, evaluated) } : {}) };
    };
    const popularity = await score('popularity');
    const category = support.has_categories === true ? await score('category') : null;
    const copurchase = copurchasePossible ? await score('copurchase') : null;
    const ranked = (
      [
        ['popularity', popularity],
        ['category', category],
        ['copurchase', copurchase],
      ] as const
    ).filter((m): m is readonly [EvalMethod, MethodScore] => m[1] !== null);
    // stable sort: on exact ties the order above (simplest first) stands
    const best = [...ranked].sort((x, y) => y[1].hit_rate - x[1].hit_rate || y[1].precision - x[1].precision)[0]?.[0] ?? 'popularity';
    return { evaluated, n, methods: { category, copurchase, popularity }, best, timings, ...(sample ? { sample } : {}) };
  } finally {
    await conn.exec(evalCleanupSql(t, { trainView: beyond }));
  }
}
