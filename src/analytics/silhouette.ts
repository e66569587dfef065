// Silhouette coefficient and the choice of k for k-means segmentation.
// The silhouette of a point is (b − a) / max(a, b), with a its mean Euclidean distance
// to the other points of its cluster and b the smallest mean distance to another
// cluster (0 for a point alone in its cluster), as scikit-learn's silhouette_score.
// It costs O(s²·d), so large data are scored on a fixed-seed random sample of
// `sampleSize` points (sklearn's sample_size does the same); small data are exact.

import { checkMatrix, kmeans, throwIfAborted, type AbortFlag } from './kmeans';
import { createRandom } from './random';

/** Options for silhouetteScore. */
export interface SilhouetteOptions {
  /** Largest number of points scored; more points → a random sample of this size (default 10,000). */
  sampleSize?: number;
  /** Seed of the sample (default 0); the same seed always draws the same points. */
  seed?: number;
  signal?: AbortFlag;
}

/** Mean silhouette coefficient of a labelling (labels 0..k-1); needs 2 ≤ clusters in the (sample) ≤ points − 1. */
export function silhouetteScore(
  data: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  options: SilhouetteOptions = {},
): number {
  checkMatrix(data, n, d, 'silhouetteScore');
  if (labels.length !== n) throw new Error(`silhouetteScore: ${labels.length} labels for ${n} points`);
  const sample = drawSample(n, options.sampleSize ?? 10_000, options.seed ?? 0);
  const score = sampledSilhouette(data, d, labels, sample, options.signal);
  if (Number.isNaN(score)) {
    throw new Error('silhouetteScore: needs at least 2 clusters and fewer clusters than points (in the sample)');
  }
  return score;
}

/** Options for chooseK; k runs from kMin to kMax, capped by the number of distinct points. */
export interface ChooseKOptions {
  kMin?: number;
  kMax?: number;
  /** k-means restarts per k: at least this many (default 10), more where the data are small (see scanRestarts). */
  nInit?: number;
  /** Seed for k-means and the silhouette sample (default 0). */
  seed?: number;
  /** Silhouette sample size (default 10,000). */
  sampleSize?: number;
  maxIter?: number;
  onProgress?: (fraction: number) => void;
  signal?: AbortFlag;
}

/** One candidate k: its k-means inertia and mean silhouette (NaN if the sample held one cluster). */
export interface KScore {
  k: number;
  inertia: number;
  silhouette: number;
}

/** Scores per k and the suggested k (best silhouette; the smaller k on ties). */
export interface ChooseKResult {
  byK: KScore[];
  autoK: number;
}

/** Fits k-means for each k in [kMin, kMax] and picks the k with the best silhouette. */
export function chooseK(data: Float64Array, n: number, d: number, options: ChooseKOptions = {}): ChooseKResult {
  checkMatrix(data, n, d, 'chooseK');
  const { kMin = 2, kMax = 10, nInit, seed = 0, sampleSize, maxIter, onProgress, signal } = options;
  if (n < 3) throw new Error(`chooseK: need at least 3 points to compare cluster counts, got ${n}`);
  if (!Number.isInteger(kMin) || !Number.isInteger(kMax) || kMin < 2 || kMax < kMin) {
    throw new Error(`chooseK: need integers 2 ≤ kMin ≤ kMax, got kMin ${kMin}, kMax ${kMax}`);
  }
  // More clusters than distinct points cannot be told apart, and silhouette needs
  // k ≤ n − 1, so the range shrinks to what the data can support.
  const distinct = countDistinct(data, n, d, kMax);
  if (distinct < 2) throw new Error('chooseK: all points are identical, so there is nothing to cluster');
  const top = Math.min(kMax, distinct, n - 1);
  if (top < kMin) throw new Error(`chooseK: the data have only ${distinct} distinct points, fewer than kMin = ${kMin}`);

  const sample = drawSample(n, sampleSize ?? 10_000, seed);
  const count = top - kMin + 1;
  const byK: KScore[] = [];
  for (let k = kMin; k <= top; k++) {
    throwIfAborted(signal);
    const step = k - kMin;
    const fit = kmeans(data, n, d, {
      k,
      nInit: scanRestarts(n, d, k, nInit),
      seed,
      maxIter,
      signal,
      onProgress: onProgress ? (f) => onProgress((step + 0.9 * f) / count) : undefined,
    });
    const silhouette = sampledSilhouette(data, d, fit.labels, sample, signal);
    byK.push({ k, inertia: fit.inertia, silhouette });
    onProgress?.((step + 1) / count);
  }
  let autoK = kMin;
  let bestScore = -Infinity;
  for (const s of byK) {
    if (s.silhouette > bestScore) {
      bestScore = s.silhouette;
      autoK = s.k;
    }
  }
  return { byK, autoK };
}

/** Work (points × features × clusters) one scan step may spend on restarts; about 0.1 s of Lloyd at 20 iterations. */
export const SCAN_RESTART_BUDGET = 5_000_000;

/**
 * k-means restarts for one k of the scan (and for the chosen k, so its inertia is the
 * scan's): sklearn's 10 are not always enough to reach its optimum (Mall at k = 2 was
 * 0.6% above it), and on small data restarts are cheap, so take as many as the budget
 * allows, from `base` (default 10) up to 100.
 */
