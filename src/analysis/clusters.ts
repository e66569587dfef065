// Data of the k-means part of the Segments view: candidate customer features read from
// customers_all, the clustering job in the analytics worker, and the `clusters` table
// written back to DuckDB (so filters, lookups and SQL can use the clusters).
import { tableFromArrays } from 'apache-arrow';
import { transfer } from 'comlink';
import type { Connector } from '../engine/connector';
import { toFloat64, toRows } from '../engine/rows';
import type { ClusterFeature, ClusterOutput } from '../analytics/jobs';
import type { FeatureKind } from '../analytics/cluster-names';
import type { DataContext } from '../pipeline/context';
import { ident } from '../sql/ident';
import { assignClustersSql, clusterFiguresSql, type CentroidModel } from '../sql/clusters';
import { seededCustomerSampleSql } from '../sql/sample';
import { workerJobs, type JobRunner } from './jobs';
import { CLUSTER_MAX_CUSTOMERS, sampleReport, type SampleInfo } from './sampling';
import { memoByKey, memoKey, stampSql, tableStamp } from '../pipeline/memo';
import type { ProgressFn } from '../workers/analytics.api';
import type { Lane } from '../workers/analytics-client';

/** A feature the user can tick. */
export interface FeatureOption {
  name: string;
  label: string;
  kind: FeatureKind;
  /** log1p by default (skewed amounts and counts). */
  logDefault: boolean;
  /** Ticked by default. */
  selectedDefault: boolean;
}

const BEHAVIOUR: Omit<FeatureOption, 'selectedDefault'>[] = [
  { name: 'recency_days', label: 'Recency (days)', kind: 'recency', logDefault: false },
  { name: 'visits', label: 'Transactions', kind: 'frequency', logDefault: true },
  { name: 'spend', label: 'Total spend', kind: 'monetary', logDefault: true },
  { name: 'avg_spend', label: 'Average spend', kind: 'avg_spend', logDefault: true },
  { name: 'tenure_days', label: 'Tenure (days)', kind: 'tenure', logDefault: false },
  { name: 'mean_days_between', label: 'Days between purchases', kind: 'interpurchase', logDefault: false },
];

/**
 * The features this dataset offers, with defaults: recency, frequency and spend where the
 * file has transactions; otherwise the pair of numeric columns most likely to separate
 * customers (defaultPair), never a demographic alone.
 */
export function featureOptions(ctx: DataContext, grain: 'transaction' | 'customer'): FeatureOption[] {
  const perRow = grain === 'customer';
  const out: FeatureOption[] = [];
  if (!perRow) {
    for (const f of BEHAVIOUR) {
      if (!ctx.hasAmount && (f.kind === 'monetary' || f.kind === 'avg_spend')) continue;
      if (!ctx.hasDates && (f.kind === 'recency' || f.kind === 'tenure' || f.kind === 'interpurchase')) continue;
      out.push({ ...f, selectedDefault: f.kind === 'recency' || f.kind === 'frequency' || f.kind === 'monetary' });
    }
  }
  const attrs = ctx.attributes ?? [];
  for (const a of attrs) {
    const kind: FeatureKind = a === 'age' || a === 'income' || a === 'score' ? a : 'other';
    out.push({ name: a, label: ctx.labels[a] ?? a, kind, logDefault: false, selectedDefault: false });
  }
  if (perRow && ctx.hasAmount) out.push({ name: 'spend', label: 'Amount', kind: 'monetary', logDefault: false, selectedDefault: false });
  if (out.some((o) => o.selectedDefault)) return out;
  const pair = defaultPair(out);
  for (const o of out) o.selectedDefault = pair.includes(o.name);
  // the pair first, in its order (x then y), so the scatter opens on it
  return [...pair.map((name) => out.find((o) => o.name === name) as FeatureOption), ...out.filter((o) => !o.selectedDefault)];
}

// Which kinds of column tell customers apart, best first: what they earn and how they
// spend before who they are. Mall Customers separates into its five well-known groups on
// income × spending score, while age alone only cuts an age range into bands.
const SEPARATION_RANK: Record<FeatureKind, number> = { income: 0, score: 1, monetary: 2, frequency: 3, recency: 4, avg_spend: 5, other: 6, tenure: 7, interpurchase: 8, age: 9 };

