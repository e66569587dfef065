// A load builds its dataset in a staging database attached beside the active one
// (src/engine/browser-connector.ts stage()). Lookups by table name must see only the
// current database's tables, or profiling a staged `raw` would list the columns of both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows } from '../../src/engine/rows';
import { profileRaw } from '../../src/pipeline/profile';
import { recommendationsAvailabilitySql } from '../../src/sql/recommend';
import { openTestDb, type TestDb } from '../helpers/duckdb';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  // the active dataset: raw with two columns, a customers table
  await db.exec(`CREATE TABLE raw AS SELECT 'a1' AS a, 'b1' AS b`);
  await db.exec(`CREATE TABLE customers AS SELECT 1 AS customer_id`);
  // the staging database a new load writes into
  await db.exec(`ATTACH ':memory:' AS staging1`);
  await db.exec(`USE staging1`);
  await db.exec(`CREATE TABLE raw AS SELECT 'x1' AS x, 'y1' AS y, 'z1' AS z UNION ALL SELECT 'x2', 'y2', NULL`);
  await db.exec(`CREATE TABLE sales AS SELECT 'c1' AS customer_id, 'p1' AS product, NULL::VARCHAR AS category, TIMESTAMP '2024-01-01' AS ts, 't1' AS tx_id`);
});
afterAll(() => db.close());

describe('tables of a staging database', () => {
  it('profiles only the staged raw table, not the active one of the same name', async () => {
    const p = await profileRaw(db, 'raw');
    expect(p.rows).toBe(2);
    expect(p.columns.map((c) => c.name)).toEqual(['x', 'y', 'z']);
    expect(p.columns.map((c) => c.nonNull)).toEqual([2, 2, 1]);
  });

  it('does not take the active database’s customers table for the staged one', async () => {
    const r = toRows(await db.query(recommendationsAvailabilitySql()))[0];
    expect(r?.customers_table).toBe(false);
    await db.exec(`CREATE TABLE customers AS SELECT 'c1' AS customer_id`);
    expect(toRows(await db.query(recommendationsAvailabilitySql()))[0]?.customers_table).toBe(true);
  });

  it('leaves the active database untouched and drops the staged one whole', async () => {
    await db.exec(`USE memory`);
    expect((await profileRaw(db, 'raw')).columns.map((c) => c.name)).toEqual(['a', 'b']);
    await db.exec(`DETACH staging1`);
    expect(toRows(await db.query(`SELECT count(*)::INT AS n FROM duckdb_tables() WHERE database_name = 'staging1'`))[0]?.n).toBe(0);
  });
});
