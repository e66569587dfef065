// How the Excel reader calls the shared header/footer detectors: with the sheet's rows as text
// (padded to the sheet's width), the sheet row numbers through lineOf, and what it does with the
// answers. The detectors are replaced by simple stand-ins here (the real ones have their own tests),
// so this checks the wiring whatever the real detectors decide.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const seen: { rows: string[][]; lines: number[] }[] = [];
const seenFooter: { rows: string[][]; width: number; lines: number[] }[] = [];
vi.mock('../../../src/pipeline/read/header-row', () => ({
  // stand-in: the first row with at least 4 filled fields is the header
  detectHeaderRow: (rows: string[][], lineOf: (i: number) => number) => {
    seen.push({ rows: rows.map((r) => [...r]), lines: rows.map((_, i) => lineOf(i)) });
    const index = rows.findIndex((r) => r.filter((f) => f !== '').length >= 4);
    return { index, skipped: rows.slice(0, index).map((r, i) => ({ line: lineOf(i), text: r.join(','), reason: 'title' })), why: 'stand-in', uncertain: false };
  },
  // stand-in: rows starting with "Total" are footers
  detectFooterRows: (rows: string[][], width: number, lineOf: (i: number) => number) => {
    seenFooter.push({ rows: rows.map((r) => [...r]), width, lines: rows.map((_, i) => lineOf(i)) });
    return rows.flatMap((r, i) => (r[0]?.startsWith('Total') ? [{ line: lineOf(i), text: r.join(','), reason: 'a total' }] : []));
  },
}));

const { readXlsx } = await import('../../../src/pipeline/read/xlsx');
const bytes = new Uint8Array(readFileSync(resolve(__dirname, '../../fixtures/formats/xlsx_title_rows.xlsx')));

describe('xlsx: the header and footer detectors are called with sheet rows and row numbers', () => {
  const t = readXlsx(bytes);
  it('hands over the rows with a value (blank row 3 left out), padded to the sheet width, numbered as in Excel', () => {
    const call = seen[seen.length - 1];
    expect(call.lines).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(call.rows[0]).toEqual(['Sales report', '', '', '', '', '']);
    expect(call.rows[2]).toEqual(['Invoice', 'Customer', 'Date', 'Amount', 'Amount', '']);
    expect(call.rows[3]).toEqual(['INV-101', '501', '2024-03-01 09:30:00', '10', '1.5', 'note 1']);
  });
  it('uses the header the detector picked and keeps its skipped lines', () => {
    expect(t.columns.map((c) => c.name)).toEqual(['Invoice', 'Customer', 'Date', 'Amount', 'Amount_2', 'column_6']);
    expect(t.skipped.map((s) => s.line)).toEqual([1, 2, 15]);
  });
  it('gives the footer detector the last rows of the table and its width, and drops the rows it names', () => {
    const call = seenFooter[seenFooter.length - 1];
    expect(call.width).toBe(6);
    expect(call.lines).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(call.rows[call.rows.length - 1]).toEqual(['Total', '', '', '', '82.5', '']);
    expect(t.rows).toBe(10);
    expect(t.columns.find((c) => c.name === 'Invoice')?.values).toEqual(Array.from({ length: 10 }, (_, k) => `INV-${101 + k}`));
    expect(t.notes.find((n) => n.topic === 'Footer')?.why).toBe('row 15: a total');
  });
});
