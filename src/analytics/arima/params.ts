// The parameter vector the optimiser sees, and its mapping to model coefficients.
// Layout: [ar (p), ma (q), sar (P), sma (Q), mean (0 or 1)], unconstrained; the AR and MA
// blocks go through the stationarity / invertibility transform, the mean is centred and
// scaled on the differenced series so every coordinate moves on a scale of about one.
import { expandAr, expandMa } from './polynomial';
import { constrainStationary } from './transform';
import type { ArimaSpec } from './types';

/** Where each block sits in the vector and how the mean is scaled. */
export interface ParamLayout {
  p: number;
  q: number;
  P: number;
  Q: number;
  m: number;
  hasMean: boolean;
  /** μ = meanCenter + meanScale · u_mean. */
  meanCenter: number;
  meanScale: number;
}

/** Coefficients in natural units; phi / theta are the multiplied-out polynomials. */
export interface NaturalParams {
  ar: number[];
  ma: number[];
  sar: number[];
  sma: number[];
  mu: number;
  phi: Float64Array;
  theta: Float64Array;
}

/** Layout for a spec fitted to the differenced series w. */
export function makeLayout(spec: ArimaSpec, hasMean: boolean, w: Float64Array): ParamLayout {
  let mean = 0;
  for (const v of w) mean += v;
  mean /= w.length;
  let ss = 0;
  for (const v of w) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / Math.max(1, w.length - 1));
  return { p: spec.p, q: spec.q, P: spec.P, Q: spec.Q, m: spec.m, hasMean, meanCenter: mean, meanScale: sd > 0 ? sd : 1 };
}

/** Number of entries in the unconstrained vector. */
export function paramCount(l: ParamLayout): number {
  return l.p + l.q + l.P + l.Q + (l.hasMean ? 1 : 0);
}

/** Unconstrained vector → natural coefficients (always stationary and invertible). */
export function toNatural(u: readonly number[], l: ParamLayout): NaturalParams {
  let o = 0;
  const take = (k: number): number[] => {
    const s = u.slice(o, o + k);
    o += k;
    return s;
  };
  const ar = constrainStationary(take(l.p));
  const ma = constrainStationary(take(l.q)).map((v) => -v);
  const sar = constrainStationary(take(l.P));
  const sma = constrainStationary(take(l.Q)).map((v) => -v);
  const mu = l.hasMean ? l.meanCenter + l.meanScale * (u[o] as number) : 0;
  return { ar, ma, sar, sma, mu, phi: expandAr(ar, sar, l.m), theta: expandMa(ma, sma, l.m) };
}

/** Natural coefficients in optimiser order, for the Hessian: [ar, ma, sar, sma, μ]. */
export function naturalVector(n: NaturalParams, l: ParamLayout): number[] {
  return [...n.ar, ...n.ma, ...n.sar, ...n.sma, ...(l.hasMean ? [n.mu] : [])];
}

/** Natural vector (as from naturalVector) → NaturalParams, without any constraint. */
export function fromNaturalVector(v: readonly number[], l: ParamLayout): NaturalParams {
  let o = 0;
  const take = (k: number): number[] => {
    const s = v.slice(o, o + k);
    o += k;
    return s;
  };
  const ar = take(l.p);
  const ma = take(l.q);
  const sar = take(l.P);
  const sma = take(l.Q);
  const mu = l.hasMean ? (v[o] as number) : 0;
  return { ar, ma, sar, sma, mu, phi: expandAr(ar, sar, l.m), theta: expandMa(ma, sma, l.m) };
}
