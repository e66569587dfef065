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

import { createRandom, type Random } from './random';

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

interface RunResult {
  inertia: number;
  iterations: number;
  converged: boolean;
}

// Buffers reused by every restart, so the loops never allocate.
class Workspace {
  labels: Int32Array;
  centres: Float64Array;
  next: Float64Array; // the next centres
  sums: Float64Array; // per-cluster coordinate sums, kept up to date as points move
  counts: Int32Array;
  // Hamerly's bounds, stored net of the drift (below) so that skipped points need no
  // write: upper bound = upper[i] + ownDrift[label], lower bound = lower[i] − otherDrift[label].
  // While seeding they hold squared distances to the nearest and second nearest centre.
  upper: Float64Array;
  lower: Float64Array;
  ownDrift: Float64Array; // per centre: total distance it has moved this run
  otherDrift: Float64Array; // per centre: total of the largest move among the other centres
  cumulative: Float64Array; // k-means++: running sums of squared distances
  half: Float64Array; // half the distance from each centre to its nearest other centre
  moved: Float64Array; // how far each centre moved in the last update
  near = new Float64Array(2); // nearestTwo's squared distances to the nearest and second nearest
  constructor(n: number, d: number, k: number, seeding: boolean) {
    this.labels = new Int32Array(n);
    this.centres = new Float64Array(k * d);
    this.next = new Float64Array(k * d);
    this.sums = new Float64Array(k * d);
    this.counts = new Int32Array(k);
    this.upper = new Float64Array(n);
    this.lower = new Float64Array(n);
    this.cumulative = new Float64Array(seeding ? n : 0);
    this.half = new Float64Array(k);
    this.moved = new Float64Array(k);
    this.ownDrift = new Float64Array(k);
    this.otherDrift = new Float64Array(k);
  }
}

// Mean over features of the population variance; sklearn scales tol by it so the
// stopping rule does not depend on the units of the data. Also rejects non-finite data.
// Two passes over whole rows: memory traffic, not arithmetic, is what costs here.
function meanVariance(data: Float64Array, n: number, d: number): number {
  const mean = new Float64Array(d);
  for (let i = 0, j = 0; i < data.length; i++) {
    const x = data[i];
    if (!Number.isFinite(x)) throw new Error(`kmeans: data must be finite (${x} in row ${Math.floor(i / d)})`);
    mean[j] += x;
    if (++j === d) j = 0;
  }
  for (let j = 0; j < d; j++) mean[j] /= n;
  const ss = new Float64Array(d);
  for (let i = 0, j = 0; i < data.length; i++) {
    const t = data[i] - mean[j];
    ss[j] += t * t;
    if (++j === d) j = 0;
  }
  let total = 0;
  for (let j = 0; j < d; j++) total += ss[j] / n;
  return total / d;
}

// Small enough for V8 to inline into every loop below; d = 3 is the usual RFM case.
function sqDist(a: Float64Array, p: number, b: Float64Array, q: number, d: number): number {
  if (d === 3) {
    const x = a[p] - b[q];
    const y = a[p + 1] - b[q + 1];
    const z = a[p + 2] - b[q + 2];
    return x * x + y * y + z * z;
  }
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = a[p + j] - b[q + j];
    s += t * t;
  }
  return s;
}

// Index of the centre nearest to the point at data[p] (lowest index on ties); squared
// distances to it and to the second nearest go to near[0], near[1]. The point's
// coordinates sit in locals for d = 3: V8 reloads typed-array elements on every centre
// otherwise, which made this loop about 40% slower.
function nearestTwo(data: Float64Array, p: number, d: number, k: number, centres: Float64Array, near: Float64Array): number {
  let best = 0;
  let d1 = Infinity;
  let d2 = Infinity;
  if (d === 3) {
    const x = data[p];
    const y = data[p + 1];
    const z = data[p + 2];
    for (let c = 0, q = 0; c < k; c++, q += 3) {
      const a = x - centres[q];
      const b = y - centres[q + 1];
      const e = z - centres[q + 2];
      const dist = a * a + b * b + e * e;
      if (dist < d1) {
        d2 = d1;
        d1 = dist;
        best = c;
      } else if (dist < d2) d2 = dist;
    }
  } else {
    for (let c = 0, q = 0; c < k; c++, q += d) {
      const dist = sqDist(data, p, centres, q, d);
      if (dist < d1) {
        d2 = d1;
        d1 = dist;
        best = c;
      } else if (dist < d2) d2 = dist;
    }
  }
  near[0] = d1;
  near[1] = d2;
  return best;
}

