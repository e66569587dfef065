// k-means beyond its cap (src/analysis/clusters.ts): fitted on a seeded sample of customers
// drawn in SQL, every customer then assigned to the nearest centre in SQL. Data with known
// structure (four blobs in three features, one of them log-transformed); the bound is
// checked against an independent fit on all customers (src/analytics/kmeans, k fixed), both
// measured in the full data's standardised units. On native DuckDB, the command line's
// engine: the caps are for files the browser cannot hold.
import { tableFromArrays } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clustersReport, runClusters, type ClusterView, type FeatureOption } from '../../src/analysis/clusters';
import { inProcessJobs } from '../../src/analysis/jobs';
import { assignToCentroids, kmeans } from '../../src/analytics/kmeans';
import { buildFeatureMatrix } from '../../src/analytics/features';
import { createRandom } from '../../src/analytics/random';
import { toFloat64, toRows } from '../../src/engine/rows';
import { openNativeDb, type NativeDb } from '../../src/cli/native-connector';

const N = 40_000;
const CAP = 2_000;
const K = 4;
const option = (name: string): FeatureOption => ({ name, label: name, kind: 'other', logDefault: false, selectedDefault: true });
const CHOSEN = [
  { option: option('a'), log: false },
  { option: option('b'), log: false },
  { option: option('spend'), log: true },
];

describe('k-means beyond its cap: sample fit, every customer assigned in SQL', () => {
  let db: NativeDb;
  let v: ClusterView;
  const cols: Record<string, Float64Array> = { a: new Float64Array(N + 10), b: new Float64Array(N + 10), spend: new Float64Array(N + 10) };
  beforeAll(async () => {
    db = await openNativeDb({ threads: 2 });
    const rng = createRandom(7);
    const ids: string[] = [];
    for (let i = 0; i < N + 10; i++) {
      ids.push(`C${String(i).padStart(6, '0')}`);
      const c = i % K;
      cols.a![i] = 2 * c + 0.7 * rng.normal();
      cols.b![i] = 1.5 * ((c * 3) % K) + 0.7 * rng.normal();
      cols.spend![i] = Math.expm1(3 + 0.8 * ((c * 5) % K) + 0.4 * rng.normal());
    }
    // ten customers the model cannot use (a missing value, or spend ≤ −1 under log)
    for (let i = N; i < N + 10; i++) (i % 2 ? cols.a! : cols.spend!)[i] = i % 2 ? Number.NaN : -1;
    await db.insertTable('customers_all', tableFromArrays({ customer_id: ids, a: cols.a!, b: cols.b!, spend: cols.spend! }));
    await db.exec(`UPDATE customers_all SET a = NULL WHERE isnan(a)`);
    v = await runClusters(db, CHOSEN, K, true, () => Promise.reject(new Error('the sampled path writes in SQL')), () => undefined, undefined, inProcessJobs, { maxCustomers: CAP, seed: 3 });
  });
  afterAll(() => db.close());

  it('fits on a sample of exactly the cap and says so', async () => {
    expect(v.sample).toMatchObject({ size: CAP, population: N + 10, seed: 3 });
    expect(v.customers).toHaveLength(CAP);
    // the sample is the cap's smallest hashes of the id, the same on every run
    const again = toRows(await db.query(`SELECT customer_id FROM customers_all ORDER BY hash(customer_id, 3), customer_id LIMIT ${CAP}`)).map((r) => String(r.customer_id)).sort();
    expect(v.customers).toEqual(again);
    const report = clustersReport(v);
    expect(report.sample).toMatchObject({ customers: CAP, population: N + 10, seed: 3, by_k_on: 'sample' });
    expect(String((report.sample as { bound: string }).bound)).toMatch(/^full-data inertia within 0\.600% \(3·k\/m\)/);
  });

  it('labels every usable customer with its nearest centre, and counts the figures over all of them', async () => {
    const rows = toRows(await db.query(`SELECT customer_id, cluster, cluster_name FROM clusters ORDER BY customer_id`));
    expect(rows).toHaveLength(N);
    expect(v.output.excluded).toBe(10);
    // the nearest centre recomputed here from the job's centres and scaling
    const m = v.output.scaling;
    const z = new Float64Array(N * 3);
    ['a', 'b', 'spend'].forEach((name, j) => {
      for (let i = 0; i < N; i++) {
        const x = cols[name]![i] as number;
        z[i * 3 + j] = ((j === 2 ? Math.log1p(x) : x) - (m.means[j] as number)) / (m.scales[j] as number);
      }
    });
    const mine = assignToCentroids(z, N, 3, v.output.centroids, K);
    let differ = 0;
    rows.forEach((r, i) => (differ += Number(r.cluster) - 1 === mine.labels[i] ? 0 : 1));
    expect(differ).toBe(0);
    expect(rows[0]?.cluster_name).toBe(v.output.profiles[Number(rows[0]?.cluster) - 1]?.name);
    expect(v.output.inertia).toBeCloseTo(mine.inertia, 6);
    const sizes = v.output.profiles.map((p) => p.size);
    expect(sizes.reduce((s, x) => s + x, 0)).toBe(N);
    for (let c = 0; c < K; c++) expect(sizes[c]).toBe(mine.labels.filter((l) => l === c).length);
    // means in the user's units over all customers of the cluster
    let sumB = 0;
    let nB = 0;
    mine.labels.forEach((l, i) => {
      if (l !== 0) return;
      sumB += cols.b![i] as number;
      nB++;
    });
    expect(v.output.profiles[0]?.means.b).toBeCloseTo(sumB / nB, 9);
    const spendOf = (c: number): number => mine.labels.reduce((s, l, i) => s + (l === c ? (cols.spend![i] as number) : 0), 0);
    const total = Array.from({ length: K }, (_, c) => spendOf(c)).reduce((s, x) => s + x, 0);
    expect(v.output.profiles[1]?.revenue_share).toBeCloseTo(spendOf(1) / total, 9);
  });

  it('keeps the full-data inertia within 3·k/m of a fit on all customers', async () => {
    // the independent full fit, in the full data's standardised units
    const usable = await db.query(`SELECT a, b, spend FROM customers_all WHERE a IS NOT NULL AND spend > -1 ORDER BY customer_id`);
    const full = buildFeatureMatrix([
      { name: 'a', values: toFloat64(usable, 'a') },
      { name: 'b', values: toFloat64(usable, 'b') },
      { name: 'spend', values: toFloat64(usable, 'spend'), log: true },
    ]);
    const best = kmeans(full.data, full.n, 3, { k: K, seed: 0 });
    // the sample's centres moved into the same units (log space is shared; the scalings differ)
    const s = v.output.scaling;
    const moved = new Float64Array(K * 3);
    for (let c = 0; c < K; c++) {
      for (let j = 0; j < 3; j++) {
        const raw = (v.output.centroids[c * 3 + j] as number) * (s.scales[j] as number) + (s.means[j] as number);
        moved[c * 3 + j] = (raw - (full.means[j] as number)) / (full.scales[j] as number);
      }
    }
    const fromSample = assignToCentroids(full.data, full.n, 3, moved, K).inertia;
    const excess = fromSample / best.inertia - 1;
    console.log(`k-means on ${CAP} of ${N}: full-data inertia ${(100 * excess).toFixed(3)}% above the full fit (k/m = ${((100 * K) / CAP).toFixed(3)}%)`);
    expect(excess).toBeGreaterThanOrEqual(-1e-9); // the full fit is the optimum here (well-separated blobs)
    expect(excess).toBeLessThanOrEqual((3 * K) / CAP);
  });
});
