// STL, the seasonal-trend decomposition by loess of Cleveland, Cleveland, McRae &
// Terpenning (1990), following the netlib Fortran that R's stl() compiles (statsmodels'
// STL is another port of it, and our golden values come from there): inner loop only,
// no robustness iterations, as R's stl(…, robust = FALSE) runs it. est/ess keep the
// Fortran's 1-based positions so the index arithmetic can be checked against it.

/** STL settings, in the Fortran's names. Windows are odd; degrees 0 or 1; jumps ≥ 1. */
export interface StlOptions {
  period: number;
  seasonal: number;
  trend: number;
  lowPass: number;
  seasonalDeg: 0 | 1;
  trendDeg: 0 | 1;
  lowPassDeg: 0 | 1;
  seasonalJump: number;
  trendJump: number;
  lowPassJump: number;
  inner: number;
}

/** Seasonal and trend components (remainder = y − seasonal − trend). */
export interface StlResult {
  seasonal: Float64Array;
  trend: Float64Array;
}

/** R's stl(x, s.window) defaults for a period m: what forecast::mstl uses with s.window = 11. */
export function rStlOptions(m: number, sWindow = 11): StlOptions {
  const nextOdd = (v: number): number => {
    const r = Math.round(v);
    return r % 2 === 0 ? r + 1 : r;
  };
  const trend = nextOdd(Math.ceil((1.5 * m) / (1 - 1.5 / sWindow)));
  const lowPass = nextOdd(m);
  return {
    period: m,
    seasonal: sWindow,
    trend,
    lowPass,
    seasonalDeg: 0,
    trendDeg: 1,
    lowPassDeg: 1,
    seasonalJump: Math.ceil(sWindow / 10),
    trendJump: Math.ceil(trend / 10),
    lowPassJump: Math.ceil(lowPass / 10),
    inner: 2,
  };
}

/** Decomposes y (length > 2·period) into seasonal and trend parts. */
export function stl(y: ArrayLike<number>, o: StlOptions): StlResult {
  const n = y.length;
  const np = o.period;
  if (!(np >= 2) || n <= 2 * np) throw new Error(`stl: need more than two periods (${2 * np}) of data, got ${n}`);
  const trend = new Float64Array(n);
  const season = new Float64Array(n);
  const len = n + 2 * np;
  const w0 = new Float64Array(len);
  const w1 = new Float64Array(len);
  const w2 = new Float64Array(len);
  const w3 = new Float64Array(len);
  const w4 = new Float64Array(len);
  for (let iter = 0; iter < o.inner; iter++) {
    for (let i = 0; i < n; i++) w0[i] = (y[i] as number) - (trend[i] as number);
    seasonalSmooth(w0, n, np, o.seasonal, o.seasonalDeg, o.seasonalJump, w1, w2, w3, w4);
    // Low-pass filter of the cycle-subseries: MA(np), MA(np), MA(3), then loess.
    movingAverage(w1, len, np, w2);
    movingAverage(w2, len - np + 1, np, w0);
    movingAverage(w0, len - 2 * np + 2, 3, w2);
    ess(w2, n, o.lowPass, o.lowPassDeg, o.lowPassJump, w0, 0, w3);
    for (let i = 0; i < n; i++) {
      season[i] = (w1[np + i] as number) - (w0[i] as number);
      w0[i] = (y[i] as number) - (season[i] as number);
    }
    ess(w0, n, o.trend, o.trendDeg, o.trendJump, trend, 0, w2);
  }
  return { seasonal: season, trend };
}

// Loess estimate at position xs (1-based) from y[nleft−1 .. nright−1]; NaN when all weights vanish.
function est(y: Float64Array, n: number, len: number, ideg: number, xs: number, nleft: number, nright: number, w: Float64Array): number {
  const rng = n - 1;
  let h = Math.max(xs - nleft, nright - xs);
  if (len > n) h += Math.floor((len - n) / 2);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let a = 0;
  for (let j = nleft - 1; j < nright; j++) {
    w[j] = 0;
    const r = Math.abs(j + 1 - xs);
    if (r <= h9) {
      w[j] = r <= h1 ? 1 : (1 - (r / h) ** 3) ** 3;
      a += w[j] as number;
    }
  }
  if (a <= 0) return Number.NaN;
  for (let j = nleft - 1; j < nright; j++) w[j] = (w[j] as number) / a;
  if (h > 0 && ideg > 0) {
    a = 0;
    for (let j = nleft - 1; j < nright; j++) a += (w[j] as number) * (j + 1);
    let b = xs - a;
    let c = 0;
    for (let j = nleft - 1; j < nright; j++) c += (w[j] as number) * (j + 1 - a) ** 2;
    if (Math.sqrt(c) > 0.001 * rng) {
      b /= c;
      for (let j = nleft - 1; j < nright; j++) w[j] = (w[j] as number) * (b * (j + 1 - a) + 1);
    }
  }
  let ys = 0;
  for (let j = nleft - 1; j < nright; j++) ys += (w[j] as number) * (y[j] as number);
  return ys;
}

