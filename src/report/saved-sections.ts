// Readers for the sections of a saved report.json (see report.ts and src/analysis/*Report).
// Each returns the section in a checked shape or throws `Missing` when the section lacks a
// part it cannot be shown without; optional parts become null, never invented values.
import type { Kpis } from '../pipeline/kpis';
import { bool, list, Missing, need, num, numberEntries, obj, text } from './read-values';

/** A model's verdict as the report stores it. */
export interface SavedVerdict {
  reliable: boolean;
  reasons: string[];
  checks: { name: string; passed: boolean | null; detail: string }[];
}

/** The dataset header of a report. */
export interface SavedDataset {
  name: string;
  rows_in: number | null;
  /** Currency symbol of the money figures ('' in reports made before it was stored). */
  currency: string;
  grain: 'transaction' | 'customer';
  date_format: string | null;
  columns: { name: string; type: string; role: string }[];
  files: { name: string; format: string; bytes: number | null; rows: number | null; rejected: number | null }[];
  price_used: string | null;
  price_evidence: string | null;
}

/** The quality section: counts per cleaning rule, tests and null shares. */
export interface SavedQuality {
  rows_in: number | null;
  rows_clean: number | null;
  counts: { id: string; label: string; rows: number }[];
  checks: { id: string; description: string; failing: number | null; total: number | null; status: string }[];
  nulls: { column: string; nulls: number; share: number | null }[];
}

/** One finding of the Overview. */
export interface SavedInsight {
  id: string;
  text: string;
  figure: string;
  tab: string;
  filters: string;
}

/** The customers section. */
export interface SavedCustomers {
  count: number;
  repeat_customers: number | null;
  median_recency_days: number | null;
  pareto: { top1pct: number | null; top10pct: number | null; top20pct: number | null };
  top_by_spend: { customer: string; spend: number | null; visits: number | null }[];
  top_repeat: { customer: string; spend: number | null; visits: number | null }[];
}

/** The trends section. */
export interface SavedTrends {
  days: number | null;
  best_day: { date: string | null; revenue: number | null };
  worst_day: { date: string | null; revenue: number | null };
  monthly: { month: string; revenue: number; customers: number | null; transactions: number | null; partial: boolean }[];
  partial_periods: string;
}

/** The segments section (rule segments and RFM counts). */
export interface SavedSegments {
  scope: string | null;
  rules: { spend_quantile: number | null; spend_cut: number | null; frequency_threshold: number | null; counts: [string, number][] } | null;
  rfm: { counts: [string, number][] } | null;
}

/** The clusters section (k-means). */
/** A stage fitted (or evaluated) on a sample of customers beyond its cap: how many, of how many, and the stated bound. */
export interface SavedSample {
  customers: number;
  population: number;
  bound: string | null;
}

/** A section's `sample`, or null when the stage used every customer (or the entry is unreadable). */
export function readSample(v: unknown): SavedSample | null {
  const o = obj(v);
  const customers = num(o?.customers);
  const population = num(o?.population);
  return o && customers !== null && population !== null ? { customers, population, bound: text(o.bound, 300) } : null;
}

export interface SavedClusters {
  sample: SavedSample | null;
  features: string[];
  log_transformed: string[];
  k: number;
  auto_k: number | null;
  by_k: { k: number; inertia: number; silhouette: number | null }[];
  profiles: { name: string; size: number; share: number | null; revenue_share: number | null; means: [string, number][] }[];
}

/** A method's score in the recommendation evaluation. */
export interface SavedScore {
  hit_rate: number;
  precision: number;
  /** Half-width of the hit rate's 95% interval, when a sample of customers was evaluated. */
  margin?: number;
}

/** The recommendations section. */
export interface SavedRecommendations {
  n: number | null;
  method: string | null;
  customers: number | null;
  cold_start_customers: number | null;
  evaluation: { evaluated: number | null; n: number | null; best: string | null; methods: { method: string; score: SavedScore }[]; sample: SavedSample | null } | null;
  top_pairs: { a: string; b: string; count: number | null; support: number | null; confidence: number | null; lift: number | null }[];
}

