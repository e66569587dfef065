// The k-means fit is kept per dataset version and feature choice (src/analysis/clusters.ts):
// a second visit, a filter change or the background run after the Overview finds it fitted,
// and the `clusters` table is written again only when it holds another choice's labels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prefitClusters, runClusters, type FeatureOption } from '../../src/analysis/clusters';
import { inProcessJobs, type JobRunner } from '../../src/analysis/jobs';
import { toRows } from '../../src/engine/rows';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const opt = (name: string): FeatureOption => ({ name, label: name, kind: 'other', logDefault: false, selectedDefault: true });
const A = [{ option: opt('a'), log: false }, { option: opt('b'), log: false }];
const B = [{ option: opt('a'), log: false }];

describe('k-means fits kept per dataset version and choice', () => {
  let db: TestDb;
  const jobs: string[] = [];
  const counting: JobRunner = (lane, job, onProgress, signal) => {
    jobs.push(lane);
    return inProcessJobs(lane, job, onProgress, signal);
  };
  const writes: number[] = [];
  const write = async (customers: string[], labels: Int32Array, names: string[]): Promise<void> => {
    writes.push(customers.length);
    const rows = customers.map((c, i) => `('${c}', ${(labels[i] as number) + 1}, '${names[labels[i] as number] ?? ''}')`);
    await db.exec(`CREATE OR REPLACE TABLE clusters AS SELECT * FROM (VALUES ${rows.join(', ')}) t(customer_id, cluster, cluster_name)`);
  };
  const run = (chosen: typeof A) => runClusters(db, chosen, 'auto', false, write, () => undefined, undefined, counting);
  beforeAll(async () => {
    db = await openTestDb();
    // 3 clear groups of 10 customers on (a, b)
    await db.exec(`CREATE TABLE customers_all AS SELECT 'c' || lpad(i::VARCHAR, 2, '0') AS customer_id, (i // 10) * 10 + (i % 10) / 10 AS a, (i // 10) * -7 + (i % 3) / 5 AS b FROM range(30) t(i)`);
    await db.exec(`CREATE TABLE sales_version AS SELECT 'v1' AS v`);
  });
  afterAll(() => db.close());

  it('fits once per choice, writes the table only when it holds another choice', async () => {
    const first = await run(A);
    expect(first.output.k).toBe(3);
    expect(jobs).toEqual(['segments']);
    expect(writes).toEqual([30]);
    // again (a filter change, a second visit): no job, no write
    const again = await run(A);
    expect(again.output.profiles).toEqual(first.output.profiles);
    expect(jobs).toHaveLength(1);
    expect(writes).toHaveLength(1);
    // another choice fits and writes; back to the first: no job, but the table is written back
    await run(B);
    expect(jobs).toHaveLength(2);
    expect(writes).toHaveLength(2);
    await run(A);
    expect(jobs).toHaveLength(2);
    expect(writes).toHaveLength(3);
    const sizes = toRows(await db.query('SELECT cluster, count(*)::INTEGER AS n FROM clusters GROUP BY 1 ORDER BY 1')).map((r) => r.n);
    expect(sizes).toEqual([10, 10, 10]);
  });

  it('the background fit (its own lane, nothing written) is what the tab then finds', async () => {
    await db.exec(`CREATE OR REPLACE TABLE sales_version AS SELECT 'v2' AS v`);
    jobs.length = 0;
    writes.length = 0;
    await prefitClusters(db, A, 'auto', false, undefined, counting);
    expect(jobs).toEqual(['background']);
    expect(writes).toEqual([]);
    await run(A);
    expect(jobs).toEqual(['background']);
    expect(writes).toEqual([30]);
  });

  it('data without a version is never kept', async () => {
    await db.exec('DROP TABLE sales_version');
    jobs.length = 0;
    await run(A);
    await run(A);
    expect(jobs).toHaveLength(2);
  });
});
