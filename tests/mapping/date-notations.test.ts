// Every date notation of issue 14: detected from sample values, then parsed by the SQL on the real
// engine. Expected timestamps are written by hand from the text of each cell (epoch seconds and
// Excel serials worked out in the comments).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateLabel, detectDate, type DateDetection } from '../../src/mapping/dates';
import { dateSql } from '../../src/sql/parse';
import { toRows } from '../../src/engine/rows';
import { literal } from '../../src/sql/ident';
import { openTestDb, type TestDb } from '../helpers/duckdb';

// 2010-12-01 00:00 UTC is 14,944 days after 1970-01-01 = 1,291,161,600 s; 08:26 adds 30,360 s.
// Excel day 25,569 is 1970-01-01, so 2010-12-01 is day 40,513; 0.35 of a day is 08:24:00.
// [what, cells, allowNumeric, label, expected 'YYYY-MM-DD HH:MM:SS' (by hand)]
const CASES: [string, string[], boolean, string, (string | null)[]][] = [
  ['ISO date', ['2010-12-01', '2011-1-3', ' 2011-01-04 '], false, 'YYYY-MM-DD', ['2010-12-01 00:00:00', '2011-01-03 00:00:00', '2011-01-04 00:00:00']],
  ['ISO with minutes', ['2010-12-01 08:26', '2010-12-02 17:05'], false, 'YYYY-MM-DD hh:mm', ['2010-12-01 08:26:00', '2010-12-02 17:05:00']],
  [
    'ISO with zones (wall time kept)',
    ['2010-12-01T08:26:00Z', '2010-12-01T08:26:00+01:00', '2010-12-01 08:26:00 +0100', '2010-12-01T23:30:00.250-05:00', '2010-12-02 09:00:00 UTC'],
    false,
    'YYYY-MM-DD hh:mm:ss (UTC offsets ignored: the written local time is kept)',
    ['2010-12-01 08:26:00', '2010-12-01 08:26:00', '2010-12-01 08:26:00', '2010-12-01 23:30:00', '2010-12-02 09:00:00'],
  ],
  ['D/M/Y', ['13/1/2010', '01/02/2011', '5/6/2011 9:07'], false, 'D/M/YYYY', ['2010-01-13 00:00:00', '2011-02-01 00:00:00', '2011-06-05 09:07:00']],
  ['M/D/Y', ['12/1/2010 8:26', '1/13/2011 14:05', '2/3/2011'], false, 'M/D/YYYY hh:mm', ['2010-12-01 08:26:00', '2011-01-13 14:05:00', '2011-02-03 00:00:00']],
  ['2-digit years', ['1/13/11', '12/31/99', '2/3/04'], false, 'M/D/YY', ['2011-01-13 00:00:00', '1999-12-31 00:00:00', '2004-02-03 00:00:00']],
  ['DD.MM.YYYY', ['01.12.2010', '31.12.2011', '1.2.2011'], false, 'D.M.YYYY', ['2010-12-01 00:00:00', '2011-12-31 00:00:00', '2011-02-01 00:00:00']],
  ['DD-Mon-YYYY', ['01-Dec-2010', '15-Jan-2011', '3-MAR-2011'], false, 'D-Mon-YYYY', ['2010-12-01 00:00:00', '2011-01-15 00:00:00', '2011-03-03 00:00:00']],
  ['DD-Mon-YY', ['01-Dec-10', '15-Jan-11'], false, 'D-Mon-YY', ['2010-12-01 00:00:00', '2011-01-15 00:00:00']],
  ['D Mon YYYY', ['1 Dec 2010', '15 January 2011', '3 Mar 2011 14:30'], false, 'D Mon YYYY', ['2010-12-01 00:00:00', '2011-01-15 00:00:00', '2011-03-03 14:30:00']],
  ['Mon D, YYYY', ['Dec 1, 2010', 'December 1, 2010', 'Jan 15 2011', 'Sept 5, 2011'], false, 'Mon D, YYYY', ['2010-12-01 00:00:00', '2010-12-01 00:00:00', '2011-01-15 00:00:00', '2011-09-05 00:00:00']],
  ['Mon D, YYYY h:mm AM/PM', ['Dec 1, 2010 8:26 AM', 'Dec 1, 2010 8:26 PM', 'Jan 2, 2011 12:05 AM'], false, 'Mon D, YYYY hh:mm AM/PM', ['2010-12-01 08:26:00', '2010-12-01 20:26:00', '2011-01-02 00:05:00']],
  ['weekday first (RFC 2822)', ['Wed, 01 Dec 2010 08:26:00 +0000', 'Thu, 02 Dec 2010 17:00:00 +0000'], false, 'D Mon YYYY hh:mm:ss', ['2010-12-01 08:26:00', '2010-12-02 17:00:00']],
  ['YYYY/MM/DD', ['2010/12/01', '2011/1/31 10:00'], false, 'YYYY/MM/DD', ['2010-12-01 00:00:00', '2011-01-31 10:00:00']],
  ['YYYYMMDD (date-named column)', ['20101201', '20110131'], true, 'YYYYMMDD', ['2010-12-01 00:00:00', '2011-01-31 00:00:00']],
  ['Unix seconds', ['1291191960', '1291161600', '1291191960.5'], true, 'Unix time in seconds', ['2010-12-01 08:26:00', '2010-12-01 00:00:00', '2010-12-01 08:26:00']],
  ['Unix milliseconds', ['1291191960000', '1291161600000'], true, 'Unix time in milliseconds', ['2010-12-01 08:26:00', '2010-12-01 00:00:00']],
  // 0.3513888889 × 86,400 = 30,360.0000 s = 08:26:00
  ['Excel serials', ['40513', '40513.35', '40513.3513888889'], true, 'Excel day numbers (1900 system)', ['2010-12-01 00:00:00', '2010-12-01 08:24:00', '2010-12-01 08:26:00']],
  ['12-hour clock, day first', ['1/12/2010 8:26 AM', '13/12/2010 9:00 PM', '2/1/2011 12:00 PM'], false, 'D/M/YYYY hh:mm AM/PM', ['2010-12-01 08:26:00', '2010-12-13 21:00:00', '2011-01-02 12:00:00']],
  ['German months', ['1. Dez. 2010', '3. März 2011', '15. Mai 2011', '7. Okt 2011'], false, 'D Mon (English, German, French or Spanish) YYYY', ['2010-12-01 00:00:00', '2011-03-03 00:00:00', '2011-05-15 00:00:00', '2011-10-07 00:00:00']],
  ['French months', ['01 déc. 2010', '2 août 2011', '5 juil. 2011', '6 juin 2011', '9 févr. 2011'], false, 'D Mon (English, German, French or Spanish) YYYY', ['2010-12-01 00:00:00', '2011-08-02 00:00:00', '2011-07-05 00:00:00', '2011-06-06 00:00:00', '2011-02-09 00:00:00']],
  ['Spanish months', ['15-dic-2010', '3-ene-2011', '20-ago-2011'], false, 'D-Mon (English, German, French or Spanish)-YYYY', ['2010-12-15 00:00:00', '2011-01-03 00:00:00', '2011-08-20 00:00:00']],
];