/**
 * The default features where there is no transaction behaviour: the two best-ranked
 * numeric columns (income and spending score on Mall-like files; spend and age when those
 * are all there is); one column only if it is not a demographic; none when age is all the
 * file has (an "age vs age" clustering tells nothing).
 */
export function defaultPair(options: readonly Pick<FeatureOption, 'name' | 'kind'>[]): string[] {
  const ranked = [...options].sort((a, b) => SEPARATION_RANK[a.kind] - SEPARATION_RANK[b.kind]);
  if (ranked.length >= 2) return ranked.slice(0, 2).map((o) => o.name);
  return ranked.filter((o) => o.kind !== 'age').map((o) => o.name);
}

/** The ticked features from the URL form "visits,spend~log" (~log = log transform), or the defaults. */
export function chosenFeatures(options: readonly FeatureOption[], param: string): { option: FeatureOption; log: boolean }[] {
  if (!param) return options.filter((o) => o.selectedDefault).map((o) => ({ option: o, log: o.logDefault }));
  return param
    .split(',')
    .map((t) => {
      const [name, flag] = t.split('~');
      const option = options.find((o) => o.name === name);
      return option ? { option, log: flag === 'log' } : null;
    })
    .filter((x): x is { option: FeatureOption; log: boolean } => x !== null);
}

/** The clustering result with what the page needs to draw it. */
export interface ClusterView {
  output: ClusterOutput;
  features: { name: string; label: string; log: boolean }[];
  customers: string[];
  /** Feature values per customer (same order as `features`), for the scatter. */
  values: Float64Array[];
  /**
   * Set when there were more customers than the cap: the model was fitted on this sample
   * (`customers`, `values`, `output.labels` and `output.byK` are the sample's), and every
   * customer was then assigned in SQL (`output.profiles`, `inertia`, `excluded` are over all).
   */
  sample?: SampleInfo;
}

/** Beyond how many customers k-means fits on a sample, and the seed of that sample (tests lower the cap). */
export interface ClusterLimits {
  maxCustomers?: number;
  seed?: number;
}

/** The stated bound for a sample of m customers and k clusters (see the README: sampling error ≈ k/m, measured ≤ 2.3·k/m). */
export function clusterBound(k: number, m: number): string {
  return `full-data inertia within ${((300 * k) / m).toFixed(3)}% (3·k/m) of a fit on all customers, where the data have cluster structure`;
}

/** The fit of one feature choice: the job's output (the sample's when sampled), and what the page draws. */
interface ClusterFit {
  output: ClusterOutput;
  features: ClusterView['features'];
  customers: string[];
  values: Float64Array[];
  population: number;
  sampled: boolean;
  seed: number;
}

// progress of a fit under way, for every caller waiting on it (a tab that opens while the
// background run fits the same choice shows that run's progress)
const listeners = new Map<string, { last: [number, string | undefined] | null; fns: Set<ProgressFn> }>();

/**
 * Reads the chosen features from customers_all, runs the job in the worker, and writes the
 * `clusters` table. The fit is kept per dataset version and choice (src/pipeline/memo.ts): the
 * clusters are whole-file customer attributes, so a filter change, a second visit to the tab or
 * the background run after the Overview (src/state/prefetch.ts) finds it fitted; the table is
 * written again only when it holds another choice's labels (its stamp says which).
 */
