// k-means must be as good as scikit-learn at every k of the scan, not only the chosen one:
// the scan's inertia ≤ sklearn KMeans(n_init=10, init='k-means++') × 1.005 for k = 2..10.
// Reference inertias from scripts/reference/kmeans_every_k.py (sklearn 1.2.1, random_state=0).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFeatureMatrix } from '../../src/analytics/features';
import { chooseK } from '../../src/analytics/silhouette';

const SHARED = resolve(__dirname, '../../../shared/data');

const SKLEARN: Record<string, number[]> = {
  synthetic: [5054.235529, 3344.710589, 2272.577946, 1330.405123, 884.113506, 450.001684, 431.606285, 414.931317, 397.724648],
  mall: [269.016794, 157.704008, 108.921317, 65.568408, 55.057348, 44.911186, 37.181758, 32.375254, 29.076177],
  mall3: [389.386189, 295.456245, 205.225147, 168.24758, 133.88887, 117.169115, 103.944236, 93.614553, 81.84895],
  trends: [12629.989742, 10819.803476, 9362.529995, 8274.069299, 7491.960807, 6732.578642, 5999.296577, 5624.138635, 5272.516826],
};

// The reference script's generator: Park–Miller on integers (exact in doubles), 7 blobs.
function synthetic(): Float64Array {
  let s = 12345;
  const u = () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
  const centres = [[0, 0, 0], [3, 0, 1], [0, 4, 0], [5, 5, 2], [1.5, 2, 4], [6, 1, 5], [2, 6, 3]];
  const out = new Float64Array(600 * 3);
  for (let i = 0; i < 600; i++) {
    const c = centres[i % 7];
    const spread = 0.6 + 0.25 * (i % 3);
    for (let j = 0; j < 3; j++) out[i * 3 + j] = c[j] + spread * (u() + u() + u() + u() - 2);
  }
  return out;
}

// Numeric columns of a plain CSV (no quoted fields), standardised as StandardScaler.
function csvMatrix(path: string, columns: string[]): { data: Float64Array; n: number; d: number } {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const features = columns.map((name) => {
    const at = header.indexOf(name);
    if (at < 0) throw new Error(`no column ${name}`);
    return { name, values: Float64Array.from(lines.slice(1), (l) => Number(l.split(',')[at])) };
  });
  const m = buildFeatureMatrix(features);
  return { data: m.data, n: m.n, d: m.d };
}

function expectEveryK(name: string, m: { data: Float64Array; n: number; d: number }): void {
  const scan = chooseK(m.data, m.n, m.d, { kMin: 2, kMax: 10 });
  const ratios = scan.byK.map((s, i) => s.inertia / SKLEARN[name][i]);
  console.log(`${name}: ours / sklearn at k = 2..10: ${ratios.map((r) => r.toFixed(4)).join(' ')}`);
  expect(scan.byK.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  for (const r of ratios) expect(r).toBeLessThanOrEqual(1.005);
}

describe('k-means scan inertia against scikit-learn at every k', () => {
  it('synthetic overlapping blobs (generated here, no shared data needed)', () => {
    const data = synthetic();
    expect(data[0]).toBeCloseTo(0.3853217607295706, 12);
    expect(data.reduce((a, b) => a + b, 0)).toBeCloseTo(4341.7788491107, 6);
    expectEveryK('synthetic', { data, n: 600, d: 3 });
  });

  const mall = resolve(SHARED, 'mall_customers.csv');
  if (!existsSync(mall)) console.warn(`skipping Mall every-k test: ${mall} not found`);
  it.skipIf(!existsSync(mall))('Mall: income vs spending score, and age + income + score', () => {
    expectEveryK('mall', csvMatrix(mall, ['Annual Income (k$)', 'Spending Score (1-100)']));
    expectEveryK('mall3', csvMatrix(mall, ['Age', 'Annual Income (k$)', 'Spending Score (1-100)']));
  });

  const trends = resolve(SHARED, 'shopping_trends.csv');
  if (!existsSync(trends)) console.warn(`skipping shopping_trends every-k test: ${trends} not found`);
  it.skipIf(!existsSync(trends))('shopping_trends: its four numeric columns', () => {
    expectEveryK('trends', csvMatrix(trends, ['Age', 'Purchase Amount (USD)', 'Review Rating', 'Previous Purchases']));
  });
});
