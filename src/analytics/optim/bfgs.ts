// Quasi-Newton minimiser for smooth objectives of a few unconstrained parameters
// (the ARIMA likelihoods): BFGS on the inverse Hessian, backtracking line search,
// numerical gradients that are forward differences (n evaluations) while far from the
// optimum and central differences (2n, accurate to ~1e-10) once the gradient is small. Callers map bounded parameters to the real
// line themselves (as the ARIMA fit does with the Monahan/Jones transform), so every
// trial point is legal; a non-finite f is treated as "too far" and the step shrinks.

/** Options for bfgs; defaults suit 1–10 parameters of order one, with f of order one. */
export interface BfgsOptions {
  /** Maximum iterations (default 200). */
  maxIterations?: number;
  /** Stop when the largest gradient component falls below this (default 1e-7). */
  gradientTolerance?: number;
  /** Stop when an iteration lowers f by less than this × (|f| + 1e-10) (default 1e-12). */
  fTolerance?: number;
  /** Relative central-difference step (default 1e-5; forward differences use 1e-7). */
  gradientStep?: number;
  /** Switch from forward to central differences below this gradient size (default 1e-3; 0 = always central, Infinity = never). */
  centralBelow?: number;
  /** Largest first step along the initial steepest-descent direction (default 1). */
  maxFirstStep?: number;
  /** Called after each accepted step; returning true stops the search (converged stays false). */
  stopEarly?: (x: readonly number[], fx: number) => boolean;
}

/** Result of a minimisation; `converged` is false when the iteration cap was hit. */
export interface BfgsResult {
  x: number[];
  fx: number;
  iterations: number;
  /** Objective evaluations, gradients included. */
  evaluations: number;
  converged: boolean;
}

