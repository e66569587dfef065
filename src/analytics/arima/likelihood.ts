// The two objectives of the CSS-then-ML fit (R's method "CSS-ML"), both on the
// differenced series w with σ² concentrated out:
// - conditional sum of squares: residuals by the ARMA recursion, conditioning on the
//   first p + mP values and zero pre-sample shocks; cheap, used for starting values;
// - exact Gaussian log-likelihood from the Kalman filter (state-space.ts), maximised last.
import { armaFilter, type ArmaFilterResult } from './state-space';

/** 0.5·log(σ̂²_CSS), the quantity R's arima minimises for CSS; NaN when undefined. */
export function cssObjective(w: Float64Array, mu: number, phi: Float64Array, theta: Float64Array): number {
  const n = w.length;
  const p = phi.length;
  if (n <= p) return Number.NaN;
  const phiIdx: number[] = [];
  const thIdx: number[] = [];
  phi.forEach((v, i) => v !== 0 && phiIdx.push(i + 1));
  theta.forEach((v, i) => v !== 0 && thIdx.push(i + 1));
  const e = new Float64Array(n);
  let ss = 0;
  for (let t = p; t < n; t++) {
    let v = (w[t] as number) - mu;
    for (const i of phiIdx) v -= (phi[i - 1] as number) * ((w[t - i] as number) - mu);
    for (const j of thIdx) if (t - j >= p) v -= (theta[j - 1] as number) * (e[t - j] as number);
    e[t] = v;
    ss += v * v;
  }
  const s2 = ss / (n - p);
  return s2 > 0 ? 0.5 * Math.log(s2) : Number.NaN;
}

/** Exact likelihood pieces for given coefficients: filter output plus σ̂² and log L. */
export interface ExactLikelihood {
  filter: ArmaFilterResult;
  sigma2: number;
  logLik: number;
}

/** Exact concentrated log-likelihood of w; null when not stationary or degenerate. */
export function exactLikelihood(w: Float64Array, mu: number, phi: Float64Array, theta: Float64Array, keep = false): ExactLikelihood | null {
  const f = armaFilter(w, phi, theta, keep, mu);
  if (!f) return null;
  const n = w.length;
  const sigma2 = f.ssq / n;
  if (!(sigma2 > 0) || !Number.isFinite(f.sumLogF)) return null;
  const logLik = -0.5 * (n * (Math.log(2 * Math.PI * sigma2) + 1) + f.sumLogF);
  return { filter: f, sigma2, logLik };
}

/** The ML objective per observation: 0.5·log σ̂² + 0.5·mean log F_t (−log L / n up to a constant). */
export function mlObjective(w: Float64Array, mu: number, phi: Float64Array, theta: Float64Array): number {
  const f = armaFilter(w, phi, theta, false, mu);
  if (!f) return Number.NaN;
  const s2 = f.ssq / w.length;
  return s2 > 0 ? 0.5 * Math.log(s2) + (0.5 * f.sumLogF) / w.length : Number.NaN;
}
