// Greedy k-means++ seeding (sklearn's _kmeans_plusplus).

import type { Random } from '../random';
import { throwIfAborted, type AbortFlag } from './types';
import { sqDist, type Workspace } from './workspace';

// Greedy k-means++ as sklearn's _kmeans_plusplus: first centre uniform; each next centre
// is the best of 2 + floor(ln k) candidates drawn with probability ∝ squared distance to
// the closest centre so far. Throws when the data have fewer than k distinct points
// (the potential reaches zero), since k-means cannot then give k distinct clusters.
// The passes also track each point's nearest and second-nearest centre, so the first
// Lloyd assignment comes for free (a pass over 1M points costs about an iteration).
export function kmeansPlusPlus(
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