/** A forecast point with its bands. */
export type SavedForecastPoint = {
  period: string;
  mean: number | null;
  lo80: number | null;
  hi80: number | null;
  lo95: number | null;
  hi95: number | null;
};

/** The forecast section (error set when the series could not be modelled). */
export interface SavedForecast {
  grain: 'day' | 'week' | 'month';
  horizon: number | null;
  error: string | null;
  verdict: SavedVerdict | null;
  label: string | null;
  aicc: number | null;
  points: SavedForecastPoint[];
  /** The series the model saw (reports from before this field have none). */
  history: { period: string; net: number; partial: boolean }[] | null;
  excluded_partial_periods: string[];
  ljung_box: { lag: number; q: number | null; p_value: number | null } | null;
  backtest: { h: number | null; model: string; mae: number | null; rmse: number | null; mape: number | null; mase: number | null; baseline: string; baseline_mape: number | null; beats_baseline: boolean | null } | null;
  backtest_error: string | null;
}

/** A group's lifetime-value total. */
export type SavedClvGroup = {
  group: string;
  customers: number | null;
  total_clv: number;
  mean_clv: number | null;
  mean_p_alive: number | null;
};

/** The lifetime-value section (error set when the model could not be fitted). */
export interface SavedClv {
  sample: SavedSample | null;
  error: string | null;
  verdict: SavedVerdict | null;
  time_unit: string | null;
  horizon_months: number | null;
  discount_monthly: number | null;
  total_clv: number | null;
  expected_purchases_days: number | null;
  bgnbd: [string, number][];
  gamma_gamma: [string, number][];
  gamma_gamma_error: string | null;
  top_customers: { customer: string; p_alive: number | null; expected_purchases: number | null; expected_purchases_horizon: number | null; clv: number | null }[];
  holdout: [string, number][];
  holdout_split: string | null;
  holdout_error: string | null;
  by_segment: SavedClvGroup[];
  by_cluster: SavedClvGroup[];
}

const KPI_FIELDS = ['gross_sales', 'returns', 'returns_matched', 'sales_value', 'net_sales', 'transactions', 'customers', 'aov', 'days', 'lines', 'items', 'return_rows', 'rows_without_customer'] as const;

/** The headline figures: complete (the current shape) or only those the report holds (older reports). */
export function readKpis(v: unknown): { full: Kpis | null; present: [string, number][]; first_date: string | null; last_date: string | null } {
  const o = need(obj(v), 'the headline figures');
  const present = KPI_FIELDS.flatMap((k) => (num(o[k]) === null ? [] : [[k, num(o[k]) as number] as [string, number]]));
  if (!present.length) throw new Missing('the headline figures');
  const first_date = text(o.first_date, 40);
  const last_date = text(o.last_date, 40);
  const full = present.length === KPI_FIELDS.length ? ({ ...Object.fromEntries(present), first_date, last_date } as unknown as Kpis) : null;
  return { full, present, first_date, last_date };
}

/** The dataset header. */
export function readDataset(v: unknown): SavedDataset {
  const o = need(obj(v), 'the dataset description');
  const pr = obj(o.price_reading);
  const read = obj(o.read);
  return {
    name: need(text(o.name, 300), 'the dataset name'),
    rows_in: num(o.rows_in),
    currency: text(o.currency, 8) ?? '',
    grain: o.grain === 'customer' ? 'customer' : 'transaction',
    date_format: text(o.date_format, 60),
    columns:
      list(o.columns, (c) => {
        const x = obj(c);
        const name = text(x?.name, 200);
        return x && name !== null ? { name, type: text(x.type, 40) ?? '', role: text(x.role, 40) ?? '' } : null;
      }, 2000) ?? [],
    files:
      list(read?.files, (f) => {
        const x = obj(f);
        const name = text(x?.name, 300);
        return x && name !== null ? { name, format: text(x.format, 40) ?? '', bytes: num(x.bytes), rows: num(x.rows), rejected: num(x.rejected) } : null;
      }, 500) ?? [],
    price_used: text(pr?.used, 40),
    price_evidence: text(pr?.evidence, 1000),
  };
}

