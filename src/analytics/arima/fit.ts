// Estimates one seasonal ARIMA of a given order, as R's arima(method = "CSS-ML") and
// statsmodels' SARIMAX do, on the differenced series:
//   1. difference y by (1 − L)^d (1 − L^m)^D; the mean (d + D = 0) or drift (d + D = 1),
//      if requested, is the mean of the differenced series (regression with ARMA errors);
//   2. minimise the conditional sum of squares from zero coefficients (cheap, robust);
//   3. from there, maximise the exact Gaussian likelihood (Kalman filter, stationary
//      start); both steps optimise Jones/Monahan-transformed coefficients, so AR parts
//      stay stationary and MA parts invertible (statsmodels' enforce_* = True);
//   4. optionally, standard errors from a central-difference Hessian of the
//      log-likelihood in natural units (R's and statsmodels' cov_type="approx").
import { bfgs } from '../optim/bfgs';
import { invert } from './linalg';
import { cssObjective, exactLikelihood, mlObjective } from './likelihood';
import { fromNaturalVector, makeLayout, naturalVector, paramCount, toNatural, type NaturalParams, type ParamLayout } from './params';
import { difference, minRootModulus } from './polynomial';
import type { ArmaFilterResult } from './state-space';
import type { ArimaModel, ArimaSpec, NamedCoefficient } from './types';

/** Everything a fit produces: the public model plus what forecasting and fitted values need. */
export interface ArimaFit {
  model: ArimaModel;
  params: NaturalParams;
  /** The optimiser's unconstrained parameter vector (for warm restarts). */
  u: number[];
  /** The differenced series the likelihood was computed on. */
  w: Float64Array;
  filter: ArmaFilterResult;
  /** Smallest root modulus of the AR and MA polynomials (auto.arima rejects < 1.01). */
  minRoot: number;
  notes: string[];
}

/** Options for estimateArima. */
export interface EstimateOptions {
  /** Compute the Hessian and standard errors (costs ~2k² extra likelihoods; default true). */
  standardErrors?: boolean;
  /**
   * "fine" (default) converges to a gradient of 1e-7 with central differences; "coarse"
   * stops at 1e-5 with forward differences only (half the evaluations), which moves log L
   * by far less than AICc differences matter: the search ranks coarse fits and polishes the winner.
   */
  precision?: 'fine' | 'coarse';
  /** Start the exact-likelihood step here (an ArimaFit's `u`), skipping CSS. */
  start?: readonly number[];
}

/** Whether a constant is estimated for this spec (a mean or drift; never with d + D ≥ 2). */
export function hasConstant(spec: ArimaSpec): boolean {
  return spec.constant && spec.d + spec.D <= 1;
}

/** R-style label, e.g. "ARIMA(2,1,1)(0,1,0)[12]", "ARIMA(1,1,0) with drift". */
export function arimaLabel(spec: ArimaSpec): string {
  let s = `ARIMA(${spec.p},${spec.d},${spec.q})`;
  if (spec.m > 1 && spec.P + spec.D + spec.Q > 0) s += `(${spec.P},${spec.D},${spec.Q})[${spec.m}]`;
  const diffs = spec.d + spec.D;
  if (hasConstant(spec)) s += diffs === 1 ? ' with drift' : ' with non-zero mean';
  else if (diffs === 0) s += ' with zero mean';
  return s;
}

/** What both estimation paths share: the differenced series and the parameter layout. */
interface Prepared {
  spec: ArimaSpec;
  w: Float64Array;
  layout: ParamLayout;
  k: number;
  notes: string[];
}

function prepare(y: ArrayLike<number>, spec: ArimaSpec): Prepared {
  const notes: string[] = [];
  if (spec.constant && spec.d + spec.D >= 2) notes.push('The constant was left out: with two or more differences it would be a quadratic trend.');
  const w = difference(y, spec.d, spec.D, spec.m);
  const layout = makeLayout(spec, hasConstant(spec), w);
  const pFull = spec.p + spec.m * spec.P;
  if (w.length <= pFull) throw new Error(`${arimaLabel(spec)} needs more than ${pFull} observations after differencing; there are ${w.length}.`);
  return { spec, w, layout, k: paramCount(layout), notes };
}

