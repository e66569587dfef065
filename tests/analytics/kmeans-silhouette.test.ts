// Silhouette coefficient and chooseK. sklearn's silhouette on the Mall Customers data is
// checked in kmeans.test.ts; here the hand-computed and structural cases.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/analytics/random';
import { chooseK, silhouetteScore } from '../../src/analytics/silhouette';

describe('silhouetteScore', () => {
  it('matches a hand computation, with a point alone in its cluster scoring 0', () => {
    // 1-D points 0, 1 | 4, 5 | 10 (three clusters).
    //   0: a = 1, b = min(mean(4,5), 10)  = 4.5 → (4.5−1)/4.5 = 7/9
    //   1: a = 1, b = min(mean(3,4), 9)   = 3.5 → 2.5/3.5    = 5/7
    //   4: a = 1, b = min(mean(4,3), 6)   = 3.5 → 5/7
    //   5: a = 1, b = min(mean(5,4), 5)   = 4.5 → 7/9
    //  10: alone → 0
    // mean = (2·7/9 + 2·5/7) / 5 = 188/315 ≈ 0.596825 (sklearn's silhouette_score agrees).
    const data = Float64Array.from([0, 1, 4, 5, 10]);
    const labels = Int32Array.from([0, 0, 1, 1, 2]);
    expect(silhouetteScore(data, 5, 1, labels)).toBeCloseTo(188 / 315, 14);
  });

  it('is 1 for stacks of identical points far apart, and ignores label numbering', () => {
    const data = Float64Array.from([0, 0, 0, 0, 3, 4, 3, 4]);
    expect(silhouetteScore(data, 4, 2, Int32Array.from([0, 0, 1, 1]))).toBe(1);
    expect(silhouetteScore(data, 4, 2, Int32Array.from([5, 5, 2, 2]))).toBe(1);
  });

  it('samples large data with a fixed seed, close to the exact value', () => {
    const r = createRandom(4);
    const n = 3000;
    const data = new Float64Array(n * 2);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 3;
      data[2 * i] = 3 * labels[i] + r.normal();
      data[2 * i + 1] = r.normal();
    }
    const exact = silhouetteScore(data, n, 2, labels, { sampleSize: n });
    const a = silhouetteScore(data, n, 2, labels, { sampleSize: 800, seed: 1 });
    expect(silhouetteScore(data, n, 2, labels, { sampleSize: 800, seed: 1 })).toBe(a);
    expect(silhouetteScore(data, n, 2, labels, { sampleSize: 800, seed: 2 })).not.toBe(a);
    expect(Math.abs(a - exact)).toBeLessThan(0.03);
  });

  it('agrees with a direct O(n²) computation in any dimension', () => {
    // The definition written out: a = mean distance within the own cluster (others
    // only), b = lowest mean distance to another cluster, s = (b − a) / max(a, b).
    const direct = (x: Float64Array, n: number, d: number, lab: Int32Array) => {
      const dist = (i: number, j: number) => Math.hypot(...Array.from({ length: d }, (_, t) => x[i * d + t] - x[j * d + t]));
      let total = 0;
      for (let i = 0; i < n; i++) {
        const sums = new Map<number, [number, number]>();
        for (let j = 0; j < n; j++) {
          if (j === i) continue;
          const e = sums.get(lab[j]) ?? [0, 0];
          sums.set(lab[j], [e[0] + dist(i, j), e[1] + 1]);
        }
        const own = sums.get(lab[i]);
        if (!own) continue;
        const a = own[0] / own[1];
        const b = Math.min(...[...sums].filter(([c]) => c !== lab[i]).map(([, [t, m]]) => t / m));
        total += (b - a) / Math.max(a, b);
      }
      return total / n;
    };
    const r = createRandom(12);
    for (const d of [1, 2, 3, 4, 6]) {
      const n = 150;
      const x = Float64Array.from({ length: n * d }, () => r.normal());
      const lab = Int32Array.from({ length: n }, (_, i) => (i * 7) % 4);
      for (let i = 0; i < n; i++) x[i * d] += 2 * lab[i];
      expect(silhouetteScore(x, n, d, lab)).toBeCloseTo(direct(x, n, d, lab), 12);
    }
  });

  it('refuses a single cluster, as sklearn does', () => {
    expect(() => silhouetteScore(Float64Array.from([0, 1, 2]), 3, 1, new Int32Array(3))).toThrow(/at least 2 clusters/);
  });
});

describe('chooseK', () => {
  it('finds the number of well-separated blobs', () => {
    const r = createRandom(8);
    const centres = [
      [0, 0],
      [8, 0],
      [0, 8],
      [8, 8],
    ];
    const per = 50;
    const data = new Float64Array(centres.length * per * 2);
    centres.forEach((c, b) => {
      for (let i = 0; i < per; i++) {
        data[2 * (b * per + i)] = c[0] + r.normal();
        data[2 * (b * per + i) + 1] = c[1] + r.normal();
      }
    });
    const progress: number[] = [];
    const res = chooseK(data, centres.length * per, 2, { kMax: 8, nInit: 4, seed: 1, onProgress: (f) => progress.push(f) });
    expect(res.autoK).toBe(4);
    expect(res.byK.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    for (let i = 1; i < res.byK.length; i++) expect(res.byK[i].inertia).toBeLessThan(res.byK[i - 1].inertia);
    expect(progress.at(-1)).toBe(1);
  });

  it('caps k at the number of distinct points', () => {
    const data = Float64Array.from(Array.from({ length: 30 }, (_, i) => [i % 3, 2 * (i % 3)]).flat());
    const res = chooseK(data, 30, 2, { kMax: 10 });
    expect(res.byK.map((s) => s.k)).toEqual([2, 3]);
    expect(res.autoK).toBe(3);
    expect(res.byK[1].silhouette).toBe(1);
  });

  it('explains what is wrong with too little data', () => {
    expect(() => chooseK(Float64Array.from([1, 2]), 2, 1)).toThrow('chooseK: need at least 3 points to compare cluster counts, got 2');
    expect(() => chooseK(new Float64Array(10), 5, 2)).toThrow(/all points are identical/);
    expect(() => chooseK(Float64Array.from([0, 1, 0, 1]), 4, 1, { kMin: 3 })).toThrow(/only 2 distinct points, fewer than kMin = 3/);
    expect(() => chooseK(Float64Array.from([0, 1, 2]), 3, 1, { kMin: 1 })).toThrow(/2 ≤ kMin ≤ kMax/);
  });

  it('cancels with an AbortError', () => {
    const data = Float64Array.from({ length: 40 }, (_, i) => i % 7);
    expect(() => chooseK(data, 40, 1, { signal: { aborted: true } })).toThrowError(expect.objectContaining({ name: 'AbortError' }));
  });
});
