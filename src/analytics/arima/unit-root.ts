// Choosing the number of first differences d as forecast::ndiffs does by default: the
// KPSS test for level stationarity (Kwiatkowski et al. 1992, urca's ur.kpss type "mu")
// with ndiffs' lag rule trunc(3·sqrt(n)/13), at the 5% level, difference again while it
// rejects, at most twice. The p-value is urca's table interpolated linearly and clamped
// (R: approx(cval, c(.10, .05, .025, .01), rule = 2)), so "reject" means statistic > 0.463.

/** R's is.constant (all.equal to the first value, relative tolerance 1.5e-8). */
export function isConstant(x: ArrayLike<number>): boolean {
  if (x.length === 0) return true;
  const x0 = x[0] as number;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < x.length; i++) {
    diff += Math.abs((x[i] as number) - x0);
    scale += Math.abs(x[i] as number);
  }
  // all.equal: mean |x − x0|, relative to mean |x| unless that is itself tiny.
  const xy = diff / x.length;
  const xn = scale / x.length;
  return (xn > 1.5e-8 ? xy / xn : xy) <= 1.5e-8;
}

/** KPSS level-stationarity statistic with a Bartlett long-run variance of `lags` lags. */
export function kpssStatistic(x: ArrayLike<number>, lags: number): number {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i] as number;
  mean /= n;
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) e[i] = (x[i] as number) - mean;
  let cum = 0;
  let eta = 0;
  for (let i = 0; i < n; i++) {
    cum += e[i] as number;
    eta += cum * cum;
  }
  eta /= n * n;
  let s2 = 0;
  for (let i = 0; i < n; i++) s2 += (e[i] as number) ** 2;
  for (let l = 1; l <= lags; l++) {
    let acc = 0;
    for (let t = l; t < n; t++) acc += (e[t] as number) * (e[t - l] as number);
    s2 += 2 * (1 - l / (lags + 1)) * acc;
  }
  s2 /= n;
  return eta / s2;
}

const KPSS_CRIT = [0.347, 0.463, 0.574, 0.739];
const KPSS_LEVEL = [0.1, 0.05, 0.025, 0.01];

/** urca's tabulated KPSS (level) p-value, interpolated and clamped to [0.01, 0.10]. */
export function kpssPValue(statistic: number): number {
  if (statistic <= (KPSS_CRIT[0] as number)) return KPSS_LEVEL[0] as number;
  for (let i = 1; i < KPSS_CRIT.length; i++) {
    const x1 = KPSS_CRIT[i] as number;
    if (statistic <= x1) {
      const x0 = KPSS_CRIT[i - 1] as number;
      const y0 = KPSS_LEVEL[i - 1] as number;
      const y1 = KPSS_LEVEL[i] as number;
      return y0 + ((statistic - x0) / (x1 - x0)) * (y1 - y0);
    }
  }
  return KPSS_LEVEL[KPSS_LEVEL.length - 1] as number;
}

/** One KPSS test as ndiffs runs it on a (possibly differenced) series. */
export interface KpssStep {
  d: number;
  statistic: number;
  lags: number;
  pValue: number;
}

/** forecast::ndiffs(x, test = "kpss", alpha = 0.05, max.d): d and the tests that chose it. */
export function ndiffs(x: ArrayLike<number>, maxD = 2, alpha = 0.05): { d: number; tests: KpssStep[] } {
  const tests: KpssStep[] = [];
  let cur = Float64Array.from(x as ArrayLike<number>);
  if (isConstant(cur)) return { d: 0, tests };
  let d = 0;
  for (;;) {
    const lags = Math.trunc((3 * Math.sqrt(cur.length)) / 13);
    const statistic = kpssStatistic(cur, lags);
    // ndiffs treats a failing test as "no further difference" (it warns and returns d).
    if (!Number.isFinite(statistic)) return { d, tests };
    const pValue = kpssPValue(statistic);
    tests.push({ d, statistic, lags, pValue });
    if (!(pValue < alpha) || d >= maxD) return { d, tests };
    d++;
    const next = new Float64Array(cur.length - 1);
    for (let i = 1; i < cur.length; i++) next[i - 1] = (cur[i] as number) - (cur[i - 1] as number);
    cur = next;
    if (cur.length < 2 || isConstant(cur)) return { d, tests };
  }
}
