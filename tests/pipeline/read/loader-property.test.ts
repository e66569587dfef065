// Property over the whole loader: random small transaction exports (delimiter, quoting, encoding,
// line ends, title and total lines, ragged rows, bad dates, missing amounts, duplicates, returns)
// either load with counts that add up — every data line is a row, a rejected row or a skipped line,
// and every row is clean or dropped by exactly one rule — or are refused with words. Never a throw.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { adoptStaged, analyse, DatasetError } from '../../../src/pipeline/dataset';
import { readSources } from '../../../src/pipeline/read/load';
import { ReadRefusal } from '../../../src/pipeline/read/refusal';
import { DEFAULT_RULES } from '../../../src/sql/clean';
import { openTestDb, type TestDb } from '../../helpers/duckdb';
import { nodeReadHost } from '../../helpers/read-host';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
}, 60_000);
afterAll(() => db?.close());

const lineArb = fc.record({
  kind: fc.constantFrom('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'dup', 'return', 'baddate', 'noamount', 'zero', 'short', 'long'),
  customer: fc.constantFrom('C1', 'C2', 'C3', 'Zoë', ''),
  product: fc.constantFrom('Mug', 'Tea, green', 'Café "Noir"', 'Plate'),
  day: fc.integer({ min: 1, max: 28 }),
  qty: fc.integer({ min: 1, max: 5 }),
  cents: fc.integer({ min: 50, max: 5000 }),
});
const fileArb = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t', '|'),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'windows-1252'),
  preamble: fc.array(fc.constantFrom('Sales export', 'Generated 2024-03-01', ''), { maxLength: 3 }),
  lines: fc.array(lineArb, { minLength: 0, maxLength: 30 }),
  total: fc.boolean(),
});
type Gen = typeof fileArb extends fc.Arbitrary<infer T> ? T : never;

function build(g: Gen): string {
  const d = g.delimiter;
  const q = (s: string): string => (/[",;|\t]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const out: string[] = [...g.preamble, ['invoice', 'customer_id', 'order_date', 'product', 'quantity', 'unit_price'].join(d)];
  let inv = 1000;
  let prev: string | null = null;
  let sum = 0;
  for (const l of g.lines) {
    if (l.kind === 'dup' && prev) {
      out.push(prev);
      continue;
    }
    const qty = l.kind === 'return' ? -l.qty : l.qty;
    const price = l.kind === 'zero' ? '0.00' : l.kind === 'noamount' ? 'n/a' : (l.cents / 100).toFixed(2);
    const date = l.kind === 'baddate' ? 'someday' : `2024-02-${String(l.day).padStart(2, '0')} 10:00`;
    let cells = [String(inv++), l.customer, date, q(l.product), String(qty), price];
    if (l.kind === 'short') cells = cells.slice(0, 4);
    if (l.kind === 'long') cells = [...cells, 'extra'];
    const line = cells.join(d);
    out.push(line);
    if (l.kind !== 'short' && l.kind !== 'long') prev = line;
    if (price !== 'n/a') sum += qty * Number(price);
  }
  if (g.total) out.push(['Total', '', '', '', '', sum.toFixed(2)].join(d));
  return out.join(g.eol) + g.eol;
}

function encode(text: string, e: Gen['encoding']): Uint8Array {
  if (e === 'utf-16le') {
    const b = new Uint8Array(2 + text.length * 2);
    b[0] = 0xff;
    b[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      b[2 + 2 * i] = c & 0xff;
      b[3 + 2 * i] = c >> 8;
    }
    return b;
  }
  if (e === 'windows-1252') return Uint8Array.from(text, (ch) => (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 0x3f));
  const u = new TextEncoder().encode(text);
  return e === 'utf-8-bom' ? new Uint8Array([0xef, 0xbb, 0xbf, ...u]) : u;
}

test('random exports load with counts that add up, or are refused with words', async () => {
  let loaded = 0;
  await fc.assert(
    fc.asyncProperty(fileArb, async (g) => {
      const bytes = encode(build(g), g.encoding);
      let read;
      try {
        read = await readSources(nodeReadHost(db), [{ name: 'export.csv', blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) }]);
        const adopted = await adoptStaged(db);
        const a = await analyse(db, adopted.profile, adopted.mapping, DEFAULT_RULES);
        const q = a.clean.quality;
        loaded++;
        // every line below the header is a row, a rejected row or a skipped (total) line; blank lines aside
        const ragged = g.lines.filter((l) => l.kind === 'short' || l.kind === 'long').length;
        expect(read.rejected).toBe(ragged);
        expect(read.rows).toBe(g.lines.length - ragged);
        expect(read.sources[0]!.skipped.filter((s) => /total/i.test(s.reason)).length).toBe(g.total ? 1 : 0);
        // every row is clean or dropped by exactly one rule
        expect(q.rows_in).toBe(read.rows);
        expect(q.rows_clean + q.bad_date + q.duplicates + q.missing_amount + q.returns_rows + q.zero_rows + q.purchases_returned_rows).toBe(q.rows_in);
      } catch (e) {
        if (e instanceof ReadRefusal || e instanceof DatasetError) {
          expect(e.title.length).toBeGreaterThan(3);
          expect(e.message.length).toBeGreaterThan(10);
          return;
        }
        throw e;
      }
    }),
    { numRuns: 40, seed: 14 },
  );
  expect(loaded).toBeGreaterThan(20);
}, 120_000);
