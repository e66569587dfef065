// Shared contract of the k-means modules: options, result, abort flag and input checks.

/** Minimal abort flag (an AbortSignal fits); checked between iterations. */
export interface AbortFlag {
  readonly aborted: boolean;
}

/** Options for kmeans(); defaults are scikit-learn's. */
export interface KMeansOptions {
  /** Number of clusters, 1 ≤ k ≤ n (and ≤ the number of distinct points with k-means++). */
  k: number;
  /** Restarts from fresh k-means++ centres; the lowest inertia wins (default 10). */
  nInit?: number;
  /** Lloyd iterations per restart (default 300). */
  maxIter?: number;
  /** Relative tolerance on the summed squared centre shift (default 1e-4, see header). */
  tol?: number;
  /** Seed for createRandom (default 0); same data + options + seed → identical result. */
  seed?: number;
  /** Explicit starting centres (k*d, row-major) instead of k-means++; implies one run. */
  init?: Float64Array;
  /** Called with the fraction done (0..1) after each iteration. */
  onProgress?: (fraction: number) => void;
  /** Cancels between iterations with an Error named 'AbortError'. */
  signal?: AbortFlag;
}

/** A fitted clustering; plain typed arrays and numbers (structured-clone-able). */
export interface KMeansResult {
  /** Cluster of each point, 0..k-1. */
  labels: Int32Array;
  /** k*d centre coordinates, row-major, in the units of the input data. */
  centroids: Float64Array;
  /** Points per cluster (length k). */
  sizes: Int32Array;
  /** Sum of squared distances of points to their centre. */
  inertia: number;
  /** Lloyd iterations of the winning restart. */
  iterations: number;
  /** False when the winning restart hit maxIter before meeting the stopping rule. */
  converged: boolean;
  k: number;
  d: number;
}

/** Throws the Error named 'AbortError' that callers (and comlink) recognise as a cancellation. */
export function throwIfAborted(signal: AbortFlag | undefined): void {
  if (signal?.aborted) {
    const e = new Error('k-means cancelled');
    e.name = 'AbortError';
    throw e;
  }
}

/** Checks the flat-matrix contract shared by the clustering functions; throws a readable Error. */
export function checkMatrix(data: Float64Array, n: number, d: number, who: string): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`${who}: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(d) || d < 1) throw new Error(`${who}: d must be a positive integer, got ${d}`);
  if (data.length !== n * d) throw new Error(`${who}: data has ${data.length} values, expected n*d = ${n * d}`);
}
