// Ljung–Box residual diagnostics against statsmodels (scripts/reference/arima_statsmodels.py,
// section "Ljung–Box"): acorr_ljungbox on fixed series, and test_serial_correlation of two
// AirPassengers fits (lag 1 as the summary prints it, and the default lag min(2m, n // 5)).
import { describe, expect, it } from 'vitest';
import airJson from '../../fixtures/arima/air-passengers.json';
import simJson from '../../fixtures/arima/simulated.json';
import { defaultLjungBoxLag, fitArima, ljungBox } from '../../../src/analytics/arima/index';
import { chiSquareSf } from '../../../src/analytics/verdict/chi2';

describe('ljungBox', () => {
  it('matches acorr_ljungbox on the first 60 values of arma11 (lags 1…10)', () => {
    const q = [33.9585023262479, 48.51964722094526, 55.11042276561476, 57.389912212898125, 58.84460999706537, 60.55207995945803, 61.250956584132524, 61.7065112862146, 61.70676545780917, 62.35098160907394];
    const p = [5.630012204627012e-9, 2.911336961050865e-11, 6.503648211847793e-12, 1.0247586483154124e-11, 2.1056266657607656e-11, 3.47632344199496e-11, 8.489109582805315e-11, 2.1538752915018778e-10, 6.278768800389509e-10, 1.2976659629187338e-9];
    const lb = ljungBox(simJson.series.arma11.slice(0, 60), 10);
    lb.forEach((t, i) => {
      expect(t.lag).toBe(i + 1);
      expect(t.q).toBeCloseTo(q[i] as number, 9);
      expect(t.pValue / (p[i] as number)).toBeCloseTo(1, 8);
    });
  });

  it('matches acorr_ljungbox on a short series (lags 1…3)', () => {
    const lb = ljungBox([1, -1, 2, 0, -2, 1, 0, 1, -1, 3, -3, 2], 3);
    [7.538361127390912, 8.934929937663169, 9.181639938195964].forEach((q, i) => expect(lb[i]?.q).toBeCloseTo(q, 10));
    [0.006039895642777643, 0.0114763719665008, 0.02697087004296016].forEach((p, i) => expect(lb[i]?.pValue).toBeCloseTo(p, 12));
  });

  it('uses statsmodels default lags and refuses impossible ones', () => {
    expect(defaultLjungBoxLag(131, 12)).toBe(24);
    expect(defaultLjungBoxLag(131, 0)).toBe(10);
    expect(defaultLjungBoxLag(30, 12)).toBe(6);
    expect(() => ljungBox([1, 2, 3], 3)).toThrow(/lag/);
  });

  it('has a chi-square tail that matches known values', () => {
    expect(chiSquareSf(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquareSf(18.307038053275146, 10)).toBeCloseTo(0.05, 12);
    expect(chiSquareSf(0, 4)).toBe(1);
    expect(chiSquareSf(2, 2)).toBeCloseTo(Math.exp(-1), 14);
  });
});

describe('residual diagnostics of a fit, as statsmodels test_serial_correlation', () => {
  it('ARIMA(2,1,1)(0,1,0)[12] on AirPassengers', () => {
    const r = fitArima(airJson.values, { p: 2, d: 1, q: 1, P: 0, D: 1, Q: 0, m: 12, constant: false });
    if (!r.ok) throw new Error(r.reason);
    expect(r.diagnostics.standardized.length).toBe(131);
    // standardized by the ML σ² = mean(v² / F): their mean square is 1
    expect(r.diagnostics.standardized.reduce((s, z) => s + z * z, 0) / 131).toBeCloseTo(1, 6);
    expect(r.diagnostics.lag1?.q).toBeCloseTo(0.0007799571613375415, 3);
    expect(r.diagnostics.lag1?.pValue).toBeCloseTo(0.9777198051694224, 2);
    expect(r.diagnostics.atDefaultLag?.lag).toBe(24);
    expect(r.diagnostics.atDefaultLag?.q).toBeCloseTo(34.908274357619426, 1);
    expect(r.diagnostics.atDefaultLag?.pValue).toBeCloseTo(0.06977256630321954, 2);
  });

  it('airline model on log AirPassengers', () => {
    const r = fitArima(airJson.values.map(Math.log), { p: 0, d: 1, q: 1, P: 0, D: 1, Q: 1, m: 12, constant: false });
    if (!r.ok) throw new Error(r.reason);
    expect(r.diagnostics.lag1?.q).toBeCloseTo(0.03969087542759425, 2);
    expect(r.diagnostics.lag1?.pValue).toBeCloseTo(0.8420862047428643, 2);
    expect(r.diagnostics.atDefaultLag?.lag).toBe(24);
    expect(r.diagnostics.atDefaultLag?.q).toBeCloseTo(23.914987442956544, 1);
    expect(r.diagnostics.atDefaultLag?.pValue).toBeCloseTo(0.46646719530939784, 2);
  });
});
