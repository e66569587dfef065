// The engine's own lockdown (src/engine/lockdown.ts) on the real DuckDB (duckdb-wasm's Node
// build): statements sent straight to the connection, not through the console's checks.
// Everything the app does keeps working; every way out to a file or URL is refused.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_DATABASE } from '../../src/engine/db';
import { FILE_DIR, LOCKDOWN_SQL } from '../../src/engine/lockdown';
import { openTestDb, type TestDb } from '../helpers/duckdb';

// a real file on this machine (Node's DuckDB reads it before the lockdown)
const REAL_FILE = join(mkdtempSync(join(tmpdir(), 'basket-lens-')), 'secret.csv');
writeFileSync(REAL_FILE, 'secret\n42\n');

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  // the way db.ts starts: datasets in an attached in-memory database, then the lockdown
  await db.exec(`ATTACH ':memory:' AS ${FIRST_DATABASE}`);
  await db.exec(`USE ${FIRST_DATABASE}`);
  db.registerText(`${FILE_DIR}upload-1.csv`, 'product,amount\n"<img src=x onerror=alert(1)>",3\nplain,"oops"\n');
  // before the lockdown a path outside our folder is readable: the refusals below are the lockdown's doing
  expect((await db.query(`SELECT secret::INT AS s FROM '${REAL_FILE}'`)).toArray()[0].s).toBe(42);
  for (const sql of LOCKDOWN_SQL) await db.exec(sql);
});
afterAll(() => db.close());

const rows = async (sql: string): Promise<Record<string, unknown>[]> => (await db.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);

describe('engine lockdown: what keeps working', () => {
  it('reads a registered file in our folder, with the rejected-rows table', async () => {
    await db.exec(`CREATE OR REPLACE TABLE raw AS SELECT * FROM read_csv('${FILE_DIR}upload-1.csv', columns = {'product': 'VARCHAR', 'amount': 'INTEGER'}, header = true, store_rejects = true)`);
    expect(await rows('SELECT product, amount FROM raw')).toEqual([{ product: '<img src=x onerror=alert(1)>', amount: 3 }]);
    expect((await rows('SELECT count(*)::INT AS n FROM reject_errors'))[0]?.n).toBe(1);
  });

  it('reads files registered after the lockdown (one load after another), by FROM and read_csv', async () => {
    db.registerText(`${FILE_DIR}upload-2.csv`, 'a\n1\n2\n');
    expect(await rows(`SELECT sum(a)::INT AS s FROM '${FILE_DIR}upload-2.csv'`)).toEqual([{ s: 3 }]);
    db.registerText(`${FILE_DIR}buffer-3.csv`, 'a;b\n1;x\n');
    expect(await rows(`SELECT b FROM read_csv('${FILE_DIR}buffer-3.csv', delim = ';')`)).toEqual([{ b: 'x' }]);
  });

  it('attaches and detaches in-memory databases (one per dataset) and switches threads', async () => {
    await db.exec(`ATTACH ':memory:' AS data1`);
    await db.exec('CREATE TABLE data1.t AS SELECT 1 AS x');
    expect(await rows('SELECT x FROM data1.t')).toEqual([{ x: 1 }]);
    await db.exec('DETACH DATABASE IF EXISTS data1');
    // (the Node build has no threads: only 1 can be set; the browser test switches 3 → 1 → 3)
    await db.exec('SET threads = 1');
  });

  it('creates tables from Arrow (Excel, Parquet and JSON arrive this way)', async () => {
    await db.insertArrow('from_arrow', tableToIPC(tableFromArrays({ v: Int32Array.from([4, 5]) }), 'stream'));
    expect(await rows('SELECT sum(v)::INT AS s FROM from_arrow')).toEqual([{ s: 9 }]);
  });
});

describe('engine lockdown: what is refused even straight on the connection', () => {
  const refused: [string, RegExp][] = [
    [`SELECT * FROM read_text('${REAL_FILE}')`, /Permission Error/],
    [`SELECT * FROM '${REAL_FILE}'`, /Permission Error/],
    [`SELECT * FROM read_csv('${FILE_DIR}../${REAL_FILE}')`, /Permission Error/],
    [`SELECT * FROM read_blob('${FILE_DIR}x/../../etc/passwd')`, /Permission Error/],
    [`SELECT * FROM read_csv('upload-1.csv')`, /Permission Error/],
    [`SELECT * FROM read_csv('http://127.0.0.1:4332/sample.csv.gz')`, /Permission Error/],
    [`SELECT * FROM 'https://example.org/x.csv'`, /Permission Error/],
    [`SELECT * FROM read_parquet('s3://bucket/x.parquet')`, /Permission Error|exists in the parquet extension/],
    [`SELECT * FROM glob('/*')`, /Permission Error/],
    [`COPY (SELECT 1) TO '/tmp/basket-lens-leak.csv'`, /Permission Error/],
    [`COPY raw FROM '${REAL_FILE}'`, /Permission Error/],
    [`EXPORT DATABASE '/tmp/basket-lens-export'`, /Permission Error/],
    [`IMPORT DATABASE '/tmp'`, /Permission Error/],
    [`ATTACH '/tmp/basket-lens.duckdb' AS leak`, /Permission Error/],
    [`LOAD json`, /Permission Error/],
    [`LOAD '/tmp/evil.duckdb_extension'`, /Permission Error/],
    [`SET log_query_path = '/tmp/basket-lens-log.txt'`, /Permission Error/],
    [`SET temp_directory = '/tmp/basket-lens-tmp'`, /Permission Error/],
    [`SET enable_external_access = true`, /Cannot change enable_external_access/],
    [`SET GLOBAL enable_external_access = true`, /Cannot change enable_external_access/],
    [`RESET enable_external_access`, /Cannot change enable_external_access/],
    [`PRAGMA enable_external_access = true`, /Cannot change enable_external_access/],
    [`SET allowed_directories = ['/']`, /Cannot change allowed_directories/],
    [`RESET allowed_directories`, /Cannot change allowed_directories/],
    [`SET allowed_paths = ['${REAL_FILE}']`, /Cannot change allowed_paths/],
  ];
  it.each(refused)('%s', async (sql, message) => {
    await expect(db.query(sql)).rejects.toThrow(message);
  });

  it('still has external access off and only our folder allowed afterwards', async () => {
    expect(await rows(`SELECT current_setting('enable_external_access') AS on_, current_setting('allowed_directories') AS dirs`)).toEqual([{ on_: false, dirs: expect.anything() }]);
    const dirs = (await db.query(`SELECT current_setting('allowed_directories') AS d`)).toArray()[0].d;
    expect([...dirs]).toEqual([FILE_DIR]);
  });
});
