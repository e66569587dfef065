// k-means for customer segmentation, following scikit-learn's KMeans(algorithm="lloyd")
// step for step so its numbers can serve as golden figures:
//   1. tol is relative: tol × mean of the per-feature variances of the data.
//   2. Each restart starts from greedy k-means++ (2 + floor(ln k) candidates per centre,
//      keep the one that lowers the potential most), drawn from one seeded generator.
//   3. Lloyd iterations: assign every point to its nearest centre (lowest index on ties),
//      relocate empty clusters, move each centre to the mean of its points; stop when no
//      label changed, or the summed squared centre shift is ≤ tol, or at maxIter.
//   4. If stopped by tol or maxIter, one more assignment so labels match the centres;
//      inertia is then computed from scratch.
//   5. Of nInit restarts keep the lowest inertia (the earliest on ties).
// The assignment step uses Hamerly's bounds (one upper bound to the own centre, one lower
// bound to the second nearest, per point) to skip points that cannot have changed
// cluster. That is exact: it gives Lloyd's assignments, iteration for iteration (the
// tests check this against a plain Lloyd), without computing most distances. Plain
// scalar JS Lloyd was about 3× slower per iteration than sklearn's BLAS + 2 threads on
// 1M × 3 points; with the bounds it is on par (scripts/bench/kmeans-points.mjs).
// Empty clusters (as sklearn): the empty centre takes the point farthest from its own
// centre, from a cluster that keeps at least one point, so all k centres stay finite.
// Data are flat row-major Float64Arrays (point i, feature j at i*d + j); the result is
// plain typed arrays and numbers, so it crosses a worker boundary as is.

import { createRandom } from '../random';
import { fullAssign, lloyd } from './lloyd';
import { kmeansPlusPlus } from './seeding';
import { checkMatrix, throwIfAborted, type KMeansOptions, type KMeansResult } from './types';
import { meanVariance, sqDist, Workspace, type RunResult } from './workspace';

/** Fits k-means (k-means++ init, Lloyd iterations, nInit restarts); deterministic for a seed. */
export function kmeans(data: Float64Array, n: number, d: number, options: KMeansOptions): KMeansResult {
  checkMatrix(data, n, d, 'kmeans');
  const { k, init, signal, onProgress } = options;
  const nInit = options.nInit ?? (init ? 1 : 10);
  const maxIter = options.maxIter ?? 300;
  const relTol = options.tol ?? 1e-4;
  if (!Number.isInteger(k) || k < 1) throw new Error(`kmeans: k must be a positive integer, got ${k}`);
  if (k > n) throw new Error(`kmeans: k = ${k} is more than the ${n} points`);
  if (!Number.isInteger(nInit) || nInit < 1) throw new Error(`kmeans: nInit must be a positive integer, got ${nInit}`);
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new Error(`kmeans: maxIter must be a positive integer, got ${maxIter}`);
  if (!(relTol >= 0)) throw new Error(`kmeans: tol must be ≥ 0, got ${relTol}`);
  if (init) {
    if (init.length !== k * d) throw new Error(`kmeans: init has ${init.length} values, expected k*d = ${k * d}`);
    if (nInit !== 1) throw new Error('kmeans: explicit init gives a single run; leave nInit unset or 1');
    for (let i = 0; i < init.length; i++) {
      if (!Number.isFinite(init[i])) throw new Error('kmeans: init centres must be finite');
    }
  }
  const tol = relTol * meanVariance(data, n, d);
  const random = createRandom(options.seed ?? 0);
  const ws = new Workspace(n, d, k, init === undefined);
  let best: RunResult | undefined;
  let bestLabels: Int32Array = new Int32Array(n);
  const bestCentres = new Float64Array(k * d);
  for (let run = 0; run < nInit; run++) {
    throwIfAborted(signal);
    if (init) {
      ws.centres.set(init);
      fullAssign(data, n, d, k, ws);
    } else {
      kmeansPlusPlus(data, n, d, k, random, ws, signal);
    }
    const progress = onProgress ? (f: number) => onProgress((run + f) / nInit) : undefined;
    const res = lloyd(data, n, d, k, maxIter, tol, ws, signal, progress);
    // Strictly lower, so the earliest restart wins ties (as sklearn).
    if (best === undefined || res.inertia < best.inertia) {
      best = res;
      const spare = bestLabels;
      bestLabels = ws.labels;
      ws.labels = spare;
      bestCentres.set(ws.centres);
    }
  }
  if (best === undefined) throw new Error('kmeans: no run completed');
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) sizes[bestLabels[i]]++;
  onProgress?.(1);
  return {
    labels: bestLabels,
    centroids: bestCentres,
    sizes,
    inertia: best.inertia,
    iterations: best.iterations,
    converged: best.converged,
    k,
    d,
  };
}

/** Labels each point with its nearest centroid (lowest index on ties), e.g. rows left out of a fit on a sample. */
export function assignToCentroids(
  data: Float64Array,
  n: number,
  d: number,
  centroids: Float64Array,
  k: number,
): { labels: Int32Array; inertia: number } {
  checkMatrix(data, n, d, 'assignToCentroids');
  if (centroids.length !== k * d) throw new Error(`assignToCentroids: centroids has ${centroids.length} values, expected ${k * d}`);
  const labels = new Int32Array(n);
  let inertia = 0;
  for (let i = 0, p = 0; i < n; i++, p += d) {
    let best = 0;
    let bestDist = Infinity;
    for (let c = 0; c < k; c++) {
      const dist = sqDist(data, p, centroids, c * d, d);
      if (dist < bestDist) {
        bestDist = dist;
        best = c;
      }
    }
    labels[i] = best;
    inertia += bestDist;
  }
  return { labels, inertia };
}