const QUALITY_COUNTS: [string, string][] = [
  ['duplicates', 'Duplicate rows'],
  ['returns_rows', 'Returns (negative quantity or amount)'],
  ['returns_matched_rows', 'Returns matched to their purchases'],
  ['returns_unmatched_rows', 'Returns not matched'],
  ['bad_date', 'Unreadable dates'],
  ['zero_rows', 'Zero amounts'],
  ['missing_amount', 'Missing amounts'],
  ['missing_customer', 'Rows without a customer'],
];

/** The quality section. */
export function readQuality(v: unknown): SavedQuality {
  const o = need(obj(v), 'the data-quality figures');
  return {
    rows_in: num(o.rows_in),
    rows_clean: num(o.rows_clean),
    counts: QUALITY_COUNTS.flatMap(([id, label]) => (num(o[id]) === null ? [] : [{ id, label, rows: num(o[id]) as number }])),
    checks:
      list(o.checks, (c) => {
        const x = obj(c);
        const id = text(x?.id, 80);
        return x && id !== null ? { id, description: text(x.description, 500) ?? '', failing: num(x.failing), total: num(x.total), status: text(x.status, 20) ?? '' } : null;
      }, 200) ?? [],
    nulls:
      list(o.nulls, (c) => {
        const x = obj(c);
        const column = text(x?.column, 200);
        const nulls = num(x?.nulls);
        return x && column !== null && nulls !== null ? { column, nulls, share: num(x.share) } : null;
      }, 2000) ?? [],
  };
}

/** The Overview's findings. */
export function readInsights(v: unknown): SavedInsight[] {
  return need(
    list(v, (i) => {
      const x = obj(i);
      const t = text(x?.text, 1000);
      return x && t !== null ? { id: text(x.id, 80) ?? '', text: t, figure: text(x.figure, 60) ?? '', tab: text(x.tab, 40) ?? '', filters: text(x.filters, 500) ?? 'none' } : null;
    }, 100),
    'the list of findings',
  );
}

const topRow = (r: unknown): SavedCustomers['top_by_spend'][number] | null => {
  const x = obj(r);
  const customer = text(x?.customer, 200);
  return x && customer !== null ? { customer, spend: num(x.spend), visits: num(x.visits) } : null;
};

/** The customers section. */
export function readCustomers(v: unknown): SavedCustomers {
  const o = need(obj(v), 'the customer figures');
  const p = obj(o.pareto);
  return {
    count: need(num(o.count), 'the number of customers'),
    repeat_customers: num(o.repeat_customers),
    median_recency_days: num(o.median_recency_days),
    pareto: { top1pct: num(p?.top1pct), top10pct: num(p?.top10pct), top20pct: num(p?.top20pct) },
    top_by_spend: list(o.top_by_spend, topRow, 100) ?? [],
    top_repeat: list(o.top_repeat, topRow, 100) ?? [],
  };
}

/** The trends section. */
export function readTrends(v: unknown): SavedTrends {
  const o = need(obj(v), 'the trend figures');
  const day = (d: unknown): { date: string | null; revenue: number | null } => ({ date: text(obj(d)?.date, 40), revenue: num(obj(d)?.revenue) });
  return {
    days: num(o.days),
    best_day: day(o.best_day),
    worst_day: day(o.worst_day),
    monthly: need(
      list(o.monthly, (m) => {
        const x = obj(m);
        const month = text(x?.month, 20);
        const revenue = num(x?.revenue);
        return x && month !== null && /^\d{4}-\d{2}/.test(month) && revenue !== null ? { month: month.slice(0, 7), revenue, customers: num(x.customers), transactions: num(x.transactions), partial: x.partial === true } : null;
      }, 1200),
      'the monthly figures',
    ),
    partial_periods: text(o.partial_periods, 500) ?? '',
  };
}