// Greedy k-means++ as sklearn's _kmeans_plusplus: first centre uniform; each next centre
// is the best of 2 + floor(ln k) candidates drawn with probability ∝ squared distance to
// the closest centre so far. Throws when the data have fewer than k distinct points
// (the potential reaches zero), since k-means cannot then give k distinct clusters.
// The passes also track each point's nearest and second-nearest centre, so the first
// Lloyd assignment comes for free (a pass over 1M points costs about an iteration).
function kmeansPlusPlus(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  random: Random,
  ws: Workspace,
  signal: AbortFlag | undefined,
): void {
  const { centres, cumulative } = ws;
  const trials = 2 + Math.floor(Math.log(k));
  const candidates = new Int32Array(trials);
  const pots = new Float64Array(4);
  const first = random.int(n);
  for (let j = 0; j < d; j++) centres[j] = data[first * d + j];
  let total = seedPass(data, n, d, 0, ws, k === 1);
  for (let c = 1; c < k; c++) {
    throwIfAborted(signal);
    if (!(total > 0)) throw new Error(`kmeans: k = ${k} but the data have only ${c} distinct points`);
    for (let t = 0; t < trials; t++) {
      // In (0, total]: the first index whose running sum reaches it has a positive
      // weight, so a candidate never duplicates a chosen centre.
      const r = (1 - random.next()) * total;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid] < r) lo = mid + 1;
        else hi = mid;
      }
      candidates[t] = lo * d;
    }
    let bestT = 0;
    let bestPot = Infinity;
    for (let t0 = 0; t0 < trials; t0 += 4) {
      const last = trials - 1;
      potentials(data, n, d, candidates[t0], candidates[Math.min(t0 + 1, last)], candidates[Math.min(t0 + 2, last)], candidates[Math.min(t0 + 3, last)], ws.upper, pots);
      for (let t = t0; t < Math.min(t0 + 4, trials); t++) {
        if (pots[t - t0] < bestPot) {
          bestPot = pots[t - t0];
          bestT = t;
        }
      }
    }
    for (let j = 0; j < d; j++) centres[c * d + j] = data[candidates[bestT] + j];
    total = seedPass(data, n, d, c, ws, c === k - 1);
  }
}

// Potentials (sum of min(current, candidate) squared distances) of four candidate
// centres at data offsets q0..q3, in one pass over the data. For d = 3 the coordinates
// sit in locals: V8 does not hoist typed-array loads out of the loop, and reloading
// them cost a third of the time.
function potentials(
  data: Float64Array,
  n: number,
  d: number,
  q0: number,
  q1: number,
  q2: number,
  q3: number,
  minDist: Float64Array,
  out: Float64Array,
): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  if (d === 3) {
    const a0 = data[q0], a1 = data[q0 + 1], a2 = data[q0 + 2];
    const b0 = data[q1], b1 = data[q1 + 1], b2 = data[q1 + 2];
    const c0 = data[q2], c1 = data[q2 + 1], c2 = data[q2 + 2];
    const e0 = data[q3], e1 = data[q3 + 1], e2 = data[q3 + 2];
    for (let i = 0, p = 0; i < n; i++, p += 3) {
      const m = minDist[i];
      const x = data[p];
      const y = data[p + 1];
      const z = data[p + 2];
      const a = (x - a0) * (x - a0) + (y - a1) * (y - a1) + (z - a2) * (z - a2);
      const b = (x - b0) * (x - b0) + (y - b1) * (y - b1) + (z - b2) * (z - b2);
      const c = (x - c0) * (x - c0) + (y - c1) * (y - c1) + (z - c2) * (z - c2);
      const e = (x - e0) * (x - e0) + (y - e1) * (y - e1) + (z - e2) * (z - e2);
      s0 += a < m ? a : m;
      s1 += b < m ? b : m;
      s2 += c < m ? c : m;
      s3 += e < m ? e : m;
    }
  } else {
    for (let i = 0, p = 0; i < n; i++, p += d) {
      const m = minDist[i];
      const a = sqDist(data, p, data, q0, d);
      const b = sqDist(data, p, data, q1, d);
      const c = sqDist(data, p, data, q2, d);
      const e = sqDist(data, p, data, q3, d);
      s0 += a < m ? a : m;
      s1 += b < m ? b : m;
      s2 += c < m ? c : m;
      s3 += e < m ? e : m;
    }
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
}

