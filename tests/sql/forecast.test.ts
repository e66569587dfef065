import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows } from '../../src/engine/rows';
import { isoDate } from '../../src/format';
import { netSeriesSql } from '../../src/sql/forecast';
import { openTestDb, type TestDb } from '../helpers/duckdb';

// Sales on 2024-01-15 (10), 2024-01-20 (5), 2024-03-31 (7); a return on 2024-03-02 (−2).
// Months: Jan net 15 (partial: data starts on the 15th), Feb 0 (no sales, full),
// Mar 7 − 2 = 5 (complete: data ends on the 31st).
// Weeks (Monday start): 2024-01-15 (Mon) .. 2024-03-25; first week complete (starts on the
// first sale day), last week 2024-03-25..31 complete (31st is Sunday).
describe('netSeriesSql', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(`CREATE TABLE sales AS SELECT * FROM (VALUES (TIMESTAMP '2024-01-15 10:00', 10.0), (TIMESTAMP '2024-01-20 12:00', 5.0), (TIMESTAMP '2024-03-31 09:00', 7.0)) t(ts, amount);
      CREATE VIEW purchases AS SELECT *, amount AS gross_amount FROM sales;
      CREATE TABLE returns AS SELECT * FROM (VALUES (TIMESTAMP '2024-03-02 10:00', -2.0)) t(ts, amount)`);
  });
  afterAll(() => db.close());

  it('gives gap-free monthly net sales with partial periods flagged', async () => {
    const rows = toRows(await db.query(netSeriesSql({ grain: 'month' }))).map((r) => ({ ...r, period: isoDate(r.period as number) }));
    expect(rows).toEqual([
      { period: '2024-01-01', net: 15, gross: 15, returns: 0, partial: true },
      { period: '2024-02-01', net: 0, gross: 0, returns: 0, partial: false },
      { period: '2024-03-01', net: 5, gross: 7, returns: -2, partial: false },
    ]);
  });

  it('starts weeks on Monday', async () => {
    const rows = toRows(await db.query(netSeriesSql({ grain: 'week' })));
    expect(rows).toHaveLength(11);
    expect(isoDate(rows[0]?.period as number)).toBe('2024-01-15');
    expect(rows[0]?.partial).toBe(false);
    expect(isoDate(rows[10]?.period as number)).toBe('2024-03-25');
    expect(rows[10]?.partial).toBe(false);
    expect(rows.reduce((s, r) => s + Number(r.net), 0)).toBe(20);
  });
});
