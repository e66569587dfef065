// What every Connector must do the same way (src/engine/connector.ts), as cases run against
// each implementation: DuckDB-WASM (tests/helpers/duckdb.ts, the browser's engine) and native
// DuckDB (src/cli/native-connector.ts, the command line's). Types arrive as the app reads
// them (BIGINT as bigint, DECIMAL and HUGEINT as double, DATE and TIMESTAMP as epoch ms),
// NULLs stay null, errors are plain {name, message} with DuckDB's wording, an aborted
// signal skips the statement, Arrow IPC goes in typed, a long query (queryLong) answers as
// a query does, and a model's Arrow output replaces a table whole (replaceTable).
import { expect } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import type { AppConnector, Connector } from '../../src/engine/connector';
import { toRows } from '../../src/engine/rows';
import { decodedToIpc } from '../../src/pipeline/read/arrow';

/** A connector under test: everything the page's views are handed (insertArrow, queryLong, replaceTable). */
export type ConformingConnector = AppConnector;

/** One behaviour every connector must show. */
export interface ConformanceCase {
  name: string;
  run(conn: ConformingConnector): Promise<void>;
}

const first = async (conn: Connector, sql: string): Promise<Record<string, unknown>> => {
  const t = await conn.query(sql);
  const out: Record<string, unknown> = {};
  for (const f of t.schema.fields) out[f.name] = t.getChild(f.name)?.get(0);
  return out;
};

