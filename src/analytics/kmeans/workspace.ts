// Buffers and distance kernels shared by seeding and Lloyd iterations.

export interface RunResult {
  inertia: number;
  iterations: number;
  converged: boolean;
}

// Buffers reused by every restart, so the loops never allocate.
export class Workspace {
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
export function meanVariance(data: Float64Array, n: number, d: number): number {
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
export function sqDist(a: Float64Array, p: number, b: Float64Array, q: number, d: number): number {
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
export function nearestTwo(data: Float64Array, p: number, d: number, k: number, centres: Float64Array, near: Float64Array): number {
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

