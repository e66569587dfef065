// The analytics worker's API, shared by the worker (which implements it) and the page
// (which calls it through comlink). Inputs and outputs are structured-clone-able: typed
// arrays travel as transferables, results are plain objects.
import type { ClusterInput, ClusterOutput, ClvInput, ClvOutput, ForecastInput, ForecastOutput, KMeansBenchInput } from '../analytics/jobs';

/** Progress callback passed through comlink.proxy (fraction 0..1, optional words). */
export type ProgressFn = (fraction: number, message?: string) => void;

/** What the worker offers. Each method is a pure computation over its arguments. */
export interface AnalyticsApi {
  /** Liveness and version check. */
  ping(): string;
  /** ARIMA fit (automatic or fixed order), forecast and backtest. */
  forecast(input: ForecastInput): ForecastOutput;
  /** BG/NBD + Gamma-Gamma lifetime value with an optional holdout check. */
  clv(input: ClvInput): ClvOutput;
  /** k-means segmentation: k scan (elbow, silhouette), the chosen fit, named profiles. */
  cluster(input: ClusterInput, onProgress?: ProgressFn): ClusterOutput;
  /** One timed k-means fit (n_init = 1) for `npm run bench`. */
  kmeansBench(input: KMeansBenchInput): { ms: number; iterations: number; inertia: number };
}
