// The side list's loader on the real engine: tables and views of the main schema, their
// columns and types, exact row counts, the staging table hidden, names quoted when needed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSchema, quoteName } from '../../src/analysis/console-schema';
import { openTestDb, type TestDb } from '../helpers/duckdb';

describe('schema list', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(`CREATE TABLE raw AS SELECT * FROM (VALUES ('1', 'x'), ('2', 'y'), ('3', 'z')) v("Customer ID", "order");
      CREATE TABLE raw_next AS SELECT 1 AS staging;
      CREATE TABLE lines AS SELECT 10.5::DOUBLE AS amount, TIMESTAMP '2024-01-01' AS ts;
      CREATE VIEW sales AS SELECT amount, ts FROM lines;
      CREATE TABLE customers (customer_id VARCHAR, spend DOUBLE);
      CREATE TABLE rule_segments AS SELECT 'A' AS customer_id, 'Champions' AS segment;
      CREATE TEMP TABLE mine AS SELECT 1 AS one`);
  });
  afterAll(() => db.close());

  it('lists every table and view with columns, types and row counts; staging hidden', async () => {
    const s = await loadSchema(db.query);
    expect(s.tables.map((t) => t.name)).toEqual(['sales', 'customers', 'raw', 'lines', 'mine', 'rule_segments']);
    const byName = Object.fromEntries(s.tables.map((t) => [t.name, t]));
    expect(byName.sales).toEqual({ name: 'sales', kind: 'view', rows: null, columns: [{ name: 'amount', type: 'DOUBLE' }, { name: 'ts', type: 'TIMESTAMP' }] });
    expect(byName.raw).toMatchObject({ kind: 'table', rows: 3, columns: [{ name: 'Customer ID', type: 'VARCHAR' }, { name: 'order', type: 'VARCHAR' }] });
    expect(byName.customers?.rows).toBe(0);
    expect(byName.mine?.rows).toBe(1);
    expect(byName.rule_segments?.rows).toBe(1);
    expect(s.reserved.has('order')).toBe(true);
    expect(s.reserved.has('amount')).toBe(false);
  });

  it('lists again when a table is dropped between the listing and its count (the cube rebuilt, a dataset swapped in)', async () => {
    await db.exec('CREATE TABLE gone AS SELECT 1 AS x');
    let dropped = 0;
    const racing = async (sql: string, signal?: AbortSignal) => {
      // the counting query of the first attempt runs after another task dropped a listed table
      if (dropped === 0 && sql.includes('count(*)')) {
        dropped++;
        await db.exec('DROP TABLE gone');
      }
      return db.query(sql, signal);
    };
    const s = await loadSchema(racing);
    expect(dropped).toBe(1);
    expect(s.tables.map((t) => t.name)).not.toContain('gone');
    expect(s.tables.find((t) => t.name === 'raw')?.rows).toBe(3);
    // any other error is the user's to see, at once
    let calls = 0;
    const broken = async (): Promise<never> => {
      calls++;
      throw new Error('Binder Error: something else');
    };
    await expect(loadSchema(broken)).rejects.toThrow('Binder Error: something else');
    expect(calls).toBe(1);
  });

  it('quotes names only when they need it', async () => {
    const { reserved } = await loadSchema(db.query);
    expect(quoteName('customer_id', reserved)).toBe('customer_id');
    expect(quoteName('Customer ID', reserved)).toBe('"Customer ID"');
    expect(quoteName('order', reserved)).toBe('"order"');
    expect(quoteName('Amount', reserved)).toBe('"Amount"');
    expect(quoteName('say "hi"', reserved)).toBe('"say ""hi"""');
    expect(quoteName('2024', reserved)).toBe('"2024"');
  });
});
