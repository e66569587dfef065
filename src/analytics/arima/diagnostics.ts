// Residual diagnostics of a fitted ARIMA as statsmodels prints them: the Ljung–Box Q test
// for autocorrelation left in the one-step forecast errors (statsmodels.stats.diagnostic.acorr_ljungbox),
// on the standardized forecast errors v_t / √F_t after the differencing burn-in, at lag 1
// (the "Ljung-Box (L1) (Q)" line of SARIMAXResults.summary) and at the default lag of
// test_serial_correlation: min(10, n / 5), or min(2m, n / 5) for a seasonal model.
import { chiSquareSf } from '../verdict/chi2';
import type { ArimaFit } from './fit';
import type { LjungBox, ResidualDiagnostics } from './types';

/** Ljung–Box Q at each lag 1…maxLag (acorr_ljungbox with model_df = 0): Q = n(n+2) Σ ρ_k² / (n − k), p = P(χ²_lag > Q). */
export function ljungBox(x: ArrayLike<number>, maxLag: number): LjungBox[] {
  const n = x.length;
  if (!Number.isInteger(maxLag) || maxLag < 1 || maxLag >= n) throw new Error(`ljungBox: lag must be a whole number from 1 to n − 1 = ${n - 1} (got ${maxLag})`);
  let mean = 0;
  for (let t = 0; t < n; t++) mean += x[t] as number;
  mean /= n;
  let c0 = 0;
  for (let t = 0; t < n; t++) c0 += ((x[t] as number) - mean) ** 2;
  const out: LjungBox[] = [];
  let sum = 0;
  for (let k = 1; k <= maxLag; k++) {
    let ck = 0;
    for (let t = 0; t + k < n; t++) ck += ((x[t] as number) - mean) * ((x[t + k] as number) - mean);
    const rho = c0 > 0 ? ck / c0 : 0;
    sum += (rho * rho) / (n - k);
    const q = n * (n + 2) * sum;
    out.push({ lag: k, q, pValue: chiSquareSf(q, k) });
  }
  return out;
}

/** statsmodels' default lag for test_serial_correlation: min(10, n // 5), or min(2m, n // 5) with a seasonal part. */
export function defaultLjungBoxLag(n: number, seasonalPeriod: number): number {
  return Math.min(seasonalPeriod > 1 ? 2 * seasonalPeriod : 10, Math.floor(n / 5));
}

/** Standardized one-step forecast errors v_t / √(σ² F_t) of a fit and their Ljung–Box tests (null tests when the series is too short). */
export function residualDiagnostics(fit: ArimaFit): ResidualDiagnostics {
  const v = fit.filter.innovations;
  const f = fit.filter.variances;
  const standardized = new Float64Array(v ? v.length : 0);
  // F_t is in units of σ² (the likelihood is concentrated over σ²)
  const s2 = fit.model.sigma2;
  if (v && f) for (let t = 0; t < v.length; t++) standardized[t] = (v[t] as number) / Math.sqrt(s2 * (f[t] as number));
  const n = standardized.length;
  const s = fit.model.spec;
  const seasonal = s.P + s.D + s.Q > 0 ? s.m : 0;
  const lag = defaultLjungBoxLag(n, seasonal);
  const tests = lag >= 1 ? ljungBox(standardized, lag) : [];
  return {
    standardized,
    lag1: n >= 3 ? (ljungBox(standardized, 1)[0] ?? null) : null,
    atDefaultLag: tests[tests.length - 1] ?? null,
  };
}
