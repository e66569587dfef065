// Nearest-centre assignment in SQL (src/sql/clusters.ts), the sampled k-means' second half,
// on six hand-made customers with every label, distance and mean worked out below; and the
// seeded customer sample (src/sql/sample.ts). Run on DuckDB-WASM (the page's engine).
//
// Model: x standardised with mean 1, scale 2; y log1p'd, mean 0, scale 1. Centres (standard
// units) c1 = (−0.5, 0) (x = 0), c2 = (0.5, 0) (x = 2).
//   A x 0, y 0          z (−0.5, 0)   c1, d² 0
//   B x 1, y 0          z (0, 0)      tie 0.25 / 0.25 → c1 (lowest index), d² 0.25
//   C x 4, y 0          z (1.5, 0)    c2, d² 1
//   D x NULL            left out (missing)
//   E x 2, y −1         left out (log of a value ≤ −1)
//   F x 2, y e^0.5 − 1  z (0.5, 0.5)  c2, d² 0.25
// Cluster 1: A, B → size 2, inertia 0.25, mean x 0.5, revenue 10 + 20; cluster 2: C, F → size 2,
// inertia 1.25, mean x 3, revenue 40 + 60 (E's 50 is not counted: E is left out).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows } from '../../src/engine/rows';
import { assignClustersSql, clusterFiguresSql, nearestCentroidSql, type CentroidModel } from '../../src/sql/clusters';
import { seededCustomerSampleSql } from '../../src/sql/sample';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const MODEL: CentroidModel = {
  features: [
    { name: 'x', log: false, mean: 1, scale: 2 },
    { name: 'y', log: true, mean: 0, scale: 1 },
  ],
  centroids: [-0.5, 0, 0.5, 0],
  k: 2,
};

describe('nearest-centre assignment in SQL', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(`CREATE TABLE customers_all AS SELECT * FROM (VALUES
      ('A', 0.0, 0.0, 10.0), ('B', 1.0, 0.0, 20.0), ('C', 4.0, 0.0, 40.0), ('D', NULL, 0.0, 30.0), ('E', 2.0, -1.0, 50.0), ('F', 2.0, exp(0.5) - 1, 60.0)
    ) t(customer_id, x, y, spend)`);
  });
  afterAll(() => db.close());

  it('labels each usable customer with its nearest centre (ties to the lower index)', async () => {
    const rows = toRows(await db.query(`${nearestCentroidSql(MODEL)} ORDER BY customer_id`));
    expect(rows.map((r) => [r.customer_id, r.cluster])).toEqual([['A', 1], ['B', 1], ['C', 2], ['F', 2]]);
    expect(rows.map((r) => Number(r.d2))).toEqual([0, 0.25, 1, expect.closeTo(0.25, 12)]);
  });

  it('writes the clusters table with the names', async () => {
    await db.exec(assignClustersSql(MODEL, ['Small', "O'Big"]));
    expect(toRows(await db.query('SELECT customer_id, cluster, cluster_name FROM clusters ORDER BY customer_id'))).toEqual([
      { customer_id: 'A', cluster: 1, cluster_name: 'Small' },
      { customer_id: 'B', cluster: 1, cluster_name: 'Small' },
      { customer_id: 'C', cluster: 2, cluster_name: "O'Big" },
      { customer_id: 'F', cluster: 2, cluster_name: "O'Big" },
    ]);
  });

  it('counts size, inertia, means in the user’s units and revenue per cluster', async () => {
    const rows = toRows(await db.query(clusterFiguresSql(MODEL, { spend: 'spend' })));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ cluster: 1, size: 2, inertia: 0.25, m0: 0.5, m1: 0, revenue: 30 });
    expect(rows[1]).toMatchObject({ cluster: 2, size: 2, inertia: expect.closeTo(1.25, 12), m0: 3, revenue: 100 });
    expect(Number(rows[1]?.m1)).toBeCloseTo((Math.exp(0.5) - 1) / 2, 12);
    const none = toRows(await db.query(clusterFiguresSql(MODEL)));
    expect(none[0]?.revenue).toBeNull();
  });

  it('refuses a model whose centres do not match k × d, or a zero scale', () => {
    expect(() => nearestCentroidSql({ ...MODEL, centroids: [0, 0, 1] })).toThrow(/3 centre values for k = 2, d = 2/);
    expect(() => nearestCentroidSql({ ...MODEL, features: [{ name: 'x', log: false, mean: 0, scale: 0 }], centroids: [0, 1] })).toThrow(/scale of x must be > 0/);
  });

  it('draws a seeded sample: the smallest hashes, the same every time, another set for another seed', async () => {
    const ids = async (seed: number): Promise<string[]> => toRows(await db.query(seededCustomerSampleSql('customers_all', 3, seed))).map((r) => String(r.customer_id));
    // the hashes as text, compared here as exact 64-bit integers
    const byHash = toRows(await db.query('SELECT customer_id, hash(customer_id, 7)::VARCHAR AS h FROM customers_all'))
      .sort((p, q) => (BigInt(String(p.h)) < BigInt(String(q.h)) ? -1 : 1))
      .map((r) => String(r.customer_id));
    expect(await ids(7)).toEqual(byHash.slice(0, 3));
    expect(await ids(7)).toEqual(await ids(7));
    const seeds = new Set(await Promise.all([0, 1, 2, 3, 4, 5].map(async (s) => (await ids(s)).sort().join(','))));
    expect(seeds.size).toBeGreaterThan(1);
    expect(() => seededCustomerSampleSql('customers_all', 0)).toThrow(/invalid sample size/);
    expect(() => seededCustomerSampleSql('customers_all', 5, -1)).toThrow(/invalid sample seed/);
  });
});
