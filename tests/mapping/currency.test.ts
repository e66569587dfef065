// Currency from the money columns' names and values, and numbers written with currency signs and codes.
import { describe, expect, it } from 'vitest';
import { currencyIn, currencyOfValues, detectCurrency } from '../../src/mapping/currency';
import type { ColumnProfile, Mapping } from '../../src/mapping/detect';
import { detectNumber, parseNumber } from '../../src/mapping/numbers';
import { numberSql } from '../../src/sql/parse';
import { literal } from '../../src/sql/ident';
import { toRows } from '../../src/engine/rows';
import { openTestDb } from '../helpers/duckdb';

function mapping(cols: [string, string][]): Mapping {
  return { columns: cols.map(([name, role]) => ({ name, role })) as unknown as Mapping['columns'], date: null, priceIsTotal: false, customerDotZero: false };
}
const profile = (name: string, samples: string[]): ColumnProfile => ({ name, nonNull: samples.length, distinct: samples.length, samples });

describe('currency detection', () => {
  it('reads signs and codes in column names', () => {
    expect(currencyIn('Fiyat (₺)')).toBe('₺');
    expect(currencyIn('price_TL')).toBe('₺');
    expect(currencyIn('Amount TRY')).toBe('₺');
    expect(currencyIn('Purchase Amount (USD)')).toBe('$');
    expect(currencyIn('Preço (R$)')).toBe('R$');
    expect(currencyIn('Betrag in CHF')).toBe('CHF');
    expect(currencyIn('Kwota (zł)')).toBe('zł');
    expect(currencyIn('Total EUR')).toBe('€');
    expect(currencyIn('UnitPrice')).toBe('');
    // letters inside words are not codes
    expect(currencyIn('Title')).toBe('');
    expect(currencyIn('Country')).toBe('');
    expect(currencyIn('Annual Income (k$)')).toBe('$');
  });
  it('reads signs and codes around numbers in the values', () => {
    expect(currencyOfValues(['₺149,90', '₺12,00', '₺7'])).toBe('₺');
    expect(currencyOfValues(['149.90 TL', '12.00 TL', ''])).toBe('₺');
    expect(currencyOfValues(['€ 1.234,50', '€ 12,00'])).toBe('€');
    expect(currencyOfValues(['£12.50', '£3.00'])).toBe('£');
    expect(currencyOfValues(['¥1200', '¥300'])).toBe('¥');
    expect(currencyOfValues(['₹ 499', '₹ 1,299'])).toBe('₹');
    expect(currencyOfValues(['R$ 9,90', 'R$ 19,90'])).toBe('R$');
    expect(currencyOfValues(['12.50', '3.00', '7'])).toBe('');
  });
  it('looks at the money columns, then a one-code currency column', () => {
    const m = mapping([['customer', 'customer_id'], ['price', 'unit_price'], ['para_birimi', 'ignore']]);
    expect(detectCurrency(m, [profile('price', ['₺10', '₺20'])])).toBe('₺');
    expect(detectCurrency(m, [profile('price', ['10', '20']), profile('para_birimi', ['TRY', 'TRY'])])).toBe('₺');
    expect(detectCurrency(mapping([['currency', 'ignore'], ['amount', 'amount']]), [profile('amount', ['1', '2']), profile('currency', ['EUR', 'GBP'])])).toBe('');
    expect(detectCurrency(mapping([['Preis (€)', 'amount']]), [profile('Preis (€)', ['1', '2'])])).toBe('€');
  });
});

describe('numbers with currency signs and codes', () => {
  it('are recognised and parsed on samples', () => {
    expect(detectNumber(['₺149.90', '₺12.00', '₺1,299.00'])?.format).toBe('grouped');
    expect(detectNumber(['149,90 TL', '12,00 TL'])?.format).toBe('decimal_comma');
    expect(parseNumber('149,90 TL', 'decimal_comma')).toBe(149.9);
    expect(parseNumber('R$ 9,90', 'decimal_comma')).toBe(9.9);
    expect(parseNumber('EUR 12.50', 'grouped')).toBe(12.5);
    expect(parseNumber('1,234.50 zł', 'grouped')).toBe(1234.5);
  });
  it('are parsed the same way in SQL', async () => {
    const db = await openTestDb();
    try {
      const vals = ['EUR 12.50', '₺1,299.00', '12.50 TL', 'USD 3', '1e3'];
      const sql = `SELECT ${vals.map((v, i) => `${numberSql(literal(v), 'grouped')} AS v${i}`).join(', ')}`;
      const row = toRows(await db.query(sql))[0] as Record<string, number>;
      expect(vals.map((_v, i) => row[`v${i}`])).toEqual([12.5, 1299, 12.5, 3, 1000]);
    } finally {
      db.close();
    }
  });
});
