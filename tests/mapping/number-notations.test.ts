// Every amount notation of issue 14: detected from sample values, then parsed by the SQL on the
// real engine. Expected values are written by hand from the text of each cell.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decimalVote, detectNumber, numberLabel, parseNumber, type NumberFormat } from '../../src/mapping/numbers';
import { numberSql } from '../../src/sql/parse';
import { literal } from '../../src/sql/ident';
import { toRows } from '../../src/engine/rows';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

// [what, cells, expected format, expected values (by hand)]
const CASES: [string, string[], NumberFormat, (number | null)[]][] = [
  ['plain', ['1234.5', '-3', '+12.5', ' 7 ', '1e3', '.5'], 'plain', [1234.5, -3, 12.5, 7, 1000, 0.5]],
  ['dollar grouped', ['$1,234.50', '$12.00', '$1,000,000.00', '$0.99'], 'grouped', [1234.5, 12, 1000000, 0.99]],
  ['euro decimal comma', ['€12,50', '€1.234,50', '€0,99', '€3'], 'decimal_comma', [12.5, 1234.5, 0.99, 3]],
  ['dot thousands, comma decimals', ['1.234,50', '12,00', '1.000.000,01', '7'], 'decimal_comma', [1234.5, 12, 1000000.01, 7]],
  ['space thousands', ['1 234,50', '12,00', '1 000 000,25'], 'decimal_comma', [1234.5, 12, 1000000.25]],
  ['no-break space thousands', [`1${NBSP}234,50`, `12${NBSP}345,00`, '9,99'], 'decimal_comma', [1234.5, 12345, 9.99]],
  ['narrow no-break space thousands', [`1${NNBSP}234,50`, `2${NNBSP}000,00`, '0,50'], 'decimal_comma', [1234.5, 2000, 0.5]],
  ['space thousands, decimal point', ['1 234.50', '12 345.67', '8.25'], 'grouped', [1234.5, 12345.67, 8.25]],
  ['Swiss apostrophe', ["1'234.50", "12'345.00", '7.05', 'CHF 1’000.10'], 'grouped', [1234.5, 12345, 7.05, 1000.1]],
  ['parentheses negatives', ['(12.00)', '1,234.50', '($1,000.00)', '3.25'], 'grouped', [-12, 1234.5, -1000, 3.25]],
  ['trailing minus', ['12.00-', '1,234.50', '5.25 -', '7.10'], 'grouped', [-12, 1234.5, -5.25, 7.1]],
  ['trailing minus, decimal comma', ['12,00-', '1.234,50', '5,25'], 'decimal_comma', [-12, 1234.5, 5.25]],
  ['leading codes', ['EUR 12.50', 'USD 1,234.56', 'TL 9.90', 'GBP 0.75'], 'grouped', [12.5, 1234.56, 9.9, 0.75]],
  ['trailing codes', ['12,50 EUR', '1.299,00 TL', '149,90TL', '3,10 kr'], 'decimal_comma', [12.5, 1299, 149.9, 3.1]],
  ['symbols before and after', ['₺149,90', '£12,05', '¥1.500,00', '12,50 kr.'], 'decimal_comma', [149.9, 12.05, 1500, 12.5]],
  ['yen and pound with decimal point', ['¥1,500', '£12.50', '£0.99', '¥12,000'], 'grouped', [1500, 12.5, 0.99, 12000]],
  ['signs around the currency', ['-€12,50', '€-12,50', '+€3,00', '€ 4,25'], 'decimal_comma', [-12.5, -12.5, 3, 4.25]],
  ['Unicode minus and whole amounts', ['−12.50', '12.–', '1,234.50', '8.-'], 'grouped', [-12.5, 12, 1234.5, 8]],
];

