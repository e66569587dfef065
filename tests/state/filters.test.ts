import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dimsWhere, filtersFromParams, filtersToParams, filtersWhere, MISSING_LABEL, NO_FILTERS, toggleValue } from '../../src/state/filters';
import { toRows } from '../../src/engine/rows';
import { openTestDb, type TestDb } from '../helpers/duckdb';

describe('filters', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(`CREATE TABLE sales AS SELECT * FROM (VALUES
      ('a', TIMESTAMP '2024-01-01 10:00', 'UK', 'Books', 10.0),
      ('b', TIMESTAMP '2024-01-31 23:59', 'France', 'Toys', 5.0),
      ('c', TIMESTAMP '2024-02-01 00:00', NULL, 'Books', 7.0),
      ('a', TIMESTAMP '2024-02-10 12:00', 'UK', 'Toy|s', 1.0)) t(customer_id, ts, country, category, amount)`);
  });
  afterAll(() => db.close());
  const sum = async (where: string): Promise<number> => Number(toRows(await db.query(`SELECT coalesce(sum(amount), 0) AS s FROM sales WHERE ${where}`))[0]?.s);

  it('is TRUE with nothing selected', () => {
    expect(filtersWhere(NO_FILTERS)).toBe('TRUE');
  });
  it('filters values, missing values and an inclusive date range', async () => {
    expect(await sum(filtersWhere({ ...NO_FILTERS, dims: { country: ['UK'] } }))).toBe(11);
    expect(await sum(filtersWhere({ ...NO_FILTERS, dims: { country: ['France', MISSING_LABEL] } }))).toBe(12);
    // 2024-01-31 23:59 is inside a range ending on the 31st; 2024-02-01 00:00 is not
    expect(await sum(filtersWhere({ from: '2024-01-01', to: '2024-01-31', dims: {} }))).toBe(15);
    expect(await sum(filtersWhere({ from: '2024-01-15', to: null, dims: { category: ['Books'] } }))).toBe(7);
  });
  it('quotes values and refuses unknown columns', () => {
    expect(dimsWhere({ ...NO_FILTERS, dims: { category: ["O'Brien"] } })).toBe(`CAST("category" AS VARCHAR) IN ('O''Brien')`);
    expect(dimsWhere({ ...NO_FILTERS, dims: { 'amount; DROP TABLE sales': ['x'] } })).toBe('TRUE');
  });
  it('round-trips through URL parameters, | included', async () => {
    const f = toggleValue(toggleValue({ from: '2024-01-01', to: null, dims: {} }, 'category', 'Toy|s'), 'country', 'UK');
    const p = new URLSearchParams(filtersToParams(f));
    expect(filtersFromParams(p)).toEqual(f);
    expect(await sum(filtersWhere(filtersFromParams(p)))).toBe(1);
    expect(toggleValue(f, 'country', 'UK').dims.country).toBeUndefined();
  });
});
