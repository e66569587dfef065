// BG/NBD per-customer predictions (Fader, Hardie & Lee 2005):
//   P(alive | x, t_x, T)  eq. 13
//   E[Y(t) | x, t_x, T]   eq. 10, expected purchases in the next t periods
//   E[X(t)]               eq. 7, expected purchases of a new customer in its first t periods
// Eq. 10 holds ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z) with z = t/(α+T+t). For
// a heavy buyer both factors are extreme (2F1 ~ (1−z)^−x, the power ~ (1−z)^x) and
// their product overflows before it cancels, so we apply Euler's transformation
//   2F1(r+x, b+x; c; z) = (1−z)^(a−1−r−x) · 2F1(a+b−1−r, a−1; c; z)
// which leaves (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z): small numerator parameters,
// a series that converges fast and stays near 1. Eq. 7 is the same with x = t_x = T = 0.
import { hyp2f1Minus1 } from './hyp2f1';
import type { BgNbdParams, RfmArrays } from './types';

/**
 * Below this |a − 1|, eq. 10 is 0/0-like: (a+b+x−1)/(a−1) times a bracket of order
 * (a − 1), and where 2F1 comes from a transformation (z > 0.75) the bracket is known
 * only to ~1e-16 absolute. There we interpolate (cubic Lagrange) from a = 1 ± A_STEP,
 * 1 ± 2·A_STEP, where ~12 digits survive; the interpolation error is O(A_STEP⁴).
 */
const NEAR_ONE = 1e-3;
const A_STEP = 1e-3;
const NODES = [-2, -1, 1, 2];

function logDropoutOdds({ r, alpha, a, b }: BgNbdParams, x: number, tx: number, T: number): number {
  // ln[ a/(b+x−1) · ((α+T)/(α+t_x))^(r+x) ]: the odds of having dropped out after the last purchase.
  return Math.log(a / (b + x - 1)) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
}

function conditional(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  if (Math.abs(params.a - 1) >= NEAR_ONE) return eq10(params, t, x, tx, T);
  const u = (params.a - 1) / A_STEP;
  let sum = 0;
  for (const k of NODES) {
    let w = 1;
    for (const j of NODES) if (j !== k) w *= (u - j) / (k - j);
    sum += w * eq10({ ...params, a: 1 + k * A_STEP }, t, x, tx, T);
  }
  return sum;
}

function eq10(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const z = t / (alpha + T + t);
  const c = a + b + x - 1;
  // 1 − (1−z)^(a−1)·F, via expm1/log1p: for short horizons it is tiny and a plain
  // subtraction would cancel most of its digits. (F can be ≤ 0 when a + b + x < 1.)
  const fm1 = hyp2f1Minus1(a + b - 1 - r, a - 1, c, z);
  const bracket = fm1 > -1 ? -Math.expm1((a - 1) * Math.log1p(-z) + Math.log1p(fm1)) : 1 - Math.pow(1 - z, a - 1) * (1 + fm1);
  const alive = x > 0 ? 1 + Math.exp(logDropoutOdds(params, x, tx, T)) : 1;
  return ((c / (a - 1)) * bracket) / alive;
}

/** P(alive | x, t_x, T) per customer (eq. 13); 1 for customers with no repeat purchase, as in lifetimes. */
export function probabilityAlive(params: BgNbdParams, data: RfmArrays): Float64Array {
  const n = data.frequency.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = data.frequency[i] as number;
    out[i] = x > 0 ? 1 / (1 + Math.exp(logDropoutOdds(params, x, data.recency[i] as number, data.T[i] as number))) : 1;
  }
  return out;
}

/** E[Y(t) | x, t_x, T] per customer (eq. 10): expected purchases in the next t periods (t in the summary's unit; NaN if 2F1 fails). */
export function conditionalExpectedPurchases(params: BgNbdParams, t: number, data: RfmArrays): Float64Array {
  const n = data.frequency.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = conditional(params, t, data.frequency[i] as number, data.recency[i] as number, data.T[i] as number);
  return out;
}

/** E[X(t)] (eq. 7) for each t: expected repeat purchases of a randomly chosen customer during its first t periods. */
export function expectedPurchases(params: BgNbdParams, t: ArrayLike<number>): Float64Array {
  const out = new Float64Array(t.length);
  for (let i = 0; i < t.length; i++) out[i] = conditional(params, t[i] as number, 0, 0, 0);
  return out;
}
