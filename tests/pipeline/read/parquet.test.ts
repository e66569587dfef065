// The Parquet reader on files written by native DuckDB (scripts/fixtures/make_parquet_json_slices.mjs):
// every type the reader maps, against the values written by hand in that script; the UCI slice in
// three compressions; and files that are not Parquet.
import { openAsBlob } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows } from '../../../src/engine/rows';
import { decodedToArrow } from '../../../src/pipeline/read/arrow';
import { readParquet } from '../../../src/pipeline/read/parquet';
import { ReadRefusal } from '../../../src/pipeline/read/refusal';
import type { DecodedTable } from '../../../src/pipeline/read/types';
import { openTestDb, type TestDb } from '../../helpers/duckdb';

const DIR = resolve(__dirname, '../../fixtures/formats');
const col = (t: DecodedTable, name: string) => {
  const c = t.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
};
const ms = (s: string): number => Date.parse(s + 'Z');

describe('readParquet', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());

  it('maps every Parquet type to the decoded type, values as written', async () => {
    const t = await readParquet(await openAsBlob(resolve(DIR, 'types.parquet')));
    expect(t.rows).toBe(3);
    expect(t.columns.map((c) => [c.name, c.type])).toEqual([
      ['i32', 'bigint'],
      ['i64', 'bigint'],
      ['f32', 'double'],
      ['f64', 'double'],
      ['dec', 'double'],
      ['dec18', 'double'],
      ['d', 'timestamp'],
      ['ts', 'timestamp'],
      ['ts_ms', 'timestamp'],
      ['ts_ns', 'timestamp'],
      ['ts_tz', 'timestamp'],
      ['tod', 'text'],
      ['b', 'boolean'],
      ['s', 'text'],
      ['cust.id', 'bigint'],
      ['cust.name', 'text'],
      ['cust.address.city', 'text'],
      ['list', 'text'],
      ['a.b', 'text'],
    ]);
    expect(col(t, 'i64').values).toEqual([13085n, -5n, 9007199254740993n]);
    expect(col(t, 'f64').values).toEqual([13085, null, 2.5]);
    expect(col(t, 'dec').values).toEqual([12.34, -0.5, 0]);
    expect(col(t, 'dec18').values).toEqual([1234567.891, null, 0]);
    expect(col(t, 'd').values).toEqual([ms('2011-12-09T00:00:00'), null, ms('1969-12-31T00:00:00')]);
    expect(col(t, 'ts').values).toEqual([ms('2010-12-01T08:26:00'), null, ms('1969-12-31T23:59:59')]);
    expect(col(t, 'ts_ms').values[0]).toBe(ms('2010-12-01T08:26:01'));
    expect(col(t, 'ts_ns').values[0]).toBeCloseTo(ms('2010-12-01T08:26:02.123') + 0.456, 6);
    // a UTC-adjusted instant reads as its UTC wall-clock time
    expect(col(t, 'ts_tz').values[0]).toBe(ms('2010-12-01T08:26:03'));
    expect(col(t, 'tod').values).toEqual(['08:26:04', null, null]);
    expect(col(t, 'b').values).toEqual([true, false, null]);
    expect(col(t, 's').values).toEqual(['héllo', null, '']);
    expect(col(t, 'cust.id').values).toEqual([7, null, null]);
    expect(col(t, 'cust.name').values).toEqual(['Ann', 'Bob', null]);
    expect(col(t, 'cust.address.city').values).toEqual(['Paris', null, null]);
    expect(col(t, 'list').values).toEqual(['[1,2]', '[]', null]);
    expect(t.notes.map((n) => n.topic)).toEqual(['Nested fields', 'Lists']);

    // and into the engine with the same values
    db.insertTable('types', decodedToArrow(t));
    const r = toRows(await db.query(`SELECT i64::VARCHAR AS i64, ts_ns::VARCHAR AS ns, d::VARCHAR AS d, "cust.address.city" AS city FROM types`));
    expect(r[0]).toEqual({ i64: '13085', ns: '2010-12-01 08:26:02.123456', d: '2011-12-09 00:00:00', city: 'Paris' });
    expect(r[2]?.i64).toBe('9007199254740993');
  });

  it.each(['snappy', 'zstd', 'gzip'])('reads the UCI slice compressed with %s, typed as pandas writes it', async (codec) => {
    const t = await readParquet(await openAsBlob(resolve(DIR, `uci_slice.${codec}.parquet`)));
    expect(t.rows).toBe(5000);
    expect(t.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['InvoiceNo:text', 'StockCode:text', 'Description:text', 'Quantity:bigint', 'InvoiceDate:timestamp', 'UnitPrice:double', 'CustomerID:double', 'Country:text']);
    const cust = col(t, 'CustomerID').values;
    expect(cust[0]).toBe(17850);
    // pandas-side figure (scripts/reference/format_slices_parquet_json.py): 1,205 lines have no CustomerID
    expect(cust.filter((v) => v === null).length).toBe(1205);
    expect(col(t, 'InvoiceDate').values[4999]).toBeLessThanOrEqual(ms('2010-12-02T18:08:00'));
  });

  it('leaves out a pandas row index and reports progress by row group', async () => {
    const seen: number[] = [];
    const t = await readParquet(await openAsBlob(resolve(DIR, 'pandas_index.parquet')), { onProgress: (rows, total) => seen.push(rows / total) });
    expect(t.columns.map((c) => c.name)).toEqual(['CustomerID', 'code']);
    expect(t.notes[0]?.topic).toBe('Row index left out');
    expect(seen.at(-1)).toBe(1);
  });

  it('reads an ArrayBuffer too', async () => {
    const b = await readFile(resolve(DIR, 'uci_slice.snappy.parquet'));
    const t = await readParquet(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    expect(t.rows).toBe(5000);
  });

  it('refuses a file that is not Parquet, or is cut short', async () => {
    const refused = async (bytes: Uint8Array): Promise<string> => {
      try {
        await readParquet(new Blob([new Uint8Array(bytes)]));
      } catch (e) {
        if (e instanceof ReadRefusal) return e.title;
        throw e;
      }
      return 'read';
    };
    expect(await refused(new TextEncoder().encode('InvoiceNo,Qty\n1,2\n'))).toBe('This is not a Parquet file');
    expect(await refused(new Uint8Array(0))).toBe('This is not a Parquet file');
    const whole = new Uint8Array(await readFile(resolve(DIR, 'uci_slice.zstd.parquet')));
    expect(await refused(whole.subarray(0, whole.length >> 1))).toBe('This is not a Parquet file');
    // the markers are there but the footer is garbage
    const bad = whole.slice();
    bad.fill(7, bad.length - 200, bad.length - 8);
    expect(await refused(bad)).toMatch(/damaged|could not be read/);
  });
});
