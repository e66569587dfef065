// Backtest metrics on toy series small enough to check by hand (worked out in the
// comments), plus the AirPassengers hold-out and the degenerate cases.
import { describe, expect, it } from 'vitest';
import airJson from '../../fixtures/arima/air-passengers.json';
import { backtestArima } from '../../../src/analytics/arima/index';
import type { BacktestResult } from '../../../src/analytics/arima/index';

function ok(r: BacktestResult): Extract<BacktestResult, { ok: true }> {
  if (!r.ok) throw new Error(r.reason);
  return r;
}

describe('backtestArima', () => {
  it('scores a seasonal random walk with drift against the seasonal naive forecast', () => {
    // Quarterly toy, m = 4, h = 4. Training: 10 20 30 40 | 12 21 33 42; held out: 13 24 35 44.
    // ARIMA(0,0,0)(0,1,0)[4] with drift: w = Δ4 y = 2 1 3 2, mean 2 (drift 0.5 per quarter),
    // σ² = mean((w − 2)²) = 0.5. Forecast = last year + 2 = 14 23 35 44; errors 1 1 0 0.
    // Seasonal naive = 12 21 33 42; errors 1 3 2 2. Scale = mean |Δ4 y| on training = 2.
    const y = [10, 20, 30, 40, 12, 21, 33, 42, 13, 24, 35, 44];
    const r = ok(backtestArima(y, 4, { h: 4, spec: { p: 0, d: 0, q: 0, P: 0, D: 1, Q: 0, m: 4, constant: true } }));
    expect(r.trainLength).toBe(8);
    expect(Array.from(r.actual)).toEqual([13, 24, 35, 44]);
    [14, 23, 35, 44].forEach((v, i) => expect(r.forecast.mean[i]).toBeCloseTo(v, 5));
    expect(r.baseline).toMatchObject({ kind: 'seasonal-naive', lag: 4 });
    expect(Array.from(r.baseline.forecast)).toEqual([12, 21, 33, 42]);
    expect(r.scale).toBe(2);
    expect(r.arima.mae).toBeCloseTo(0.5, 5);
    expect(r.arima.mape).toBeCloseTo((100 * (1 / 13 + 1 / 24)) / 4, 4); // 2.9647 %
    expect(r.arima.mase).toBeCloseTo(0.25, 5);
    expect(r.baselineMetrics.mae).toBe(2);
    expect(r.baselineMetrics.mape).toBeCloseTo((100 * (1 / 13 + 3 / 24 + 2 / 35 + 2 / 44)) / 4, 10); // 7.6130 %
    expect(r.baselineMetrics.mase).toBe(1);
    expect(r.beatsBaseline).toBe(true);
    // se = sqrt(0.5) at every step within the first season: the 80% band (±0.906) misses
    // the two errors of 1, the 95% band (±1.386) holds all four.
    r.forecast.se.forEach((se) => expect(se).toBeCloseTo(Math.sqrt(0.5), 5));
    expect(r.inside80).toBe(2);
    expect(r.inside95).toBe(4);
  });

  it('ties with the naive forecast when the model is a random walk', () => {
    // m = 1, h = 2: ARIMA(0,1,0) forecasts the last training value 15 twice; actual 14, 16.
    // MAE 1, MAPE (1/14 + 1/16)/2 = 6.696 %, scale = mean |Δy| = 11/7, MASE = 7/11.
    const y = [10, 12, 11, 13, 12, 14, 13, 15, 14, 16];
    const r = ok(backtestArima(y, 1, { h: 2, spec: { p: 0, d: 1, q: 0, P: 0, D: 0, Q: 0, m: 1, constant: false } }));
    expect(Array.from(r.forecast.mean)).toEqual([15, 15]);
    expect(r.baseline.kind).toBe('naive');
    expect(r.arima.mae).toBe(1);
    expect(r.arima.mape).toBeCloseTo((100 * (1 / 14 + 1 / 16)) / 2, 10);
    expect(r.scale).toBeCloseTo(11 / 7, 12);
    expect(r.arima.mase).toBeCloseTo(7 / 11, 12);
    expect(r.baselineMetrics).toEqual(r.arima);
    expect(r.beatsBaseline).toBe(false);
  });

  it('reports MAPE as undefined when a held-out value is zero', () => {
    const y = [3, 5, 4, 6, 5, 7, 6, 8, 0, 9];
    const r = ok(backtestArima(y, 1, { h: 2, spec: { p: 0, d: 1, q: 0, P: 0, D: 0, Q: 0, m: 1, constant: false } }));
    expect(r.arima.mape).toBeNull();
    expect(r.notes.join(' ')).toMatch(/MAPE is undefined/);
  });

  it('falls back to the naive baseline when training has under two seasonal cycles', () => {
    const y = airJson.values.slice(0, 26);
    const r = ok(backtestArima(y, 12, { h: 6 }));
    expect(r.baseline).toMatchObject({ kind: 'naive', lag: 1 });
    expect(r.notes.join(' ')).toMatch(/naive forecast/);
  });

  it('beats seasonal naive on the last year of log AirPassengers', () => {
    const r = ok(backtestArima(airJson.values.map(Math.log), 12, { h: 12 }));
    expect(r.model.label).toBe('ARIMA(0,1,1)(0,1,1)[12]');
    expect(r.baseline.kind).toBe('seasonal-naive');
    expect(r.beatsBaseline).toBe(true);
    expect(r.arima.mase as number).toBeLessThan(r.baselineMetrics.mase as number);
    expect(r.inside95).toBeGreaterThanOrEqual(10);
  });

  it('explains degenerate inputs instead of throwing', () => {
    const short = backtestArima([1, 2, 3, 4, 5, 6, 7, 8], 12);
    expect(short).toEqual({ ok: false, reason: expect.stringMatching(/needs at least 12 observations \(6 to fit, 6 to check\); this series has 8/) });
    const flatTrain = backtestArima([5, 5, 5, 5, 5, 5, 5, 5, 6, 7], 1, { h: 2 });
    expect(flatTrain).toEqual({ ok: false, reason: expect.stringMatching(/Training part.*constant/) });
    expect(backtestArima([1, 2, Number.NaN, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], 1)).toEqual({ ok: false, reason: expect.stringMatching(/missing/) });
    expect(backtestArima(airJson.values, 12, { h: 0 })).toEqual({ ok: false, reason: expect.stringMatching(/horizon/) });
  });
});
