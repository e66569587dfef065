// Forecasts in the original units, with variances carried through the differencing.
// The filter ends with the ARMA state for the next period (mean a, covariance P). We
// append the last d + mD observed levels to that state, since
//   y_t = w_t + Σ_k b_k y_{t−k},  (1 − L)^d (1 − L^m)^D = 1 − Σ_k b_k L^k,
// and iterate the augmented system: the past levels are known exactly (variance 0), the
// ARMA part evolves as α_{t+1} = T α_t + R ε. This is what statsmodels' SARIMAX does with
// the differencing inside the state, without the diffuse start it needs there.
import type { ArimaFit } from './fit';
import { differencingPolynomial } from './polynomial';
import type { ArimaForecast } from './types';

const Z80 = 1.2815515655446004;
const Z95 = 1.959963984540054;

/** h-step forecasts with 80% and 95% normal intervals for a fit of y (the same y). */
export function forecastArima(y: ArrayLike<number>, fit: ArimaFit, h: number): ArimaForecast {
  if (!Number.isInteger(h) || h < 1) throw new Error(`forecast horizon must be a positive integer, got ${h}`);
  const { spec, sigma2 } = fit.model;
  const { state, cov } = fit.filter;
  if (!state || !cov) throw new Error('forecastArima: the fit was made without the filter state');
  const r = fit.filter.r;
  const c = differencingPolynomial(spec.d, spec.D, spec.m);
  const delta = c.length - 1;
  const ns = r + delta;
  const mu = fit.params.mu;
  const phi = new Float64Array(r);
  phi.set(fit.params.phi);
  const R = new Float64Array(r);
  R[0] = 1;
  R.set(fit.params.theta, 1);

  // Z picks y_t = α_t[0] + μ + Σ b_k y_{t−k} out of the augmented state.
  const Z = new Float64Array(ns);
  Z[0] = 1;
  for (let k = 1; k <= delta; k++) Z[r + k - 1] = -(c[k] as number);
  let s = new Float64Array(ns);
  s.set(state);
  for (let k = 1; k <= delta; k++) s[r + k - 1] = y[y.length - k] as number;
  let P = new Float64Array(ns * ns);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) P[i * ns + j] = cov[i * r + j] as number;

  // Transition G of the augmented state, dense (ns is at most a few dozen).
  const G = new Float64Array(ns * ns);
  for (let i = 0; i < r; i++) {
    G[i * ns] = phi[i] as number;
    if (i + 1 < r) G[i * ns + i + 1] = 1;
  }
  if (delta > 0) {
    for (let j = 0; j < ns; j++) G[r * ns + j] = Z[j] as number;
    for (let k = 1; k < delta; k++) G[(r + k) * ns + r + k - 1] = 1;
  }

  const out: ArimaForecast = {
    mean: new Float64Array(h),
    se: new Float64Array(h),
    lower80: new Float64Array(h),
    upper80: new Float64Array(h),
    lower95: new Float64Array(h),
    upper95: new Float64Array(h),
  };
  const tmp = new Float64Array(ns * ns);
  for (let step = 0; step < h; step++) {
    let mean = mu;
    for (let j = 0; j < ns; j++) mean += (Z[j] as number) * (s[j] as number);
    let v = 0;
    for (let i = 0; i < ns; i++) {
      const zi = Z[i] as number;
      if (zi === 0) continue;
      for (let j = 0; j < ns; j++) v += zi * (P[i * ns + j] as number) * (Z[j] as number);
    }
    const se = Math.sqrt(Math.max(0, v * sigma2));
    out.mean[step] = mean;
    out.se[step] = se;
    out.lower80[step] = mean - Z80 * se;
    out.upper80[step] = mean + Z80 * se;
    out.lower95[step] = mean - Z95 * se;
    out.upper95[step] = mean + Z95 * se;

    // s ← G s (+ μ into the new level slot); P ← G P G' + blockdiag(R R', 0).
    const sNext = new Float64Array(ns);
    for (let i = 0; i < ns; i++) {
      let acc = 0;
      for (let j = 0; j < ns; j++) acc += (G[i * ns + j] as number) * (s[j] as number);
      sNext[i] = acc;
    }
    if (delta > 0) sNext[r] = (sNext[r] as number) + mu;
    s = sNext;
    for (let i = 0; i < ns; i++) {
      for (let j = 0; j < ns; j++) {
        let acc = 0;
        for (let k = 0; k < ns; k++) acc += (G[i * ns + k] as number) * (P[k * ns + j] as number);
        tmp[i * ns + j] = acc;
      }
    }
    const Pn = new Float64Array(ns * ns);
    for (let i = 0; i < ns; i++) {
      for (let j = 0; j < ns; j++) {
        let acc = i < r && j < r ? (R[i] as number) * (R[j] as number) : 0;
        for (let k = 0; k < ns; k++) acc += (tmp[i * ns + k] as number) * (G[j * ns + k] as number);
        Pn[i * ns + j] = acc;
      }
    }
    P = Pn;
  }
  return out;
}

/** One-step-ahead in-sample predictions in levels (NaN for the first d + mD points) and residuals. */
export function fittedValues(y: ArrayLike<number>, fit: ArimaFit): { fitted: Float64Array; residuals: Float64Array } {
  const innovations = fit.filter.innovations;
  if (!innovations) throw new Error('fittedValues: the fit was made without innovations');
  const n = y.length;
  const delta = n - innovations.length;
  const fitted = new Float64Array(n).fill(Number.NaN);
  const residuals = new Float64Array(n).fill(Number.NaN);
  for (let t = delta; t < n; t++) {
    const e = innovations[t - delta] as number;
    residuals[t] = e;
    fitted[t] = (y[t] as number) - e;
  }
  return { fitted, residuals };
}
