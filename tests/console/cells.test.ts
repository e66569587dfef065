// Result values on screen and in CSV, from real DuckDB types through Arrow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Table } from 'apache-arrow';
import { displayValue, resultColumns, sortValue, chartType } from '../../src/components/console/cells';
import { csvBlob, csvRows } from '../../src/components/console/csv';
import { openTestDb, type TestDb } from '../helpers/duckdb';

describe('result cells', () => {
  let db: TestDb;
  let t: Table;
  beforeAll(async () => {
    db = await openTestDb();
    t = await db.query(`SELECT * FROM (VALUES
      (1234567::BIGINT, 1234.5::DOUBLE, 12.345::DECIMAL(10,3), DATE '2024-01-05', TIMESTAMP '2024-01-05 13:45:01', TIME '07:05:09.25', true, 'say "hi", ok', [1, 2], 0.00001234::DOUBLE),
      (NULL, NULL, NULL, NULL, TIMESTAMP '2024-01-05 00:00:00.5', NULL, NULL, NULL, NULL, -0.5)
    ) v(n, x, d, day, ts, tm, b, s, l, tiny)`);
  });
  afterAll(() => db.close());

  it('knows each column kind and a DuckDB-like type name', () => {
    const cols = resultColumns(t.schema.fields);
    expect(cols.map((c) => `${c.name}:${c.kind}:${c.typeLabel}`)).toEqual([
      'n:int:BIGINT', 'x:float:DOUBLE', 'd:float:DOUBLE', 'day:date:DATE', 'ts:timestamp:TIMESTAMP', 'tm:time:TIME', 'b:bool:BOOLEAN', 's:text:VARCHAR', 'l:nested:LIST', 'tiny:float:DOUBLE',
    ]);
    expect(cols.map((c) => chartType(c.kind))).toEqual(['number', 'number', 'number', 'date', 'date', null, 'text', 'text', null, 'number']);
  });

  it('shows numbers with separators and instants as ISO in UTC', () => {
    const cols = resultColumns(t.schema.fields);
    const row = cols.map((c, i) => displayValue(c, t.getChildAt(i)?.get(0)));
    expect(row).toEqual(['1,234,567', '1,234.5', '12.345', '2024-01-05', '2024-01-05 13:45:01', '07:05:09.25', 'true', 'say "hi", ok', '[1,2]', '1.234e-5']);
    expect(displayValue(cols[4]!, t.getChildAt(4)?.get(1))).toBe('2024-01-05 00:00:00.500');
    expect(sortValue(cols[0]!, t.getChildAt(0)?.get(0))).toBe(1234567);
    expect(sortValue(cols[0]!, null)).toBeNull();
  });

  it('writes CSV with plain values, ISO instants, quoting and empty NULLs', async () => {
    expect(csvRows(t, 0, 2)).toBe(
      '1234567,1234.5,12.345,2024-01-05,2024-01-05 13:45:01,07:05:09.25,true,"say ""hi"", ok","[1,2]",0.00001234\n' +
        ',,,,2024-01-05 00:00:00.500,,,,,-0.5\n',
    );
    const blob = await csvBlob(t, undefined, undefined, 1);
    const text = await blob.text();
    expect(text.split('\n')[0]).toBe('n,x,d,day,ts,tm,b,s,l,tiny');
    expect(text.split('\n')).toHaveLength(4);
  });

  it('streams a large result in slices, reporting progress', async () => {
    const big = await db.query('SELECT range AS i, range * 0.5 AS half FROM range(50000)');
    const seen: number[] = [];
    const text = await (await csvBlob(big, (n) => seen.push(n))).text();
    expect(seen).toEqual([20000, 40000, 50000]);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(50001);
    expect(lines[50000]).toBe('49999,24999.5');
  });
});
