import { describe, expect, it } from 'vitest';
import { detectNumber, parseNumber } from '../../src/mapping/numbers';
import { numberSql } from '../../src/sql/parse';
import { literal } from '../../src/sql/ident';
import { toRows } from '../../src/engine/rows';
import { openTestDb } from '../helpers/duckdb';

describe('number notations', () => {
  it('detects plain, grouped and decimal-comma columns', () => {
    expect(detectNumber(['1', '2.5', '-3', '1e3'])?.format).toBe('plain');
    expect(detectNumber(['$1,234.50', '$12.00', '(5.00)'])?.format).toBe('grouped');
    expect(detectNumber(['1.234,50', '12,00', '7'])?.format).toBe('decimal_comma');
    expect(detectNumber(['abc', 'def'])).toBeNull();
    expect(detectNumber(['1', '2', '3'])?.integer).toBe(true);
  });
  it('parses sample values like the SQL does', () => {
    expect(parseNumber('(1,234.50)', 'grouped')).toBe(-1234.5);
    expect(parseNumber('€ 1.234,50', 'decimal_comma')).toBe(1234.5);
  });
  it('parses in SQL with the same results', async () => {
    const db = await openTestDb();
    const run = async (values: string[], format: 'plain' | 'grouped' | 'decimal_comma'): Promise<unknown[]> =>
      toRows(await db.query(`SELECT ${numberSql('v', format)} AS n FROM (VALUES ${values.map((v) => `(${literal(v)})`).join(', ')}) AS x(v)`)).map((r) => r.n);
    expect(await run([' 12.5 ', '-3', 'abc'], 'plain')).toEqual([12.5, -3, null]);
    expect(await run(['$1,234.50', '(5.00)', '£7'], 'grouped')).toEqual([1234.5, -5, 7]);
    expect(await run(['1.234,50', '12,00', '(3,5)'], 'decimal_comma')).toEqual([1234.5, 12, -3.5]);
    db.close();
  });
});