/** The cases, in order (each uses its own table names). */
export const CONFORMANCE: ConformanceCase[] = [
  {
    name: 'numbers: BIGINT as bigint, INTEGER as number, DECIMAL / HUGEINT as double, DOUBLE as is',
    run: async (c) => {
      const r = await first(c, 'SELECT 9007199254740993::BIGINT AS big, 42::INTEGER AS i, 12.34::DECIMAL(10,2) AS d, 12.345::DECIMAL(30,3) AS wide, 170141183460469231731687303715884105727::HUGEINT AS h, 0.1::DOUBLE + 0.2 AS f, 3::TINYINT AS t');
      expect(r.big).toBe(9007199254740993n);
      expect(r.i).toBe(42);
      expect(r.d).toBe(12.34);
      expect(r.wide).toBe(12.345);
      expect(r.h).toBeCloseTo(1.7014118346046923e38, -25);
      expect(r.f).toBe(0.1 + 0.2);
      expect(r.t).toBe(3);
    },
  },
  {
    name: 'dates and timestamps as epoch milliseconds (naive, UTC), date functions agree',
    run: async (c) => {
      const r = await first(c, "SELECT DATE '2011-12-09' AS d, TIMESTAMP '2011-12-09 12:50:00.123' AS ts, date_trunc('month', TIMESTAMP '2011-12-09 12:50:00') AS m, strftime(TIMESTAMP '2011-12-09 12:50:00', '%Y-%m-%d %H:%M') AS s, dayofweek(DATE '2011-12-09') AS dow, date_diff('day', DATE '2011-01-01', DATE '2011-12-09') AS dd");
      expect(r.d).toBe(Date.UTC(2011, 11, 9));
      expect(r.ts).toBe(Date.UTC(2011, 11, 9, 12, 50, 0, 123));
      expect(Number(r.m)).toBe(Date.UTC(2011, 11, 1));
      expect(r.s).toBe('2011-12-09 12:50');
      expect(Number(r.dow)).toBe(5);
      expect(Number(r.dd)).toBe(342);
    },
  },
  {
    name: 'NULLs of every type stay null; toRows gives plain values',
    run: async (c) => {
      const r = await first(c, 'SELECT NULL::BIGINT AS a, NULL::DOUBLE AS b, NULL::VARCHAR AS c, NULL::DATE AS d, NULL::TIMESTAMP AS e, NULL::BOOLEAN AS f, NULL::DECIMAL(18,2) AS g, NULL AS h');
      expect(Object.values(r)).toEqual([null, null, null, null, null, null, null, null]);
      const rows = toRows(await c.query("SELECT * FROM (VALUES (1::BIGINT, 'x', true), (NULL, NULL, NULL)) t(n, s, b) ORDER BY n NULLS LAST"));
      expect(rows).toEqual([{ n: 1, s: 'x', b: true }, { n: null, s: null, b: null }]);
    },
  },
  {
    name: 'text: unicode, empty strings and quotes survive',
    run: async (c) => {
      const r = await first(c, "SELECT 'Zürich ☕ 東京' AS u, '' AS e, 'it''s \"x\"' AS q, length('Zürich') AS n");
      expect(r).toEqual({ u: 'Zürich ☕ 東京', e: '', q: 'it\'s "x"', n: 6n });
    },
  },
  {
    name: 'empty results keep their columns; several statements run in one exec',
    run: async (c) => {
      await c.exec('CREATE OR REPLACE TABLE conf_a (x INTEGER, y VARCHAR); INSERT INTO conf_a VALUES (1, \'a\'), (2, \'b\')');
      const t = await c.query('SELECT * FROM conf_a WHERE false');
      expect(t.numRows).toBe(0);
      expect(t.schema.fields.map((f) => f.name)).toEqual(['x', 'y']);
      expect(toRows(await c.query('SELECT count(*) AS n FROM conf_a'))).toEqual([{ n: 2 }]);
    },
  },
  {
    name: 'errors reject as plain Errors with DuckDB’s wording',
    run: async (c) => {
      const err = await c.query('SELEC 1').then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).name).toBe('Error');
      expect((err as Error).message).toMatch(/^Parser Error: syntax error at or near "SELEC"/);
      const missing = await c.query('SELECT * FROM conf_no_such_table').then(() => null, (e: unknown) => e as Error);
      expect(missing?.message).toMatch(/^Catalog Error: Table with name conf_no_such_table does not exist/);
      // the connection still works after an error
      expect(toRows(await c.query('SELECT 1 AS one'))).toEqual([{ one: 1 }]);
    },
  },
  {
    name: 'an aborted signal skips the statement (AbortError, nothing runs)',
    run: async (c) => {
      const ac = new AbortController();
      ac.abort();
      const e = await c.exec('CREATE TABLE conf_skipped AS SELECT 1', ac.signal).then(() => null, (x: unknown) => x as Error);
      expect(e?.name).toBe('AbortError');
      const q = await c.query('SELECT 1', ac.signal).then(() => null, (x: unknown) => x as Error);
      expect(q?.name).toBe('AbortError');
      expect(toRows(await c.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'conf_skipped'"))).toEqual([{ n: 0 }]);
    },
  },
  {
    name: 'insertArrow creates a typed table from IPC (text, double, bigint, timestamp, boolean, NULLs)',
    run: async (c) => {
      const ipc = decodedToIpc({
        rows: 3,
        notes: [],
        skipped: [],
        columns: [
          { name: 'name', type: 'text', values: ['a', null, 'Ünï'] },
          { name: 'price', type: 'double', values: [1.5, 2, null] },
          { name: 'qty', type: 'bigint', values: [1n, null, 9007199254740993n] },
          { name: 'seen', type: 'timestamp', values: [Date.UTC(2011, 0, 2, 3, 4, 5), null, Date.UTC(1999, 11, 31)] },
          { name: 'ok', type: 'boolean', values: [true, false, null] },
        ],
      });
      await c.insertArrow('conf_ipc', ipc);
      const types = toRows(await c.query("SELECT column_name AS c, data_type AS t FROM information_schema.columns WHERE table_name = 'conf_ipc' ORDER BY ordinal_position"));
      expect(types.map((r) => `${r.c} ${r.t}`)).toEqual(['name VARCHAR', 'price DOUBLE', 'qty BIGINT', 'seen TIMESTAMP', 'ok BOOLEAN']);
      const rows = toRows(await c.query("SELECT name, price, qty::VARCHAR AS qty, strftime(seen, '%Y-%m-%d %H:%M:%S') AS seen, ok FROM conf_ipc"));
      expect(rows).toEqual([
        { name: 'a', price: 1.5, qty: '1', seen: '2011-01-02 03:04:05', ok: true },
        { name: null, price: 2, qty: null, seen: null, ok: false },
        { name: 'Ünï', price: null, qty: '9007199254740993', seen: '1999-12-31 00:00:00', ok: null },
      ]);
    },
  },
  {
    name: 'queryLong gives what query gives (types, empty results, plain errors); an aborted signal skips it',
    run: async (c) => {
      const sql = "SELECT * FROM (VALUES (2::BIGINT, 'b', DATE '2011-12-09', 1.25::DECIMAL(10,2)), (1, NULL, NULL, NULL)) t(n, s, d, x) ORDER BY n";
      const live = new AbortController().signal;
      const long = await c.queryLong(sql, live);
      const typesOf = (t: { schema: { fields: { name: string; type: unknown }[] } }): string[] => t.schema.fields.map((f) => `${f.name} ${String(f.type)}`);
      expect(typesOf(long)).toEqual(typesOf(await c.query(sql)));
      expect(toRows(long)).toEqual([
        { n: 1, s: null, d: null, x: null },
        { n: 2, s: 'b', d: Date.UTC(2011, 11, 9), x: 1.25 },
      ]);
      const empty = await c.queryLong('SELECT 1::INTEGER AS one WHERE false', live);
      expect(empty.numRows).toBe(0);
      expect(empty.schema.fields.map((f) => f.name)).toEqual(['one']);
      const err = await c.queryLong('SELECT * FROM conf_long_missing', live).then(() => null, (e: unknown) => e as Error);
      expect(err).toBeInstanceOf(Error);
      expect(err?.message).toMatch(/^Catalog Error: Table with name conf_long_missing does not exist/);
      const ac = new AbortController();
      ac.abort();
      const skipped = await c.queryLong('CREATE TABLE conf_long_skipped AS SELECT 1', ac.signal).then(() => null, (x: unknown) => x as Error);
      expect(skipped?.name).toBe('AbortError');
      expect(toRows(await c.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'conf_long_skipped'"))).toEqual([{ n: 0 }]);
    },
  },
  {
    name: 'replaceTable creates a table from Arrow, replaces it whole (other columns), quotes the name; an aborted signal leaves it',
    run: async (c) => {
      const name = 'conf "clusters"';
      const q = `SELECT * FROM "conf ""clusters""" ORDER BY customer_id`;
      await c.replaceTable(name, tableFromArrays({ customer_id: ['a', 'b', 'c'], cluster: Int32Array.from([1, 2, 1]), cluster_name: ['Loyal', 'New', 'Loyal'] }));
      expect(toRows(await c.query(q))).toEqual([
        { customer_id: 'a', cluster: 1, cluster_name: 'Loyal' },
        { customer_id: 'b', cluster: 2, cluster_name: 'New' },
        { customer_id: 'c', cluster: 1, cluster_name: 'Loyal' },
      ]);
      // a second write replaces rows and columns (another k: other labels, a column fewer)
      await c.replaceTable(name, tableFromArrays({ customer_id: ['z'], cluster: Int32Array.from([3]) }));
      expect(toRows(await c.query(q))).toEqual([{ customer_id: 'z', cluster: 3 }]);
      const types = toRows(await c.query(`SELECT column_name AS c, data_type AS t FROM information_schema.columns WHERE table_name = 'conf "clusters"' ORDER BY ordinal_position`));
      expect(types.map((r) => `${r.c} ${r.t}`)).toEqual(['customer_id VARCHAR', 'cluster INTEGER']);
      const ac = new AbortController();
      ac.abort();
      const e = await c.replaceTable(name, tableFromArrays({ customer_id: ['y'], cluster: Int32Array.from([9]) }), ac.signal).then(() => null, (x: unknown) => x as Error);
      expect(e?.name).toBe('AbortError');
      expect(toRows(await c.query(q))).toEqual([{ customer_id: 'z', cluster: 3 }]);
    },
  },
  {
    name: 'extensions are not loaded or installed on demand',
    run: async (c) => {
      const r = toRows(await c.query("SELECT current_setting('autoload_known_extensions') AS l, current_setting('autoinstall_known_extensions') AS i"));
      expect(r).toEqual([{ l: false, i: false }]);
    },
  },
];