// Takes centre c into account: nearest (label, squared distance in upper) and second
// nearest (squared, in lower). Before the last centre it refreshes the running sums the
// next draw searches and returns their total; after it, it turns the squared distances
// into Hamerly's bounds and fills the cluster sums.
function seedPass(data: Float64Array, n: number, d: number, c: number, ws: Workspace, last: boolean): number {
  const { labels, upper, lower, cumulative, centres, sums, counts } = ws;
  const q = c * d;
  let acc = 0;
  if (last) {
    sums.fill(0);
    counts.fill(0);
  }
  const c0 = centres[q];
  const c1 = d === 3 ? centres[q + 1] : 0;
  const c2 = d === 3 ? centres[q + 2] : 0;
  for (let i = 0, p = 0; i < n; i++, p += d) {
    const dist =
      d === 3
        ? (data[p] - c0) * (data[p] - c0) + (data[p + 1] - c1) * (data[p + 1] - c1) + (data[p + 2] - c2) * (data[p + 2] - c2)
        : sqDist(data, p, centres, q, d);
    let m1: number;
    if (c === 0) {
      m1 = dist;
      upper[i] = dist;
      lower[i] = Infinity;
      labels[i] = 0;
    } else {
      m1 = upper[i];
      if (dist < m1) {
        lower[i] = m1;
        upper[i] = dist;
        labels[i] = c;
        m1 = dist;
      } else if (dist < lower[i]) {
        lower[i] = dist;
      }
    }
    if (last) {
      upper[i] = Math.sqrt(m1);
      lower[i] = Math.sqrt(lower[i]);
      const s = labels[i] * d;
      counts[labels[i]]++;
      for (let j = 0; j < d; j++) sums[s + j] += data[p + j];
    } else {
      acc += m1;
      cumulative[i] = acc;
    }
  }
  return acc;
}

// Every distance, for the first assignment from given centres: label, exact bounds
// (distance to the nearest and to the second nearest centre), and the cluster sums.
function fullAssign(data: Float64Array, n: number, d: number, k: number, ws: Workspace): void {
  const { labels, upper, lower, sums, counts, centres } = ws;
  sums.fill(0);
  counts.fill(0);
  const near = ws.near;
  for (let i = 0, p = 0; i < n; i++, p += d) {
    const best = nearestTwo(data, p, d, k, centres, near);
    labels[i] = best;
    upper[i] = Math.sqrt(near[0]);
    lower[i] = Math.sqrt(near[1]);
    counts[best]++;
    for (let j = 0, s = best * d; j < d; j++) sums[s + j] += data[p + j];
  }
}

// One restart of Lloyd's algorithm from ws.centres, with labels, bounds and sums already
// set for them (see the header for the steps); leaves the final centres in ws.centres
// and labels in ws.labels.
function lloyd(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  maxIter: number,
  tol: number,
  ws: Workspace,
  signal: AbortFlag | undefined,
  progress: ((fraction: number) => void) | undefined,
): RunResult {
  const { sums, counts, moved, ownDrift, otherDrift } = ws;
  ownDrift.fill(0);
  otherDrift.fill(0);
  let changed = n; // the first assignment changes every label (sklearn starts from -1)
  let strict = false;
  let shift = Infinity;
  let iterations = 0;
  for (;;) {
    changed += relocateEmpty(data, n, d, k, ws);
    const old = ws.centres;
    const next = ws.next;
    shift = 0;
    for (let c = 0; c < k; c++) {
      const inv = 1 / counts[c];
      let s = 0;
      for (let j = c * d, end = j + d; j < end; j++) {
        const m = sums[j] * inv;
        next[j] = m;
        const t = m - old[j];
        s += t * t;
      }
      moved[c] = Math.sqrt(s);
      shift += s;
    }
    ws.centres = next;
    ws.next = old;
    addDrift(k, moved, ownDrift, otherDrift);
    iterations++;
    progress?.(iterations / maxIter);
    if (changed === 0) {
      strict = true;
      break;
    }
    if (shift <= tol || iterations >= maxIter) break;
    throwIfAborted(signal);
    halfGaps(d, k, ws.centres, ws.half);
    changed = boundedAssign(data, n, d, k, ws);
  }
  // sklearn reruns the assignment so that labels match the returned centres (after a
  // strict stop nothing moved, so this only measures the inertia).
  halfGaps(d, k, ws.centres, ws.half);
  const inertia = finalAssign(data, n, d, k, ws);
  return { inertia, iterations, converged: strict || shift <= tol };
}

// Half the distance from each centre to its nearest other centre: a point within that of
// its own centre is closer to it than to any other.
function halfGaps(d: number, k: number, centres: Float64Array, half: Float64Array): void {
  for (let c = 0; c < k; c++) {
    let nearest = Infinity;
    for (let o = 0; o < k; o++) {
      if (o === c) continue;
      const dist = sqDist(centres, c * d, centres, o * d, d);
      if (dist < nearest) nearest = dist;
    }
    half[c] = 0.5 * Math.sqrt(nearest);
  }
}

