// Several files at once: appended by column name into one raw table with a source_file
// column; columns that only some files have are listed. Expected figures by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../../helpers/duckdb';
import { nodeReadHost } from '../../helpers/read-host';
import { readSources, sourceColumn } from '../../../src/pipeline/read/load';
import { toRows } from '../../../src/engine/rows';

const blob = (text: string): Blob => new Blob([text]);

describe('reading several files', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());

  it('appends files with the same columns and names the file of each row', async () => {
    const jan = 'order_id,customer_id,order_date,amount\n1,A,2024-01-05,10.50\n2,B,2024-01-06,20.00\n';
    const feb = 'order_id,customer_id,order_date,amount\n3,A,2024-02-01,5.25\n';
    const report = await readSources(nodeReadHost(db), [
      { name: 'jan.csv', blob: blob(jan) },
      { name: 'feb.csv', blob: blob(feb) },
    ]);
    expect(report.rows).toBe(3);
    expect(report.unmatched).toEqual([]);
    const rows = toRows(await db.query('SELECT source_file, count(*)::INT AS n, sum(CAST(amount AS DOUBLE)) AS s FROM raw_next GROUP BY 1 ORDER BY 1'));
    expect(rows).toEqual([
      { source_file: 'feb.csv', n: 1, s: 5.25 },
      { source_file: 'jan.csv', n: 2, s: 30.5 },
    ]);
    // the parts are gone, only the combined table stays
    const parts = toRows(await db.query("SELECT count(*)::INT AS n FROM duckdb_tables() WHERE table_name LIKE 'raw_part_%'"));
    expect(parts[0]!.n).toBe(0);
  });

  it('matches different columns by name (case and spaces ignored) and lists the ones not in every file', async () => {
    const a = 'Customer,Date,Amount,Store\nA,2024-01-05,10,North\n';
    const b = 'customer , date,amount,Coupon\nB,2024-01-06,20,SAVE5\nC,2024-01-07,30,\n';
    const report = await readSources(nodeReadHost(db), [
      { name: 'a.csv', blob: blob(a) },
      { name: 'b.csv', blob: blob(b) },
    ]);
    expect(report.rows).toBe(3);
    expect(report.unmatched).toEqual([
      { column: 'Store', files: ['a.csv'] },
      { column: 'Coupon', files: ['b.csv'] },
    ]);
    const rows = toRows(await db.query('SELECT "Customer", "Amount", "Store", "Coupon", source_file FROM raw_next ORDER BY 1'));
    expect(rows).toEqual([
      { Customer: 'A', Amount: '10', Store: 'North', Coupon: null, source_file: 'a.csv' },
      { Customer: 'B', Amount: '20', Store: null, Coupon: 'SAVE5', source_file: 'b.csv' },
      { Customer: 'C', Amount: '30', Store: null, Coupon: null, source_file: 'b.csv' },
    ]);
  });

  it('refuses the whole set when one file is hopeless, before reading any', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await expect(
      readSources(nodeReadHost(db), [
        { name: 'ok.csv', blob: blob('a,b\n1,2\n') },
        { name: 'photo.csv', blob: new Blob([png]) },
      ]),
    ).rejects.toMatchObject({ name: 'ReadRefusal', title: 'This is an image (PNG), not a data file' });
  });

  it('names the source column so that it never overwrites a column of the files', () => {
    expect(sourceColumn(['a', 'b'])).toBe('source_file');
    expect(sourceColumn(['Source_File', 'source_file_2'])).toBe('source_file_3');
  });
});
