// What a filter change may skip (issue 15): Breakdowns reloaded for the customers table
// alone keeps its boards read from `sales` (same key, filter and ranking) and answers a
// filter seen before without a query; a new key reads `sales` again. Trends (its ten
// statements, the series, the business figures) answers a filter cleared or set again from
// memory too, with the rows a fresh load gives. "Clear all" restores
// the customers table from customers_all: the same rows as rebuilding it with no filter.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/connector';
import { toRows, type Row } from '../../src/engine/rows';
import { adoptStaged, analyse, buildCustomers } from '../../src/pipeline/dataset';
import { restoreCustomers, snapshotCustomers } from '../../src/pipeline/segments';
import { loadBreakdowns } from '../../src/analysis/breakdowns';
import { loadBusiness, loadSeries, loadTrends } from '../../src/analysis/trends';
import type { DataContext } from '../../src/pipeline/context';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { readCsvSql } from '../../src/sql/load';
import { filtersWhere, type Filters } from '../../src/state/filters';
import { openTestDb, type TestDb } from '../helpers/duckdb';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

/** The test database, counting the statements that read `sales`. */
function counting(): { conn: Connector; salesReads: () => number } {
  let n = 0;
  const conn: Connector = {
    query: (sql, signal) => {
      if (/\bsales(_days)?\b/.test(sql)) n++;
      return db.query(sql, signal);
    },
    exec: (sql, signal) => db.exec(sql, signal),
  };
  return { conn, salesReads: () => n };
}

describe('Breakdowns under a filter change', () => {
  const ctx = { hasCategory: true, hasProduct: false, hasAmount: true, hasCustomers: true, hasDates: true, hasTimes: false, dimensions: ['country'], attributes: [], labels: {} } as unknown as DataContext;
  const uk: Filters = { from: null, to: null, dims: { country: ['UK'] } };

  beforeAll(async () => {
    await db.exec(`CREATE OR REPLACE TABLE sales AS SELECT * FROM (VALUES
      ('c1', TIMESTAMP '2024-01-01 09:00', 10.0, 1.0, 'T1', 'p1', 'toys', 'UK', NULL, NULL),
      ('c2', TIMESTAMP '2024-01-01 10:00', 4.0, 2.0, 'T2', 'p2', 'books', 'UK', NULL, NULL),
      ('c2', TIMESTAMP '2024-01-02 10:00', 7.0, 1.0, 'T3', 'p1', 'toys', 'France', NULL, NULL)
    ) t(customer_id, ts, amount, quantity, tx_id, product, category, country, region, payment)`);
  });

  it('keeps the boards read from sales on a reload with the same key, and reads them again under a new key', async () => {
    const { conn, salesReads } = counting();
    const where = filtersWhere(uk);
    const first = await loadBreakdowns(conn, ctx, 'revenue', where, undefined, { previous: null, key: 'rev-1', filters: uk });
    // by hand: UK lines are T1 (toys, 10) and T2 (books, 4)
    expect(first.boards.map((b) => [b.column, b.rows.map((r) => [r.label, r.revenue, r.transactions])])).toEqual([
      ['category', [['toys', 10, 1], ['books', 4, 1]]],
      ['country', [['UK', 14, 2]]],
    ]);
    const reads = salesReads();
    expect(reads).toBeGreaterThan(0);
    // the customers table was rebuilt: same key, same filter → the boards are kept
    const again = await loadBreakdowns(conn, ctx, 'revenue', where, undefined, { previous: first, key: 'rev-1', filters: uk });
    expect(salesReads()).toBe(reads);
    expect(again.boards).toEqual(first.boards);
    // cleared, then set again: the second time from memory
    const all = await loadBreakdowns(conn, ctx, 'revenue', 'TRUE', undefined, { previous: again, key: 'rev-1', filters: { from: null, to: null, dims: {} } });
    expect(all.boards[1]!.rows.map((r) => [r.label, r.revenue])).toEqual([['UK', 14], ['France', 7]]);
    const readsAll = salesReads();
    const back = await loadBreakdowns(conn, ctx, 'revenue', where, undefined, { previous: all, key: 'rev-1', filters: uk });
    expect(salesReads()).toBe(readsAll);
    expect(back.boards).toEqual(first.boards);
    // sales changed (a new key): read again, and the answer follows the new data
    await db.exec(`INSERT INTO sales VALUES ('c3', TIMESTAMP '2024-01-03 10:00', 20.0, 1.0, 'T4', 'p3', 'books', 'UK', NULL, NULL)`);
    const fresh = await loadBreakdowns(conn, ctx, 'revenue', where, undefined, { previous: back, key: 'rev-2', filters: uk });
    expect(salesReads()).toBeGreaterThan(readsAll);
    expect(fresh.boards[0]!.rows.map((r) => [r.label, r.revenue, r.transactions])).toEqual([['books', 24, 2], ['toys', 10, 1]]);
  });

  it('does not remember answers under a filter on customer groups (their tables change without a new key)', async () => {
    const { conn, salesReads } = counting();
    await db.exec(`CREATE OR REPLACE TABLE clusters AS SELECT 'c1' AS customer_id, 'Big spenders' AS cluster_name`);
    const f: Filters = { from: null, to: null, dims: { cluster: ['Big spenders'] } };
    const where = filtersWhere(f);
    const a = await loadBreakdowns(conn, ctx, 'revenue', where, undefined, { previous: null, key: 'rev-9', filters: f });
    const reads = salesReads();
    await db.exec(`CREATE OR REPLACE TABLE clusters AS SELECT 'c2' AS customer_id, 'Big spenders' AS cluster_name`);
    const b = await loadBreakdowns(conn, ctx, 'revenue', where, undefined, { previous: a, key: 'rev-9', filters: f });
    expect(salesReads()).toBeGreaterThan(reads);
    // by hand: c1 bought toys for 10; c2 books for 4 and toys for 7
    expect(a.boards[0]!.rows.map((r) => [r.label, r.revenue])).toEqual([['toys', 10]]);
    expect(b.boards[0]!.rows.map((r) => [r.label, r.revenue])).toEqual([['toys', 7], ['books', 4]]);
  });
});