// Hamerly's bounds after the centres moved: the own centre is at most moved[own]
// farther, every other centre at most the largest move closer (the second largest for
// points of the centre that moved most). Summed per centre over the run, so a bound
// stored net of the drift stays valid without touching the point.
function addDrift(k: number, moved: Float64Array, ownDrift: Float64Array, otherDrift: Float64Array): void {
  let r = 0;
  for (let c = 1; c < k; c++) if (moved[c] > moved[r]) r = c;
  let second = 0;
  for (let c = 0; c < k; c++) if (c !== r && moved[c] > second) second = moved[c];
  for (let c = 0; c < k; c++) {
    ownDrift[c] += moved[c];
    otherDrift[c] += c === r ? second : moved[r];
  }
}

// Hamerly's assignment: a point whose upper bound is within max(half[own], lower) of
// its own centre cannot be closer to another centre, so only the rest get distances
// computed, and skipped points are only read. Moves points between the running sums;
// returns how many labels changed.
function boundedAssign(data: Float64Array, n: number, d: number, k: number, ws: Workspace): number {
  const { labels, upper, lower, half, sums, counts, centres, ownDrift, otherDrift, near } = ws;
  let changed = 0;
  for (let i = 0, p = 0; i < n; i++, p += d) {
    const a = labels[i];
    const h = half[a];
    const l = lower[i] - otherDrift[a];
    let u = upper[i] + ownDrift[a];
    // Branch-free "u ≤ max(h, l)": which of the two holds is a coin toss per point, and
    // the mispredicted branches of `||` or a max made this loop three times slower.
    if ((+(u <= h) | +(u <= l)) !== 0) continue;
    u = Math.sqrt(sqDist(data, p, centres, a * d, d));
    upper[i] = u - ownDrift[a];
    if ((+(u <= h) | +(u <= l)) !== 0) continue;
    const best = nearestTwo(data, p, d, k, centres, near);
    upper[i] = Math.sqrt(near[0]) - ownDrift[best];
    lower[i] = Math.sqrt(near[1]) + otherDrift[best];
    if (best !== a) {
      labels[i] = best;
      counts[a]--;
      counts[best]++;
      for (let j = 0, from = a * d, to = best * d; j < d; j++) {
        const x = data[p + j];
        sums[from + j] -= x;
        sums[to + j] += x;
      }
      changed++;
    }
  }
  return changed;
}

// The last assignment: labels for the final centres and the inertia, which needs the
// exact distance of every point (bounds only decide whether the other centres matter).
function finalAssign(data: Float64Array, n: number, d: number, k: number, ws: Workspace): number {
  const { labels, lower, half, centres, otherDrift } = ws;
  let inertia = 0;
  for (let i = 0, p = 0; i < n; i++, p += d) {
    const a = labels[i];
    const own = sqDist(data, p, centres, a * d, d);
    const u = Math.sqrt(own);
    if ((+(u <= half[a]) | +(u <= lower[i] - otherDrift[a])) !== 0) {
      inertia += own;
      continue;
    }
    let best = 0;
    let d1 = Infinity;
    for (let c = 0, q = 0; c < k; c++, q += d) {
      const dist = sqDist(data, p, centres, q, d);
      if (dist < d1) {
        d1 = dist;
        best = c;
      }
    }
    labels[i] = best;
    inertia += d1;
  }
  return inertia;
}

// sklearn's _relocate_empty_clusters_dense, made safe: each empty cluster takes the point
// farthest from its current centre among clusters that keep more than one point. Unlike
// sklearn the point's label moves with it (the running sums need that); it counts as a
// changed label. Its bounds are voided so the next assignment recomputes it. Rare, so a
// full scan per empty cluster is fine. Returns the number of points moved.
function relocateEmpty(data: Float64Array, n: number, d: number, k: number, ws: Workspace): number {
  const { labels, upper, lower, sums, counts, centres } = ws;
  let relocated = 0;
  for (let c = 0; c < k; c++) {
    if (counts[c] > 0) continue;
    let far = -1;
    let farDist = -1;
    for (let i = 0, p = 0; i < n; i++, p += d) {
      const l = labels[i];
      if (counts[l] <= 1) continue;
      const dist = sqDist(data, p, centres, l * d, d);
      if (dist > farDist) {
        farDist = dist;
        far = i;
      }
    }
    // k ≤ n guarantees a cluster with two points while one is empty.
    if (far < 0) throw new Error('kmeans: cannot refill an empty cluster');
    const from = labels[far];
    for (let j = 0; j < d; j++) {
      const x = data[far * d + j];
      sums[from * d + j] -= x;
      sums[c * d + j] = x;
    }
    counts[from]--;
    counts[c] = 1;
    labels[far] = c;
    upper[far] = Infinity;
    lower[far] = -Infinity;
    relocated++;
  }
  return relocated;
}