/** The segments section. */
export function readSegments(v: unknown): SavedSegments {
  const o = need(obj(v), 'the segment counts');
  const r = obj(o.rules);
  const rfm = obj(o.rfm);
  const out: SavedSegments = {
    scope: text(o.scope, 60),
    rules: r ? { spend_quantile: num(r.spend_quantile), spend_cut: num(r.spend_cut), frequency_threshold: num(r.frequency_threshold), counts: numberEntries(r.counts, 50) } : null,
    rfm: rfm ? { counts: numberEntries(rfm.counts, 50) } : null,
  };
  if (!out.rules?.counts.length && !out.rfm?.counts.length) throw new Missing('the segment counts');
  return out;
}

/** The clusters section. */
export function readClusters(v: unknown): SavedClusters {
  const o = need(obj(v), 'the clusters');
  const strings = (x: unknown): string[] => list(x, (s) => text(s, 120), 50) ?? [];
  return {
    sample: readSample(o.sample),
    features: strings(o.features),
    log_transformed: strings(o.log_transformed),
    k: need(num(o.k), 'the number of clusters'),
    auto_k: num(o.auto_k),
    by_k:
      list(o.by_k, (b) => {
        const x = obj(b);
        const k = num(x?.k);
        const inertia = num(x?.inertia);
        return x && k !== null && inertia !== null ? { k, inertia, silhouette: num(x.silhouette) } : null;
      }, 50) ?? [],
    profiles: need(
      list(o.profiles, (p) => {
        const x = obj(p);
        const name = text(x?.name, 200);
        const size = num(x?.size);
        return x && name !== null && size !== null ? { name, size, share: num(x.share), revenue_share: num(x.revenue_share), means: numberEntries(x.means, 50) } : null;
      }, 50),
      'the cluster profiles',
    ),
  };
}

/** The recommendations section. */
export function readRecommendations(v: unknown): SavedRecommendations {
  const o = need(obj(v), 'the recommendation figures');
  const e = obj(o.evaluation);
  const methods = e
    ? ['category', 'copurchase', 'popularity'].flatMap((method) => {
        const s = obj(e[method]);
        const hit = num(s?.hit_rate);
        const precision = num(s?.precision);
        const margin = num(s?.hit_rate_margin);
        return hit !== null && precision !== null ? [{ method, score: { hit_rate: hit, precision, ...(margin !== null ? { margin } : {}) } }] : [];
      })
    : [];
  return {
    n: num(o.n),
    method: text(o.method, 40),
    customers: num(o.customers),
    cold_start_customers: num(o.cold_start_customers),
    evaluation: e ? { evaluated: num(e.evaluated), n: num(e.n), best: text(e.best, 40), methods, sample: readSample(e.sample) } : null,
    top_pairs:
      list(o.top_pairs, (p) => {
        const x = obj(p);
        const a = text(x?.a, 200);
        const b = text(x?.b, 200);
        return x && a !== null && b !== null ? { a, b, count: num(x.count), support: num(x.support), confidence: num(x.confidence), lift: num(x.lift) } : null;
      }, 200) ?? [],
  };
}

/** A verdict, or null when absent or unreadable. */
export function readVerdict(v: unknown): SavedVerdict | null {
  const o = obj(v);
  const reliable = bool(o?.reliable);
  if (!o || reliable === null) return null;
  return {
    reliable,
    reasons: list(o.reasons, (r) => text(r, 500), 20) ?? [],
    checks:
      list(o.checks, (c) => {
        const x = obj(c);
        const name = text(x?.name, 80);
        return x && name !== null ? { name, passed: bool(x.passed), detail: text(x.detail, 500) ?? '' } : null;
      }, 20) ?? [],
  };
}

const isoPeriod = (v: unknown): string | null => {
  const s = text(v, 40);
  return s !== null && /^\d{4}-\d{2}-\d{2}/.test(s) && Number.isFinite(Date.parse(s.slice(0, 10))) ? s.slice(0, 10) : null;
};

