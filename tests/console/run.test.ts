// The console's run logic on the real engine (duckdb-wasm's Node build): wrapping, what a
// statement reports, errors as DuckDB words them, and the example queries on the hand-made shop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows } from '../../src/engine/rows';
import { DEFAULT_SQL, EXAMPLES } from '../../src/components/console/examples';
import { fullResult, runScript, type QueryFn } from '../../src/components/console/run';
import { customersTableSql } from '../../src/sql/customers';
import { loadShop } from '../fixtures/metrics/shop';
import { openTestDb, type TestDb } from '../helpers/duckdb';

describe('running console text', () => {
  let db: TestDb;
  let sent: string[];
  let query: QueryFn;
  const signal = new AbortController().signal;
  beforeAll(async () => {
    db = await openTestDb();
    await loadShop(db);
    await db.exec(customersTableSql());
  });
  afterAll(() => db.close());
  beforeAll(() => {
    sent = [];
    query = (sql) => {
      sent.push(sql);
      return db.query(sql);
    };
  });

  it('fetches one row more than it shows and re-runs the whole query for export', async () => {
    const r = await runScript(query, 'SELECT range AS i FROM range(10) ORDER BY i DESC -- newest first', signal, 3);
    expect(r).toMatchObject({ kind: 'query', truncated: true, statements: 1, complete: null, schemaChanged: false });
    expect(sent.at(-1)).toBe('SELECT * FROM (\nSELECT range AS i FROM range(10) ORDER BY i DESC -- newest first\n) LIMIT 4');
    expect(r?.table?.numRows).toBe(3);
    // the user's ORDER BY survives the wrapper
    expect(toRows(r!.table!).map((x) => x.i)).toEqual([9, 8, 7]);
    const full = await fullResult(query, r!, signal);
    expect(full?.numRows).toBe(10);
  });

  it('holds a small result whole, so export needs no re-run', async () => {
    const r = await runScript(query, 'FROM sales SELECT DISTINCT category ORDER BY 1;', signal);
    expect(r).toMatchObject({ truncated: false, rerunSql: null });
    expect(toRows(r!.complete!).map((x) => x.category)).toEqual(['Books', 'Garden', 'Toys']);
  });

  it('runs other statements as written and reports them', async () => {
    const made = await runScript(query, 'CREATE OR REPLACE TABLE scratch AS SELECT 1 AS a', signal);
    expect(made).toMatchObject({ kind: 'effect', table: null, schemaChanged: true });
    const ins = await runScript(query, 'INSERT INTO scratch VALUES (2), (3)', signal);
    expect(ins).toMatchObject({ table: null, changed: 2 });
    // settings are refused since issue 16 (guard.ts); a harmless effect statement instead
    expect(await runScript(query, 'CHECKPOINT', signal)).toMatchObject({ table: null, changed: null });
    const desc = await runScript(query, 'DESCRIBE scratch', signal);
    expect(desc).toMatchObject({ kind: 'rows', rerunSql: null });
    expect(toRows(desc!.table!)[0]).toMatchObject({ column_name: 'a', column_type: 'INTEGER' });
    const ret = await runScript(query, 'INSERT INTO scratch VALUES (4) RETURNING a * 10 AS b', signal);
    expect(toRows(ret!.table!)).toEqual([{ b: 40 }]);
  });

  it('runs a script in order and shows the last result', async () => {
    const r = await runScript(query, 'CREATE OR REPLACE TEMP TABLE t2 AS SELECT 5 AS v;\nSELECT v * 2 AS w FROM t2;', signal);
    expect(r).toMatchObject({ statements: 2, schemaChanged: true, kind: 'query' });
    expect(toRows(r!.table!)).toEqual([{ w: 10 }]);
  });

  it('reports DuckDB errors against the user text', async () => {
    await expect(runScript(query, 'SELEC 1', signal)).rejects.toThrow(/^Parser Error: syntax error at or near "SELEC"[\s\S]*LINE 1: SELEC 1/);
    await expect(runScript(query, 'SELECT * FROM sales WHERE', signal)).rejects.toThrow(/Parser Error: syntax error at end of input/);
    await expect(runScript(query, 'SELECT\n  nope\nFROM sales', signal)).rejects.toThrow(/Binder Error: Referenced column "nope" not found[\s\S]*LINE 2:/);
    await expect(runScript(query, 'SELECT 1; SELECT nope FROM sales', signal)).rejects.toThrow(/^Statement 2 of 2: Binder Error/);
  });

  it('reads errors the browser engine reports as JSON (streamed queries)', async () => {
    const streamed: QueryFn = async (sql) => {
      try {
        return await db.query(sql);
      } catch (e) {
        const m = /^(\w+) Error: ([\s\S]*)$/.exec((e as Error).message);
        throw new Error(JSON.stringify({ exception_type: m?.[1], exception_message: m?.[2] }));
      }
    };
    // the wrapped query's parser error is recognised, so the error is the user's own statement's
    await expect(runScript(streamed, 'SELECT * FROM sales WHERE', signal)).rejects.toThrow(/^Parser Error: syntax error at end of input/);
    await expect(runScript(streamed, 'SELECT\n  nope\nFROM sales', signal)).rejects.toThrow(/^Binder Error: [\s\S]*LINE 2:/);
  });

  it('passes cancellation through as an AbortError', async () => {
    const aborting: QueryFn = async () => {
      const e = new Error('Cancelled');
      e.name = 'AbortError';
      throw e;
    };
    await expect(runScript(aborting, 'SELECT 1; SELECT 2', signal)).rejects.toMatchObject({ name: 'AbortError', message: 'Cancelled' });
  });

  it('returns null for text without a statement', async () => {
    expect(await runScript(query, '-- nothing yet\n', signal)).toBeNull();
  });

  it('the default query ranks categories by revenue (figures from the shop table by hand)', async () => {
    const r = await runScript(query, DEFAULT_SQL, signal);
    // Toys 10 + 20 + 100; Books 30 + 15 + 20 + 5; Garden 15 + 25 + 25
    expect(toRows(r!.table!)).toEqual([
      { category: 'Toys', revenue: 130, orders: 3, customers: 2 },
      { category: 'Books', revenue: 70, orders: 4, customers: 2 },
      { category: 'Garden', revenue: 65, orders: 3, customers: 2 },
    ]);
  });

  it('every example runs on canonical tables', async () => {
    for (const ex of EXAMPLES) {
      const r = await runScript(query, ex.sql, signal);
      expect(r?.table?.numRows, ex.label).toBeGreaterThan(0);
    }
    const monthly = toRows((await runScript(query, EXAMPLES[2]!.sql, signal))!.table!);
    // Jan 10+30+20+15+15+25 = 115, Feb 20+5 = 25, Mar 100+25 = 125
    expect(monthly.map((m) => m.revenue)).toEqual([115, 25, 125]);
    expect(monthly[2]?.revenue_3m_avg).toBeCloseTo(265 / 3, 10);
    expect(monthly[1]?.change_vs_prev_month).toBeCloseTo(25 / 115 - 1, 10);
  });
});
