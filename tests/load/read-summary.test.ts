// The sentences of the "Read with guesses" notice: columns named like a key role whose values are not.
import { describe, expect, it } from 'vitest';
import { readWarnings, unreadableKeyColumns } from '../../src/components/load/read-summary';
import type { Mapping } from '../../src/mapping/detect';

const mapping = (cols: { name: string; role: string; kind: string }[]): Mapping =>
  ({ columns: cols.map((c) => ({ ...c, numberFormat: null, reason: '' })), date: null, priceIsTotal: false, customerDotZero: false }) as unknown as Mapping;

describe('read warnings', () => {
  it('says when a column named like a date holds no dates, with examples', () => {
    const m = mapping([
      { name: 'customer_id', role: 'customer', kind: 'text' },
      { name: 'order_date', role: 'ignore', kind: 'text' },
      { name: 'amount', role: 'amount', kind: 'number' },
    ]);
    const out = unreadableKeyColumns(m, [{ name: 'order_date', nonNull: 3, distinct: 3, samples: ['notadate', 'never', 'notadate'] }]);
    expect(out).toEqual(['“order_date” is named like a date, but its values (“notadate”, “never”) do not read as one, so trends, cohorts, forecasts and lifetime value are off']);
  });

  it('is silent when the key roles are mapped', () => {
    const m = mapping([
      { name: 'order_date', role: 'date', kind: 'date' },
      { name: 'amount', role: 'amount', kind: 'number' },
    ]);
    expect(readWarnings(null, m, [])).toEqual([]);
  });

  it('counts skipped, footer and rejected lines', () => {
    const out = readWarnings({
      sources: [{ name: 'a.csv', size: 10, format: 'csv', rows: 5, rejected: 2, notes: [], headerRow: 4, skipped: [
        { line: 1, text: 'Sales export', reason: 'title' },
        { line: 2, text: '', reason: 'blank' },
        { line: 3, text: 'Generated', reason: 'title' },
        { line: 12, text: 'Total,,,5', reason: 'total' },
      ] }],
      unmatched: [],
      rows: 5,
      rejected: 2,
    });
    expect(out).toEqual(['3 lines above the header skipped', '1 total or footer line below the data left out', '2 rows with the wrong number of fields kept out']);
  });
});