// Step 2: CSS from zero coefficients; returns the unconstrained optimum and 0.5·log σ̂²_CSS.
function runCss(prep: Prepared): { u: number[]; value: number } {
  const { w, layout, k } = prep;
  const css = (v: number[]): number => {
    const nat = toNatural(v, layout);
    return cssObjective(w, nat.mu, nat.phi, nat.theta);
  };
  const u0 = new Array<number>(k).fill(0);
  const v0 = css(u0);
  if (k === 0 || !Number.isFinite(v0)) return { u: u0, value: v0 };
  const res = bfgs(css, u0, { gradientTolerance: 1e-6, maxIterations: 100 });
  return { u: res.x, value: res.fx };
}

/**
 * Fits the given order to y (finite values, long enough: see validate.ts) by CSS then
 * exact ML. Throws with a clear message when the differenced series is too short or the
 * likelihood cannot be evaluated; the top-level entry points turn that into { ok: false }.
 */
export function estimateArima(y: ArrayLike<number>, spec: ArimaSpec, options: EstimateOptions = {}): ArimaFit {
  const prep = prepare(y, spec);
  const { w, layout, k } = prep;
  let u: number[] = new Array<number>(k).fill(0);
  let converged = true;
  if (k > 0) {
    // A CSS optimum on the invertibility boundary would strand the exact fit on a flat
    // part of the transform: start from inside (partial autocorrelations within ±0.95).
    if (options.start && options.start.length === k) u = options.start.slice();
    else u = runCss(prep).u.map((v, i) => (layout.hasMean && i === k - 1 ? v : Math.max(-3, Math.min(3, v))));
    const ml = (v: number[]): number => {
      const nat = toNatural(v, layout);
      return mlObjective(w, nat.mu, nat.phi, nat.theta);
    };
    if (!Number.isFinite(ml(u))) u = new Array<number>(k).fill(0);
    if (!Number.isFinite(ml(u))) throw new Error(`The likelihood of ${arimaLabel(spec)} cannot be evaluated on this series.`);
    // Coarse fits serve the search, which rejects any model with a root inside 1.01 (as
    // auto.arima does); once the iterate is that close to the unit circle (1.001) the fit is
    // walking onto the boundary, where the likelihood is flat and progress slow, so stop.
    const res =
      options.precision === 'coarse'
        ? bfgs(ml, u, {
            gradientTolerance: 1e-5,
            centralBelow: Number.POSITIVE_INFINITY,
            maxIterations: 200,
            stopEarly: (x) => rootCheck(toNatural(x, layout), spec.m) < 1.001,
          })
        : bfgs(ml, u, { gradientTolerance: 1e-7, maxIterations: 200 });
    u = res.x;
    converged = res.converged;
  }
  const params = toNatural(u, layout);
  const lik = exactLikelihood(w, params.mu, params.phi, params.theta, true);
  if (!lik) throw new Error(`The likelihood of ${arimaLabel(spec)} cannot be evaluated on this series.`);
  const n = w.length;
  const nParams = k + 1;
  const ic = informationCriteria(-2 * lik.logLik + 2 * nParams, nParams, n);
  const isDrift = layout.hasMean && spec.d + spec.D === 1;
  const driftDivisor = spec.D === 1 ? spec.m : 1;
  const model: ArimaModel = {
    spec: { ...spec },
    label: arimaLabel(spec),
    coefficients: {
      ar: params.ar,
      ma: params.ma,
      sar: params.sar,
      sma: params.sma,
      mean: layout.hasMean && !isDrift ? params.mu : null,
      drift: isDrift ? params.mu / driftDivisor : null,
    },
    table: [],
    sigma2: lik.sigma2,
    logLik: lik.logLik,
    ...ic,
    nobs: n,
    nParams,
    converged,
  };
  const fit: ArimaFit = { model, params, u, w, filter: lik.filter, minRoot: rootCheck(params, spec.m), notes: prep.notes };
  model.table = coefficientTable(fit, options.standardErrors === false ? null : standardErrors(w, params, layout));
  return fit;
}

/** CSS-only fit (R's method = "CSS"), for the approximate search on long series: σ̂²_CSS and the root check. */
export function cssOnly(y: ArrayLike<number>, spec: ArimaSpec): { sigma2: number; minRoot: number; nobs: number; nParams: number } {
  const prep = prepare(y, spec);
  const { u, value } = runCss(prep);
  if (!Number.isFinite(value)) throw new Error(`The conditional sum of squares of ${arimaLabel(spec)} cannot be evaluated on this series.`);
  return { sigma2: Math.exp(2 * value), minRoot: rootCheck(toNatural(u, prep.layout), spec.m), nobs: prep.w.length, nParams: prep.k + 1 };
}

