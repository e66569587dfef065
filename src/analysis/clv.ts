// The Lifetime value view's data: the per-customer summary from SQL (lifetimes'
// definitions), BG/NBD + Gamma-Gamma fitted in the analytics worker, and a calibration /
// holdout check at a split date.
import { transfer } from 'comlink';
import type { Connector } from '../engine/connector';
import { toFloat64, toRows } from '../engine/rows';
import type { ClvOutput, ClvSummaryArrays } from '../analytics/jobs';
import { clvCalibrationHoldoutSql, clvSummarySql } from '../sql/clv';
import { workerJobs, type JobRunner } from './jobs';
import { memo } from '../pipeline/memo';
import { seededCustomerSampleSql } from '../sql/sample';
import { CLV_MAX_CUSTOMERS, sampleReport, type SampleInfo } from './sampling';

/** What the user chose. */
export interface ClvOptions {
  unit: 'days' | 'weeks';
  months: number;
  /** Monthly discount rate, e.g. 0.01. */
  discount: number;
  /** Last day of the calibration period (ISO), or null for the default (75% of the date range). */
  split: string | null;
  /** Days ahead for the expected-purchases column (default 90). */
  days: number;
}

/** The view's data; `customers[i]` belongs to index i of the model outputs. */
export interface ClvView {
  options: ClvOptions;
  split: string;
  customers: string[];
  summary: ClvSummaryArrays;
  output: ClvOutput;
  firstDate: string;
  lastDate: string;
  /** Each customer's rule segment, RFM segment and k-means cluster, where those tables exist. */
  groups: { segment: Map<string, string>; rfm: Map<string, string>; cluster: Map<string, string> };
  /**
   * Set when there were more customers than the cap: both models (and the holdout check) were
   * fitted on this sample; every figure per customer is still for all of them.
   */
  sample?: SampleInfo;
}

/** Beyond how many customers the models are fitted on a sample, and its seed (tests lower the cap). */
export interface ClvLimits {
  maxCustomers?: number;
  seed?: number;
}

/** Standard errors either side of a sample's BG/NBD estimate that the interval reported for the full fit spans. */
export const CLV_SAMPLE_SE = 3;

/** The stated bound of a sample fit. */
export const CLV_SAMPLE_BOUND = `each BG/NBD parameter of a fit on all customers within ±${CLV_SAMPLE_SE} standard errors (the sample fit's inverse Hessian) of the sample's estimate`;

/** The interval [estimate − 3 SE, estimate + 3 SE] of each BG/NBD parameter of a sample fit (null when the fit failed). */
export function clvSampleInterval(v: Pick<ClvView, 'output'>): Record<'r' | 'alpha' | 'a' | 'b', [number, number]> | null {
  const a = v.output.analysis;
  if (!a.ok) return null;
  const { params, se } = a.bgnbd;
  const at = (k: 'r' | 'alpha' | 'a' | 'b'): [number, number] => [params[k] - CLV_SAMPLE_SE * se[k], params[k] + CLV_SAMPLE_SE * se[k]];
  return { r: at('r'), alpha: at('alpha'), a: at('a'), b: at('b') };
}

async function labels(conn: Connector, sql: string, signal?: AbortSignal): Promise<Map<string, string>> {
  try {
    return new Map(toRows(await conn.query(sql, signal)).map((r) => [String(r.customer_id), String(r.label)]));
  } catch (e) {
    if (e instanceof Error && e.name === 'AbortError') throw e;
    return new Map(); // table not built for this data (e.g. no clustering run yet)
  }
}

function arrays(table: import('apache-arrow').Table, suffix = ''): ClvSummaryArrays {
  return {
    frequency: toFloat64(table, 'frequency' + suffix),
    recency: toFloat64(table, 'recency' + suffix),
    T: toFloat64(table, 'T' + suffix),
    monetary: toFloat64(table, 'monetary_value' + suffix),
  };
}

