// Maps between unconstrained reals and stationary AR (or invertible MA) coefficients,
// the Jones (1980) / Monahan (1984) transform through partial autocorrelations that
// statsmodels' SARIMAX uses (constrain_stationary_univariate). The optimiser works in
// the unconstrained space, so every trial point is a valid model and the exact
// likelihood's stationary initialisation always exists.

/**
 * Unconstrained reals → coefficients φ with 1 − φ_1 z − … − φ_n z^n free of roots in the
 * closed unit disk. For an invertible MA (1 + θ_1 z + …) use θ = −constrain(x).
 */
export function constrainStationary(x: readonly number[]): number[] {
  const n = x.length;
  if (n === 0) return [];
  // Partial autocorrelations in (−1, 1), then the Durbin–Levinson recursion.
  const r = x.map((v) => v / Math.sqrt(1 + v * v));
  let prev: number[] = [];
  for (let k = 0; k < n; k++) {
    const rk = r[k] as number;
    const cur = new Array<number>(k + 1);
    for (let i = 0; i < k; i++) cur[i] = (prev[i] as number) + rk * (prev[k - i - 1] as number);
    cur[k] = rk;
    prev = cur;
  }
  return prev.map((v) => -v);
}

/** Inverse of constrainStationary; throws when φ is not strictly stationary. */
export function unconstrainStationary(phi: readonly number[]): number[] {
  const n = phi.length;
  if (n === 0) return [];
  let cur = phi.map((v) => -v);
  const r = new Array<number>(n);
  for (let k = n - 1; k >= 0; k--) {
    const rk = cur[k] as number;
    if (!(Math.abs(rk) < 1)) throw new Error('unconstrainStationary: coefficients are not stationary');
    r[k] = rk;
    const next = new Array<number>(k);
    for (let i = 0; i < k; i++) next[i] = ((cur[i] as number) - rk * (cur[k - i - 1] as number)) / (1 - rk * rk);
    cur = next;
  }
  return r.map((v) => v / Math.sqrt(1 - v * v));
}
