// Properties of the amount reader, on the real engine: (1) an amount written in any supported notation
// is read back exactly; (2) the JS mirror used on samples (parseNumber) and the SQL agree on random
// strings, junk included, so what the Columns tab promises is what the load does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectNumber, parseNumber, type NumberFormat } from '../../src/mapping/numbers';
import { numberSql } from '../../src/sql/parse';
import { literal } from '../../src/sql/ident';
import { toRows } from '../../src/engine/rows';
import { openTestDb, type TestDb } from '../helpers/duckdb';

// cents → text in one notation (always two decimals, so the decimal separator is decided)
const group = (int: string, sep: string): string => int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
const NOTATIONS: ((cents: number) => string)[] = [
  (c) => `${c < 0 ? '-' : ''}$${group(String(Math.trunc(Math.abs(c) / 100)), ',')}.${String(Math.abs(c) % 100).padStart(2, '0')}`,
  (c) => `${c < 0 ? '-' : ''}€${group(String(Math.trunc(Math.abs(c) / 100)), '.')},${String(Math.abs(c) % 100).padStart(2, '0')}`,
  (c) => `${group(String(Math.trunc(Math.abs(c) / 100)), '\u202F')},${String(Math.abs(c) % 100).padStart(2, '0')}${c < 0 ? '-' : ''}`,
  (c) => `${c < 0 ? '(' : ''}${group(String(Math.trunc(Math.abs(c) / 100)), "'")}.${String(Math.abs(c) % 100).padStart(2, '0')}${c < 0 ? ')' : ''}`,
  (c) => `${c < 0 ? '-' : ''}${group(String(Math.trunc(Math.abs(c) / 100)), '\u00A0')},${String(Math.abs(c) % 100).padStart(2, '0')} EUR`,
  (c) => `TL ${c < 0 ? '-' : ''}${group(String(Math.trunc(Math.abs(c) / 100)), ',')}.${String(Math.abs(c) % 100).padStart(2, '0')}`,
  (c) => `${(c / 100).toFixed(2)}`,
];

describe('amount reader properties', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());
  const sqlRead = async (cells: string[], format: NumberFormat): Promise<(number | null)[]> => {
    const values = cells.map((v) => `(${literal(v)})`).join(', ');
    const rows = toRows(await db.query(`SELECT ${numberSql('v', format)} AS n FROM (VALUES ${values}) AS x(v)`));
    return rows.map((r) => (r.n === null ? null : Number(r.n)));
  };

  it('reads back any amount written in a supported notation', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: NOTATIONS.length - 1 }), fc.array(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 30 }), async (k, cents) => {
        const write = NOTATIONS[k] as (c: number) => string;
        // a column with at least one deciding value (a decimal part other than three digits)
        const cells = [...cents.map(write), write(123456)];
        const d = detectNumber(cells);
        expect(d).not.toBeNull();
        const expected = [...cents, 123456].map((c) => c / 100);
        const got = await sqlRead(cells, d!.format);
        got.forEach((g, i) => expect(g).toBeCloseTo(expected[i] as number, 6));
      }),
      { numRuns: 60, seed: 14 },
    );
  });

  it('the JS mirror and the SQL agree on random strings', async () => {
    const pieces = ['1', '2', '0', '9', '12', '345', '.', ',', ' ', '\u00A0', "'", '$', '€', '£', '(', ')', '-', '+', 'EUR', 'TL', 'kr.', 'e', 'n/a', 'NaN', '−', '.–', 'x'];
    const cell = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 7 }).map((p) => p.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { minLength: 20, maxLength: 60 }), fc.constantFrom<NumberFormat>('plain', 'grouped', 'decimal_comma'), async (cells, format) => {
        const got = await sqlRead(cells, format);
        cells.forEach((c, i) => {
          const js = parseNumber(c, format);
          const sql = got[i] ?? null;
          if (js === null || sql === null) expect([c, sql]).toEqual([c, js]);
          else expect(sql).toBeCloseTo(js, 9);
        });
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});
