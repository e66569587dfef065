// Inputs the models cannot use: every entry point answers { ok: false, reason } with a
// sentence a user can act on, and never throws.
import { describe, expect, it } from 'vitest';
import { analyseClv } from '../../../src/analytics/clv/analyse';
import { fitBgNbd } from '../../../src/analytics/clv/bgnbd';
import { conditionalExpectedSpend, fitGammaGamma } from '../../../src/analytics/clv/gamma-gamma';
import { holdoutValidation } from '../../../src/analytics/clv/holdout';
import { customerLifetimeValue } from '../../../src/analytics/clv/lifetime-value';
import { simulateBgNbd } from '../../../src/analytics/clv/simulate';
import type { ClvFailure } from '../../../src/analytics/clv/types';
import { createRandom } from '../../../src/analytics/random';

const f64 = (v: number[]): Float64Array => Float64Array.from(v);
const summary = (x: number[], tx: number[], T: number[], m?: number[]) => ({ frequency: f64(x), recency: f64(tx), T: f64(T), monetary: f64(m ?? x.map(() => 0)) });
const reasonOf = (r: { ok: boolean }): string => (r.ok ? '' : (r as ClvFailure).reason);
const BG = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
const GG = { p: 6, q: 4, gamma: 15 };

describe('BG/NBD refuses what it cannot fit', () => {
  it('empty input', () => {
    expect(fitBgNbd(summary([], [], []))).toEqual({ ok: false, reason: 'no customers: the summary is empty' });
    expect(analyseClv(summary([], [], []), { unit: 'days' })).toEqual({ ok: false, reason: 'no customers: the summary is empty' });
  });

  it('a single customer', () => {
    expect(reasonOf(fitBgNbd(summary([3], [20], [40])))).toBe('only 1 customer with a repeat purchase; BG/NBD needs at least 10 to estimate dropout');
    expect(reasonOf(fitBgNbd(summary([0], [0], [40])))).toMatch(/^every customer has a single purchase/);
  });

  it('everyone with one purchase', () => {
    const n = 500;
    const s = summary(new Array(n).fill(0), new Array(n).fill(0), Array.from({ length: n }, (_, i) => 10 + i));
    expect(reasonOf(fitBgNbd(s))).toBe('every customer has a single purchase (frequency 0): there are no repeat purchases to learn purchase rates or dropout from');
    expect(reasonOf(analyseClv(s, { unit: 'weeks' }))).toMatch(/^every customer has a single purchase/);
  });

  it('fewer than 10 repeat customers', () => {
    const x = [1, 2, 1, 3, 1, 1, 2, 1, 4, 0, 0, 0, 0];
    const r = reasonOf(fitBgNbd(summary(x, x.map((v) => v * 5), x.map(() => 60))));
    expect(r).toBe('only 9 customers with a repeat purchase; BG/NBD needs at least 10 to estimate dropout');
  });

  it('no spread: everyone with the same number of repeat purchases', () => {
    const n = 50;
    const r = reasonOf(fitBgNbd(summary(new Array(n).fill(2), new Array(n).fill(30), new Array(n).fill(60))));
    expect(r).toMatch(/^no spread in the data: every customer has the same number of repeat purchases \(2\)/);
  });

  it('no sign of dropout: the likelihood runs off to a boundary', () => {
    // Pure Poisson buyers (p ≈ 0) observed for a year: b → ∞.
    const s = simulateBgNbd({ r: 2, alpha: 40, a: 1, b: 1e9 }, new Float64Array(1000).fill(365), createRandom(3));
    expect(reasonOf(fitBgNbd(s))).toMatch(/^the fit did not settle: the likelihood keeps improving as (b → ∞|a → 0).*no sign of customers dropping out/);
  });

  it('malformed summaries', () => {
    expect(reasonOf(fitBgNbd(summary([1, 2], [1], [5, 5])))).toMatch(/same length/);
    expect(reasonOf(fitBgNbd(summary([1.5], [1], [5])))).toMatch(/whole number/);
    expect(reasonOf(fitBgNbd(summary([1], [6], [5])))).toMatch(/recency must lie between 0 and T/);
    expect(reasonOf(fitBgNbd(summary([0], [2], [5])))).toMatch(/recency must be 0 when frequency is 0/);
    expect(reasonOf(fitBgNbd(summary([1], [Number.NaN], [5])))).toMatch(/finite/);
    expect(reasonOf(fitBgNbd(summary([1], [1], [5]), { weights: f64([-1]) }))).toMatch(/weights/);
  });
});

describe('Gamma-Gamma refuses what it cannot fit', () => {
  it('no repeat spend, too few, or no spread', () => {
    expect(reasonOf(fitGammaGamma(f64([]), f64([])))).toMatch(/no customer has a repeat purchase/);
    expect(reasonOf(fitGammaGamma(f64([0, 0, 0]), f64([0, 0, 0])))).toMatch(/no customer has a repeat purchase/);
    expect(reasonOf(fitGammaGamma(f64([1, 2, 1]), f64([10, 12, 9])))).toBe('only 3 customers with a repeat purchase of positive value; the spend model needs at least 10');
    expect(reasonOf(fitGammaGamma(f64(new Array(30).fill(2)), f64(new Array(30).fill(25))))).toMatch(/^no spread in the data: every repeat customer spends the same/);
    expect(reasonOf(fitGammaGamma(f64([1, 2]), f64([1])))).toMatch(/same length/);
    expect(reasonOf(fitGammaGamma(f64([1]), f64([-3])))).toMatch(/monetary value must be/);
  });

  it('says so when q ≤ 1 leaves the mean spend infinite', () => {
    const r = conditionalExpectedSpend({ p: 2, q: 0.9, gamma: 10 }, f64([1, 2]), f64([10, 20]));
    expect(reasonOf(r)).toMatch(/q = 0\.900 ≤ 1: its mean spend per transaction is infinite/);
    const clv = customerLifetimeValue(BG, { p: 2, q: 1, gamma: 10 }, summary([1], [5], [30], [10]), { unit: 'days' });
    expect(reasonOf(clv)).toMatch(/q = 1\.00 ≤ 1/);
  });
});

describe('CLV and holdout options', () => {
  const s = summary([0, 2], [0, 20], [30, 40], [0, 15]);
  it('rejects bad horizons, discounts and holdout lengths', () => {
    expect(reasonOf(customerLifetimeValue(BG, GG, s, { unit: 'days', months: 0 }))).toMatch(/horizon/);
    expect(reasonOf(customerLifetimeValue(BG, GG, s, { unit: 'days', months: 2.5 }))).toMatch(/horizon/);
    expect(reasonOf(customerLifetimeValue(BG, GG, s, { unit: 'days', monthlyDiscount: -1 }))).toMatch(/discount/);
    expect(reasonOf(holdoutValidation(BG, s, f64([0, 1]), 0))).toMatch(/holdout period must have a positive length/);
    expect(reasonOf(holdoutValidation(BG, s, f64([0]), 10))).toMatch(/one entry per calibration customer/);
    expect(reasonOf(analyseClv(s, { unit: 'days', months: -3 }))).toMatch(/horizon/);
  });
});