export async function runClusters(
  conn: Connector,
  chosen: { option: FeatureOption; log: boolean }[],
  k: number | 'auto',
  hasAmount: boolean,
  write: (customers: string[], labels: Int32Array, names: string[]) => Promise<void>,
  onProgress: ProgressFn,
  signal?: AbortSignal,
  jobs: JobRunner = workerJobs,
  limits: ClusterLimits = {},
): Promise<ClusterView> {
  if (chosen.length === 0) throw new Error('Tick at least one feature to cluster on.');
  const key = await clusterKey(conn, chosen, k, hasAmount, limits, signal);
  const fit = await fitClusters({ conn, chosen, k, hasAmount, signal, jobs, limits, lane: 'segments' }, key, onProgress);
  const { output, features, customers, values, population, sampled, seed } = fit;
  const current = key !== null && (await tableStamp(conn, 'clusters', signal)) === key;
  const stamp = async (): Promise<void> => {
    if (key !== null) await conn.exec(stampSql('clusters', key), signal);
  };
  if (!sampled) {
    if (!current) {
      await write(customers, output.labels, output.profiles.map((p) => p.name));
      await stamp();
    }
    return { output, features, customers, values };
  }
  // every customer to the nearest centre of the sample's fit, in SQL; figures over all of them
  onProgress(0.97, `Assigning all ${population} customers to the nearest centre`);
  const model: CentroidModel = {
    features: chosen.map((c, j) => ({ name: c.option.name, log: c.log, mean: output.scaling.means[j] as number, scale: output.scaling.scales[j] as number })),
    centroids: output.centroids,
    k: output.k,
  };
  if (!current) {
    await conn.exec(assignClustersSql(model, output.profiles.map((p) => p.name)), signal);
    await stamp();
  }
  const full = await allCustomersOutput(conn, model, output, hasAmount, population, signal);
  return { output: full, features, customers, values, sample: { size: customers.length, population, seed, bound: clusterBound(output.k, customers.length) } };
}

/** The memo key of a feature choice (null when the data has no version: never kept). */
function clusterKey(conn: Connector, chosen: { option: FeatureOption; log: boolean }[], k: number | 'auto', hasAmount: boolean, limits: ClusterLimits, signal?: AbortSignal): Promise<string | null> {
  const settings = { features: chosen.map((c) => [c.option.name, c.log]), k, hasAmount, cap: limits.maxCustomers ?? CLUSTER_MAX_CUSTOMERS, seed: limits.seed ?? 0 };
  return memoKey(conn, 'clusters', 'TRUE', settings, signal);
}

/**
 * Fits k-means on the chosen features without writing anything, kept per dataset version and
 * choice: for the background run after the Overview, so the Segments tab finds it fitted.
 */
export async function prefitClusters(conn: Connector, chosen: { option: FeatureOption; log: boolean }[], k: number | 'auto', hasAmount: boolean, signal?: AbortSignal, jobs: JobRunner = workerJobs): Promise<void> {
  if (chosen.length === 0) return;
  const key = await clusterKey(conn, chosen, k, hasAmount, {}, signal);
  // its own worker lane: a newer job in the tab's lane ('segments') would cancel it, and it
  // must not cancel the tab's fit of another choice either
  if (key !== null) await fitClusters({ conn, chosen, k, hasAmount, signal, jobs, limits: {}, lane: 'background' }, key, () => undefined);
}

/** One fit's inputs, as fitClusters and fitNow take them. */
interface FitRequest {
  conn: Connector;
  chosen: { option: FeatureOption; log: boolean }[];
  k: number | 'auto';
  hasAmount: boolean;
  signal: AbortSignal | undefined;
  jobs: JobRunner;
  limits: ClusterLimits;
  lane: Lane;
}

async function fitClusters(req: FitRequest, key: string | null, onProgress: ProgressFn): Promise<ClusterFit> {
  if (key === null) return fitNow(req, onProgress);
  let entry = listeners.get(key);
  if (!entry) listeners.set(key, (entry = { last: null, fns: new Set() }));
  const mine = entry;
  mine.fns.add(onProgress);
  if (mine.last) onProgress(...mine.last);
  try {
    return await memoByKey(
      req.conn,
      key,
      () =>
        fitNow(req, (f, m) => {
          mine.last = [f, m];
          for (const fn of mine.fns) fn(f, m);
        }),
      req.signal,
    );
  } finally {
    mine.fns.delete(onProgress);
    if (mine.fns.size === 0 && listeners.get(key) === mine) listeners.delete(key);
  }
}