/** The default split: the day 75% of the way through the date range. */
export function defaultSplit(first: string, last: string): string {
  const a = Date.parse(`${first}T00:00:00Z`);
  const b = Date.parse(`${last}T00:00:00Z`);
  return new Date(a + Math.round(((b - a) * 0.75) / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
}

/** Builds the summaries and runs the CLV job in the worker. */
export async function runClv(conn: Connector, o: ClvOptions, where = 'TRUE', signal?: AbortSignal, jobs: JobRunner = workerJobs, limits: ClvLimits = {}): Promise<ClvView> {
  // the fit is seconds of work: the same data, filter and options give the kept fit; the
  // label tables (segments, RFM, clusters) are read fresh, they change without the data
  const fit = await memo(conn, 'clv', where, { ...o, ...limits }, () => fitClv(conn, o, where, signal, jobs, limits), signal);
  const groups = {
    segment: await labels(conn, `SELECT customer_id, segment AS label FROM rule_segments`, signal),
    rfm: await labels(conn, `SELECT customer_id, segment AS label FROM rfm WHERE segment IS NOT NULL`, signal),
    cluster: await labels(conn, `SELECT customer_id, cluster_name AS label FROM clusters`, signal),
  };
  return { ...fit, groups };
}

async function fitClv(conn: Connector, o: ClvOptions, where: string, signal: AbortSignal | undefined, jobs: JobRunner, limits: ClvLimits): Promise<Omit<ClvView, 'groups'>> {
  const range = toRows(await conn.query(`SELECT strftime(min(ts), '%Y-%m-%d') AS f, strftime(max(ts), '%Y-%m-%d') AS l FROM sales WHERE customer_id IS NOT NULL AND (${where})`, signal))[0];
  const firstDate = String(range?.f ?? '');
  const lastDate = String(range?.l ?? '');
  const split = o.split && o.split > firstDate && o.split < lastDate ? o.split : defaultSplit(firstDate, lastDate);
  const summarySql = clvSummarySql({ unit: o.unit, where });
  const full = await conn.query(summarySql, signal);
  const customers = toRows(full).map((r) => String(r.customer_id));
  const summary = arrays(full);
  // beyond the cap both fits see a seeded random sample of the customers (all their rows:
  // each sampled summary row is the full summary's row); predictions are for everyone
  const cap = limits.maxCustomers ?? CLV_MAX_CUSTOMERS;
  const seed = limits.seed ?? 0;
  const sampled = full.numRows > cap;
  const inSample = (sql: string): string => (sampled ? `SELECT * FROM (${sql}) SEMI JOIN (${seededCustomerSampleSql(`(${summarySql})`, cap, seed)}) USING (customer_id) ORDER BY customer_id` : sql);
  const fitOn = sampled ? arrays(await conn.query(inSample(summarySql), signal)) : null;
  const cal = await conn.query(inSample(clvCalibrationHoldoutSql({ unit: o.unit, calibrationEnd: split, where })), signal);
  const calibration = arrays(cal);
  const holdoutFrequency = toFloat64(cal, 'frequency_holdout');
  const duration = toFloat64(cal, 'duration_holdout')[0] ?? 0;
  const input = {
    summary,
    unit: o.unit,
    months: o.months,
    monthlyDiscount: o.discount,
    days: o.days,
    holdout: cal.numRows > 0 && duration > 0 ? { calibration, holdoutFrequency, duration } : null,
    split,
    ...(fitOn ? { fitOn } : {}),
  };
  const buffers = [summary.frequency, summary.recency, summary.T, summary.monetary, ...(fitOn ? [fitOn.frequency, fitOn.recency, fitOn.T, fitOn.monetary] : [])].map((a) => a.buffer as ArrayBuffer);
  const output = await jobs('clv', (api) => api.clv(transfer(input, buffers)), undefined, signal);
  // the transferred arrays now belong to the worker: read fresh copies for display
  const sample = fitOn ? { sample: { size: fitOn.frequency.length, population: full.numRows, seed, bound: CLV_SAMPLE_BOUND } } : {};
  return { options: o, split, customers, summary: arrays(full), output, firstDate, lastDate, ...sample };
}

/** Per-customer rows (customer, p_alive, expected purchases, clv, frequency, monetary) sorted by CLV or expected purchases. */
export function customerRows(v: ClvView): Record<string, string | number>[] {
  const a = v.output.analysis;
  if (!a.ok) return [];
  const clv = a.value.ok ? a.value.clv : null;
  const out = v.customers.map((customer, i) => ({
    customer,
    p_alive: a.pAlive[i] ?? 0,
    expected_purchases: a.expectedPurchases[i] ?? 0,
    next_days: v.output.nextDays?.[i] ?? 0,
    clv: clv ? (clv[i] ?? 0) : Number.NaN,
    frequency: v.summary.frequency[i] ?? 0,
    monetary: v.summary.monetary[i] ?? 0,
  }));
  return out.sort((x, y) => (clv ? y.clv - x.clv : y.expected_purchases - x.expected_purchases));
}

/** CLV totals per group (segment, RFM segment or cluster): customers, total and mean CLV, mean P(alive). */
export function clvByGroup(v: ClvView, by: 'segment' | 'rfm' | 'cluster'): { group: string; customers: number; total_clv: number; mean_clv: number; mean_p_alive: number }[] {
  const a = v.output.analysis;
  if (!a.ok || !a.value.ok || v.groups[by].size === 0) return [];
  const clv = a.value.clv;
  const acc = new Map<string, { n: number; clv: number; alive: number }>();
  v.customers.forEach((c, i) => {
    const g = v.groups[by].get(c) ?? '(none)';
    const x = acc.get(g) ?? { n: 0, clv: 0, alive: 0 };
    x.n++;
    x.clv += clv[i] ?? 0;
    x.alive += a.pAlive[i] ?? 0;
    acc.set(g, x);
  });
  return [...acc.entries()]
    .map(([group, x]) => ({ group, customers: x.n, total_clv: x.clv, mean_clv: x.clv / x.n, mean_p_alive: x.alive / x.n }))
    .sort((p, q) => q.total_clv - p.total_clv);
}

/** report.json `clv` section. */
export function clvReport(v: ClvView): Record<string, unknown> {
  const a = v.output.analysis;
  const r4 = (x: number): number => Math.round(x * 10_000) / 10_000;
  if (!a.ok) return { time_unit: v.options.unit, error: a.reason, verdict: { reliable: false, reasons: [a.reason], checks: [] }, ...(v.sample ? { sample: sampleReport(v.sample) } : {}) };
  const rows = customerRows(v);
  const total = a.value.ok ? rows.reduce((s, r) => s + Number(r.clv), 0) : null;
  const verdict = v.output.verdict;
  const h = v.output.holdout;
  return {
    verdict: verdict ? { reliable: verdict.reliable, reasons: verdict.reasons, checks: verdict.checks } : null,
    time_unit: v.options.unit,
    bgnbd: {
      r: r4(a.bgnbd.params.r),
      alpha: r4(a.bgnbd.params.alpha),
      a: r4(a.bgnbd.params.a),
      b: r4(a.bgnbd.params.b),
      loglik: r4(a.bgnbd.logLik),
      se: { r: r4(a.bgnbd.se.r), alpha: r4(a.bgnbd.se.alpha), a: r4(a.bgnbd.se.a), b: r4(a.bgnbd.se.b) },
    },
    gamma_gamma: a.spend.ok ? { p: r4(a.spend.params.p), q: r4(a.spend.params.q), gamma: r4(a.spend.params.gamma) } : { error: a.spend.reason },
    horizon_months: v.options.months,
    discount_monthly: v.options.discount,
    total_clv: total === null ? null : Math.round(total * 100) / 100,
    expected_purchases_days: v.output.days,
    top_customers: rows.slice(0, 10).map((r) => ({
      customer: r.customer,
      p_alive: r4(Number(r.p_alive)),
      expected_purchases: r4(Number(r.next_days)),
      expected_purchases_horizon: r4(Number(r.expected_purchases)),
      clv: Number.isFinite(Number(r.clv)) ? Math.round(Number(r.clv) * 100) / 100 : null,
    })),
    holdout: h?.ok
      ? { split: v.split, ...h.totals, model_rmse: r4(h.model.rmse), model_mae: r4(h.model.mae), naive_rmse: r4(h.naive.rmse), naive_mae: r4(h.naive.mae), naive_predicted: r4(h.naive.total) }
      : h
        ? { split: v.split, error: h.reason }
        : null,
    by_segment: clvByGroup(v, 'segment').map((g) => ({ ...g, total_clv: Math.round(g.total_clv * 100) / 100, mean_clv: Math.round(g.mean_clv * 100) / 100, mean_p_alive: r4(g.mean_p_alive) })),
    by_cluster: clvByGroup(v, 'cluster').map((g) => ({ ...g, total_clv: Math.round(g.total_clv * 100) / 100, mean_clv: Math.round(g.mean_clv * 100) / 100, mean_p_alive: r4(g.mean_p_alive) })),
    // beyond the cap: the models (and the holdout check) were fitted on a sample; figures per customer are for all
    ...(v.sample ? { sample: { ...sampleReport(v.sample), bgnbd_interval: Object.fromEntries(Object.entries(clvSampleInterval(v) ?? {}).map(([k, [lo, hi]]) => [k, [r4(lo), r4(hi)]])) } } : {}),
  };
}
