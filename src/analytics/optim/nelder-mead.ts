// Derivative-free minimiser used by the likelihood fits (BG/NBD, Gamma-Gamma, and
// anything else with a handful of parameters). Works on unconstrained parameters:
// callers optimise log-parameters when theirs must be positive.

/** Options for nelderMead; defaults suit 2–6 parameters on a smooth surface. */
export interface NelderMeadOptions {
  /** Maximum iterations (default 2000 × dimension). */
  maxIterations?: number;
  /** Stop when the spread of f over the simplex falls below this (default 1e-10). */
  fTolerance?: number;
  /** Stop when the simplex diameter falls below this (default 1e-8). */
  xTolerance?: number;
  /** Initial step along each axis (default 0.5, or 5% of |x0| when larger). */
  step?: number;
}

/** Result of a minimisation; `converged` is false when the iteration cap was hit. */
export interface NelderMeadResult {
  x: number[];
  fx: number;
  iterations: number;
  converged: boolean;
}

/** Minimises f from x0 with the adaptive Nelder–Mead method (Gao & Han 2012 coefficients). */
export function nelderMead(
  f: (x: number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const n = x0.length;
  if (n === 0) throw new Error('nelderMead: x0 must have at least one parameter');
  const maxIterations = options.maxIterations ?? 2000 * n;
  const fTol = options.fTolerance ?? 1e-10;
  const xTol = options.xTolerance ?? 1e-8;
  const alpha = 1;
  const beta = 1 + 2 / n;
  const gamma = 0.75 - 1 / (2 * n);
  const delta = 1 - 1 / n;
  const safe = (x: number[]): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };

  const simplex: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    const base = p[i] as number;
    const step = options.step ?? Math.max(0.5, Math.abs(base) * 0.05);
    p[i] = base + step;
    simplex.push(p);
  }
  let values = simplex.map(safe);

  let iterations = 0;
  let converged = false;
  const order = (): void => {
    const idx = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
    const s2 = idx.map((i) => simplex[i] as number[]);
    const v2 = idx.map((i) => values[i] as number);
    for (let i = 0; i <= n; i++) simplex[i] = s2[i] as number[];
    values = v2;
  };
  const combine = (a: number[], b: number[], t: number): number[] => a.map((ai, j) => ai + t * (ai - (b[j] as number)));

  while (iterations < maxIterations) {
    order();
    const best = values[0] as number;
    const worst = values[n] as number;
    let diameter = 0;
    for (let i = 1; i <= n; i++) {
      const p = simplex[i] as number[];
      for (let j = 0; j < n; j++) diameter = Math.max(diameter, Math.abs((p[j] as number) - ((simplex[0] as number[])[j] as number)));
    }
    if (Math.abs(worst - best) <= fTol * (Math.abs(best) + fTol) && diameter <= xTol * (1 + Math.abs(best))) {
      converged = true;
      break;
    }
    if (Math.abs(worst - best) <= fTol && diameter <= xTol) {
      converged = true;
      break;
    }
    iterations++;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      const p = simplex[i] as number[];
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) + (p[j] as number) / n;
    }
    const worstPoint = simplex[n] as number[];
    const xr = combine(centroid, worstPoint, alpha);
    const fr = safe(xr);
    if (fr < best) {
      const xe = combine(centroid, worstPoint, alpha * beta);
      const fe = safe(xe);
      if (fe < fr) {
        simplex[n] = xe;
        values[n] = fe;
      } else {
        simplex[n] = xr;
        values[n] = fr;
      }
      continue;
    }
    if (fr < (values[n - 1] as number)) {
      simplex[n] = xr;
      values[n] = fr;
      continue;
    }
    const outside = fr < worst;
    const xc = outside ? combine(centroid, worstPoint, alpha * gamma) : combine(centroid, worstPoint, -gamma);
    const fc = safe(xc);
    if (fc < (outside ? fr : worst)) {
      simplex[n] = xc;
      values[n] = fc;
      continue;
    }
    const b0 = simplex[0] as number[];
    for (let i = 1; i <= n; i++) {
      const p = simplex[i] as number[];
      simplex[i] = b0.map((bj, j) => bj + delta * ((p[j] as number) - bj));
      values[i] = safe(simplex[i] as number[]);
    }
  }
  order();
  return { x: simplex[0] as number[], fx: values[0] as number, iterations, converged };
}
