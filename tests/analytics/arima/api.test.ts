// The public entry points on degenerate input (each must answer { ok: false, reason }
// with a sentence a user can act on, never throw), on hand-picked orders, and the shape
// of their results (plain data that survives structured cloning across a worker).
import { describe, expect, it } from 'vitest';
import airJson from '../../fixtures/arima/air-passengers.json';
import { autoArima, fitArima } from '../../../src/analytics/arima/index';
import type { ArimaResult, ArimaSpec } from '../../../src/analytics/arima/index';

const air = airJson.values;
const spec = (p: number, d: number, q: number, P = 0, D = 0, Q = 0, m = 1, constant = false): ArimaSpec => ({ p, d, q, P, D, Q, m, constant });
const reasonOf = (r: ArimaResult): string => (r.ok ? '(ok)' : r.reason);

describe('degenerate inputs', () => {
  it('a 3-point series', () => {
    expect(reasonOf(autoArima([120, 130, 125], 12))).toMatch(/at least 6 observations; this series has 3/);
    expect(reasonOf(fitArima([120, 130, 125], spec(0, 1, 0)))).toMatch(/at least 6 observations/);
  });

  it('a constant series', () => {
    expect(reasonOf(autoArima(new Array(24).fill(42), 12))).toMatch(/constant \(every value is 42\)/);
    expect(reasonOf(autoArima(new Array(10).fill(0), 1))).toMatch(/constant/);
  });

  it('a series with NaN or Infinity', () => {
    const y = air.slice(0, 30);
    y[4] = Number.NaN;
    y[9] = Number.NaN;
    expect(reasonOf(autoArima(y, 12))).toMatch(/2 missing or non-numeric values \(the first at position 5 of 30\)/);
    expect(reasonOf(fitArima([1, 2, Number.POSITIVE_INFINITY, 4, 5, 6, 7], spec(1, 0, 0)))).toMatch(/missing or non-numeric/);
  });

  it('an empty series', () => {
    expect(reasonOf(autoArima([], 12))).toMatch(/empty/);
  });

  it('too short for a hand-picked seasonal order', () => {
    expect(reasonOf(fitArima(air.slice(0, 18), spec(0, 1, 1, 0, 1, 1, 12)))).toMatch(/two full seasonal cycles \(24 observations at period 12\); this series has 18/);
    // The automatic search drops seasonality instead (see auto.test.ts) and says so.
    const auto = autoArima(air.slice(0, 18), 12);
    expect(auto.ok && auto.notes.join(' ')).toMatch(/fewer than two full seasonal cycles/);
  });

  it('too many parameters for the data', () => {
    expect(reasonOf(fitArima([1, 3, 2, 5, 4, 6, 5, 8], spec(3, 1, 3, 0, 0, 0, 1, true)))).toMatch(/needs at least 10 observations after differencing/);
  });

  it('a series that is exactly linear after differencing', () => {
    expect(reasonOf(autoArima(Array.from({ length: 30 }, (_, t) => 3 + 2 * t), 12))).toMatch(/exactly constant/);
  });

  it('bad options', () => {
    expect(reasonOf(autoArima(air, 12, { h: 0 }))).toMatch(/horizon/);
    expect(reasonOf(autoArima(air, 1.5))).toMatch(/seasonal period/);
    expect(reasonOf(fitArima(air, spec(-1, 0, 0)))).toMatch(/order p/);
    expect(reasonOf(fitArima(air, spec(0, 0, 0, 1, 0, 0, 1)))).toMatch(/seasonal period above 1/);
  });
});

describe('fixed orders', () => {
  it('fits with and without a drift', () => {
    const y = air.slice(0, 60);
    const withDrift = fitArima(y, spec(1, 1, 0, 0, 0, 0, 1, true));
    const without = fitArima(y, spec(1, 1, 0, 0, 0, 0, 1, false));
    if (!withDrift.ok || !without.ok) throw new Error('fit failed');
    expect(withDrift.model.label).toBe('ARIMA(1,1,0) with drift');
    expect(withDrift.model.coefficients.drift).not.toBeNull();
    expect(withDrift.model.table.map((c) => c.name)).toEqual(['ar1', 'drift']);
    expect(without.model.label).toBe('ARIMA(1,1,0)');
    expect(without.model.coefficients.drift).toBeNull();
    expect(without.model.nParams).toBe(withDrift.model.nParams - 1);
  });

  it('leaves out a constant with two differences, with a note', () => {
    const r = fitArima(air.slice(0, 48), spec(0, 2, 1, 0, 0, 0, 1, true));
    expect(r.ok && r.model.label).toBe('ARIMA(0,2,1)');
    expect(r.ok && r.notes.join(' ')).toMatch(/constant was left out/);
  });

  it('reports a seasonal drift per period', () => {
    // (0,0,0)(0,1,0)[12] with drift: the mean yearly change divided by 12.
    const y = air.slice(0, 48);
    const r = fitArima(y, spec(0, 0, 0, 0, 1, 0, 12, true));
    if (!r.ok) throw new Error(r.reason);
    let s = 0;
    for (let t = 12; t < 48; t++) s += (y[t] as number) - (y[t - 12] as number);
    expect(r.model.coefficients.drift).toBeCloseTo(s / 36 / 12, 4);
  });
});

describe('result shape', () => {
  it('is plain data that survives structuredClone', () => {
    const r = autoArima(air.slice(0, 72), 12, { h: 9 });
    if (!r.ok) throw new Error(r.reason);
    expect(structuredClone(r)).toEqual(r);
    expect(r.forecast.mean).toBeInstanceOf(Float64Array);
    expect(r.forecast.mean.length).toBe(9);
    expect(r.fitted.length).toBe(72);
    // Intervals nest and widen with the horizon for this integrated model.
    for (let i = 0; i < 9; i++) {
      expect(r.forecast.lower95[i]).toBeLessThan(r.forecast.lower80[i] as number);
      expect(r.forecast.lower80[i]).toBeLessThan(r.forecast.mean[i] as number);
      expect(r.forecast.upper95[i]).toBeGreaterThan(r.forecast.upper80[i] as number);
      if (i > 0) expect(r.forecast.se[i]).toBeGreaterThanOrEqual(r.forecast.se[i - 1] as number);
    }
  });
});