describe('amount notations: detection from samples', () => {
  it.each(CASES)('%s', (_what, cells, format, expected) => {
    const d = detectNumber(cells);
    expect(d?.format).toBe(format);
    expect(d?.share).toBe(1);
    expect(d?.ambiguous).toBe(false);
    expect(cells.map((c) => parseNumber(c, format))).toEqual(expected);
  });

  it('votes on the decimal separator value by value', () => {
    expect(decimalVote('1.234,50')).toBe('comma');
    expect(decimalVote('1,234.50')).toBe('point');
    expect(decimalVote('12,5')).toBe('comma');
    expect(decimalVote('12.50')).toBe('point');
    expect(decimalVote('1.234.567')).toBe('comma');
    expect(decimalVote('1,234,567')).toBe('point');
    expect(decimalVote('1.234')).toBe('either');
    expect(decimalVote('12,500')).toBe('either');
    expect(decimalVote('0,250')).toBe('comma'); // a thousands group never starts a number with 0
    expect(decimalVote('1234.567')).toBe('point'); // four digits before a group mark is not grouping
    expect(decimalVote('1 234')).toBe('none');
  });

  it('marks a column of "1.234" alone as ambiguous, and takes a preference when given', () => {
    const d = detectNumber(['1.234', '2.500', '12.000', '7']);
    expect(d?.ambiguous).toBe(true);
    expect(d?.format).toBe('plain');
    expect(numberLabel(d!)).toMatch(/a guess/);
    const comma = detectNumber(['1.234', '2.500', '12.000', '7'], true);
    expect(comma?.format).toBe('decimal_comma');
    expect(comma?.ambiguous).toBe(false);
    expect(parseNumber('1.234', comma!.format)).toBe(1234);
    // one deciding value settles the whole column
    const settled = detectNumber(['1.234', '2.500', '12,5']);
    expect(settled?.format).toBe('decimal_comma');
    expect(settled?.ambiguous).toBe(false);
    expect(detectNumber(['1,234', '12,500'])?.ambiguous).toBe(true);
    expect(detectNumber(['1,234', '12,500', '3.75'])?.ambiguous).toBe(false);
  });

  it('asks when a column mixes both separators in earnest', () => {
    const d = detectNumber(['1.234,50', '12,5', '1,234.50', '3.75', '9,99']);
    expect(d?.format).toBe('decimal_comma');
    expect(d?.ambiguous).toBe(true);
  });

  it('says how the column is read', () => {
    expect(numberLabel(detectNumber(['1.234,50', '12,00', '7'])!)).toBe('decimal comma (read 1.234,50 as 1234.5)');
    expect(numberLabel(detectNumber(['$1,234.50', '$12.00'])!)).toBe('decimal point (read $1,234.50 as 1234.5)');
    expect(numberLabel(detectNumber(['1', '2.5'])!)).toBe('plain numbers');
  });

  it('ignores missing-value markers in the share, but not other text', () => {
    const cells = ['12.50', 'n/a', '—', '3.00', '#N/A', '-', '7.25', '1.00', '2.00', '4.00'];
    const d = detectNumber(cells);
    expect(d?.format).toBe('plain');
    expect(d?.share).toBe(1);
    expect(detectNumber(['12.50', 'see note', 'abc', '3'])?.share).toBe(0.5);
    expect(parseNumber('see note 5', 'grouped')).toBeNull();
    expect(parseNumber('NaN', 'plain')).toBeNull();
    expect(parseNumber('Infinity', 'plain')).toBeNull();
  });
});

describe('amount notations: SQL on the engine', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());
  const run = async (cells: (string | null)[], format: NumberFormat): Promise<unknown[]> => {
    const values = cells.map((v) => `(${v === null ? 'NULL' : literal(v)})`).join(', ');
    return toRows(await db.query(`SELECT ${numberSql('v', format)} AS n FROM (VALUES ${values}) AS x(v)`)).map((r) => r.n);
  };

  it.each(CASES)('%s', async (_what, cells, format, expected) => {
    expect(await run(cells, format)).toEqual(expected);
  });

  it('turns text cells into NULL without refusing the column', async () => {
    const cells = ['$1,234.50', 'n/a', '—', '$12.00', '#N/A', 'see note 5', 'NaN', 'inf', '', null, '1.2.3,4', '$'];
    expect(await run(cells, 'grouped')).toEqual([1234.5, null, null, 12, null, null, null, null, null, null, null, null]);
    expect(await run(['12,50', 'n/a', '—', 'TBD', '1.234,5'], 'decimal_comma')).toEqual([12.5, null, null, null, 1234.5]);
    expect(await run(['12.5', 'n/a', 'NaN', '-'], 'plain')).toEqual([12.5, null, null, null]);
  });

  it('reads a grouped value that the sample missed in a plain column', async () => {
    // a plain-looking sample; a later row has thousands separators: read, not dropped
    expect(await run(['12.5', '$1,234.50', '(3.00)'], 'plain')).toEqual([12.5, 1234.5, -3]);
  });

  it('reads "1.234" by the decided separator, never silently both ways', async () => {
    expect(await run(['1.234', '1,234'], 'plain')).toEqual([1.234, 1234]);
    expect(await run(['1.234', '1,234'], 'decimal_comma')).toEqual([1234, 1.234]);
  });
});
