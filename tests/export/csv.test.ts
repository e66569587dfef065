// CSV exports: RFC 4180 quoting and spreadsheet formula injection made inert (OWASP), on every
// export path: page tables (toCsv), SQL console results (csvRows), rejected rows (toCsv).
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/export/csv';
import { csvRows } from '../../src/components/console/csv';

describe('formula-safe CSV cells', () => {
  it('prefixes text starting with = + - @ tab or CR with an apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://x","click")')).toBe(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(csvCell('+1 555 0100')).toBe("'+1 555 0100");
    expect(csvCell('-2+3+cmd|"/C calc"!A0')).toBe(`"'-2+3+cmd|""/C calc""!A0"`);
    expect(csvCell('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvCell('\t=1+1')).toBe("'\t=1+1");
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
  });

  it('leaves numbers as numbers, negative ones and numbers written as text included', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell('+3')).toBe('+3');
    expect(csvCell('-1e-5')).toBe('-1e-5');
    expect(csvCell(12n)).toBe('12');
    expect(csvCell('2024-01-05')).toBe('2024-01-05');
    expect(csvCell('WHITE MUG')).toBe('WHITE MUG');
  });

  it('page tables and rejected rows: toCsv neutralises keys and labels alike', () => {
    const out = toCsv(
      [{ product: '=cmd|\' /C calc\'!A0', amount: -5 }],
      [
        { key: 'product', label: '@product' },
        { key: 'amount', label: 'amount' },
      ],
    );
    expect(out).toBe("'@product,amount\n'=cmd|' /C calc'!A0,-5\n");
  });

  it('SQL console results are written through the same cell', () => {
    const t = tableFromArrays({ name: ['=1+1', 'ok'], value: Float64Array.from([-3, 4]) });
    expect(csvRows(t, 0, 2)).toBe("'=1+1,-3\nok,4\n");
  });
});
