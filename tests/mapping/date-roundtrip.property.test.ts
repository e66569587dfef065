// Property of the date reader, on the real engine: a column of random moments written in any supported
// notation is detected and read back to the same moment (to the precision the notation carries).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectDate } from '../../src/mapping/dates';
import { dateSql } from '../../src/sql/parse';
import { literal } from '../../src/sql/ident';
import { toRows } from '../../src/engine/rows';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');
// [name, write (UTC parts of a Date), precision kept: 'day' | 'minute' | 'second', needs a date-like column name]
const NOTATIONS: [string, (d: Date) => string, 'day' | 'minute' | 'second', boolean][] = [
  ['iso', (d) => d.toISOString().slice(0, 19).replace('T', ' '), 'second', false],
  ['iso T Z', (d) => d.toISOString().slice(0, 19) + 'Z', 'second', false],
  ['iso +02:00', (d) => d.toISOString().slice(0, 19) + '+02:00', 'second', false],
  ['M/D/YYYY H:MM', (d) => `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${d.getUTCHours()}:${p2(d.getUTCMinutes())}`, 'minute', false],
  ['D/M/YYYY', (d) => `${p2(d.getUTCDate())}/${p2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`, 'day', false],
  ['DD.MM.YY', (d) => `${p2(d.getUTCDate())}.${p2(d.getUTCMonth() + 1)}.${String(d.getUTCFullYear()).slice(2)}`, 'day', false],
  ['DD-Mon-YYYY', (d) => `${p2(d.getUTCDate())}-${MON[d.getUTCMonth()]}-${d.getUTCFullYear()}`, 'day', false],
  ['Mon D, YYYY h:mm AM', (d) => `${MON[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${d.getUTCHours() % 12 || 12}:${p2(d.getUTCMinutes())} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`, 'minute', false],
  ['D/M/YYYY h:mm PM', (d) => `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()} ${d.getUTCHours() % 12 || 12}:${p2(d.getUTCMinutes())} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`, 'minute', false],
  ['YYYY/MM/DD', (d) => `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}`, 'day', false],
  ['YYYYMMDD', (d) => `${d.getUTCFullYear()}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}`, 'day', true],
  ['epoch s', (d) => String(Math.floor(d.getTime() / 1000)), 'second', true],
  ['epoch ms', (d) => String(d.getTime()), 'second', true],
  ['Excel serial', (d) => String(d.getTime() / 86400000 + 25569), 'second', true],
];
const cut = (d: Date, precision: 'day' | 'minute' | 'second'): string => {
  const iso = d.toISOString().replace('T', ' ');
  return precision === 'day' ? `${iso.slice(0, 10)} 00:00:00` : precision === 'minute' ? `${iso.slice(0, 16)}:00` : iso.slice(0, 19);
};

describe('date reader property', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());

  it('reads back random moments in every notation', async () => {
    // whole seconds between 1995 and 2060 (inside every notation's plausible range)
    const moment = fc.integer({ min: 788918400, max: 2840140800 }).map((s) => new Date(s * 1000));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: NOTATIONS.length - 1 }), fc.array(moment, { minLength: 1, maxLength: 25 }), async (k, moments) => {
        const [, write, precision, named] = NOTATIONS[k] as (typeof NOTATIONS)[number];
        // one day above 12 in the column settles the day/month order, as in any real month of data
        const all = [...moments, new Date(Date.UTC(2011, 0, 25, 13, 45, 10))];
        const cells = all.map(write);
        const d = detectDate(cells, named);
        expect(d, cells.join(' | ')).not.toBeNull();
        const sql = `SELECT strftime(${dateSql('v', d!)}, '%Y-%m-%d %H:%M:%S') AS t FROM (VALUES ${cells.map((c) => `(${literal(c)})`).join(', ')}) AS x(v)`;
        const got = toRows(await db.query(sql)).map((r) => r.t);
        expect(got).toEqual(all.map((m) => cut(m, precision)));
      }),
      { numRuns: 80, seed: 14 },
    );
  });
});
