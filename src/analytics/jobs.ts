// The analytics worker's jobs: each composes models from src/analytics into one call that
// takes typed arrays and returns plain data. Pure and synchronous, so Node tests call
// them directly; the worker entry only exposes them.
import { autoArima, backtestArima, fitArima, type ArimaResult, type ArimaSpec, type BacktestResult } from './arima';
import { analyseClv, conditionalExpectedPurchases, fitBgNbd, holdoutValidation, type ClvAnalysis, type ClvFailure, type ClvTimeUnit, type HoldoutValidation } from './clv';
import { nameClusters, profilesFromCentroids, type FeatureKind } from './cluster-names';
import { buildFeatureMatrix } from './features';
import { kmeans } from './kmeans';
import { chooseK, scanRestarts, type KScore } from './silhouette';
import { arimaVerdict, clvVerdict, type ModelVerdict } from './verdict';

/** Input of the forecast job: a regular series, its season length, horizon, and an optional hand-picked order. */
export interface ForecastInput {
  values: Float64Array;
  /** Season length: 12 months, 52 weeks, 7 days. */
  m: number;
  h: number;
  /** A fixed order, or null for the automatic search. */
  spec: ArimaSpec | null;
}

/** The fit with its forecast, the backtest on the last h periods, and the verdict on both. */
export interface ForecastOutput {
  result: ArimaResult;
  backtest: BacktestResult;
  verdict: ModelVerdict;
  ms: number;
}

/** Fits (auto or fixed order), forecasts h periods, and backtests the order in use (refitted on all but the last h). */
export function forecastJob(input: ForecastInput): ForecastOutput {
  const t = performance.now();
  const { values, m, h, spec } = input;
  const result = spec ? fitArima(values, spec, { h }) : autoArima(values, m, { h });
  // the backtest judges the model the user sees: the same order, re-estimated on the training window
  const chosen = result.ok ? result.model.spec : spec;
  const backtest = backtestArima(values, m, { h, ...(chosen ? { spec: chosen } : {}) });
  return { result, backtest, verdict: arimaVerdict(result, backtest), ms: performance.now() - t };
}

/** Per-customer summary arrays (lifetimes' frequency / recency / T / monetary_value). */
export interface ClvSummaryArrays {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  monetary: Float64Array;
}

/** Input of the CLV job: the full-period summary and, optionally, a calibration/holdout split. */
export interface ClvInput {
  summary: ClvSummaryArrays;
  unit: ClvTimeUnit;
  months: number;
  monthlyDiscount: number;
  /** Horizon of the short-term purchase prediction, in days (default 90). */
  days?: number;
  holdout: { calibration: ClvSummaryArrays; holdoutFrequency: Float64Array; duration: number } | null;
  /** Last day of the calibration period (for the verdict's sentences). */
  split?: string;
  /** Beyond the cap: the sample of customers both models are fitted on (`summary` is still predicted in full). */
  fitOn?: ClvSummaryArrays | null;
}

/** The fitted models with per-customer figures, and the holdout check. */
export interface ClvOutput {
  analysis: ClvAnalysis | ClvFailure;
  /** Expected purchases per customer in the next `days` days (null when the purchase model failed). */
  nextDays: Float64Array | null;
  days: number;
  holdout: HoldoutValidation | ClvFailure | null;
  /** Whether the figures can be trusted (null when the purchase model could not be fitted at all). */
  verdict: ModelVerdict | null;
  ms: number;
}

/** Fits BG/NBD + Gamma-Gamma on the whole period; refits BG/NBD on the calibration period for the holdout check. */
export function clvJob(input: ClvInput): ClvOutput {
  const t = performance.now();
  const analysis = analyseClv(input.summary, { unit: input.unit, months: input.months, monthlyDiscount: input.monthlyDiscount, ...(input.fitOn ? { fitOn: input.fitOn } : {}) });
  const days = input.days ?? 90;
  const nextDays = analysis.ok ? conditionalExpectedPurchases(analysis.bgnbd.params, input.unit === 'weeks' ? days / 7 : days, input.summary) : null;
  let holdout: HoldoutValidation | ClvFailure | null = null;
  let calibration: ReturnType<typeof fitBgNbd> | null = null;
  if (input.holdout) {
    const cal = input.holdout.calibration;
    calibration = fitBgNbd({ frequency: cal.frequency, recency: cal.recency, T: cal.T });
    holdout = calibration.ok ? holdoutValidation(calibration.params, cal, input.holdout.holdoutFrequency, input.holdout.duration) : { ok: false, reason: `calibration period: ${calibration.reason}` };
  }
  const verdict = analysis.ok
    ? clvVerdict({ bgnbd: analysis.bgnbd, spend: analysis.spend, calibration, holdout, unit: input.unit, ...(input.split ? { split: input.split } : {}) })
    : null;
  return { analysis, nextDays, days, holdout, verdict, ms: performance.now() - t };
}

/** A customer feature offered to k-means: its values per customer and how to read it. */
export interface ClusterFeature {
  name: string;
  label: string;
  kind: FeatureKind;
  values: Float64Array;
  log: boolean;
}

