// Small pieces checked by hand: lag polynomials, differencing, root moduli, the
// stationarity transform, and the BFGS minimiser the fits rely on.
import { describe, expect, it } from 'vitest';
import { bfgs } from '../../../src/analytics/optim/bfgs';
import { difference, differencingPolynomial, expandAr, expandMa, minRootModulus } from '../../../src/analytics/arima/polynomial';
import { constrainStationary, unconstrainStationary } from '../../../src/analytics/arima/transform';

describe('lag polynomials', () => {
  it('multiplies out seasonal AR and MA factors', () => {
    // (1 − 0.5L)(1 − 0.4L^4) = 1 − 0.5L − 0.4L^4 + 0.2L^5 → φ = (0.5, 0, 0, 0.4, −0.2)
    expect(Array.from(expandAr([0.5], [0.4], 4))).toEqual([0.5, 0, 0, 0.4, -0.2]);
    // (1 + 0.3L)(1 − 0.6L^2) = 1 + 0.3L − 0.6L^2 − 0.18L^3
    const ma = Array.from(expandMa([0.3], [-0.6], 2));
    expect(ma[0]).toBeCloseTo(0.3, 15);
    expect(ma[1]).toBeCloseTo(-0.6, 15);
    expect(ma[2]).toBeCloseTo(-0.18, 15);
  });

  it('differences by (1 − L)^d (1 − L^m)^D', () => {
    expect(Array.from(differencingPolynomial(1, 1, 4))).toEqual([1, -1, 0, 0, -1, 1]);
    expect(Array.from(differencingPolynomial(2, 0, 1))).toEqual([1, -2, 1]);
    const y = [1, 4, 9, 16, 25, 36];
    expect(Array.from(difference(y, 1, 0, 1))).toEqual([3, 5, 7, 9, 11]);
    expect(Array.from(difference(y, 2, 0, 1))).toEqual([2, 2, 2, 2]);
    expect(Array.from(difference([1, 2, 3, 11, 12, 13, 21], 0, 1, 3))).toEqual([10, 10, 10, 10]);
    expect(difference([1, 2], 0, 1, 3).length).toBe(0);
  });

  it('finds the smallest root modulus', () => {
    // 1 − 1.5z + 0.5z² = (1 − z)(1 − 0.5z): roots 1 and 2.
    expect(minRootModulus([-1.5, 0.5])).toBeCloseTo(1, 10);
    // 1 + 0.81z²: roots ±i/0.9.
    expect(minRootModulus([0, 0.81])).toBeCloseTo(1 / 0.9, 10);
    // (1 − 0.5z)(1 + 0.25z)(1 − 0.8z) = 1 − 1.05z + 0.075z² + 0.1z³: roots 2, −4, 1.25.
    expect(minRootModulus([-1.05, 0.075, 0.1])).toBeCloseTo(1.25, 10);
    expect(minRootModulus([])).toBe(Number.POSITIVE_INFINITY);
    expect(minRootModulus([0.5])).toBeCloseTo(2, 15);
  });
});

describe('stationarity transform (Jones / Monahan)', () => {
  it('maps any reals to a stationary AR polynomial and back', () => {
    for (const u of [[0.3], [-2, 0.5], [5, -4, 1.5], [0.1, 0.2, -0.3, 0.4, 8]]) {
      const phi = constrainStationary(u);
      // Stationary: all roots of 1 − Σ φ z^i outside the unit circle.
      expect(minRootModulus(phi.map((v) => -v))).toBeGreaterThan(1);
      const back = unconstrainStationary(phi);
      back.forEach((v, i) => expect(v).toBeCloseTo(u[i] as number, 8));
    }
  });

  it("follows statsmodels' constrain_stationary_univariate", () => {
    // Values printed by statsmodels 0.13.5: constrain([1]) = [−x / sqrt(1 + x²)] = [−0.70710678];
    // constrain([5, −4, 1.5]) = [0.77792967, 0.94578199, −0.83205029].
    expect(constrainStationary([1])[0]).toBeCloseTo(-1 / Math.SQRT2, 15);
    [0.77792967, 0.94578199, -0.83205029].forEach((v, i) => expect(constrainStationary([5, -4, 1.5])[i]).toBeCloseTo(v, 8));
    expect(() => unconstrainStationary([1.2])).toThrow(/not stationary/);
  });
});

describe('bfgs', () => {
  it('minimises the Rosenbrock function', () => {
    const f = (x: number[]): number => 100 * ((x[1] as number) - (x[0] as number) ** 2) ** 2 + (1 - (x[0] as number)) ** 2;
    const res = bfgs(f, [-1.2, 1], { maxIterations: 500 });
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 5);
    expect(res.x[1]).toBeCloseTo(1, 5);
  });

  it('treats non-finite values as walls', () => {
    // Minimum at 2, but x > 1.5 is infeasible: it stops at the wall instead of failing.
    const res = bfgs((x) => ((x[0] as number) > 1.5 ? Number.NaN : ((x[0] as number) - 2) ** 2), [0]);
    expect(res.x[0]).toBeGreaterThan(1.4);
    expect(res.x[0]).toBeLessThanOrEqual(1.5);
  });

  it('refuses a start where f is not finite', () => {
    expect(() => bfgs(() => Number.NaN, [0])).toThrow(/not finite/);
  });
});
