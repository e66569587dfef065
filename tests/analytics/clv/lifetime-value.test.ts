// CLV, the holdout table and the one-call analysis: structure and identities. The
// figures themselves are checked against the independent reference in reference.test.ts.
import { describe, expect, it } from 'vitest';
import { analyseClv } from '../../../src/analytics/clv/analyse';
import { conditionalExpectedPurchases } from '../../../src/analytics/clv/bgnbd-predict';
import { holdoutValidation } from '../../../src/analytics/clv/holdout';
import { customerLifetimeValue } from '../../../src/analytics/clv/lifetime-value';
import { simulateBgNbd, simulateSpend } from '../../../src/analytics/clv/simulate';
import { createRandom } from '../../../src/analytics/random';

const BG = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
const GG = { p: 6, q: 4, gamma: 15 };
const f64 = (v: number[]): Float64Array => Float64Array.from(v);

function simulated(n: number, seed: number) {
  const rng = createRandom(seed);
  const T = Float64Array.from({ length: n }, () => 30 + 335 * rng.next());
  const s = simulateBgNbd(BG, T, rng);
  return { frequency: s.frequency, recency: s.recency, T: s.T, monetary: simulateSpend(GG, s.frequency, rng) };
}

describe('customerLifetimeValue', () => {
  const s = { frequency: f64([0, 1, 4, 12]), recency: f64([0, 40, 100, 300]), T: f64([60, 200, 150, 320]), monetary: f64([0, 20, 35, 18]) };

  it('one undiscounted month is expected purchases in 30 days × expected spend', () => {
    const res = customerLifetimeValue(BG, GG, s, { unit: 'days', months: 1, monthlyDiscount: 0 });
    if (!res.ok) throw new Error(res.reason);
    const e = conditionalExpectedPurchases(BG, 30, s);
    res.clv.forEach((v, i) => expect(v).toBeCloseTo((e[i] as number) * (res.expectedSpend[i] as number), 12));
    // A customer with no repeat purchase is expected to spend the population mean pγ/(q − 1).
    expect(res.expectedSpend[0]).toBeCloseTo((6 * 15) / 3, 12);
  });

  it('grows with the horizon and shrinks with the discount rate', () => {
    const m6 = customerLifetimeValue(BG, GG, s, { unit: 'days', months: 6 });
    const m12 = customerLifetimeValue(BG, GG, s, { unit: 'days' });
    const m12d = customerLifetimeValue(BG, GG, s, { unit: 'days', monthlyDiscount: 0.05 });
    if (!m6.ok || !m12.ok || !m12d.ok) throw new Error('unexpected failure');
    expect(m12.months).toBe(12);
    expect(m12.monthlyDiscount).toBe(0.01);
    for (let i = 0; i < 4; i++) {
      expect(m12.clv[i]).toBeGreaterThan(m6.clv[i] as number);
      expect(m12d.clv[i]).toBeLessThan(m12.clv[i] as number);
    }
    // Undiscounted purchases over the horizon are eq. 10 at 12 × 30 days.
    const e = conditionalExpectedPurchases(BG, 360, s);
    m12.expectedPurchases.forEach((v, i) => expect(v).toBeCloseTo(e[i] as number, 12));
  });

  it('uses months of 4.345 weeks for weekly summaries', () => {
    const w = customerLifetimeValue({ ...BG, alpha: BG.alpha / 7 }, GG, { ...s, recency: s.recency.map((v) => v / 7), T: s.T.map((v) => v / 7) }, { unit: 'weeks', months: 1, monthlyDiscount: 0 });
    if (!w.ok) throw new Error(w.reason);
    expect(w.periodsPerMonth).toBe(4.345);
    // 4.345 weeks = 30.415 days, in the equivalent daily model.
    const e = conditionalExpectedPurchases(BG, 4.345 * 7, s);
    w.expectedPurchases.forEach((v, i) => expect(v).toBeCloseTo(e[i] as number, 10));
  });
});

describe('holdoutValidation', () => {
  it('groups customers by calibration frequency, pooling the tail', () => {
    const cal = { frequency: f64([0, 0, 1, 3, 9, 12]), recency: f64([0, 0, 10, 30, 80, 90]), T: f64([50, 70, 60, 90, 100, 95]) };
    const hold = f64([0, 1, 2, 1, 3, 6]);
    const res = holdoutValidation(BG, cal, hold, 30);
    if (!res.ok) throw new Error(res.reason);
    const e = conditionalExpectedPurchases(BG, 30, cal);
    expect(res.groups.map((g) => [g.label, g.customers, g.actual])).toEqual([
      ['0', 2, 0.5],
      ['1', 1, 2],
      ['3', 1, 1],
      ['7+', 2, 4.5],
    ]);
    expect(res.groups[0]?.predicted).toBeCloseTo(((e[0] as number) + (e[1] as number)) / 2, 14);
    expect(res.groups[3]?.predicted).toBeCloseTo(((e[4] as number) + (e[5] as number)) / 2, 14);
    expect(res.totals).toEqual({ customers: 6, actual: 13, predicted: e.reduce((a, b) => a + b, 0) });
  });
});

describe('analyseClv', () => {
  it('fits both models and returns plain, cloneable per-customer arrays', () => {
    const s = simulated(3000, 11);
    const res = analyseClv(s, { unit: 'days' });
    if (!res.ok) throw new Error(res.reason);
    expect(res.bgnbd.ok && res.spend.ok && res.value.ok).toBe(true);
    expect(res.pAlive).toBeInstanceOf(Float64Array);
    expect(res.pAlive.length).toBe(3000);
    expect(res.expectedPurchases.length).toBe(3000);
    if (!res.value.ok) throw new Error(res.value.reason);
    expect(res.value.clv.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    expect(res.pAlive.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(structuredClone(res)).toEqual(res);
  });

  it('still predicts purchases when spend cannot be modelled, and says why CLV is missing', () => {
    const s = simulated(1500, 12);
    const flat = { ...s, monetary: s.monetary.map((m) => (m > 0 ? 25 : 0)) };
    const res = analyseClv(flat, { unit: 'days', months: 3 });
    if (!res.ok) throw new Error(res.reason);
    expect(res.spend.ok).toBe(false);
    expect(res.value).toEqual({ ok: false, reason: expect.stringMatching(/^no CLV: no spread in the data: every repeat customer spends the same/) as unknown });
    const e = conditionalExpectedPurchases(res.bgnbd.params, 90, s);
    res.expectedPurchases.forEach((v, i) => expect(v).toBeCloseTo(e[i] as number, 12));
  });
});