/** AIC → { aic, aicc, bic } for k parameters (σ² included) and n observations, as forecast::Arima. */
export function informationCriteria(aic: number, k: number, n: number): { aic: number; aicc: number; bic: number } {
  const aicc = n - k - 1 > 0 ? aic + (2 * k * (k + 1)) / (n - k - 1) : Number.POSITIVE_INFINITY;
  return { aic, aicc, bic: aic + k * (Math.log(n) - 2) };
}

function coefficientTable(fit: ArimaFit, se: number[] | null): NamedCoefficient[] {
  const { spec } = fit.model;
  const p = fit.params;
  const hasMean = hasConstant(spec);
  const isDrift = hasMean && spec.d + spec.D === 1;
  const divisor = isDrift && spec.D === 1 ? spec.m : 1;
  const names = [
    ...p.ar.map((_, i) => `ar${i + 1}`),
    ...p.ma.map((_, i) => `ma${i + 1}`),
    ...p.sar.map((_, i) => `sar${i + 1}`),
    ...p.sma.map((_, i) => `sma${i + 1}`),
    ...(hasMean ? [isDrift ? 'drift' : 'mean'] : []),
  ];
  const values = [...p.ar, ...p.ma, ...p.sar, ...p.sma, ...(hasMean ? [p.mu] : [])];
  return values.map((value, i) => {
    const scale = hasMean && i === values.length - 1 ? divisor : 1;
    return { name: names[i] as string, value: value / scale, se: se ? (se[i] as number) / scale : Number.NaN };
  });
}

// Smallest root modulus over φ(z), Φ(z^m), θ(z), Θ(z^m); a seasonal factor's root u gives
// |z| = |u|^(1/m), the same moduli R's polyroot finds on the multiplied-out polynomials.
function rootCheck(p: NaturalParams, m: number): number {
  const seasonal = (c: number[]): number => minRootModulus(c) ** (1 / m);
  return Math.min(
    minRootModulus(p.ar.map((v) => -v)),
    seasonal(p.sar.map((v) => -v)),
    minRootModulus(p.ma),
    seasonal(p.sma),
  );
}

// Inverse Hessian of −log L in natural units by central differences (step 1e-3 of the
// coordinate's scale, as R's optim(hessian = TRUE) with ndeps = 1e-3); NaN where the
// Hessian is not positive definite or a step leaves the stationary region.
function standardErrors(w: Float64Array, params: NaturalParams, layout: ParamLayout): number[] {
  const x0 = naturalVector(params, layout);
  const k = x0.length;
  if (k === 0) return [];
  const negLogLik = (v: number[]): number => {
    const nat = fromNaturalVector(v, layout);
    const lik = exactLikelihood(w, nat.mu, nat.phi, nat.theta);
    return lik ? -lik.logLik : Number.NaN;
  };
  const h = x0.map((_, i) => 1e-3 * (layout.hasMean && i === k - 1 ? layout.meanScale : 1));
  const f0 = negLogLik(x0);
  const shifted = (i: number, di: number, j: number, dj: number): number => {
    const v = x0.slice();
    v[i] = (v[i] as number) + di;
    v[j] = (v[j] as number) + dj;
    return negLogLik(v);
  };
  const H = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const hi = h[i] as number;
    H[i * k + i] = (shifted(i, hi, i, 0) - 2 * f0 + shifted(i, -hi, i, 0)) / (hi * hi);
    for (let j = i + 1; j < k; j++) {
      const hj = h[j] as number;
      const v = (shifted(i, hi, j, hj) - shifted(i, hi, j, -hj) - shifted(i, -hi, j, hj) + shifted(i, -hi, j, -hj)) / (4 * hi * hj);
      H[i * k + j] = v;
      H[j * k + i] = v;
    }
  }
  const cov = H.every(Number.isFinite) ? invert(H, k) : null;
  return x0.map((_, i) => {
    const v = cov ? (cov[i * k + i] as number) : Number.NaN;
    return v > 0 ? Math.sqrt(v) : Number.NaN;
  });
}
