// 2F1 and the gamma-family functions against independent values.
// Reference values: scripts/reference/clv_bgnbd.py (scipy 1.17.1 scipy.special.hyp2f1,
// and mpmath 1.3.0 hyp2f1 at 40 digits as the exact value). scipy itself is off by
// ~1e-8 relative where c − a − b is within 1e-7 of an integer near z = 1, so those cases
// are held to mpmath tightly and to scipy only loosely.
import { describe, expect, it } from 'vitest';
import { hyp2f1 } from '../../../src/analytics/clv/hyp2f1';
import { digamma, lnAbsGamma, lnGamma } from '../../../src/analytics/clv/special';

const rel = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

// [a, b, c, z, scipy, mpmath]
const CASES: [number, number, number, number, number, number][] = [
  [1, 1, 2, 0.5, 1.3862943611198901, 1.3862943611198906],
  [1, 1, 2, 0.999, 6.914669948931067, 6.9146699489310672], // c − a − b = 0 exactly: logarithmic case
  [0.5, 0.5, 1, 0.99, 2.3527158167797424, 2.3527158167797423], // 2K(k²)/π, logarithmic case
  [1, 1, 1.5, 0.999, 48.6971292420768, 48.697129242076812], // c − a − b = −0.5: connection formula
  [3.25, 5.5, 6.3, 0.9, 481.09597564629735, 481.09597564629776],
  [0.3, -0.2, 4.0, 0.999999, 0.9828604557238352, 0.982860455723793],
  [2.3, 1.7, 4.0000001, 0.999, 28.117260072663644, 28.117260423679536], // c − a − b = 1e-7: scipy loses 8 digits
  [1.2, 2.3, 3.50001, 0.9999, 24.03373144418634, 24.033731444504386], // c − a − b = 1e-5
  [1.5, 2.5, 0.7, -3.0, -0.06173446409456729, -0.061734464094567151], // Pfaff
  [-0.3, 0.2, -1.5, 0.95, -4.688019824697829, -4.6880198246978126], // negative c
  [0.45, -0.2, 1.05, 0.99, 0.8481651821840126, 0.84816518218400599],
  [100.25, 102.5, 101.3, 0.5, 3.441806237621854e30, 3.4418062376218542e30],
  [0.25, 2.5, 2.3, 0.98, 3.43877663722308, 3.4387766372231009],
  [3.25, 5.5, 5.3, 0.95, 27877.01620828823, 27877.016208288186],
  [-3, 2.5, 1.5, 0.7, -0.09900000000000003, -0.099000000000000017], // polynomial
];

describe('hyp2f1', () => {
  it.each(CASES)('2F1(%s, %s; %s; %s)', (a, b, c, z, scipy, exact) => {
    const v = hyp2f1(a, b, c, z);
    // 1e-12: the connection formula loses up to ~3 digits to cancellation by design (see hyp2f1.ts).
    expect(rel(v, exact)).toBeLessThan(1e-12);
    expect(rel(v, scipy)).toBeLessThan(2e-8);
  });

  it('matches closed forms across the whole range of z', () => {
    for (const z of [-0.9, -0.3, 0.1, 0.5, 0.8, 0.95, 0.999, 0.999999]) {
      // 2F1(1, 1; 2; z) = −ln(1 − z)/z; 2F1(a, b; b; z) = (1 − z)^−a
      expect(rel(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-13);
      expect(rel(hyp2f1(0.7, 2.2, 2.2, z), Math.pow(1 - z, -0.7))).toBeLessThan(1e-12);
    }
  });

  it('answers NaN, not a wrong number, where 2F1 is undefined', () => {
    expect(hyp2f1(1, 1, -2, 0.5)).toBeNaN(); // pole of (c)_n
    expect(hyp2f1(1, 1, 2, 1.5)).toBeNaN(); // beyond the branch point
    expect(hyp2f1(1, 1, 1.5, 1)).toBeNaN(); // diverges at z = 1 when c − a − b ≤ 0
    expect(hyp2f1(Number.NaN, 1, 2, 0.5)).toBeNaN();
    expect(hyp2f1(0.5, 0.5, 3, 1)).toBeCloseTo(1.1317684842090336, 14); // Gauss Γ(3)Γ(2)/Γ(2.5)², from scipy.special.gamma
  });
});

describe('gamma-family functions', () => {
  it('gives textbook values', () => {
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    expect(lnGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(rel(lnGamma(1000), 5905.220423209181)).toBeLessThan(1e-14); // scipy.special.gammaln(1000)
    const g = lnAbsGamma(-0.5); // Γ(−0.5) = −2√π
    expect(g.sign).toBe(-1);
    expect(g.log).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 14);
    expect(lnAbsGamma(-1.5).sign).toBe(1);
    expect(lnAbsGamma(-2).log).toBe(Number.POSITIVE_INFINITY);
    const euler = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-euler, 14);
    expect(digamma(0.5)).toBeCloseTo(-euler - 2 * Math.log(2), 14);
    expect(digamma(-0.5)).toBeCloseTo(-euler - 2 * Math.log(2) + 2, 13); // ψ(x+1) = ψ(x) + 1/x
    expect(digamma(100)).toBeCloseTo(4.600161852738088, 13); // scipy.special.digamma(100)
  });
});