/** The forecast section. */
export function readForecast(v: unknown): SavedForecast {
  const o = need(obj(v), 'the forecast');
  if (o.grain !== 'day' && o.grain !== 'week' && o.grain !== 'month') throw new Missing('the forecast grain');
  const grain = o.grain;
  const lb = obj(obj(o.residuals)?.ljung_box);
  const b = obj(o.backtest);
  const points =
    list(o.points, (p) => {
      const x = obj(p);
      const period = isoPeriod(x?.period);
      return x && period !== null ? { period, mean: num(x.mean), lo80: num(x.lo80), hi80: num(x.hi80), lo95: num(x.lo95), hi95: num(x.hi95) } : null;
    }, 1000) ?? [];
  const error = text(o.error, 500);
  if (!error && !points.length) throw new Missing('the forecast points');
  return {
    grain,
    horizon: num(o.horizon),
    error,
    verdict: readVerdict(o.verdict),
    label: text(o.label, 120),
    aicc: num(o.aicc),
    points,
    history: list(o.history, (h) => {
      const x = obj(h);
      const period = isoPeriod(x?.period);
      const net = num(x?.net);
      return x && period !== null && net !== null ? { period, net, partial: x.partial === true } : null;
    }, 20_000),
    excluded_partial_periods: list(o.excluded_partial_periods, (p) => text(p, 40), 100) ?? [],
    ljung_box: lb && num(lb.lag) !== null ? { lag: num(lb.lag) as number, q: num(lb.q), p_value: num(lb.p_value) } : null,
    backtest:
      b && !b.error
        ? { h: num(b.h), model: text(b.model, 120) ?? '', mae: num(b.mae), rmse: num(b.rmse), mape: num(b.mape), mase: num(b.mase), baseline: text(b.baseline, 40) ?? '', baseline_mape: num(b.baseline_mape), beats_baseline: bool(b.beats_baseline) }
        : null,
    backtest_error: text(b?.error, 500),
  };
}

const clvGroup = (g: unknown): SavedClvGroup | null => {
  const x = obj(g);
  const group = text(x?.group, 200);
  const total = num(x?.total_clv);
  return x && group !== null && total !== null ? { group, customers: num(x.customers), total_clv: total, mean_clv: num(x.mean_clv), mean_p_alive: num(x.mean_p_alive) } : null;
};

/** The lifetime-value section. */
export function readClv(v: unknown): SavedClv {
  const o = need(obj(v), 'the lifetime-value figures');
  const bg = obj(o.bgnbd);
  const gg = obj(o.gamma_gamma);
  const h = obj(o.holdout);
  const error = text(o.error, 500);
  const out: SavedClv = {
    sample: readSample(o.sample),
    error,
    verdict: readVerdict(o.verdict),
    time_unit: text(o.time_unit, 20),
    horizon_months: num(o.horizon_months),
    discount_monthly: num(o.discount_monthly),
    total_clv: num(o.total_clv),
    expected_purchases_days: num(o.expected_purchases_days),
    bgnbd: numberEntries(bg, 10),
    gamma_gamma: numberEntries(gg, 10),
    gamma_gamma_error: text(gg?.error, 500),
    top_customers:
      list(o.top_customers, (c) => {
        const x = obj(c);
        const customer = text(x?.customer, 200);
        return x && customer !== null ? { customer, p_alive: num(x.p_alive), expected_purchases: num(x.expected_purchases), expected_purchases_horizon: num(x.expected_purchases_horizon), clv: num(x.clv) } : null;
      }, 100) ?? [],
    holdout: numberEntries(h, 20),
    holdout_split: text(h?.split, 40),
    holdout_error: text(h?.error, 500),
    by_segment: list(o.by_segment, clvGroup, 50) ?? [],
    by_cluster: list(o.by_cluster, clvGroup, 50) ?? [],
  };
  if (!error && !out.bgnbd.length) throw new Missing('the model parameters');
  return out;
}
