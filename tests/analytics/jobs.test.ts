import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterJob, clvJob, forecastJob } from '../../src/analytics/jobs';
import { simulateBgNbd, simulateSpend } from '../../src/analytics/clv';
import { createRandom } from '../../src/analytics/random';

const air = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/arima/air-passengers.json'), 'utf8')) as { values: number[] };

describe('forecastJob', () => {
  it('runs the automatic search, forecast and backtest in one structured-clone-able result', () => {
    const out = forecastJob({ values: Float64Array.from(air.values), m: 12, h: 6, spec: null });
    expect(out.result.ok).toBe(true);
    if (!out.result.ok) return;
    // R's auto.arima(AirPassengers) picks ARIMA(2,1,1)(0,1,0)[12] (see tests/analytics/arima)
    expect(out.result.model.label).toBe('ARIMA(2,1,1)(0,1,0)[12]');
    expect(out.result.forecast.mean).toHaveLength(6);
    expect(out.backtest.ok).toBe(true);
    expect(structuredClone(out)).toEqual(out);
  });
  it('answers a 3-point series with a reason, not an exception', () => {
    const out = forecastJob({ values: Float64Array.from([1, 2, 3]), m: 12, h: 6, spec: null });
    expect(out.result.ok).toBe(false);
    expect(out.backtest.ok).toBe(false);
  });
});

describe('clvJob', () => {
  it('fits on simulated customers and checks a holdout', () => {
    const rng = createRandom(5);
    const n = 2000;
    const sim = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, Float64Array.from({ length: n }, () => 200 + rng.next() * 165), rng);
    const spend = simulateSpend({ p: 6, q: 4, gamma: 15 }, sim.frequency, rng);
    const summary = { frequency: sim.frequency, recency: sim.recency, T: sim.T, monetary: spend };
    const out = clvJob({ summary, unit: 'days', months: 12, monthlyDiscount: 0.01, holdout: null });
    expect(out.analysis.ok).toBe(true);
    if (out.analysis.ok) expect(out.analysis.pAlive).toHaveLength(n);
  });
  it('says plainly when everyone bought once', () => {
    const z = new Float64Array(50);
    const T = Float64Array.from({ length: 50 }, (_, i) => 30 + i);
    const out = clvJob({ summary: { frequency: z, recency: z, T, monetary: z }, unit: 'days', months: 12, monthlyDiscount: 0.01, holdout: null });
    expect(out.analysis.ok).toBe(false);
    if (!out.analysis.ok) expect(out.analysis.reason).toMatch(/repeat/i);
  });
});

describe('clusterJob', () => {
  it('scans k, fits, names and profiles well-separated groups in the original units', () => {
    const rng = createRandom(3);
    const centres = [
      [20, 80],
      [80, 20],
      [50, 50],
    ];
    const n = 300;
    const income = new Float64Array(n);
    const score = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = centres[i % 3] as number[];
      income[i] = (c[0] as number) + rng.normal() * 3;
      score[i] = (c[1] as number) + rng.normal() * 3;
    }
    income[7] = Number.NaN; // a customer without an income is left out, not guessed
    const out = clusterJob({
      features: [
        { name: 'income', label: 'Income', kind: 'income', values: income, log: false },
        { name: 'score', label: 'Spending score', kind: 'score', values: score, log: false },
      ],
      spend: null,
      k: 'auto',
    });
    expect(out.autoK).toBe(3);
    expect(out.k).toBe(3);
    expect(out.excluded).toBe(1);
    expect(out.labels[7]).toBe(-1);
    expect(out.byK.map((b) => b.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const byIncome = [...out.profiles].sort((a, b) => (a.means.income as number) - (b.means.income as number));
    expect(byIncome.map((p) => Math.round(p.means.income as number))).toEqual([20, 50, 80]);
    expect(byIncome[0]?.name).toMatch(/low income/i);
    expect(byIncome[0]?.name).toMatch(/high spending score/i);
    expect(out.profiles.reduce((s, p) => s + p.size, 0)).toBe(n - 1);
    expect(new Set(out.profiles.map((p) => p.name)).size).toBe(3);
  });
});
