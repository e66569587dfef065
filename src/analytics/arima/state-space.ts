// Exact Gaussian likelihood of a zero-mean ARMA series by the Kalman filter, in
// Harvey's state-space form (as R's arima and statsmodels' SARIMAX with
// simple_differencing): with r = max(p, q + 1),
//   α_{t+1} = T α_t + R ε_{t+1},  x_t = α_t[0],
//   T = [φ | shifted identity],  R = (1, θ_1, …, θ_{r−1})'.
// Differencing and the mean are removed beforehand, so the state is stationary and
// starts from its unconditional covariance P0 (computed from the ARMA autocovariances,
// not by solving an r²-sized Lyapunov system, so seasonal models with r ≈ 27 stay cheap).
// Everything is in units of σ² = 1: the caller concentrates σ² out of the likelihood.
import { solveLinear } from './linalg';

/** Output of armaFilter: sums for the concentrated likelihood, plus optional detail. */
export interface ArmaFilterResult {
  /** Σ v_t² / F_t. */
  ssq: number;
  /** Σ log F_t. */
  sumLogF: number;
  /** Innovations v_t = x_t − E[x_t | past] (when `keep`). */
  innovations: Float64Array | null;
  /** Innovation variances F_t in units of σ² (when `keep`): v_t / √F_t are statsmodels' standardized forecast errors. */
  variances: Float64Array | null;
  /** Predicted state mean and covariance for the time after the last observation (when `keep`). */
  state: Float64Array | null;
  cov: Float64Array | null;
  /** State dimension r. */
  r: number;
}

/** Autocovariances γ(0..maxLag) of the ARMA with φ_1..φ_p, θ_1..θ_q and unit innovation variance; null if not stationary. */
export function armaAutocovariance(phi: ArrayLike<number>, theta: ArrayLike<number>, maxLag: number): Float64Array | null {
  const p = effectiveLength(phi);
  const q = effectiveLength(theta);
  const th = (j: number): number => (j === 0 ? 1 : j <= q ? (theta[j - 1] as number) : 0);
  const psi = psiWeights(phi, p, th, q);
  const rhs = (k: number): number => {
    let s = 0;
    for (let j = k; j <= q; j++) s += th(j) * (psi[j - k] as number);
    return s;
  };
  const gamma = new Float64Array(Math.max(maxLag, p) + 1);
  if (p === 0) {
    for (let k = 0; k < gamma.length; k++) gamma[k] = rhs(k);
  } else {
    // γ(k) − Σ φ_i γ(|k − i|) = Σ_{j≥k} θ_j ψ_{j−k}, k = 0..p: p + 1 linear equations.
    const n = p + 1;
    const A = new Float64Array(n * n);
    const b = new Float64Array(n);
    for (let k = 0; k <= p; k++) {
      A[k * n + k] = (A[k * n + k] as number) + 1;
      for (let i = 1; i <= p; i++) A[k * n + Math.abs(k - i)] = (A[k * n + Math.abs(k - i)] as number) - (phi[i - 1] as number);
      b[k] = rhs(k);
    }
    const g = solveLinear(A, b, n);
    if (!g || !((g[0] as number) > 0)) return null;
    gamma.set(g);
    for (let k = p + 1; k < gamma.length; k++) {
      let s = rhs(k);
      for (let i = 1; i <= p; i++) s += (phi[i - 1] as number) * (gamma[k - i] as number);
      gamma[k] = s;
    }
  }
  return gamma;
}

/**
 * Unconditional covariance of Harvey's ARMA state (r×r, row-major, σ² = 1); null if not
 * stationary. phiR = φ_1..φ_r and thetaR = θ_0..θ_{r−1} (θ_0 = 1), both padded with zeros.
 * The first row is Cov(x_t, α_t[j]) = Σ_{a>j} φ_a γ(a − j) + Σ_{b≥j} θ_b ψ_{b−j}, from
 * α_t[j] = Σ_{a>j} φ_a x_{t+j−a} + Σ_{b≥j} θ_b ε_{t+j−b}; the rest follows from P = T P T' + R R'
 * read entry by entry, P_ij = φ_{i+1}φ_{j+1}P_00 + φ_{i+1}P_{0,j+1} + φ_{j+1}P_{0,i+1} + P_{i+1,j+1} + R_iR_j,
 * filled from the bottom-right corner, so the whole matrix costs O(r²) after γ.
 */