describe('date notations: detection from samples', () => {
  it.each(CASES)('%s', (_what, cells, allowNumeric, label) => {
    const d = detectDate(cells, allowNumeric);
    expect(d).not.toBeNull();
    expect(dateLabel(d!)).toBe(label);
    expect(d!.share).toBe(1);
  });

  it('keeps bare numbers out unless the column is named like a date', () => {
    expect(detectDate(['1291191960', '1291161600'])).toBeNull(); // could be phone numbers or ids
    expect(detectDate(['40513', '40600'])).toBeNull(); // could be postal codes
    // Excel serials with a time of day in every cell are dates whatever the name
    expect(detectDate(['40513.35', '40600.5'])?.family).toBe('serial');
    expect(detectDate(['123', '99999999'], true)).toBeNull(); // out of every plausible range
    expect(detectDate(['315532800'], true)).toBeNull(); // 1980: before the plausible range of Unix times
  });

  it('flags an undecided day/month order, and settles it from any value above 12', () => {
    expect(detectDate(['1/2/2010', '3/4/2011'])?.ambiguous).toBe(true);
    expect(detectDate(['1/2/2010', '3/4/2011', '25/4/2011'])?.order).toBe('dmy');
    expect(detectDate(['1/2/2010', '3/4/2011', '25/4/2011'])?.ambiguous).toBe(false);
  });

  it('refuses text, and ignores missing markers in the share', () => {
    expect(detectDate(['apple', 'pear', 'plum'])).toBeNull();
    expect(detectDate(['2011-01-02', 'n/a', '—', '2011-01-03'])?.share).toBe(1);
    expect(detectDate(['32/13/2011', '2011-02-30'])).toBeNull();
  });

  it('reads a column mixing two notations, and names both', () => {
    const d = detectDate(['2010-12-01 08:26', '12/2/2010 9:00', '2010-12-03 10:00', '12/13/2010'])!;
    expect(d.family).toBe('iso');
    expect(d.also?.[0]?.family).toBe('numeric');
    expect(d.also?.[0]?.order).toBe('mdy');
    expect(dateLabel(d)).toBe('YYYY-MM-DD hh:mm or M/D/YYYY hh:mm');
  });
});

