// Money sums of the KPIs are exact to the cent at scale (src/sql/kpis.ts moneySumSql).
// By hand: one line of 100,000,000,000.00 then 100,000 lines of 0.01 → gross sales
// 100,000,001,000.00. Added one after the other in doubles, each 0.01 is rounded to the
// spacing of doubles near 1e11 (1.5e-5), and the errors pile up: a plain sum() gives
// 100,000,000,999.98856, shown as …999.99. The generator's 10M-line file showed the same
// (a plain sum 424,135,239.48, the whole cents 424,135,239.47; README "Command line").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows } from '../../src/engine/rows';
import { buildCube, kpisFor } from '../../src/pipeline/cube';
import { computeKpis } from '../../src/pipeline/kpis';
import { NO_FILTERS } from '../../src/sql/filters';
import { openTestDb, type TestDb } from '../helpers/duckdb';

describe('KPI money sums', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
    const lines = (sign: number): string => `SELECT 'C' || (i % 10) AS customer_id, TIMESTAMP '2024-01-01' + INTERVAL (i) SECOND AS ts,
      ${sign} * CASE WHEN i = 0 THEN 1e11 ELSE 0.01 END::DOUBLE AS amount, 1::DOUBLE AS quantity, 'T' || i AS tx_id, 'P' AS product,
      'cat' AS category, 'UK' AS country, NULL::VARCHAR AS payment, NULL::VARCHAR AS region, NULL::VARCHAR AS gender,
      ${sign} * CASE WHEN i = 0 THEN 1e11 ELSE 0.01 END::DOUBLE AS gross_amount, ${sign} * CASE WHEN i = 0 THEN 1e11 ELSE 0.01 END::DOUBLE AS matched_amount
    FROM range(100001) t(i)`;
    await db.exec(`CREATE TABLE sales AS ${lines(1)}; CREATE TABLE purchases AS SELECT * FROM sales; CREATE TABLE returns AS ${lines(-1)}`);
  });
  afterAll(() => db.close());

  it('a plain sum of these doubles is a cent off (why the compensated sum is needed)', async () => {
    const r = toRows(await db.query('SELECT round(sum(amount), 2) AS s FROM sales'))[0];
    expect(r?.s).not.toBe(100_000_001_000);
  });

  it('gross, sales value, returns and net are exact to the cent, directly and from the data cube', async () => {
    const want = { gross_sales: 100_000_001_000, sales_value: 100_000_001_000, returns: -100_000_001_000, returns_matched: -100_000_001_000, net_sales: 0, items: 100_001, lines: 100_001 };
    expect(await computeKpis(db)).toMatchObject(want);
    const cube = await buildCube(db, []);
    expect(await kpisFor(db, cube, NO_FILTERS)).toMatchObject(want);
  });
});
