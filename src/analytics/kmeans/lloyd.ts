// Lloyd iterations with Hamerly's bounds, empty-cluster relocation and the final assignment.

import { throwIfAborted, type AbortFlag } from './types';
import { nearestTwo, sqDist, type RunResult, type Workspace } from './workspace';

// Every distance, for the first assignment from given centres: label, exact bounds
// (distance to the nearest and to the second nearest centre), and the cluster sums.
export function fullAssign(data: Float64Array, n: number, d: number, k: number, ws: Workspace): void {
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
export function lloyd(
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
