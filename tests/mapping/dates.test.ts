import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateLabel, detectDate } from '../../src/mapping/dates';
import { dateSql } from '../../src/sql/parse';
import { toRows } from '../../src/engine/rows';
import { literal } from '../../src/sql/ident';
import { openTestDb, type TestDb } from '../helpers/duckdb';

describe('detectDate', () => {
  it.each([
    [['2011-01-02 08:26:00', '2011-12-31 23:59:59'], 'YYYY-MM-DD hh:mm:ss', false],
    [['2011-01-02', '2011-1-3'], 'YYYY-MM-DD', false],
    [['12/1/2010 8:26', '1/13/2011 14:05'], 'M/D/YYYY hh:mm', false],
    [['13/1/2010', '01/02/2011'], 'D/M/YYYY', false],
    [['1/2/2010', '3/4/2011'], 'M/D/YYYY', true],
    [['02.01.2011', '31.12.2011'], 'D.M.YYYY', false],
    [['20110102', '20111231'], 'YYYYMMDD', false],
    [['2011/01/02', '2011/12/31'], 'YYYY/MM/DD', false],
    [['1/2/11 8:05 PM', '12/31/11 11:59 AM'], 'M/D/YY hh:mm AM/PM', false],
  ] as const)('reads %j as %s', (samples, label, ambiguous) => {
    const d = detectDate([...samples], true);
    expect(d).not.toBeNull();
    expect(dateLabel(d!)).toBe(label);
    expect(d!.ambiguous).toBe(ambiguous);
  });

  it('refuses text and plain numbers', () => {
    expect(detectDate(['apple', 'pear', 'plum'])).toBeNull();
    expect(detectDate(['20110102', '20111231'])).toBeNull(); // compact dates need a date-like name
  });
});

describe('dateSql on the engine', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());
  it.each([
    [['2011-01-02 08:26:00', '2011-1-3', ' 2011-01-04 '], ['2011-01-02 08:26:00', '2011-01-03 00:00:00', '2011-01-04 00:00:00']],
    [['12/1/2010 8:26', '1/13/2011 14:05', '2/3/2011'], ['2010-12-01 08:26:00', '2011-01-13 14:05:00', '2011-02-03 00:00:00']],
    [['13/1/2010', '01/02/2011', '5/6/2011 9:07'], ['2010-01-13 00:00:00', '2011-02-01 00:00:00', '2011-06-05 09:07:00']],
    [['02.01.2011', '31.12.2011'], ['2011-01-02 00:00:00', '2011-12-31 00:00:00']],
    [['20110102', '20111231'], ['2011-01-02 00:00:00', '2011-12-31 00:00:00']],
    [['1/2/11 8:05 PM', '12/31/11 11:59 AM'], ['2011-01-02 20:05:00', '2011-12-31 11:59:00']],
  ])('parses %j', async (values, expected) => {
    const d = detectDate(values, true)!;
    const sql = `SELECT strftime(${dateSql('v', d)}, '%Y-%m-%d %H:%M:%S') AS t FROM (VALUES ${values.map((v) => `(${literal(v)})`).join(', ')}) AS x(v)`;
    expect(toRows(await db.query(sql)).map((r) => r.t)).toEqual(expected);
  });

  it('turns an unreadable date into NULL, not an error', async () => {
    const d = detectDate(['2011-01-02'], true)!;
    const rows = toRows(await db.query(`SELECT ${dateSql('v', d)} AS t FROM (VALUES ('not recorded'), ('2011-13-45')) AS x(v)`));
    expect(rows.map((r) => r.t)).toEqual([null, null]);
  });
});
