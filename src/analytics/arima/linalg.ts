// Small dense linear algebra for the ARIMA code: systems of at most a few dozen
// unknowns (autocovariances, Hessians), so plain Gaussian elimination is enough.

/** Solves A x = b (A n×n row-major, copied) by partial pivoting; null when A is singular. */
export function solveLinear(A: ArrayLike<number>, b: ArrayLike<number>, n: number): Float64Array | null {
  const M = Float64Array.from(A as ArrayLike<number>);
  const x = Float64Array.from(b as ArrayLike<number>);
  for (let col = 0; col < n; col++) {
    let piv = col;
    let best = Math.abs(M[col * n + col] as number);
    for (let r = col + 1; r < n; r++) {
      const v = Math.abs(M[r * n + col] as number);
      if (v > best) {
        best = v;
        piv = r;
      }
    }
    if (!(best > 1e-300)) return null;
    if (piv !== col) {
      for (let j = 0; j < n; j++) {
        const t = M[col * n + j] as number;
        M[col * n + j] = M[piv * n + j] as number;
        M[piv * n + j] = t;
      }
      const t = x[col] as number;
      x[col] = x[piv] as number;
      x[piv] = t;
    }
    const d = M[col * n + col] as number;
    for (let r = col + 1; r < n; r++) {
      const f = (M[r * n + col] as number) / d;
      if (f === 0) continue;
      for (let j = col; j < n; j++) M[r * n + j] = (M[r * n + j] as number) - f * (M[col * n + j] as number);
      x[r] = (x[r] as number) - f * (x[col] as number);
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r] as number;
    for (let j = r + 1; j < n; j++) s -= (M[r * n + j] as number) * (x[j] as number);
    x[r] = s / (M[r * n + r] as number);
  }
  return x;
}

/** Inverse of an n×n matrix (row-major); null when singular. */
export function invert(A: ArrayLike<number>, n: number): Float64Array | null {
  const out = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const e = new Float64Array(n);
    e[j] = 1;
    const col = solveLinear(A, e, n);
    if (!col) return null;
    for (let i = 0; i < n; i++) out[i * n + j] = col[i] as number;
  }
  return out;
}