export function stationaryStateCovariance(phiR: Float64Array, thetaR: Float64Array): Float64Array | null {
  const r = phiR.length;
  const col = stationaryFirstColumn(phiR, thetaR);
  if (!col) return null;
  const P = new Float64Array(r * r);
  const row0 = new Float64Array(r + 1);
  row0.set(col);
  const p00 = row0[0] as number;
  for (let i = r - 1; i >= 0; i--) {
    const fi = phiR[i] as number;
    for (let j = r - 1; j >= i; j--) {
      let v: number;
      if (i === 0) v = row0[j] as number;
      else {
        const fj = phiR[j] as number;
        v = fi * fj * p00 + fi * (row0[j + 1] as number) + fj * (row0[i + 1] as number) + (thetaR[i] as number) * (thetaR[j] as number);
        if (j + 1 < r) v += P[(i + 1) * r + j + 1] as number;
      }
      P[i * r + j] = v;
      P[j * r + i] = v;
    }
  }
  return P;
}

/**
 * Runs the Kalman filter over x (zero-mean, stationary) for the ARMA with full (already
 * multiplied-out) coefficients φ_1..φ_p and θ_1..θ_q; null when the parameters are not
 * stationary. The covariance is propagated by Chandrasekhar recursions (Morf, Sidhu &
 * Kailath 1974; statsmodels' filter_chandrasekhar): from the stationary start,
 * P_{t+1} − P_t = s_t w_t w_t' has rank one, and with Z = e_1 the filter only needs
 * P_t's first column p_t, so each step costs O(r) instead of O(r²):
 *   F_t = p_t[0],  p_{t+1} = p_t + s_t w_t[0] w_t,  w_{t+1} = T (w_t − p_t w_t[0] / F_t),
 *   s_{t+1} = s_t − s_t² w_t[0]² / F_{t+1},  with p_0 = P_0 e_1, w_0 = T p_0, s_0 = −1 / F_0.
 * With `keep`, the full covariance is accumulated too (for forecasting from the end).
 * `mean` is subtracted from x on the fly.
 */