describe('date notations: SQL on the engine', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());
  const run = async (cells: (string | null)[], d: DateDetection): Promise<unknown[]> => {
    const values = cells.map((v) => `(${v === null ? 'NULL' : literal(v)})`).join(', ');
    return toRows(await db.query(`SELECT strftime(${dateSql('v', d)}, '%Y-%m-%d %H:%M:%S') AS t FROM (VALUES ${values}) AS x(v)`)).map((r) => r.t);
  };

  it.each(CASES)('%s', async (_what, cells, allowNumeric, _label, expected) => {
    expect(await run(cells, detectDate(cells, allowNumeric)!)).toEqual(expected);
  });

  it('converts offsets to UTC when asked', async () => {
    const cells = ['2010-12-01T08:26:00+01:00', '2010-12-01T23:30:00-05:00', '2010-12-01T08:26:00Z', '2010-12-01 08:26:00 +0100', '2010-12-01', '2010-12-01T08:26:00+0530'];
    const d = { ...detectDate(cells)!, zone: 'utc' as const };
    expect(dateLabel(d)).toMatch(/converted to UTC/);
    expect(await run(cells, d)).toEqual(['2010-12-01 07:26:00', '2010-12-02 04:30:00', '2010-12-01 08:26:00', '2010-12-01 07:26:00', '2010-12-01 00:00:00', '2010-12-01 02:56:00']);
  });

  it('reads both notations of a mixed column', async () => {
    const cells = ['2010-12-01 08:26', '12/2/2010 9:00', '2010-12-03 10:00', '12/13/2010'];
    expect(await run(cells, detectDate(cells)!)).toEqual(['2010-12-01 08:26:00', '2010-12-02 09:00:00', '2010-12-03 10:00:00', '2010-12-13 00:00:00']);
  });

  it('turns unreadable cells into NULL, not an error', async () => {
    const iso = detectDate(['2011-01-02'])!;
    expect(await run(['not recorded', '2011-13-45', 'n/a', null, ''], iso)).toEqual([null, null, null, null, null]);
    const named = detectDate(['1 Dec 2010'])!;
    expect(await run(['1 Foo 2010', '31 Feb 2011', 'n/a'], named)).toEqual([null, null, null]);
    const epoch = detectDate(['1291191960'], true)!;
    expect(await run(['abc', '99999999999999999999', '-5'], epoch)).toEqual([null, null, null]);
    const serial = detectDate(['40513.5'], true)!;
    expect(await run(['abc', '1e300', '-1'], serial)).toEqual([null, null, null]);
  });
});
