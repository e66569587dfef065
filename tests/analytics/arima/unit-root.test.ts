// The differencing tests against statsmodels (scripts/reference/arima_statsmodels.py):
// the KPSS statistic (statsmodels.tsa.stattools.kpss, regression "c", nlags as
// forecast::ndiffs), and STL with R's stl() defaults (statsmodels.tsa.seasonal.STL with
// the same windows, degrees, jumps and two inner iterations) plus the seasonal strength
// computed from it. Both are deterministic formulas, so agreement is to rounding.
import { describe, expect, it } from 'vitest';
import airJson from '../../fixtures/arima/air-passengers.json';
import simJson from '../../fixtures/arima/simulated.json';
import { nsdiffs, seasonalStrength } from '../../../src/analytics/arima/seasonal';
import { rStlOptions, stl } from '../../../src/analytics/arima/stl';
import { isConstant, kpssPValue, kpssStatistic, ndiffs } from '../../../src/analytics/arima/unit-root';

const air = airJson.values;
const sim = simJson.series;
const logAir = air.map(Math.log);
const logAirD12 = logAir.slice(12).map((v, i) => v - (logAir[i] as number));
const rel = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

describe('KPSS level test', () => {
  it('matches statsmodels with trunc(3·sqrt(n)/13) lags', () => {
    expect(rel(kpssStatistic(air, 2), 4.34228679711415)).toBeLessThan(1e-10);
    expect(rel(kpssStatistic(logAirD12, 2), 0.5366879474447129)).toBeLessThan(1e-10);
    expect(rel(kpssStatistic(sim.arma11, 2), 0.0835083749508374)).toBeLessThan(1e-10);
    expect(rel(kpssStatistic(sim.ari_drift, 2), 0.5319962447949472)).toBeLessThan(1e-10);
    const d = sim.ari_drift.slice(1).map((v, i) => v - (sim.ari_drift[i] as number));
    expect(rel(kpssStatistic(d, 2), 0.1802276865009812)).toBeLessThan(1e-10);
  });

  it("interpolates urca's table like R's approx(rule = 2)", () => {
    expect(kpssPValue(0.2)).toBe(0.1);
    expect(kpssPValue(0.463)).toBeCloseTo(0.05, 15);
    expect(kpssPValue((0.463 + 0.574) / 2)).toBeCloseTo(0.0375, 12);
    expect(kpssPValue(5)).toBe(0.01);
  });

  it('chooses d as ndiffs does', () => {
    // diff(log AP, 12): KPSS 0.537 > 0.463 rejects, the first difference passes → d = 1.
    const r = ndiffs(logAirD12);
    expect(r.d).toBe(1);
    expect(r.tests.map((t) => t.d)).toEqual([0, 1]);
    expect(ndiffs(sim.arma11).d).toBe(0);
    expect(ndiffs(sim.ari_drift).d).toBe(1);
    expect(ndiffs([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]).d).toBe(1); // differences are constant: stop at 1
    expect(ndiffs([3, 3, 3, 3]).d).toBe(0);
  });

  it("implements R's is.constant tolerance", () => {
    expect(isConstant([1, 1, 1 + 1e-10])).toBe(true);
    expect(isConstant([1, 1, 1 + 1e-6])).toBe(false);
    expect(isConstant([0, 0, 0])).toBe(true);
  });
});

describe('STL and the seasonal-strength rule', () => {
  it("uses R's stl windows for monthly data", () => {
    expect(rStlOptions(12)).toMatchObject({ seasonal: 11, trend: 21, lowPass: 13, seasonalJump: 2, trendJump: 3, lowPassJump: 2, seasonalDeg: 0, trendDeg: 1, inner: 2 });
    expect(rStlOptions(7)).toMatchObject({ trend: 13, lowPass: 7 });
    expect(rStlOptions(52)).toMatchObject({ trend: 91, lowPass: 53 });
  });

  it('decomposes AirPassengers as statsmodels does', () => {
    const { seasonal, trend } = stl(air, rStlOptions(12));
    const n = air.length;
    const want: [number, number][] = [
      [seasonal[0] as number, -16.97707408637081],
      [seasonal[1] as number, -17.177633337161453],
      [seasonal[2] as number, 7.520942225704635],
      [seasonal[n - 1] as number, -44.19632497894985],
      [trend[0] as number, 123.14505692808632],
      [trend[1] as number, 123.72506923990018],
      [trend[2] as number, 124.30508155171404],
      [trend[n - 1] as number, 496.6832540251903],
    ];
    for (const [got, w] of want) expect(Math.abs(got - w)).toBeLessThan(1e-9);
  });

  it('computes the seasonal strength and the D it implies', () => {
    expect(Math.abs((seasonalStrength(air, 12) as number) - 0.9406724903102186)).toBeLessThan(1e-12);
    expect(Math.abs((seasonalStrength(sim.sarima, 12) as number) - 0.9693409704461967)).toBeLessThan(1e-12);
    expect(Math.abs((seasonalStrength(sim.arma11, 12) as number) - 0.27578570575924)).toBeLessThan(1e-12);
    expect(nsdiffs(air, 12).D).toBe(1);
    expect(nsdiffs(sim.arma11, 12).D).toBe(0); // strength 0.28 < 0.64
    expect(seasonalStrength(air.slice(0, 24), 12)).toBeNull(); // mstl needs m < n / 2
  });
});
