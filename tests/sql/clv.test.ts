// The CLV summary SQL on a hand-made `sales` table. Every expected figure below was
// worked out by hand from the rows (calendar days: Jan 1 = day 1, Feb 20 = day 51).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRfm } from '../../src/analytics/clv/data';
import { fitBgNbd } from '../../src/analytics/clv/bgnbd';
import { toFloat64, toRows, type Row } from '../../src/engine/rows';
import { clvCalibrationHoldoutSql, clvSummarySql } from '../../src/sql/clv';
import { openTestDb, type TestDb } from '../helpers/duckdb';

// A: Jan 1 (10 + 5, same day → 15), Jan 8 (20), Jan 15 (30 + 12 → 42), Feb 5 (8)
// B: one purchase, Jan 20
// C: two lines on Jan 10 only → one transaction, frequency 0
// D: Jan 5 (100), Feb 2 (30 + 10 → 40), Feb 20 23:30 (60) — the last date with a customer
// E: first purchase Feb 10 (after the calibration split)
// F: Jan 12 (11), Jan 31 14:00 (9) — on the split day, after midnight
// (no customer): Mar 1 — ignored, so it must not move the default observation end
const ROWS = [
  ['A', '2024-01-01 10:00:00', 10, 'a1'],
  ['A', '2024-01-01 15:00:00', 5, 'a2'],
  ['A', '2024-01-08 09:00:00', 20, 'a3'],
  ['A', '2024-01-15 11:00:00', 30, 'a4'],
  ['A', '2024-01-15 18:00:00', 12, 'a5'],
  ['A', '2024-02-05 12:00:00', 8, 'a6'],
  ['B', '2024-01-20 08:00:00', 50, 'b1'],
  ['C', '2024-01-10 10:00:00', 7, 'c1'],
  ['C', '2024-01-10 10:00:00', 3, 'c1'],
  ['D', '2024-01-05 00:00:00', 100, 'd1'],
  ['D', '2024-02-02 09:00:00', 30, 'd2'],
  ['D', '2024-02-02 17:00:00', 10, 'd3'],
  ['D', '2024-02-20 23:30:00', 60, 'd4'],
  ['E', '2024-02-10 12:00:00', 25, 'e1'],
  ['F', '2024-01-12 12:00:00', 11, 'f1'],
  ['F', '2024-01-31 14:00:00', 9, 'f2'],
  [null, '2024-03-01 12:00:00', 999, 'z1'],
] as const;

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  await db.exec(`CREATE TABLE sales (customer_id VARCHAR, ts TIMESTAMP, amount DOUBLE, tx_id VARCHAR, quantity DOUBLE)`);
  const values = ROWS.map(([c, ts, a, tx]) => `(${c === null ? 'NULL' : `'${c}'`}, TIMESTAMP '${ts}', ${a}, '${tx}', 1)`).join(',\n');
  await db.exec(`INSERT INTO sales VALUES ${values}`);
});
afterAll(() => db.close());

const run = async (sql: string): Promise<Row[]> => toRows(await db.query(sql));
const byId = (rows: Row[]): Record<string, Row> => Object.fromEntries(rows.map((r) => [r.customer_id as string, r]));

