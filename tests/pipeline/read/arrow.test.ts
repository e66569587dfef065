// Decoded columns → Arrow → the real engine: each reader type lands as the DuckDB type the
// typed path expects, nulls stay null, and timestamps are naive wall-clock times.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows } from '../../../src/engine/rows';
import { decodedToArrow, decodedToIpc } from '../../../src/pipeline/read/arrow';
import type { DecodedTable } from '../../../src/pipeline/read/types';
import { openTestDb, type TestDb } from '../../helpers/duckdb';

const T: DecodedTable = {
  rows: 3,
  notes: [],
  skipped: [],
  columns: [
    { name: 'Customer ID', type: 'double', values: [13085, null, 17850.5] },
    { name: 'qty', type: 'bigint', values: [6, -2n, null] },
    { name: 'when', type: 'timestamp', values: [Date.UTC(2010, 11, 1, 8, 26), null, Date.UTC(2011, 0, 2) + 0.5] },
    { name: 'desc "x"', type: 'text', values: ['WHITE MUG', null, ''] },
    { name: 'ok', type: 'boolean', values: [true, false, null] },
  ],
};

describe('decoded table to Arrow to DuckDB', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());

  it('lands as VARCHAR / DOUBLE / BIGINT / TIMESTAMP / BOOLEAN with values intact', async () => {
    db.insertTable('t1', decodedToArrow(T));
    const types = toRows(await db.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 't1' ORDER BY ordinal_position`));
    expect(types.map((r) => [r.column_name, r.data_type])).toEqual([
      ['Customer ID', 'DOUBLE'],
      ['qty', 'BIGINT'],
      ['when', 'TIMESTAMP'],
      ['desc "x"', 'VARCHAR'],
      ['ok', 'BOOLEAN'],
    ]);
    const rows = toRows(await db.query(`SELECT "Customer ID"::VARCHAR AS c, qty::VARCHAR AS q, "when"::VARCHAR AS w, "desc ""x""" AS d, ok::VARCHAR AS b FROM t1`));
    expect(rows).toEqual([
      { c: '13085.0', q: '6', w: '2010-12-01 08:26:00', d: 'WHITE MUG', b: 'true' },
      { c: null, q: '-2', w: null, d: null, b: 'false' },
      // an empty string is NULL, as an empty CSV cell is
      { c: '17850.5', q: null, w: '2011-01-02 00:00:00.0005', d: null, b: null },
    ]);
  });

  it('goes through IPC stream bytes the same way', async () => {
    await db.insertArrow('t2', decodedToIpc(T));
    const r = toRows(await db.query(`SELECT count(*)::INT AS n, count("when")::INT AS w, sum(qty)::INT AS q FROM t2`))[0];
    expect(r).toEqual({ n: 3, w: 2, q: 4 });
  });

  it('writes any text as UTF-8, growing its buffer as needed', async () => {
    const long = 'x'.repeat(50_000);
    const values = ['héllo €', '😀 ok', null, long, 'ü'.repeat(30_000), 'plain', 42];
    db.insertTable('t3', decodedToArrow({ rows: values.length, notes: [], skipped: [], columns: [{ name: 's', type: 'text', values }] }));
    const rows = toRows(await db.query(`SELECT s FROM t3`)).map((r) => r.s);
    expect(rows).toEqual(['héllo €', '😀 ok', null, long, 'ü'.repeat(30_000), 'plain', '42']);
  });

  it('keeps columns named __proto__ and constructor (Excel, Parquet or JSON headers are data too)', async () => {
    const hostile: DecodedTable = {
      rows: 1,
      notes: [],
      skipped: [],
      columns: [
        { name: '__proto__', type: 'text', values: ['a'] },
        { name: 'constructor', type: 'double', values: [2] },
        { name: '<img src=x onerror=alert(1)>', type: 'text', values: ['b'] },
      ],
    };
    db.insertTable('t_hostile', decodedToArrow(hostile));
    expect(toRows(await db.query('SELECT * FROM t_hostile'))).toEqual([{ __proto__: 'a', constructor: 2, '<img src=x onerror=alert(1)>': 'b' }].map((r) => Object.assign(Object.create(null), r)));
  });
});
