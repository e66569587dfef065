// Lag polynomials of seasonal ARIMA: multiplying out the seasonal factors, the
// differencing operator, and root moduli for the near-unit-root check of auto.arima.
// Polynomials are coefficient arrays in powers of L, constant term first.

/** Multiplies two lag polynomials (constant term first). */
export function polyMul(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.length + b.length - 1);
  for (let i = 0; i < a.length; i++) {
    const ai = a[i] as number;
    if (ai === 0) continue;
    for (let j = 0; j < b.length; j++) out[i + j] = (out[i + j] as number) + ai * (b[j] as number);
  }
  return out;
}

// 1 + sign·Σ c_i L^(i·lag)
function factor(coefs: readonly number[], lag: number, sign: 1 | -1): Float64Array {
  const out = new Float64Array(coefs.length * lag + 1);
  out[0] = 1;
  coefs.forEach((c, i) => (out[(i + 1) * lag] = sign * c));
  return out;
}

/** Full AR coefficients φ_1..φ_{p+mP} of (1 − Σ ar L^i)(1 − Σ sar L^{im}) = 1 − Σ φ_k L^k. */
export function expandAr(ar: readonly number[], sar: readonly number[], m: number): Float64Array {
  const prod = polyMul(factor(ar, 1, -1), factor(sar, m, -1));
  return prod.subarray(1).map((v) => (v === 0 ? 0 : -v));
}

/** Full MA coefficients θ_1..θ_{q+mQ} of (1 + Σ ma L^i)(1 + Σ sma L^{im}) = 1 + Σ θ_k L^k. */
export function expandMa(ma: readonly number[], sma: readonly number[], m: number): Float64Array {
  return polyMul(factor(ma, 1, 1), factor(sma, m, 1)).slice(1);
}

/** Coefficients c_0..c_δ (c_0 = 1) of (1 − L)^d (1 − L^m)^D, δ = d + mD. */
export function differencingPolynomial(d: number, D: number, m: number): Float64Array {
  let poly: Float64Array = Float64Array.of(1);
  for (let i = 0; i < d; i++) poly = polyMul(poly, [1, -1]);
  const seasonal = new Float64Array(m + 1);
  seasonal[0] = 1;
  seasonal[m] = -1;
  for (let i = 0; i < D; i++) poly = polyMul(poly, seasonal);
  return poly;
}

/** Applies (1 − L)^d (1 − L^m)^D; the result is n − d − mD long (empty when that is ≤ 0). */
export function difference(y: ArrayLike<number>, d: number, D: number, m: number): Float64Array {
  const c = differencingPolynomial(d, D, m);
  const lag = c.length - 1;
  const n = y.length - lag;
  const out = new Float64Array(Math.max(0, n));
  for (let t = 0; t < n; t++) {
    let s = 0;
    for (let k = 0; k <= lag; k++) {
      const ck = c[k] as number;
      if (ck !== 0) s += ck * (y[t + lag - k] as number);
    }
    out[t] = s;
  }
  return out;
}

/**
 * Smallest |z| over the roots of 1 + c_1 z + … + c_k z^k (Infinity when all c are zero).
 * Durand–Kerner iteration; meant for the short non-seasonal and seasonal factors (k ≤ 5).
 */
export function minRootModulus(c: readonly number[]): number {
  let k = c.length;
  while (k > 0 && Math.abs(c[k - 1] as number) < 1e-12) k--;
  if (k === 0) return Number.POSITIVE_INFINITY;
  if (k === 1) return 1 / Math.abs(c[0] as number);
  // Monic form: z^k + (c_{k-1}/c_k) z^{k-1} + … + 1/c_k.
  const lead = c[k - 1] as number;
  const a: number[] = [];
  for (let i = 0; i < k; i++) a.push((i === 0 ? 1 : (c[i - 1] as number)) / lead);
  // a[i] is the coefficient of z^i for i < k.
  const re: number[] = [];
  const im: number[] = [];
  const radius = 1 + Math.max(...a.map(Math.abs));
  for (let i = 0; i < k; i++) {
    const angle = (2 * Math.PI * i) / k + 0.4;
    re.push(radius * 0.5 * Math.cos(angle));
    im.push(radius * 0.5 * Math.sin(angle));
  }
  for (let iter = 0; iter < 500; iter++) {
    let change = 0;
    for (let i = 0; i < k; i++) {
      const zr = re[i] as number;
      const zi = im[i] as number;
      // p(z) by Horner, complex.
      let pr = 1;
      let pi = 0;
      for (let j = k - 1; j >= 0; j--) {
        const nr = pr * zr - pi * zi + (a[j] as number);
        const ni = pr * zi + pi * zr;
        pr = nr;
        pi = ni;
      }
      // Π (z − z_j), j ≠ i.
      let qr = 1;
      let qi = 0;
      for (let j = 0; j < k; j++) {
        if (j === i) continue;
        const dr = zr - (re[j] as number);
        const di = zi - (im[j] as number);
        const nr = qr * dr - qi * di;
        const ni = qr * di + qi * dr;
        qr = nr;
        qi = ni;
      }
      const den = qr * qr + qi * qi;
      if (den === 0) continue;
      const stepR = (pr * qr + pi * qi) / den;
      const stepI = (pi * qr - pr * qi) / den;
      re[i] = zr - stepR;
      im[i] = zi - stepI;
      change = Math.max(change, Math.hypot(stepR, stepI));
    }
    if (change < 1e-14) break;
  }
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < k; i++) min = Math.min(min, Math.hypot(re[i] as number, im[i] as number));
  return min;
}
