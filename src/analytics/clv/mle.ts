// Maximum likelihood on log-parameters shared by the BG/NBD and Gamma-Gamma fits:
// Nelder–Mead from several starts, restarted from its best point until it stops
// improving (a single Nelder–Mead run can stall on the long curved valleys these
// likelihoods have), then a gradient check and standard errors from the numerical
// Hessian. The objective is the mean negative log-likelihood per customer, so the
// tolerances mean the same thing for 300 customers and for 300,000.
import { nelderMead } from '../optim/nelder-mead';

/** Outcome of a maximisation on log-parameters; `se` are for the natural parameters (NaN when the Hessian is not positive definite). */
export interface MleResult {
  logParams: number[];
  /** Mean negative log-likelihood at the optimum. */
  objective: number;
  converged: boolean;
  /** Largest |∂objective/∂log θ| at the optimum. */
  gradient: number;
  iterations: number;
  se: number[];
}

/**
 * Half-width of the search box in log units around each parameter's natural scale
 * (1, or the data's mean T / mean spend). Real estimates sit within e^±5 of it; the
 * objective is +∞ outside the box so a likelihood that keeps rising towards 0 or ∞ pins
 * the simplex against the wall quickly instead of crawling along a ridge for ever.
 */
export const LOG_RANGE = 12;

/** Outside the box (the objective should answer +∞ there). */
export function outsideBox(logParams: readonly number[], scale: readonly number[]): boolean {
  return logParams.some((v, i) => Math.abs(v - (scale[i] as number)) > LOG_RANGE);
}

/** Index and direction of a parameter that ended within one log unit of the wall, or null when the optimum is interior. */
export function atBoundary(logParams: readonly number[], scale: readonly number[]): { index: number; towards: '0' | '∞' } | null {
  for (let i = 0; i < logParams.length; i++) {
    const d = (logParams[i] as number) - (scale[i] as number);
    if (Math.abs(d) > LOG_RANGE - 1) return { index: i, towards: d > 0 ? '∞' : '0' };
  }
  return null;
}

/**
 * Largest acceptable |gradient| of the mean objective. Leaving the optimum off by g moves
 * log-parameters by ~g/λ (λ the curvature per customer), i.e. g·√(n/λ) standard errors:
 * under 0.01 SE even for a million customers with λ = 0.01. Settled fits reach ~1e-8.
 */
export const GRADIENT_TOLERANCE = 1e-6;

/**
 * Minimises `objective` over log-parameters from each start and polishes the best; never
 * throws. `scale` is the natural scale of each log-parameter: a run that ends near the
 * wall of the box around it stops the search at once (the caller reports the runaway).
 */
export function maximiseLikelihood(objective: (logParams: number[]) => number, starts: readonly number[][], totalWeight: number, scale: readonly number[]): MleResult {
  let best = { x: starts[0] as number[], fx: Number.POSITIVE_INFINITY };
  let iterations = 0;
  let settled = false;
  const walled = (): boolean => Number.isFinite(best.fx) && atBoundary(best.x, scale) !== null;
  // Interior optima take a few hundred iterations from these starts; a run that needs
  // more is crawling along a ridge towards the wall.
  for (const start of starts) {
    const r = nelderMead(objective, start, { maxIterations: 1500, fTolerance: 1e-9, xTolerance: 1e-6 });
    iterations += r.iterations;
    if (r.fx < best.fx) best = { x: r.x, fx: r.fx };
    if (walled()) break;
  }
  // Restart from the best point with a fresh, smaller simplex until a restart gains nothing.
  for (let k = 0; k < 6 && Number.isFinite(best.fx) && !walled(); k++) {
    const r = nelderMead(objective, best.x, { maxIterations: 2000, fTolerance: 1e-13, xTolerance: 1e-10, step: 0.05 });
    iterations += r.iterations;
    const gain = best.fx - r.fx;
    if (r.fx <= best.fx) best = { x: r.x, fx: r.fx };
    if (gain <= 1e-12 * (1 + Math.abs(best.fx))) {
      settled = true;
      break;
    }
  }
  if (walled()) settled = false;
  const grad = gradient(objective, best.x);
  const gmax = grad.reduce((m, g) => Math.max(m, Math.abs(g)), 0);
  const se = standardErrors(objective, best.x, totalWeight);
  return {
    logParams: best.x,
    objective: best.fx,
    converged: settled && Number.isFinite(best.fx) && gmax <= GRADIENT_TOLERANCE,
    gradient: gmax,
    iterations,
    se,
  };
}

function gradient(f: (x: number[]) => number, x: readonly number[]): number[] {
  const h = 1e-5;
  return x.map((_, i) => {
    const up = x.slice();
    const down = x.slice();
    up[i] = (up[i] as number) + h;
    down[i] = (down[i] as number) - h;
    return (f(up) - f(down)) / (2 * h);
  });
}

/** Central-difference Hessian of the mean objective; h balances truncation (h²) against rounding (ε/h²). */
function hessian(f: (x: number[]) => number, x: readonly number[]): number[][] {
  const n = x.length;
  const h = 1e-4;
  const at = (di: number, dj: number, i: number, j: number): number => {
    const p = x.slice();
    p[i] = (p[i] as number) + di;
    p[j] = (p[j] as number) + dj;
    return f(p);
  };
  const f0 = f(x.slice());
  const H: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const row = H[i] as number[];
    row[i] = (at(h, 0, i, i) - 2 * f0 + at(-h, 0, i, i)) / (h * h);
    for (let j = 0; j < i; j++) {
      const v = (at(h, h, i, j) - at(h, -h, i, j) - at(-h, h, i, j) + at(-h, -h, i, j)) / (4 * h * h);
      row[j] = v;
      (H[j] as number[])[i] = v;
    }
  }
  return H;
}

/** Inverse of a symmetric positive definite matrix by Cholesky; null when not positive definite. */
export function invertSpd(A: readonly (readonly number[])[]): number[][] | null {
  const n = A.length;
  const L: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = (A[i] as number[])[j] as number;
      for (let k = 0; k < j; k++) s -= ((L[i] as number[])[k] as number) * ((L[j] as number[])[k] as number);
      if (i === j) {
        if (!(s > 0)) return null;
        (L[i] as number[])[i] = Math.sqrt(s);
      } else {
        (L[i] as number[])[j] = s / ((L[j] as number[])[j] as number);
      }
    }
  }
  // Solve L Lᵀ X = I column by column.
  const inv: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let c = 0; c < n; c++) {
    const y = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let s = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) s -= ((L[i] as number[])[k] as number) * (y[k] as number);
      y[i] = s / ((L[i] as number[])[i] as number);
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i] as number;
      for (let k = i + 1; k < n; k++) s -= ((L[k] as number[])[i] as number) * ((inv[k] as number[])[c] as number);
      (inv[i] as number[])[c] = s / ((L[i] as number[])[i] as number);
    }
  }
  return inv;
}

/** Delta method: se(θ) = θ · se(log θ), with cov(log θ) = (n · H_mean)⁻¹. */
function standardErrors(f: (x: number[]) => number, x: readonly number[], totalWeight: number): number[] {
  const H = hessian(f, x).map((row) => row.map((v) => v * totalWeight));
  const inv = invertSpd(H);
  return x.map((lx, i) => (inv ? Math.exp(lx) * Math.sqrt((inv[i] as number[])[i] as number) : Number.NaN));
}