/** Minimises f from x0 (which must give a finite f) by BFGS with numerical gradients. */
export function bfgs(f: (x: number[]) => number, x0: readonly number[], options: BfgsOptions = {}): BfgsResult {
  const n = x0.length;
  if (n === 0) throw new Error('bfgs: x0 must have at least one parameter');
  const maxIterations = options.maxIterations ?? 200;
  const gTol = options.gradientTolerance ?? 1e-7;
  const fTol = options.fTolerance ?? 1e-12;
  const relStep = options.gradientStep ?? 1e-5;
  const maxFirstStep = options.maxFirstStep ?? 1;
  let evaluations = 0;
  const safe = (x: number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  const centralBelow = options.centralBelow ?? 1e-3;
  let central = centralBelow <= 0;
  const neverCentral = centralBelow === Number.POSITIVE_INFINITY;
  const gradient = (x: number[], fx: number): number[] => {
    const g = new Array<number>(n);
    if (!central) {
      for (let i = 0; i < n; i++) {
        const xi = x[i] as number;
        const h = 1e-7 * Math.max(1, Math.abs(xi));
        x[i] = xi + h;
        const fp = safe(x);
        if (Number.isFinite(fp)) g[i] = (fp - fx) / h;
        else {
          x[i] = xi - h;
          const fm = safe(x);
          g[i] = Number.isFinite(fm) ? (fx - fm) / h : 0;
        }
        x[i] = xi;
      }
      if (neverCentral || maxAbs(g) >= centralBelow) return g;
      central = true;
    }
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number;
      const h = relStep * Math.max(1, Math.abs(xi));
      x[i] = xi + h;
      const fp = safe(x);
      x[i] = xi - h;
      const fm = safe(x);
      x[i] = xi;
      // One-sided where the other side is infeasible, so a boundary does not poison g.
      if (Number.isFinite(fp) && Number.isFinite(fm)) g[i] = (fp - fm) / (2 * h);
      else if (Number.isFinite(fp)) g[i] = (fp - fx) / h;
      else if (Number.isFinite(fm)) g[i] = (fx - fm) / h;
      else g[i] = 0;
    }
    return g;
  };

  let x = x0.slice();
  let fx = safe(x);
  if (!Number.isFinite(fx)) throw new Error('bfgs: the objective is not finite at the starting point');
  let g = gradient(x, fx);
  // Inverse Hessian approximation, row-major; identity until the first curvature pair rescales it.
  let H = identity(n);
  let first = true;
  let iterations = 0;
  let converged = false;

  while (iterations < maxIterations) {
    if (maxAbs(g) < gTol) {
      converged = true;
      break;
    }
    iterations++;
    let dir = matVec(H, g).map((v) => -v);
    let slope = dot(dir, g);
    if (!(slope < 0)) {
      // H lost positive definiteness numerically: restart from steepest descent.
      H = identity(n);
      first = true;
      dir = g.map((v) => -v);
      slope = dot(dir, g);
    }
    let alpha = first ? Math.min(1, maxFirstStep / Math.max(maxAbs(dir), 1e-300)) : 1;
    let xNew = x;
    let fNew = fx;
    let accepted = false;
    for (let k = 0; k < 40; k++) {
      const trial = x.map((xi, i) => xi + alpha * (dir[i] as number));
      const ft = safe(trial);
      if (ft <= fx + 1e-4 * alpha * slope) {
        xNew = trial;
        fNew = ft;
        accepted = true;
        break;
      }
      // Quadratic interpolation of the step, kept within [0.1, 0.5] of the last one.
      const denom = 2 * (ft - fx - alpha * slope);
      const q = Number.isFinite(ft) && denom > 0 ? (-slope * alpha * alpha) / denom : 0.5 * alpha;
      alpha = Math.min(0.5 * alpha, Math.max(0.1 * alpha, q));
    }
    if (!accepted) {
      if (first) break; // no descent even along the gradient: as good as it gets at this precision
      H = identity(n);
      first = true;
      continue;
    }
    const gNew = gradient(xNew, fNew);
    const s = xNew.map((v, i) => v - (x[i] as number));
    const y = gNew.map((v, i) => v - (g[i] as number));
    const sy = dot(s, y);
    const decrease = fx - fNew;
    x = xNew;
    g = gNew;
    const fOld = fx;
    fx = fNew;
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (first) {
        // Nocedal & Wright (6.20): scale the initial inverse Hessian by s'y / y'y.
        const scale = sy / dot(y, y);
        H = identity(n).map((v) => v * scale);
        first = false;
      }
      H = bfgsUpdate(H, s, y, sy);
    }
    if (decrease <= fTol * (Math.abs(fOld) + 1e-10) && maxAbs(g) < Math.sqrt(gTol)) {
      converged = true;
      break;
    }
    if (options.stopEarly?.(x, fx)) break;
  }
  return { x, fx, iterations, evaluations, converged };
}

function identity(n: number): number[] {
  const m = new Array<number>(n * n).fill(0);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

function matVec(m: number[], v: number[]): number[] {
  const n = v.length;
  const out = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += (m[i * n + j] as number) * (v[j] as number);
    out[i] = s;
  }
  return out;
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function maxAbs(v: number[]): number {
  let m = 0;
  for (const x of v) m = Math.max(m, Math.abs(x));
  return m;
}

// H+ = (I - ρ s y') H (I - ρ y s') + ρ s s', ρ = 1 / s'y, written out to stay O(n²).
function bfgsUpdate(H: number[], s: number[], y: number[], sy: number): number[] {
  const n = s.length;
  const rho = 1 / sy;
  const Hy = matVec(H, y);
  const yHy = dot(y, Hy);
  const out = new Array<number>(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const si = s[i] as number;
      const sj = s[j] as number;
      out[i * n + j] =
        (H[i * n + j] as number) - rho * ((Hy[i] as number) * sj + si * (Hy[j] as number)) + (rho * rho * yHy + rho) * si * sj;
    }
  }
  return out;
}