/** Input of the clustering job: features, spend for revenue shares, and k ('auto' = best silhouette). */
export interface ClusterInput {
  features: ClusterFeature[];
  spend: Float64Array | null;
  k: number | 'auto';
  kMin?: number;
  kMax?: number;
  nInit?: number;
  seed?: number;
}

/** One cluster's profile in the user's units. */
export interface ClusterProfile {
  cluster: number;
  name: string;
  size: number;
  share: number;
  revenue_share: number | null;
  means: Record<string, number>;
}

/** The elbow/silhouette scan, the chosen clustering and its profiles; labels are per input row (−1 = left out). */
export interface ClusterOutput {
  byK: KScore[];
  autoK: number;
  k: number;
  labels: Int32Array;
  profiles: ClusterProfile[];
  inertia: number;
  iterations: number;
  converged: boolean;
  excluded: number;
  /** The fitted centres (k × d, row-major) in the standardised space of `scaling`. */
  centroids: Float64Array;
  /** Mean and scale of each (logged) feature, so the model can assign customers it was not fitted on. */
  scaling: { means: number[]; scales: number[] };
  ms: number;
}

/** Standardises the features, scans k for the elbow and silhouette, fits the chosen k and names the clusters. */
export function clusterJob(input: ClusterInput, onProgress?: (fraction: number, message?: string) => void): ClusterOutput {
  const t = performance.now();
  const m = buildFeatureMatrix(input.features.map((f) => ({ name: f.name, values: f.values, log: f.log })));
  const seed = input.seed ?? 0;
  const nInit = input.nInit ?? 10;
  const scan = chooseK(m.data, m.n, m.d, {
    kMin: input.kMin ?? 2,
    kMax: input.kMax ?? 10,
    nInit,
    seed,
    onProgress: (f) => onProgress?.(0.85 * f, 'Scanning k = 2…10 (inertia and silhouette)'),
  });
  const k = input.k === 'auto' ? scan.autoK : Math.min(Math.max(1, Math.round(input.k)), m.n);
  onProgress?.(0.9, `Fitting k = ${k}`);
  const fit = kmeans(m.data, m.n, m.d, { k, nInit: scanRestarts(m.n, m.d, k, nInit), seed });
  const names = nameClusters({
    features: input.features.map((f) => ({ kind: f.kind, label: f.label })),
    profiles: profilesFromCentroids(fit.centroids, k, m.d),
  });
  const labels = new Int32Array(input.features[0]?.values.length ?? 0).fill(-1);
  for (let i = 0; i < m.n; i++) labels[m.rows[i] as number] = fit.labels[i] as number;
  // means in the user's units: averages of the original values (a logged centroid is not a mean)
  const sums = input.features.map(() => new Float64Array(k));
  const counts = new Float64Array(k);
  const revenue = new Float64Array(k);
  let totalRevenue = 0;
  for (let r = 0; r < labels.length; r++) {
    const c = labels[r] as number;
    if (c < 0) continue;
    counts[c] = (counts[c] as number) + 1;
    input.features.forEach((f, j) => {
      const s = sums[j] as Float64Array;
      s[c] = (s[c] as number) + (f.values[r] as number);
    });
    const sp = input.spend?.[r];
    if (sp !== undefined && Number.isFinite(sp)) {
      revenue[c] = (revenue[c] as number) + sp;
      totalRevenue += sp;
    }
  }
  const profiles: ClusterProfile[] = Array.from({ length: k }, (_, c) => ({
    cluster: c,
    name: names[c] ?? `Cluster ${c + 1}`,
    size: counts[c] as number,
    share: (counts[c] as number) / Math.max(1, m.n),
    revenue_share: input.spend && totalRevenue > 0 ? (revenue[c] as number) / totalRevenue : null,
    means: Object.fromEntries(input.features.map((f, j) => [f.name, ((sums[j] as Float64Array)[c] as number) / Math.max(1, counts[c] as number)])),
  }));
  onProgress?.(1, 'Done');
  return { byK: scan.byK, autoK: scan.autoK, k, labels, profiles, inertia: fit.inertia, iterations: fit.iterations, converged: fit.converged, excluded: m.excluded, centroids: fit.centroids, scaling: { means: Array.from(m.means), scales: Array.from(m.scales) }, ms: performance.now() - t };
}

/** Input of the k-means timing job (benchmark): points, k, seed, optional starting centres. */
export interface KMeansBenchInput {
  data: Float64Array;
  n: number;
  d: number;
  k: number;
  seed: number;
  init: Float64Array | null;
}

/** One k-means fit with n_init = 1, timed inside the worker (the benchmark compares it with scikit-learn). */
export function kmeansBenchJob(input: KMeansBenchInput): { ms: number; iterations: number; inertia: number } {
  const t = performance.now();
  const fit = kmeans(input.data, input.n, input.d, input.init ? { k: input.k, init: input.init } : { k: input.k, nInit: 1, seed: input.seed });
  return { ms: performance.now() - t, iterations: fit.iterations, inertia: fit.inertia };
}
