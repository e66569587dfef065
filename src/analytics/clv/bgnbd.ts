// Fits the BG/NBD model (Fader, Hardie & Lee 2005) by maximum likelihood: Nelder–Mead
// on log(r, α, a, b) from a few starts, with the checks that decide whether the data can
// support the model at all. Predictions live in bgnbd-predict.ts.
import { bgNbdLogLikelihood } from './bgnbd-likelihood';
import { aggregateRows, checkRfm, MIN_REPEAT_CUSTOMERS } from './data';
import { atBoundary, maximiseLikelihood, outsideBox } from './mle';
import type { BgNbdFit, BgNbdParams, ClvFailure, RfmArrays } from './types';

/** Options of fitBgNbd. */
export interface BgNbdFitOptions {
  /** Weight (multiplicity) per row, so identical customers can be passed once. */
  weights?: Float64Array;
  /** When false, an unconverged fit is returned with converged: false instead of a failure (default true). */
  requireConvergence?: boolean;
}

/** Why the likelihood can run off to a boundary, per parameter (r, α, a, b). */
const RUNAWAY = [
  'purchase rates look the same for every customer, so their spread cannot be estimated',
  'purchase rates look the same for every customer, so their spread cannot be estimated',
  'there is no sign of customers dropping out',
  'there is no sign of customers dropping out',
] as const;
const NAMES = ['r', 'α', 'a', 'b'] as const;

/** Fits BG/NBD to a customer summary; { ok: false, reason } when the data cannot identify the model. */
export function fitBgNbd(data: RfmArrays, options: BgNbdFitOptions = {}): BgNbdFit | ClvFailure {
  const { frequency, recency, T } = data;
  const bad = checkRfm(frequency, recency, T, options.weights);
  if (bad) return { ok: false, reason: bad };

  const rows = aggregateRows(frequency, recency, T, undefined, options.weights);
  if (rows.totalWeight === 0) return { ok: false, reason: 'no customers: every weight is zero' };
  let repeat = 0;
  let tSum = 0;
  let xMin = Number.POSITIVE_INFINITY;
  let xMax = 0;
  for (let i = 0; i < rows.weight.length; i++) {
    const w = rows.weight[i] as number;
    const x = rows.frequency[i] as number;
    if (x > 0) repeat += w;
    tSum += w * (rows.T[i] as number);
    xMin = Math.min(xMin, x);
    xMax = Math.max(xMax, x);
  }
  if (repeat === 0) {
    return { ok: false, reason: 'every customer has a single purchase (frequency 0): there are no repeat purchases to learn purchase rates or dropout from' };
  }
  if (repeat < MIN_REPEAT_CUSTOMERS) {
    return { ok: false, reason: `only ${repeat} customer${repeat === 1 ? '' : 's'} with a repeat purchase; BG/NBD needs at least ${MIN_REPEAT_CUSTOMERS} to estimate dropout` };
  }
  if (xMin === xMax) {
    return { ok: false, reason: `no spread in the data: every customer has the same number of repeat purchases (${xMin}), so differences between customers cannot be estimated` };
  }
  const meanT = tSum / rows.totalWeight;
  if (!(meanT > 0)) return { ok: false, reason: 'no observation time: every customer first bought at the end of the observation period' };

  const ll = bgNbdLogLikelihood(rows);
  const scale = [0, Math.log(meanT), 0, 0];
  const objective = (lp: number[]): number => {
    if (outsideBox(lp, scale)) return Number.POSITIVE_INFINITY;
    const v = ll({ r: Math.exp(lp[0] as number), alpha: Math.exp(lp[1] as number), a: Math.exp(lp[2] as number), b: Math.exp(lp[3] as number) });
    return Number.isFinite(v) ? -v / rows.totalWeight : Number.POSITIVE_INFINITY;
  };
  // lifetimes starts at r = α = a = b = 1 in its own units; α at the mean age T puts the
  // start on the data's time scale, and the other starts cover rare/frequent and
  // short-/long-lived customer bases.
  const lm = Math.log(meanT);
  const starts = [
    [0, lm, 0, 0],
    [Math.log(0.3), lm - Math.log(10), Math.log(0.5), Math.log(3)],
    [Math.log(3), lm + Math.log(3), Math.log(2), Math.log(10)],
  ];
  const res = maximiseLikelihood(objective, starts, rows.totalWeight, scale);
  if (!Number.isFinite(res.objective)) return { ok: false, reason: 'the likelihood could not be evaluated anywhere the optimiser looked' };
  const edge = atBoundary(res.logParams, scale);
  if (edge) {
    return {
      ok: false,
      reason: `the fit did not settle: the likelihood keeps improving as ${NAMES[edge.index]} → ${edge.towards}, so the data cannot identify the model (${RUNAWAY[edge.index]})`,
    };
  }
  if (!res.converged && options.requireConvergence !== false) {
    return { ok: false, reason: `the optimiser did not converge (largest gradient ${res.gradient.toExponential(2)} after ${res.iterations} iterations)` };
  }
  const p = res.logParams.map(Math.exp);
  const toParams = (v: readonly number[]): BgNbdParams => ({ r: v[0] as number, alpha: v[1] as number, a: v[2] as number, b: v[3] as number });
  return {
    ok: true,
    params: toParams(p),
    se: toParams(res.se),
    logLik: -res.objective * rows.totalWeight,
    converged: res.converged,
    gradient: res.gradient,
    iterations: res.iterations,
    customers: rows.totalWeight,
    repeatCustomers: repeat,
  };
}
