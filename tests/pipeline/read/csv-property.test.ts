// Property: for random small CSVs (delimiters, quoting, encodings, line ends, ragged rows, junk
// above and below), the plan is a read plan or a refusal and never throws; when it plans, DuckDB's
// read accounts for every record below the header:
//   rows in the table + rejected rows + footer lines left out + empty lines = records after the header line
// where a record is one CSV row (a quoted field may span lines) and an empty line is a record with no
// text, which DuckDB skips (except in a one-column table, where it is a row of NULL: counted as a row).
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { planCsvRead } from '../../../src/pipeline/read/plan';
import { openTestDb, type TestDb } from '../../helpers/duckdb';
import { cp1252, readPlanned, utf16be, utf16le, utf8 } from './csv-helpers';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
}, 60_000);
afterAll(() => db?.close());

const WORDS = ['Mug', 'Tea', 'Café', 'Grüße', '€ 5', '£2', 'x', 'Ann Lee', 'zeta'];
type Cell = { text: string; kind: 'plain' | 'delim' | 'quote' | 'newline' };
const cellArb = fc.oneof(
  { weight: 6, arbitrary: fc.oneof(fc.constantFrom(...WORDS), fc.integer({ min: 0, max: 9999 }).map((n) => (n / 100).toFixed(2))).map((text) => ({ text, kind: 'plain' as const })) },
  { weight: 1, arbitrary: fc.constantFrom(...WORDS).map((w) => ({ text: w, kind: 'delim' as const })) },
  { weight: 1, arbitrary: fc.constantFrom(...WORDS).map((w) => ({ text: w, kind: 'quote' as const })) },
  { weight: 1, arbitrary: fc.constantFrom(...WORDS).map((w) => ({ text: w, kind: 'newline' as const })) },
);
const rowArb = fc.record({
  kind: fc.constantFrom('full', 'full', 'full', 'full', 'full', 'short', 'long', 'blank'),
  cells: fc.array(cellArb, { minLength: 8, maxLength: 8 }),
  cut: fc.integer({ min: 1, max: 3 }),
});
const fileArb = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t', '|'),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'),
  ncols: fc.integer({ min: 2, max: 6 }),
  preamble: fc.array(fc.constantFrom('Sales export', 'Generated 2024-01-03', '', 'Report: all shops', 'PAD'), { maxLength: 3 }),
  rows: fc.array(rowArb, { minLength: 0, maxLength: 25 }),
  footer: fc.array(fc.constantFrom('TOTAL', 'End of report', '', 'Count: 12'), { maxLength: 2 }),
});

type Gen = typeof fileArb extends fc.Arbitrary<infer T> ? T : never;

/** The file text, and its records (with blank ones marked) in order. */
function build(g: Gen): { text: string; records: { line: number; blank: boolean }[] } {
  const d = g.delimiter;
  const nl = g.eol === '\r' ? ' ' : '\n'; // newlines inside quotes only where the file's line end is not CR-only
  const lines: string[] = [];
  for (const p of g.preamble) lines.push(p === 'PAD' ? 'Shop report' + d.repeat(g.ncols - 1) : p);
  lines.push(Array.from({ length: g.ncols }, (_, i) => `Col${String.fromCharCode(65 + i)}`).join(d));
  const cellText = (c: Cell): string => {
    if (c.kind === 'plain') return c.text;
    const inner = c.kind === 'delim' ? `${c.text}${d} more` : c.kind === 'quote' ? `${c.text} "big"` : `${c.text}${nl}second`;
    return `"${inner.replaceAll('"', '""')}"`;
  };
  for (const r of g.rows) {
    if (r.kind === 'blank') {
      lines.push('');
      continue;
    }
    const n = r.kind === 'full' ? g.ncols : r.kind === 'short' ? Math.max(1, g.ncols - r.cut) : g.ncols + r.cut;
    lines.push(r.cells.slice(0, n).map(cellText).join(d) + (n > 8 ? d.repeat(n - 8) : ''));
  }
  for (const f of g.footer) lines.push(f === 'TOTAL' ? 'Total' + d.repeat(g.ncols - 1) + '12.00' : f);
  // records with their first physical line: count the newlines inside quoted cells
  const records: { line: number; blank: boolean }[] = [];
  let line = 1;
  for (const l of lines) {
    records.push({ line, blank: l === '' });
    line += 1 + (l.match(/\n/g)?.length ?? 0);
  }
  return { text: lines.join(g.eol) + g.eol, records };
}

function encode(text: string, e: Gen['encoding']): Uint8Array {
  if (e === 'utf-8') return utf8(text);
  if (e === 'utf-8-bom') return new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
  if (e === 'utf-16le') return utf16le(text);
  if (e === 'utf-16be') return utf16be(text);
  return cp1252(text);
}

test('random CSVs: a plan or a refusal, and counts that add up on DuckDB', async () => {
  let planned = 0;
  let sameDelimiter = 0;
  await fc.assert(
    fc.asyncProperty(fileArb, async (g) => {
      const { text, records } = build(g);
      const bytes = encode(text, g.encoding);
      const r = planCsvRead(bytes, null, bytes.length, 'random.csv');
      if ('refusal' in r) {
        expect(r.refusal.title.length).toBeGreaterThan(0);
        return;
      }
      planned++;
      if (r.plan.delimiter !== g.delimiter) return; // records are counted with the generator's delimiter
      sameDelimiter++;
      const res = await readPlanned(db, bytes);
      const headerLine = records[res.plan.skip]?.line ?? Infinity; // skip counts records
      const after = records.filter((x) => x.line > headerLine);
      const blank = res.plan.columns === 1 ? 0 : after.filter((x) => x.blank).length;
      const footer = res.plan.skipped.filter((s) => s.line > headerLine && s.text !== '').length;
      expect(res.rows.length + res.rejected.length + footer + blank).toBe(after.length);
    }),
    { numRuns: 100, seed: 20261206 },
  );
  expect(planned).toBeGreaterThan(70);
  expect(sameDelimiter).toBeGreaterThan(planned * 0.8);
}, 60_000);

test('any bytes: sniffing never throws', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), (b, withTail) => {
      const r = planCsvRead(b, withTail ? b.subarray(b.length >> 1) : null, b.length + (withTail ? 5000 : 0), 'junk.csv');
      expect('plan' in r || 'refusal' in r).toBe(true);
    }),
    { numRuns: 500, seed: 7 },
  );
});
