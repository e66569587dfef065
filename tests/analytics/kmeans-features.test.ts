// Feature preparation for k-means: StandardScaler arithmetic, log1p, excluded rows, and
// the way back to original units.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFeatureMatrix, toOriginalUnits, toStandardUnits } from '../../src/analytics/features';

const MALL = resolve(__dirname, '../../../shared/data/mall_customers.csv');

describe('buildFeatureMatrix', () => {
  it('z-scores with the population standard deviation, row-major', () => {
    // [1,2,3,4]: mean 2.5, population variance (2.25+0.25+0.25+2.25)/4 = 1.25.
    // [10,10,10,30]: mean 15, variance (25·3 + 225)/4 = 75.
    const m = buildFeatureMatrix([
      { name: 'a', values: Float64Array.from([1, 2, 3, 4]) },
      { name: 'b', values: Float64Array.from([10, 10, 10, 30]) },
    ]);
    expect(m.n).toBe(4);
    expect(m.d).toBe(2);
    expect(Array.from(m.means)).toEqual([2.5, 15]);
    expect(m.scales[0]).toBeCloseTo(Math.sqrt(1.25), 14);
    expect(m.scales[1]).toBeCloseTo(Math.sqrt(75), 14);
    const s = Math.sqrt(1.25);
    const t = Math.sqrt(75);
    const expected = [-1.5 / s, -5 / t, -0.5 / s, -5 / t, 0.5 / s, -5 / t, 1.5 / s, 15 / t];
    expected.forEach((v, i) => expect(m.data[i]).toBeCloseTo(v, 12));
  });

  it('gives a constant feature scale 1 (zeros, up to rounding of the mean), as StandardScaler', () => {
    const m = buildFeatureMatrix([
      { name: 'c', values: Float64Array.from([0.1, 0.1, 0.1]) },
      { name: 'x', values: Float64Array.from([1, 2, 3]) },
    ]);
    expect(m.scales[0]).toBe(1);
    for (const v of [m.data[0], m.data[2], m.data[4]]) expect(Math.abs(v)).toBeLessThan(1e-15);
  });

  it('drops rows with a missing or unusable value and reports which rows it kept', () => {
    const m = buildFeatureMatrix([
      { name: 'spend', values: Float64Array.from([10, NaN, 30, 40, -1, 60]), log: true },
      { name: 'recency', values: Float64Array.from([1, 2, Infinity, 4, 5, 6]) },
    ]);
    // row 1: NaN; row 2: Infinity; row 4: log1p(-1) = -Infinity.
    expect(Array.from(m.rows)).toEqual([0, 3, 5]);
    expect(m.excluded).toBe(3);
    expect(m.n).toBe(3);
    expect(Array.from(m.data).every(Number.isFinite)).toBe(true);
  });

  it('log1p-transforms the chosen features and maps centroids back with expm1', () => {
    // log1p of [0, e−1, e²−1] is [0, 1, 2]: mean 1, population sd √(2/3).
    const values = Float64Array.from([0, Math.E - 1, Math.E ** 2 - 1]);
    const m = buildFeatureMatrix([{ name: 'spend', values, log: true }]);
    expect(m.means[0]).toBeCloseTo(1, 14);
    expect(m.scales[0]).toBeCloseTo(Math.sqrt(2 / 3), 14);
    expect(m.data[2]).toBeCloseTo(1 / Math.sqrt(2 / 3), 12);
    const back = toOriginalUnits(m.data, m);
    values.forEach((v, i) => expect(back[i]).toBeCloseTo(v, 12));
    // The standardised centre of the data is the geometric-style centre: expm1(mean log).
    expect(toOriginalUnits(Float64Array.from([0]), m)[0]).toBeCloseTo(Math.E - 1, 12);
    const there = toStandardUnits(values, m);
    Array.from(there).forEach((v, i) => expect(v).toBeCloseTo(m.data[i], 12));
  });

  it('rejects unusable input with readable messages', () => {
    expect(() => buildFeatureMatrix([])).toThrow(/at least one feature/);
    expect(() =>
      buildFeatureMatrix([
        { name: 'a', values: new Float64Array(3) },
        { name: 'b', values: new Float64Array(2) },
      ]),
    ).toThrow(/"b" has 2 values, expected 3/);
    expect(() => buildFeatureMatrix([{ name: 'a', values: Float64Array.from([NaN, NaN]) }])).toThrow(/no row/);
  });

  // StandardScaler().fit(...).mean_ / .scale_ printed by scripts/reference/kmeans_mall.py.
  it.skipIf(!existsSync(MALL))('matches StandardScaler on the Mall Customers data (../shared/data)', () => {
    const lines = readFileSync(MALL, 'utf8').trim().split(/\r?\n/);
    const col = (j: number) => Float64Array.from(lines.slice(1), (l) => Number(l.split(',')[j]));
    const m = buildFeatureMatrix([
      { name: 'Annual Income (k$)', values: col(3) },
      { name: 'Spending Score (1-100)', values: col(4) },
    ]);
    expect(m.means[0]).toBeCloseTo(60.56, 12);
    expect(m.means[1]).toBeCloseTo(50.2, 12);
    expect(m.scales[0]).toBeCloseTo(26.19897707926781, 12);
    expect(m.scales[1]).toBeCloseTo(25.7588819633151, 12);
  });
});