export function scanRestarts(n: number, d: number, k: number, base = 10): number {
  return Math.max(base, Math.min(100, Math.floor(SCAN_RESTART_BUDGET / Math.max(1, n * d * k))));
}

// Indices of the points to score, ascending: all of them, or a seeded partial
// Fisher–Yates draw without replacement.
function drawSample(n: number, sampleSize: number, seed: number): Int32Array {
  if (!Number.isInteger(sampleSize) || sampleSize < 2) throw new Error(`silhouette: sampleSize must be an integer ≥ 2, got ${sampleSize}`);
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  if (n <= sampleSize) return all;
  const random = createRandom(seed);
  for (let i = 0; i < sampleSize; i++) {
    const j = i + random.int(n - i);
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.slice(0, sampleSize).sort();
}

// Mean silhouette over the sampled points, distances among the sample only. NaN when
// the sample does not hold between 2 and s − 1 clusters (sklearn raises then).
function sampledSilhouette(
  data: Float64Array,
  d: number,
  labels: Int32Array,
  sample: Int32Array,
  signal: AbortFlag | undefined,
): number {
  const s = sample.length;
  let k = 0;
  for (let r = 0; r < s; r++) {
    const l = labels[sample[r]];
    if (!Number.isInteger(l) || l < 0) throw new Error(`silhouette: labels must be integers ≥ 0, got ${l}`);
    if (l >= k) k = l + 1;
  }
  const counts = new Int32Array(k);
  for (let r = 0; r < s; r++) counts[labels[sample[r]]]++;
  let present = 0;
  for (let c = 0; c < k; c++) if (counts[c] > 0) present++;
  if (present < 2 || present > s - 1) return NaN;

  // The sample is regrouped by cluster (the score does not depend on order): cluster c
  // occupies rows start[c] .. start[c + 1] − 1, so sums towards a cluster are plain
  // running sums over a range.
  const start = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) start[c + 1] = start[c] + counts[c];
  const fill = start.slice(0, k);
  const x = new Float64Array(s * d);
  const lab = new Int32Array(s);
  for (let r = 0; r < s; r++) {
    const i = sample[r];
    const c = labels[i];
    const at = fill[c]++;
    lab[at] = c;
    for (let j = 0; j < d; j++) x[at * d + j] = data[i * d + j];
  }

  // toCluster[c*s + j] = Σ distances from point j to the points of cluster c. Each pair
  // (i < j) is measured once: it adds to i's running sum for j's cluster, and to j's
  // entry in the contiguous row of i's cluster.
  const toCluster = new Float64Array(k * s);
  for (let i = 0; i < s; i++) {
    if ((i & 255) === 0) throwIfAborted(signal);
    const base = lab[i] * s;
    for (let c = 0; c < k; c++) {
      const from = Math.max(i + 1, start[c]);
      if (from < start[c + 1]) toCluster[c * s + i] += distanceRun(x, d, i, from, start[c + 1], toCluster, base);
    }
  }

  let total = 0;
  for (let i = 0; i < s; i++) {
    const own = lab[i];
    if (counts[own] === 1) continue; // a point alone in its cluster scores 0
    const a = toCluster[own * s + i] / (counts[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c === own || counts[c] === 0) continue;
      const m = toCluster[c * s + i] / counts[c];
      if (m < b) b = m;
    }
    const denom = a > b ? a : b;
    if (denom > 0) total += (b - a) / denom;
  }
  return total / s;
}

// Distances from point i to points from..to−1 (all of one cluster): each is added to
// out[base + j], and their sum is returned. Point i's features sit in locals for the
// usual d ≤ 3; two accumulators keep the additions from waiting on each other. This
// loop is the whole cost of a silhouette.
function distanceRun(x: Float64Array, d: number, i: number, from: number, to: number, out: Float64Array, base: number): number {
  const p = i * d;
  let even = 0;
  let odd = 0;
  if (d <= 3) {
    const x0 = x[p];
    const x1 = d > 1 ? x[p + 1] : 0;
    const x2 = d > 2 ? x[p + 2] : 0;
    for (let j = from, q = from * d; j < to; j++, q += d) {
      const a = x[q] - x0;
      const b = d > 1 ? x[q + 1] - x1 : 0;
      const c = d > 2 ? x[q + 2] - x2 : 0;
      const dist = Math.sqrt(a * a + b * b + c * c);
      out[base + j] += dist;
      if ((j & 1) === 0) even += dist;
      else odd += dist;
    }
    return even + odd;
  }
  for (let j = from, q = from * d; j < to; j++, q += d) {
    let sq = 0;
    for (let t = 0; t < d; t++) {
      const diff = x[p + t] - x[q + t];
      sq += diff * diff;
    }
    const dist = Math.sqrt(sq);
    out[base + j] += dist;
    if ((j & 1) === 0) even += dist;
    else odd += dist;
  }
  return even + odd;
}

// Distinct rows, counting stops once it passes `cap` (enough to bound k cheaply).
function countDistinct(data: Float64Array, n: number, d: number, cap: number): number {
  const seen = new Set<string>();
  for (let i = 0; i < n && seen.size <= cap; i++) {
    let key = '';
    for (let j = 0; j < d; j++) key += `${data[i * d + j]},`;
    seen.add(key);
  }
  return seen.size;
}
