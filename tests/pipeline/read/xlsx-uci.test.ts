// "Every format gives the same figures": the UCI slice written by openpyxl (uci_slice.xlsx) read by
// our Excel reader holds exactly the rows of uci_slice.csv, and gives the figures pandas and
// openpyxl computed independently (scripts/reference/format_slices.py).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../../src/pipeline/read/xlsx';

const dir = resolve(__dirname, '../../fixtures/formats');
const table = readXlsx(new Uint8Array(readFileSync(resolve(dir, 'uci_slice.xlsx'))));
const values = (name: string) => table.columns.find((c) => c.name === name)!.values;

/** RFC 4180 fields of one CSV text (quotes, doubled quotes); enough for the UCI export. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') (f += '"'), i++;
      else if (c === '"') q = false;
      else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') row.push(f), (f = '');
    else if (c === '\n') row.push(f), rows.push(row), (row = []), (f = '');
    else if (c !== '\r') f += c;
  }
  if (f !== '' || row.length) row.push(f), rows.push(row);
  return rows;
}

describe('UCI slice: the .xlsx gives the CSV rows', () => {
  const csv = parseCsv(readFileSync(resolve(dir, 'uci_slice.csv'), 'utf8'));
  const head = csv[0];
  const body = csv.slice(1);
  it('same columns, same row count, one typed column each', () => {
    expect(table.columns.map((c) => c.name)).toEqual(head);
    expect(table.rows).toBe(5000);
    expect(table.columns.map((c) => c.type)).toEqual(['text', 'text', 'text', 'double', 'timestamp', 'double', 'double', 'text']);
    expect(table.skipped).toEqual([]);
  });
  it('every cell equals the CSV field (numbers written as text where the column is text, dates as wall time)', () => {
    const bad: string[] = [];
    body.forEach((r, i) => {
      const [inv, code, desc, qty, date, price, cust, country] = r;
      const got = table.columns.map((c) => c.values[i]);
      const want = [inv, code, desc === '' ? null : desc, Number(qty), Date.parse(date.replace(' ', 'T') + 'Z'), Number(price), cust === '' ? null : Number(cust), country];
      want.forEach((w, k) => {
        if (got[k] !== w && bad.length < 5) bad.push(`line ${i + 2} ${head[k]}: ${String(got[k])} ≠ ${String(w)}`);
      });
    });
    expect(bad).toEqual([]);
  });
});

describe('UCI slice: figures of scripts/reference/format_slices.py', () => {
  const inv = values('InvoiceNo') as string[];
  const qty = values('Quantity') as number[];
  const price = values('UnitPrice') as number[];
  const cust = values('CustomerID');
  const date = values('InvoiceDate') as number[];
  const amount = qty.map((q, i) => q * price[i]);
  const sum = (a: number[]) => a.reduce((s, x) => s + x, 0);
  it('lines, invoices, cancellations, customers', () => {
    expect(table.rows).toBe(5000);
    expect(new Set(inv).size).toBe(300);
    expect(inv.filter((x) => x.startsWith('C')).length).toBe(70);
    expect(new Set(cust.filter((c) => c !== null)).size).toBe(197);
    expect(cust.filter((c) => c === null).length).toBe(1205);
    expect(new Set(values('StockCode')).size).toBe(1595);
    expect(new Set(values('Country')).size).toBe(7);
    expect(values('Description').filter((d) => d === null).length).toBe(12);
  });
  it('quantity, revenue, date range', () => {
    expect(sum(qty)).toBe(45929);
    expect(sum(amount)).toBeCloseTo(102189.24, 6);
    expect(sum(amount.filter((a) => a > 0))).toBeCloseTo(104055.57, 6);
    expect(Math.min(...date)).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(Math.max(...date)).toBe(Date.UTC(2010, 11, 2, 18, 8));
  });
});
