// The notation checks that run on every row, not the sample: the decimal separator of a column whose
// sample was undecided, and the day/month order of a numeric minority notation in a mixed date column.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectMapping, type ColumnProfile } from '../../src/mapping/detect';
import { refineDateOrder, refineDecimalSeparators } from '../../src/pipeline/profile';
import { decimalVotesSql, numberSql } from '../../src/sql/parse';
import { ident, literal } from '../../src/sql/ident';
import { toRows } from '../../src/engine/rows';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const profile = (name: string, samples: string[]): ColumnProfile => ({ name, nonNull: samples.length, distinct: new Set(samples).size, samples });

describe('notation checks on every row', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());
  const table = async (name: string, cols: Record<string, string[]>): Promise<void> => {
    const names = Object.keys(cols);
    const n = (cols[names[0] as string] as string[]).length;
    const rows = Array.from({ length: n }, (_v, i) => `(${names.map((c) => literal((cols[c] as string[])[i] as string)).join(', ')})`);
    await db.exec(`CREATE OR REPLACE TABLE ${name} AS SELECT * FROM (VALUES ${rows.join(', ')}) AS t(${names.map(ident).join(', ')})`);
  };

  it('counts the deciding cells like the sample vote does', async () => {
    await table('v1', { x: ['1.234', '12,5', '1.234,50', '1,234.50', '7', '2.500', "1'234.50", '0,250', '1 234,5'] });
    const r = toRows(await db.query(decimalVotesSql('v1', 'x')))[0];
    // by hand: comma = 12,5 · 1.234,50 · 0,250 · 1 234,5 = 4; point = 1,234.50 · 1'234.50 = 2; either = 1.234 · 2.500 = 2
    expect([Number(r?.comma), Number(r?.point), Number(r?.either)]).toEqual([4, 2, 2]);
  });

  it('settles an undecided decimal separator from a cell beyond the sample', async () => {
    // the sample (first three rows) reads either way; row five says decimal comma
    await table('raw_dec', { Menge: ['1.234', '2.500', '12.000', '3', '12,5'] });
    const m0 = detectMapping([profile('Menge', ['1.234', '2.500', '12.000'])], 5);
    expect(m0.columns[0]?.numberReading?.ambiguous).toBe(true);
    const m = await refineDecimalSeparators(db, m0, 'raw_dec');
    expect(m.columns[0]?.numberFormat).toBe('decimal_comma');
    expect(m.columns[0]?.numberReading?.ambiguous).toBe(false);
    const sums = toRows(await db.query(`SELECT sum(${numberSql(ident('Menge'), m.columns[0]!.numberFormat!)}) AS s FROM raw_dec`));
    expect(sums[0]?.s).toBe(1234 + 2500 + 12000 + 3 + 12.5);
  });

  it('keeps the guess flagged when nothing in the file decides', async () => {
    await table('raw_und', { Menge: ['1.234', '2.500', '7'] });
    const m0 = detectMapping([profile('Menge', ['1.234', '2.500', '7'])], 3);
    const m = await refineDecimalSeparators(db, m0, 'raw_und');
    expect(m.columns[0]?.numberReading?.ambiguous).toBe(true);
  });

  it('settles the day/month order of the numeric part of a mixed date column', async () => {
    await table('raw_dates', { 'Order Date': ['2010-12-01', '1/2/2010', '2010-12-03', '3/4/2010', '25/4/2010'] });
    const m0 = detectMapping([profile('Order Date', ['2010-12-01', '1/2/2010', '2010-12-03', '3/4/2010'])], 5);
    expect(m0.date?.ambiguous).toBe(true);
    const m = await refineDateOrder(db, m0, 'raw_dates');
    expect(m.date?.also?.[0]?.order).toBe('dmy');
    expect(m.date?.ambiguous).toBe(false);
  });
});