export function armaFilter(
  x: ArrayLike<number>,
  phi: ArrayLike<number>,
  theta: ArrayLike<number>,
  keep = false,
  mean = 0,
): ArmaFilterResult | null {
  const r = Math.max(phi.length, theta.length + 1, 1);
  const phiR = new Float64Array(r);
  const R = new Float64Array(r);
  for (let i = 0; i < phi.length; i++) phiR[i] = phi[i] as number;
  R[0] = 1;
  for (let i = 0; i < theta.length; i++) R[i + 1] = theta[i] as number;
  const pc = stationaryFirstColumn(phiR, R);
  if (!pc) return null;
  const P = keep ? stationaryStateCovariance(phiR, R) : null;
  const a = new Float64Array(r);
  const w = new Float64Array(r);
  const innovations = keep ? new Float64Array(x.length) : null;
  const variances = keep ? new Float64Array(x.length) : null;
  applyT(phiR, pc, w);
  let s = -1 / (pc[0] as number);
  let steady = false;
  let ssq = 0;
  let sumLogF = 0;
  const last = r - 1;
  for (let t = 0; t < x.length; t++) {
    const F = pc[0] as number;
    if (!(F > 0)) return null;
    const v = (x[t] as number) - mean - (a[0] as number);
    if (innovations) innovations[t] = v;
    if (variances) variances[t] = F;
    ssq += (v * v) / F;
    sumLogF += Math.log(F);
    const vf = v / F;
    const a0 = (a[0] as number) + (pc[0] as number) * vf;
    if (steady) {
      // Mean only: a ← T (a + p v / F).
      for (let i = 0; i < last; i++) a[i] = (phiR[i] as number) * a0 + (a[i + 1] as number) + (pc[i + 1] as number) * vf;
      a[last] = (phiR[last] as number) * a0;
      continue;
    }
    const w0 = w[0] as number;
    const sw0 = s * w0;
    const k0 = w0 / F;
    const u0 = w0 - (pc[0] as number) * k0;
    if (P) {
      for (let i = 0; i < r; i++) {
        const swi = s * (w[i] as number);
        for (let j = 0; j < r; j++) P[i * r + j] = (P[i * r + j] as number) + swi * (w[j] as number);
      }
    }
    // One pass for the mean, p ← p + s w0 w and w ← T (w − p w0 / F); entry i reads only
    // entries i and i + 1, and i + 1 is updated after, so the old values are the ones read.
    let size = 0;
    for (let i = 0; i < last; i++) {
      const fi = phiR[i] as number;
      const pNext = pc[i + 1] as number;
      const wi = w[i] as number;
      a[i] = fi * a0 + (a[i + 1] as number) + pNext * vf;
      pc[i] = (pc[i] as number) + sw0 * wi;
      w[i] = fi * u0 + (w[i + 1] as number) - pNext * k0;
      if (wi > size) size = wi;
      else if (-wi > size) size = -wi;
    }
    const wl = w[last] as number;
    a[last] = (phiR[last] as number) * a0;
    pc[last] = (pc[last] as number) + sw0 * wl;
    w[last] = (phiR[last] as number) * u0;
    size = Math.max(size, Math.abs(wl));
    s -= (sw0 * sw0) / (pc[0] as number);
    // The remaining changes to P are below 1e-13 of F: the filter has reached its steady state.
    if (Math.abs(s) * size * size < 1e-13 * F) steady = true;
  }
  return { ssq, sumLogF, innovations, variances, state: keep ? a : null, cov: P, r };
}

/** First column of the unconditional state covariance (see stationaryStateCovariance); null if not stationary. */
function stationaryFirstColumn(phiR: Float64Array, thetaR: Float64Array): Float64Array | null {
  const r = phiR.length;
  const gamma = armaAutocovariance(phiR, thetaR.subarray(1), r);
  if (!gamma) return null;
  const p = effectiveLength(phiR);
  const q = effectiveLength(thetaR.subarray(1));
  const psi = psiWeights(phiR, p, (j) => (j < r ? (thetaR[j] as number) : 0), q);
  const col = new Float64Array(r);
  for (let j = 0; j < r; j++) {
    let s = 0;
    for (let a = j + 1; a <= p; a++) s += (phiR[a - 1] as number) * (gamma[a - j] as number);
    for (let b = j; b <= q; b++) s += (thetaR[b] as number) * (psi[b - j] as number);
    col[j] = s;
  }
  return col;
}

// out ← T v for Harvey's transition (out may alias v): (T v)_i = φ_{i+1} v_0 + v_{i+1}.
function applyT(phiR: Float64Array, v: Float64Array, out: Float64Array): void {
  const r = phiR.length;
  const v0 = v[0] as number;
  for (let i = 0; i < r - 1; i++) out[i] = (phiR[i] as number) * v0 + (v[i + 1] as number);
  out[r - 1] = (phiR[r - 1] as number) * v0;
}

function effectiveLength(c: ArrayLike<number>): number {
  let k = c.length;
  while (k > 0 && c[k - 1] === 0) k--;
  return k;
}

// ψ-weights ψ_0..ψ_{len} of the MA(∞) form; len covers every lag the callers index.
function psiWeights(phi: ArrayLike<number>, p: number, th: (j: number) => number, q: number): Float64Array {
  const len = Math.max(phi.length, q) + 2;
  const psi = new Float64Array(len + 1);
  for (let j = 0; j <= len; j++) {
    let s = th(j);
    for (let i = 1; i <= Math.min(j, p); i++) s += (phi[i - 1] as number) * (psi[j - i] as number);
    psi[j] = s;
  }
  return psi;
}