// Loess smooth of y[0..n−1] into ys[off..off+n−1], every njump points then linear interpolation.
function ess(y: Float64Array, n: number, len: number, ideg: number, njump: number, ys: Float64Array, off: number, res: Float64Array): void {
  if (n < 2) {
    ys[off] = y[0] as number;
    return;
  }
  const newnj = Math.min(njump, n - 1);
  let nleft = 0;
  let nright = 0;
  const put = (i: number, xs: number): void => {
    const v = est(y, n, len, ideg, xs, nleft, nright, res);
    ys[off + i] = Number.isNaN(v) ? (y[i] as number) : v;
  };
  if (len >= n) {
    nleft = 1;
    nright = n;
    for (let i = 0; i < n; i += newnj) put(i, i + 1);
  } else if (newnj === 1) {
    const nsh = Math.floor((len + 2) / 2);
    nleft = 1;
    nright = len;
    for (let i = 0; i < n; i++) {
      if (i + 1 > nsh && nright !== n) {
        nleft++;
        nright++;
      }
      put(i, i + 1);
    }
  } else {
    const nsh = Math.floor((len + 1) / 2);
    for (let i = 0; i < n; i += newnj) {
      if (i + 1 < nsh) {
        nleft = 1;
        nright = len;
      } else if (i + 1 >= n - nsh + 1) {
        nleft = n - len + 1;
        nright = n;
      } else {
        nleft = i + 1 - nsh + 1;
        nright = len + i + 1 - nsh;
      }
      put(i, i + 1);
    }
  }
  if (newnj === 1) return;
  for (let i = 0; i < n - newnj; i += newnj) {
    const delta = ((ys[off + i + newnj] as number) - (ys[off + i] as number)) / newnj;
    for (let j = i; j < i + newnj; j++) ys[off + j] = (ys[off + i] as number) + delta * (j - i);
  }
  const k = Math.floor((n - 1) / newnj) * newnj + 1;
  if (k !== n) {
    put(n - 1, n);
    if (k !== n - 1) {
      const delta = ((ys[off + n - 1] as number) - (ys[off + k - 1] as number)) / (n - k);
      for (let j = k; j < n; j++) ys[off + j] = (ys[off + k - 1] as number) + delta * (j + 1 - k);
    }
  }
}

// Moving average of length len over x[0..n−1] into ave[0..n−len].
function movingAverage(x: Float64Array, n: number, len: number, ave: Float64Array): void {
  let v = 0;
  for (let i = 0; i < len; i++) v += x[i] as number;
  ave[0] = v / len;
  for (let j = 1; j < n - len + 1; j++) {
    v += (x[j + len - 1] as number) - (x[j - 1] as number);
    ave[j] = v / len;
  }
}

// Smooths each cycle-subseries (all Januaries, …) by loess, extended one period at each
// end, into season[0 .. n + 2np − 1].
function seasonalSmooth(
  y: Float64Array,
  n: number,
  np: number,
  ns: number,
  isdeg: number,
  nsjump: number,
  season: Float64Array,
  work1: Float64Array,
  work2: Float64Array,
  work4: Float64Array,
): void {
  for (let j = 0; j < np; j++) {
    const k = Math.floor((n - (j + 1)) / np) + 1;
    for (let i = 0; i < k; i++) work1[i] = y[i * np + j] as number;
    ess(work1, k, ns, isdeg, nsjump, work2, 1, work4);
    const nright = Math.min(ns, k);
    const first = est(work1, k, ns, isdeg, 0, 1, nright, work4);
    work2[0] = Number.isNaN(first) ? (work2[1] as number) : first;
    const nleft = Math.max(1, k - ns + 1);
    const last = est(work1, k, ns, isdeg, k + 1, nleft, k, work4);
    work2[k + 1] = Number.isNaN(last) ? (work2[k] as number) : last;
    for (let m = 0; m < k + 2; m++) season[m * np + j] = work2[m] as number;
  }
}
