// The dbt-style data tests' SQL on a hand-made table: every failing count below is worked out
// by hand from the rows written out here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows } from '../../src/engine/rows';
import { checkSpecs } from '../../src/sql/quality';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const ctx = { customer: true, date: true, quantity: false, unitPrice: false, tx: true, age: false, score: false, amount: true, today: '2024-12-31' };

describe('data tests SQL', () => {
  let db: TestDb;
  const run = async (id: string, customerGrain = false): Promise<{ failing: number; total: number }> => {
    const spec = checkSpecs({ ...ctx, customerGrain }).find((s) => s.id === id);
    if (!spec) throw new Error(`no check ${id}`);
    const r = toRows(await db.query(spec.sql))[0];
    return { failing: Number(r?.failing), total: Number(r?.total) };
  };
  beforeAll(async () => {
    db = await openTestDb();
    //  tx  customer  day          verdict
    //  T1  A         1 Jan, 1 Jan consistent (two lines, same day, same customer)
    //  T2  A, B      2 Jan        two customers → inconsistent
    //  T3  B         3 Jan, 4 Jan two dates (23:00 and 01:00 the next day) → inconsistent
    //  T4  C, NULL   5 Jan        a missing customer is not a second customer → consistent
    //  T5  NULL      NULL         nothing to compare → consistent
    //  T6  D         6 Jan        one line → consistent
    await db.exec(`CREATE OR REPLACE TABLE sales AS SELECT * FROM (VALUES
      ('T1', 'A', TIMESTAMP '2024-01-01 10:00', 1.0), ('T1', 'A', TIMESTAMP '2024-01-01 11:00', 2.0),
      ('T2', 'A', TIMESTAMP '2024-01-02 10:00', 1.0), ('T2', 'B', TIMESTAMP '2024-01-02 10:00', 1.0),
      ('T3', 'B', TIMESTAMP '2024-01-03 23:00', 1.0), ('T3', 'B', TIMESTAMP '2024-01-04 01:00', 1.0),
      ('T4', 'C', TIMESTAMP '2024-01-05 10:00', 1.0), ('T4', NULL, TIMESTAMP '2024-01-05 10:00', 1.0),
      ('T5', NULL, NULL, 1.0),
      ('T6', 'D', TIMESTAMP '2024-01-06 10:00', 1.0)
    ) t(tx_id, customer_id, ts, amount)`);
  });
  afterAll(() => db.close());

  it('counts transactions with more than one date or customer, NULLs aside', async () => {
    expect(await run('consistent_tx')).toEqual({ failing: 2, total: 6 });
  });

  it('counts rows beyond the first of each customer for a customer-level file', async () => {
    // 8 rows with a customer, 4 distinct (A, B, C, D) → 4 repeats
    expect(await run('unique_customer', true)).toEqual({ failing: 4, total: 8 });
  });
});
