// The exact likelihood machinery against brute force written here from the definitions:
// autocovariances from long ψ-weight sums, the state covariance by iterating
// P ← T P T' + R R', and the Gaussian log-density of a short series from its full
// Toeplitz covariance matrix (Cholesky), which shares nothing with the Kalman filter.
import { describe, expect, it } from 'vitest';
import { expandAr, expandMa } from '../../../src/analytics/arima/polynomial';
import { armaAutocovariance, armaFilter, stationaryStateCovariance } from '../../../src/analytics/arima/state-space';
import { createRandom } from '../../../src/analytics/random';

// γ(k) = Σ_j ψ_j ψ_{j+k}, ψ from the recursion ψ_j = θ_j + Σ φ_i ψ_{j−i}, truncated where ψ is negligible.
function bruteAutocovariance(phi: Float64Array, theta: Float64Array, maxLag: number): number[] {
  const n = 5000;
  const psi = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = j === 0 ? 1 : j <= theta.length ? (theta[j - 1] as number) : 0;
    for (let i = 1; i <= Math.min(j, phi.length); i++) s += (phi[i - 1] as number) * (psi[j - i] as number);
    psi[j] = s;
  }
  const out: number[] = [];
  for (let k = 0; k <= maxLag; k++) {
    let s = 0;
    for (let j = 0; j + k < n; j++) s += (psi[j] as number) * (psi[j + k] as number);
    out.push(s);
  }
  return out;
}

function bruteStateCovariance(phi: Float64Array, theta: Float64Array): number[][] {
  const r = Math.max(phi.length, theta.length + 1);
  const T = Array.from({ length: r }, (_, i) => Array.from({ length: r }, (_, j) => (j === 0 ? (phi[i] ?? 0) : j === i + 1 ? 1 : 0)));
  const R = Array.from({ length: r }, (_, i) => (i === 0 ? 1 : (theta[i - 1] ?? 0)));
  let P = Array.from({ length: r }, () => new Array<number>(r).fill(0));
  for (let it = 0; it < 1000; it++) {
    const TP = T.map((row) => P[0]!.map((_, j) => row.reduce((s, t, k) => s + t * P[k]![j]!, 0)));
    P = TP.map((row, i) => T.map((trow, j) => row.reduce((s, v, k) => s + v * trow[k]!, 0) + R[i]! * R[j]!));
  }
  return P;
}

// −2 log-density pieces of x ~ N(0, Γ) with Γ_ij = γ(|i−j|): x'Γ⁻¹x and log det Γ.
function gaussianPieces(x: number[], gamma: number[]): { quad: number; logDet: number } {
  const n = x.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = gamma[Math.abs(i - j)]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      L[i]![j] = i === j ? Math.sqrt(s) : s / L[j]![j]!;
    }
  }
  const z = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = x[i]!;
    for (let k = 0; k < i; k++) s -= L[i]![k]! * z[k]!;
    z[i] = s / L[i]![i]!;
  }
  return { quad: z.reduce((s, v) => s + v * v, 0), logDet: 2 * L.reduce((s, row, i) => s + Math.log(row[i]!), 0) };
}

const cases: [string, Float64Array, Float64Array][] = [
  ['AR(1)', expandAr([0.7], [], 1), new Float64Array(0)],
  ['MA(2)', new Float64Array(0), expandMa([0.4, -0.3], [], 1)],
  ['ARMA(2,1)', expandAr([0.5, -0.3], [], 1), expandMa([0.6], [], 1)],
  ['(1,0,1)(1,0,1)[4]', expandAr([0.4], [0.5], 4), expandMa([-0.3], [-0.6], 4)],
  ['(2,0,0)(1,0,0)[12]', expandAr([0.3, 0.2], [0.6], 12), new Float64Array(0)],
];

describe('ARMA autocovariances and the stationary state covariance', () => {
  it.each(cases)('%s: γ matches the ψ-weight sums', (_, phi, theta) => {
    const got = armaAutocovariance(phi, theta, 15);
    const want = bruteAutocovariance(phi, theta, 15);
    expect(got).not.toBeNull();
    want.forEach((w, k) => expect(Math.abs((got?.[k] as number) - w)).toBeLessThan(1e-9 * Math.max(1, Math.abs(want[0]!))));
  });

  it.each(cases)('%s: P0 solves P = T P T′ + R R′', (_, phi, theta) => {
    const r = Math.max(phi.length, theta.length + 1);
    const phiR = new Float64Array(r);
    phiR.set(phi);
    const thetaR = new Float64Array(r);
    thetaR[0] = 1;
    thetaR.set(theta, 1);
    const got = stationaryStateCovariance(phiR, thetaR);
    const want = bruteStateCovariance(phi, theta);
    expect(got).not.toBeNull();
    for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) expect(Math.abs((got?.[i * r + j] as number) - want[i]![j]!)).toBeLessThan(1e-9);
  });

  it('returns null for a non-stationary AR part', () => {
    expect(armaAutocovariance(Float64Array.of(1), new Float64Array(0), 3)).toBeNull();
    expect(armaFilter([1, 2, 3], Float64Array.of(1.2), new Float64Array(0))).toBeNull();
  });
});

describe('Kalman filter (Chandrasekhar recursions) against the direct Gaussian likelihood', () => {
  const rng = createRandom(11);
  const x = Array.from({ length: 40 }, () => 2 * rng.normal());
  it.each(cases)('%s', (_, phi, theta) => {
    const f = armaFilter(x, phi, theta, true);
    const gamma = bruteAutocovariance(phi, theta, x.length);
    const { quad, logDet } = gaussianPieces(x, gamma);
    expect(f).not.toBeNull();
    expect(Math.abs((f?.ssq as number) - quad)).toBeLessThan(1e-8 * quad);
    expect(Math.abs((f?.sumLogF as number) - logDet)).toBeLessThan(1e-8 * Math.max(1, Math.abs(logDet)));
  });

  it('subtracts the mean on the fly', () => {
    const phi = expandAr([0.5], [], 1);
    const a = armaFilter(x.map((v) => v + 7), phi, new Float64Array(0), false, 7);
    const b = armaFilter(x, phi, new Float64Array(0));
    expect(a?.ssq).toBeCloseTo(b?.ssq as number, 10);
  });
});
