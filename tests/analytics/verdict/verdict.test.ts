// The model verdicts: an unidentified BG/NBD fit and a forecast that ties with the naive
// one are "not reliable"; a BG/NBD fit on data simulated from the model and the
// AirPassengers forecast are reliable; the backtest judges the order in use.
import { describe, expect, it } from 'vitest';
import airJson from '../../fixtures/arima/air-passengers.json';
import { fitBgNbd, fitGammaGamma, holdoutValidation, simulateBgNbd, simulateSpend } from '../../../src/analytics/clv/index';
import type { BgNbdFit } from '../../../src/analytics/clv/index';
import { clvJob, forecastJob } from '../../../src/analytics/jobs';
import { createRandom } from '../../../src/analytics/random';
import { arimaVerdict, clvVerdict, poorlyDetermined } from '../../../src/analytics/verdict/index';

const fitLike = (params: BgNbdFit['params'], se: BgNbdFit['se']): BgNbdFit => ({ ok: true, params, se, logLik: -1, converged: true, gradient: 0, iterations: 1, customers: 4338, repeatCustomers: 2790 });

describe('clvVerdict', () => {
  it('calls a fit with standard errors larger than the estimates not reliable, with the figures', () => {
    const v = clvVerdict({ bgnbd: fitLike({ r: 0.83, alpha: 69.1, a: 0.0034, b: 6.74 }, { r: 0.027, alpha: 2.6, a: 0.0076, b: 16.09 }), spend: null, calibration: null, holdout: null });
    expect(v.reliable).toBe(false);
    expect(v.reasons[0]).toContain('cannot identify the purchase model');
    expect(v.reasons[0]).toContain('a = 0.0034 ± 0.0076');
    expect(v.reasons[0]).toContain('b = 6.74 ± 16.09');
    expect(v.reasons[0]).not.toContain('r =');
  });

  it('calls a singular Hessian (no standard errors) not identified', () => {
    const v = clvVerdict({ bgnbd: fitLike({ r: 1, alpha: 2, a: 0.5, b: 3 }, { r: 0.1, alpha: 0.2, a: Number.NaN, b: Number.NaN }), spend: null, calibration: null, holdout: null });
    expect(v.reliable).toBe(false);
    expect(v.reasons[0]).toContain('a = 0.50 ± undefined');
  });

  it('says why when the calibration refit fails', () => {
    const good = fitLike({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { r: 0.01, alpha: 0.3, a: 0.1, b: 0.4 });
    const v = clvVerdict({ bgnbd: good, spend: null, calibration: { ok: false, reason: 'the fit did not settle' }, holdout: { ok: false, reason: 'calibration period: the fit did not settle' }, split: '2011-09-07' });
    expect(v.reliable).toBe(false);
    expect(v.reasons).toEqual(['the model could not be checked on a holdout: on the calibration period (to 2011-09-07) the fit did not settle']);
  });

  it('calls a fit on 4,000 customers simulated from BG/NBD reliable: identified, and beats "repeat your rate" on the holdout', () => {
    const rng = createRandom(20240601);
    const n = 4000;
    const T = Float64Array.from({ length: n }, () => 30 + 335 * rng.next());
    const sim = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, T, rng, 180);
    const fit = fitBgNbd(sim);
    if (!fit.ok) throw new Error(fit.reason);
    const spend = fitGammaGamma(sim.frequency, simulateSpend({ p: 6, q: 4, gamma: 15 }, sim.frequency, rng));
    const holdout = holdoutValidation(fit.params, sim, sim.holdoutFrequency, 180);
    if (!holdout.ok) throw new Error(holdout.reason);
    const v = clvVerdict({ bgnbd: fit, spend, calibration: fit, holdout });
    expect(v.reasons).toEqual([]);
    expect(v.reliable).toBe(true);
    expect(v.checks.map((c) => [c.name, c.passed])).toEqual([
      ['identified', true],
      ['spend-identified', true],
      ['baseline', true],
    ]);
    expect(holdout.model.rmse).toBeLessThan(holdout.naive.rmse);
  });

  it('loses to the naive baseline when customers buy like clockwork', () => {
    // 200 customers buying every 30/k days for 300 days, then exactly as often in a 90-day
    // holdout: "repeat your rate" is exact, the BG/NBD expectation (with dropout) is not.
    const n = 200;
    const k = Float64Array.from({ length: n }, (_, i) => 1 + (i % 5));
    const cal = { frequency: k.map((v) => 10 * v), recency: Float64Array.from({ length: n }, () => 300 - 1), T: new Float64Array(n).fill(300) };
    const holdout = holdoutValidation({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, cal, k.map((v) => 3 * v), 90);
    if (!holdout.ok) throw new Error(holdout.reason);
    const good = fitLike({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { r: 0.01, alpha: 0.3, a: 0.1, b: 0.4 });
    const v = clvVerdict({ bgnbd: good, spend: null, calibration: good, holdout });
    expect(holdout.naive.rmse).toBe(0);
    expect(v.reliable).toBe(false);
    expect(v.reasons[0]).toMatch(/^on the 90-day holdout the model does no better than "each customer repeats their past rate": per-customer error \(RMSE\) [\d.]+ against 0\.\d+ for the naive forecast/);
  });

  it('flags a parameter as poorly determined only when its error is missing or exceeds it', () => {
    expect(poorlyDetermined(0.0034, 0.0076)).toBe(true);
    expect(poorlyDetermined(-0.5, 0.2)).toBe(false);
    expect(poorlyDetermined(1, Number.NaN)).toBe(true);
  });
});

describe('arimaVerdict', () => {
  it('calls a forecast that ties with the naive forecast not reliable (a random walk is the naive forecast)', () => {
    // a random walk: the automatic search settles on ARIMA(0,1,0), which is the naive forecast itself
    const rng = createRandom(3);
    const y = new Float64Array(60);
    y[0] = 1000;
    for (let t = 1; t < y.length; t++) y[t] = (y[t - 1] as number) + 50 * (rng.next() - 0.5);
    const out = forecastJob({ values: y, m: 1, h: 6, spec: { p: 0, d: 1, q: 0, P: 0, D: 0, Q: 0, m: 1, constant: false } });
    expect(out.verdict.reliable).toBe(false);
    expect(out.verdict.reasons.join(' ')).toMatch(/ARIMA\(0,1,0\) does not beat the naive forecast \(last value repeated\) on the last 6 periods held out: mean absolute error ([\d,.]+) against naive \1/);
  });

  it('calls the AirPassengers forecast reliable: identified, beats naive and seasonal naive, white residuals', () => {
    const out = forecastJob({ values: Float64Array.from(airJson.values), m: 12, h: 12, spec: null });
    if (!out.result.ok || !out.backtest.ok) throw new Error('fit failed');
    expect(out.verdict.reasons).toEqual([]);
    expect(out.verdict.reliable).toBe(true);
    expect(out.backtest.baselines.map((b) => b.kind)).toEqual(['seasonal-naive', 'naive']);
    expect(out.verdict.checks.map((c) => [c.name, c.passed])).toEqual([
      ['identified', true],
      ['baseline', true],
      ['residuals', true],
    ]);
  });

  it('backtests the order in use, refitted on the training window', () => {
    const out = forecastJob({ values: Float64Array.from(airJson.values), m: 12, h: 6, spec: null });
    if (!out.result.ok || !out.backtest.ok) throw new Error('fit failed');
    expect(out.backtest.model.spec).toEqual(out.result.model.spec);
    expect(out.backtest.model.label).toBe(out.result.model.label);
    expect(out.backtest.trainLength).toBe(138);
    // re-estimated, not copied: the training window gives other coefficients
    expect(out.backtest.model.table[0]?.value).not.toBe(out.result.model.table[0]?.value);
  });

  it('reports a failed fit as not reliable', () => {
    const v = arimaVerdict({ ok: false, reason: 'too short' }, { ok: false, reason: 'too short' });
    expect(v).toMatchObject({ reliable: false, reasons: ['no model could be fitted: too short'] });
  });
});

describe('clvJob', () => {
  it('carries the verdict with the result', () => {
    const rng = createRandom(11);
    const T = Float64Array.from({ length: 1500 }, () => 30 + 335 * rng.next());
    const sim = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, T, rng);
    const monetary = simulateSpend({ p: 6, q: 4, gamma: 15 }, sim.frequency, rng);
    const out = clvJob({ summary: { frequency: sim.frequency, recency: sim.recency, T: sim.T, monetary }, unit: 'days', months: 12, monthlyDiscount: 0.01, holdout: null });
    expect(out.verdict).not.toBeNull();
    expect(out.verdict?.checks.find((c) => c.name === 'baseline')?.passed).toBeNull();
  });
});