describe('clvSummarySql', () => {
  it('builds one query over sales, merging purchases by calendar day', () => {
    const sql = clvSummarySql({ unit: 'days' });
    expect(sql).toContain('FROM sales');
    expect(sql).toContain('CAST(ts AS DATE)');
    expect(sql).toContain('customer_id IS NOT NULL');
    expect(sql).not.toContain('frequency_holdout');
    expect(clvSummarySql({ unit: 'weeks' })).toContain('/ 7.0');
  });

  it('spills: no window function, and the per-day rows are read once (DuckDB holds a CTE read twice in memory)', () => {
    for (const sql of [clvSummarySql({ unit: 'days' }), clvCalibrationHoldoutSql({ unit: 'days', calibrationEnd: '2024-01-31' })]) {
      expect(sql).not.toMatch(/\bOVER\s*\(/);
      expect(sql.match(/\bFROM days\b/g)).toHaveLength(1);
    }
  });

  it('gives frequency, recency, T and repeat-purchase mean value in days', async () => {
    const rows = await run(clvSummarySql({ unit: 'days' }));
    expect(rows.map((r) => r.customer_id)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    const r = byId(rows);
    expect(r.A).toEqual({ customer_id: 'A', frequency: 3, recency: 35, T: 50, monetary_value: 70 / 3 });
    expect(r.B).toEqual({ customer_id: 'B', frequency: 0, recency: 0, T: 31, monetary_value: 0 });
    expect(r.C).toEqual({ customer_id: 'C', frequency: 0, recency: 0, T: 41, monetary_value: 0 });
    expect(r.D).toEqual({ customer_id: 'D', frequency: 2, recency: 46, T: 46, monetary_value: 50 });
    expect(r.E).toEqual({ customer_id: 'E', frequency: 0, recency: 0, T: 10, monetary_value: 0 });
    expect(r.F).toEqual({ customer_id: 'F', frequency: 1, recency: 19, T: 39, monetary_value: 9 });
  });

  it('measures time in weeks as days / 7', async () => {
    const r = byId(await run(clvSummarySql({ unit: 'weeks' })));
    expect(r.A?.frequency).toBe(3);
    expect(r.A?.recency).toBeCloseTo(5, 12);
    expect(r.A?.T).toBeCloseTo(50 / 7, 12);
    expect(r.D?.recency).toBeCloseTo(46 / 7, 12);
    expect(r.B?.T).toBeCloseTo(31 / 7, 12);
    expect(r.A?.monetary_value).toBeCloseTo(70 / 3, 12);
  });

  it('stops at an explicit observation end', async () => {
    const r = byId(await run(clvSummarySql({ unit: 'days', observationEnd: '2024-01-31' })));
    expect(Object.keys(r).sort()).toEqual(['A', 'B', 'C', 'D', 'F']);
    expect(r.A).toEqual({ customer_id: 'A', frequency: 2, recency: 14, T: 30, monetary_value: 31 });
    expect(r.D).toEqual({ customer_id: 'D', frequency: 0, recency: 0, T: 26, monetary_value: 0 });
    // The 14:00 purchase on the end date counts: days compare as dates.
    expect(r.F).toEqual({ customer_id: 'F', frequency: 1, recency: 19, T: 19, monetary_value: 9 });
  });

  it('respects a filter predicate', async () => {
    const r = byId(await run(clvSummarySql({ unit: 'days', where: "customer_id <> 'D'" })));
    expect(Object.keys(r).sort()).toEqual(['A', 'B', 'C', 'E', 'F']);
    // Without D the last date is Feb 10 (E), so T shrinks by 10 days.
    expect(r.A?.T).toBe(40);
  });

  it('rejects malformed dates and units', () => {
    expect(() => clvSummarySql({ unit: 'days', observationEnd: "2024-01-01'; DROP TABLE sales; --" })).toThrow(/invalid observationEnd/);
    expect(() => clvSummarySql({ unit: 'days', calibrationEnd: '31/01/2024' })).toThrow(/invalid calibrationEnd/);
    expect(() => clvSummarySql({ unit: 'months' as 'days' })).toThrow(/invalid unit/);
    expect(() => clvCalibrationHoldoutSql({ unit: 'days', calibrationEnd: '2024-02-10', observationEnd: '2024-02-10' })).toThrow(/must be before observationEnd/);
  });

  it('feeds the models: the columns convert to typed arrays the fits accept', async () => {
    const t = await db.query(clvSummarySql({ unit: 'weeks' }));
    const data = { frequency: toFloat64(t, 'frequency'), recency: toFloat64(t, 'recency'), T: toFloat64(t, 'T') };
    expect(checkRfm(data.frequency, data.recency, data.T)).toBeNull();
    // A, D and F bought again: too few for BG/NBD, and it says so.
    expect(fitBgNbd(data)).toEqual({ ok: false, reason: 'only 3 customers with a repeat purchase; BG/NBD needs at least 10 to estimate dropout' });
  });

  it('returns no rows on an empty table', async () => {
    const rows = await run(clvSummarySql({ unit: 'days', where: 'FALSE' }));
    expect(rows).toEqual([]);
    const cal = await run(clvCalibrationHoldoutSql({ unit: 'days', calibrationEnd: '2024-01-31', where: 'FALSE' }));
    expect(cal).toEqual([]);
  });
});

describe('clvCalibrationHoldoutSql', () => {
  it('splits into a calibration summary and same-day-merged holdout counts', async () => {
    const rows = await run(clvCalibrationHoldoutSql({ unit: 'days', calibrationEnd: '2024-01-31' }));
    // E first bought in the holdout: not a calibration customer.
    expect(rows.map((x) => x.customer_id)).toEqual(['A', 'B', 'C', 'D', 'F']);
    const r = byId(rows);
    const h = { duration_holdout: 20 }; // Jan 31 → Feb 20
    expect(r.A).toEqual({ customer_id: 'A', frequency: 2, recency: 14, T: 30, monetary_value: 31, frequency_holdout: 1, monetary_value_holdout: 8, ...h });
    expect(r.B).toEqual({ customer_id: 'B', frequency: 0, recency: 0, T: 11, monetary_value: 0, frequency_holdout: 0, monetary_value_holdout: 0, ...h });
    expect(r.C).toEqual({ customer_id: 'C', frequency: 0, recency: 0, T: 21, monetary_value: 0, frequency_holdout: 0, monetary_value_holdout: 0, ...h });
    // Feb 2 (two lines) and Feb 20: two holdout transactions, mean value (40 + 60) / 2.
    expect(r.D).toEqual({ customer_id: 'D', frequency: 0, recency: 0, T: 26, monetary_value: 0, frequency_holdout: 2, monetary_value_holdout: 50, ...h });
    expect(r.F).toEqual({ customer_id: 'F', frequency: 1, recency: 19, T: 19, monetary_value: 9, frequency_holdout: 0, monetary_value_holdout: 0, ...h });
  });

  it('gives an empty holdout of zero length when the split is the last date', async () => {
    const r = byId(await run(clvCalibrationHoldoutSql({ unit: 'days', calibrationEnd: '2024-02-20' })));
    expect(r.A).toEqual({ customer_id: 'A', frequency: 3, recency: 35, T: 50, monetary_value: 70 / 3, frequency_holdout: 0, monetary_value_holdout: 0, duration_holdout: 0 });
  });

  it('ends the holdout at an explicit observation end, in weeks', async () => {
    const r = byId(await run(clvCalibrationHoldoutSql({ unit: 'weeks', calibrationEnd: '2024-01-31', observationEnd: '2024-02-10' })));
    expect(Object.keys(r).sort()).toEqual(['A', 'B', 'C', 'D', 'F']);
    expect(r.A?.frequency_holdout).toBe(1);
    expect(r.D?.frequency_holdout).toBe(1); // Feb 2 only; Feb 20 is after the end
    expect(r.D?.monetary_value_holdout).toBe(40);
    expect(r.A?.T).toBeCloseTo(30 / 7, 12);
    expect(r.A?.recency).toBeCloseTo(2, 12);
    expect(r.A?.duration_holdout).toBeCloseTo(10 / 7, 12);
  });
});