async function fitNow({ conn, chosen, k, hasAmount, signal, jobs, limits, lane }: FitRequest, onProgress: ProgressFn): Promise<ClusterFit> {
  const cols = chosen.map((c) => ident(c.option.name)).join(', ');
  const cap = limits.maxCustomers ?? CLUSTER_MAX_CUSTOMERS;
  const seed = limits.seed ?? 0;
  const population = Number(toRows(await conn.query('SELECT count(*)::BIGINT AS n FROM customers_all', signal))[0]?.n ?? 0);
  const sampled = population > cap;
  const from = sampled ? `customers_all SEMI JOIN (${seededCustomerSampleSql('customers_all', cap, seed)}) USING (customer_id)` : 'customers_all';
  const table = await conn.query(`SELECT customer_id, ${cols}${hasAmount ? ', spend AS __spend' : ''} FROM ${from} ORDER BY customer_id`, signal);
  const customers: string[] = [];
  const ids = table.getChild('customer_id');
  for (let i = 0; i < table.numRows; i++) customers.push(String(ids?.get(i)));
  const values = chosen.map((c) => toFloat64(table, c.option.name));
  const features: ClusterFeature[] = chosen.map((c, j) => ({ name: c.option.name, label: c.option.label, kind: c.option.kind, values: (values[j] as Float64Array).slice(), log: c.log }));
  const spend = hasAmount ? toFloat64(table, '__spend') : null;
  const buffers = [...features.map((f) => f.values.buffer as ArrayBuffer), ...(spend ? [spend.buffer as ArrayBuffer] : [])];
  const output = await jobs(lane, (api, progress) => api.cluster(transfer({ features, spend, k }, buffers), progress), onProgress, signal);
  const described = chosen.map((c) => ({ name: c.option.name, label: c.option.label, log: c.log }));
  return { output, features: described, customers, values, population, sampled, seed };
}

// The sample's output with profiles, inertia and excluded counted over every customer.
async function allCustomersOutput(conn: Connector, model: CentroidModel, output: ClusterOutput, hasAmount: boolean, population: number, signal?: AbortSignal): Promise<ClusterOutput> {
  const rows = toRows(await conn.query(clusterFiguresSql(model, { spend: hasAmount ? 'spend' : null }), signal));
  const byCluster = new Map(rows.map((r) => [Number(r.cluster) - 1, r]));
  const assigned = rows.reduce((s, r) => s + Number(r.size), 0);
  const revenue = rows.reduce((s, r) => s + (r.revenue === null ? 0 : Number(r.revenue)), 0);
  const profiles = output.profiles.map((p) => {
    const r = byCluster.get(p.cluster);
    const size = r ? Number(r.size) : 0;
    return {
      ...p,
      size,
      share: size / Math.max(1, assigned),
      revenue_share: hasAmount && revenue > 0 ? (r ? Number(r.revenue) : 0) / revenue : null,
      means: Object.fromEntries(model.features.map((f, j) => [f.name, r ? Number(r[`m${j}`]) : Number.NaN])),
    };
  });
  const inertia = rows.reduce((s, r) => s + Number(r.inertia), 0);
  return { ...output, profiles, inertia, excluded: population - assigned };
}

/** The `clusters` table as Arrow: customer_id, cluster (1-based), cluster_name; left-out customers omitted. */
export function clustersArrow(customers: string[], labels: Int32Array, names: string[]): ReturnType<typeof tableFromArrays> {
  const ids: string[] = [];
  const cluster: number[] = [];
  const name: string[] = [];
  labels.forEach((c, i) => {
    if (c < 0) return;
    ids.push(customers[i] as string);
    cluster.push(c + 1);
    name.push(names[c] ?? `Cluster ${c + 1}`);
  });
  return tableFromArrays({ customer_id: ids, cluster: Int32Array.from(cluster), cluster_name: name });
}

/** report.json `clusters` section. */
export function clustersReport(v: ClusterView): Record<string, unknown> {
  const r4 = (x: number): number => Math.round(x * 10_000) / 10_000;
  return {
    features: v.features.map((f) => f.name),
    log_transformed: v.features.filter((f) => f.log).map((f) => f.name),
    k: v.output.k,
    auto_k: v.output.autoK,
    by_k: v.output.byK.map((b) => ({ k: b.k, inertia: r4(b.inertia), silhouette: Number.isFinite(b.silhouette) ? r4(b.silhouette) : null })),
    profiles: v.output.profiles.map((p) => ({ name: p.name, size: p.size, share: r4(p.share), revenue_share: p.revenue_share === null ? null : r4(p.revenue_share), means: Object.fromEntries(Object.entries(p.means).map(([k, x]) => [k, r4(x)])) })),
    // beyond the cap: fitted (and the k scan's inertias measured) on the sample; profiles and inertia over every customer
    ...(v.sample ? { sample: { ...sampleReport(v.sample), by_k_on: 'sample', inertia_all_customers: r4(v.output.inertia) } } : {}),
  };
}