describe('Trends under a filter change', () => {
  const uk: Filters = { from: null, to: null, dims: { country: ['UK'] } };
  const none: Filters = { from: null, to: null, dims: {} };
  const byCluster: Filters = { from: null, to: null, dims: { cluster: ['Big spenders'] } };
  const dir = mkdtempSync(join(tmpdir(), 'bl-trends-'));
  const HEAD = 'InvoiceNo,InvoiceDate,CustomerID,StockCode,Description,Quantity,UnitPrice,Country';
  // by hand: UK revenue by month is January 14 (T1: 10, T2: 2 × 2) and March 5 (T4)
  const LINES = ['T1,2024-01-01 09:00,c1,p1,Toy,1,10,UK', 'T2,2024-01-01 10:00,c2,p2,Book,2,2,UK', 'T3,2024-02-02 10:00,c2,p1,Toy,1,7,France', 'T4,2024-03-05 11:00,c1,p2,Book,1,5,UK'];
  let ctx: DataContext;
  const loadCsv = async (lines: string[]): Promise<void> => {
    const path = join(dir, `t${lines.length}.csv`);
    writeFileSync(path, [HEAD, ...lines].join('\n') + '\n');
    await db.exec(readCsvSql(path, 'raw_next'));
    const { profile, mapping } = await adoptStaged(db);
    ctx = (await analyse(db, profile, mapping, DEFAULT_RULES)).context;
    await buildCustomers(db, ctx);
  };
  beforeAll(async () => {
    // the hand-made table of the tests above, where the analysis makes a view
    await db.exec('DROP TABLE IF EXISTS sales');
    await loadCsv(LINES);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Everything the Trends tab loads for one filter. */
  const all = async (conn: Connector, f: Filters, key?: string): Promise<unknown[]> => {
    const where = filtersWhere(f);
    const state = key === undefined ? undefined : { key, filters: f };
    return [
      await loadTrends(conn, ctx, where, undefined, {}, state),
      await loadSeries(conn, 'day', where, undefined, {}, undefined, ctx.daysTable, state),
      await loadSeries(conn, 'month', where, undefined, {}, undefined, ctx.daysTable, state),
      await loadBusiness(conn, { from: '2024-02-01', to: '2024-03-31' }, where, undefined, state),
    ];
  };
  const monthly = (x: unknown[]): number[] => (x[2] as Row[]).map((r) => Number(r.revenue)).filter((v) => v > 0);

  it('answers a filter cleared or set again without reading sales, with the rows a fresh load gives', async () => {
    const { conn, salesReads } = counting();
    const first = await all(conn, uk, 'rev-1');
    const reads = salesReads();
    expect(reads).toBeGreaterThanOrEqual(12);
    const cleared = await all(conn, none, 'rev-1');
    const readsCleared = salesReads();
    expect(readsCleared).toBeGreaterThan(reads);
    // "Clear all" after another filter, and the first filter set again: from memory
    expect(await all(conn, none, 'rev-1')).toEqual(cleared);
    expect(await all(conn, uk, 'rev-1')).toEqual(first);
    expect(salesReads()).toBe(readsCleared);
    // the same rows as a load that remembers nothing
    expect(first).toEqual(await all(db, uk));
    expect(cleared).toEqual(await all(db, none));
    expect(monthly(first)).toEqual([14, 5]);
    expect(monthly(cleared)).toEqual([14, 7, 5]);
  });

  it('reads sales again under a new key, and always under a filter on customer groups', async () => {
    const { conn, salesReads } = counting();
    await all(conn, uk, 'rev-3');
    const reads = salesReads();
    // a new file (a new key): T5 adds 20 to the UK's March
    await loadCsv([...LINES, 'T5,2024-03-06 10:00,c3,p3,Book,1,20,UK']);
    const fresh = await all(conn, uk, 'rev-4');
    expect(salesReads()).toBeGreaterThan(reads);
    expect(monthly(fresh)).toEqual([14, 25]);
    await db.exec(`CREATE OR REPLACE TABLE clusters AS SELECT 'c1' AS customer_id, 'Big spenders' AS cluster_name`);
    await all(conn, byCluster, 'rev-4');
    const readsCluster = salesReads();
    await all(conn, byCluster, 'rev-4');
    expect(salesReads()).toBeGreaterThan(readsCluster);
  });
});

describe('restoreCustomers', () => {
  it('gives the same customers table as rebuilding it with no filter', async () => {
    db.close();
    db = await openTestDb();
    await db.exec(readCsvSql(resolve(__dirname, '../fixtures/holds/partial_month.csv'), 'raw_next'));
    const { profile, mapping } = await adoptStaged(db);
    const analysis = await analyse(db, profile, mapping, DEFAULT_RULES);
    await buildCustomers(db, analysis.context);
    await snapshotCustomers(db);
    await db.exec('CREATE OR REPLACE TABLE want AS SELECT * FROM customers');
    const n = Number(toRows(await db.query('SELECT count(*) AS n FROM want'))[0]?.n);
    expect(n).toBeGreaterThan(1);
    // a filter keeps part of the customers
    const some = toRows(await db.query('SELECT customer_id FROM sales WHERE customer_id IS NOT NULL LIMIT 1'))[0]?.customer_id;
    await buildCustomers(db, analysis.context, `customer_id = '${String(some).replaceAll("'", "''")}'`);
    expect(Number(toRows(await db.query('SELECT count(*) AS n FROM customers'))[0]?.n)).toBe(1);
    await restoreCustomers(db);
    const diff = async (a: string, b: string): Promise<number> => Number(toRows(await db.query(`SELECT count(*) AS n FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b})`))[0]?.n);
    expect(await diff('customers', 'want')).toBe(0);
    expect(await diff('want', 'customers')).toBe(0);
    expect(Number(toRows(await db.query('SELECT count(*) AS n FROM customers'))[0]?.n)).toBe(n);
  });
});
