// The sample generator, checked from the outside: run it as a child process, parse its
// CSV here (no generator internals imported) and check determinism, shape, consistency
// and the planted quality problems.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SCRIPT = new URL('../../scripts/generate-sample.mjs', import.meta.url).pathname;
const HEADER = 'Transaction_ID,User_Name,Age,Country,Product_Category,Product_Name,Quantity,Purchase_Amount,Payment_Method,Transaction_Date';
const ISO = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** One parsed data row, with its raw text for duplicate detection. */
interface Row {
  raw: string;
  id: string;
  user: string;
  age: string;
  country: string;
  category: string;
  product: string;
  quantity: number;
  amount: string;
  cents: number;
  payment: string;
  date: string;
}

/** Runs the generator; returns its stderr summary. */
function generate(out: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, [SCRIPT, '--out', out, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`generator failed (${r.status}): ${r.stderr}`);
  return r.stderr;
}

/** Splits one CSV line (RFC 4180 quoting; the generator writes no embedded newlines). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

function parse(text: string): { header: string; rows: Row[] } {
  expect(text.endsWith('\n')).toBe(true);
  expect(text.includes('\r')).toBe(false);
  const lines = text.slice(0, -1).split('\n');
  const header = lines[0] ?? '';
  const rows = lines.slice(1).map((raw) => {
    const f = splitCsvLine(raw);
    expect(f, raw).toHaveLength(10);
    const [id = '', user = '', age = '', country = '', category = '', product = '', qty = '', amount = '', payment = '', date = ''] = f;
    expect(amount, raw).toMatch(/^-?\d+\.\d{2}$/);
    expect(qty, raw).toMatch(/^-?\d+$/);
    const cents = (amount.startsWith('-') ? -1 : 1) * Math.round(Number(amount.replace('-', '')) * 100);
    return { raw, id, user, age, country, category, product, quantity: Number(qty), amount, cents, payment, date };
  });
  return { header, rows };
}

/** A real calendar timestamp in ISO `YYYY-MM-DD HH:MM:SS`. */
function isValidDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && h < 24 && mi < 60 && se < 60;
}

let dir = '';
let csvA = '';
let rows: Row[] = [];
let header = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gen-sample-'));
  generate(join(dir, 'a.csv'), '--rows', '2000');
  csvA = readFileSync(join(dir, 'a.csv'), 'utf8');
  ({ header, rows } = parse(csvA));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('generate-sample: determinism and format', () => {
  it('writes byte-identical output for the same arguments, different output for another seed', () => {
    generate(join(dir, 'b.csv'), '--rows', '2000');
    expect(readFileSync(join(dir, 'b.csv')).equals(Buffer.from(csvA))).toBe(true);
    generate(join(dir, 'c.csv'), '--rows', '2000', '--seed', 'another');
    const other = readFileSync(join(dir, 'c.csv'), 'utf8');
    expect(other).not.toBe(csvA);
    expect(other.split('\n', 1)[0]).toBe(HEADER);
  });

  it('writes deterministic gzip with no mtime or file name, holding the same CSV', () => {
    generate(join(dir, 'a.csv.gz'), '--rows', '2000');
    generate(join(dir, 'b.csv.gz'), '--rows', '2000');
    const gz = readFileSync(join(dir, 'a.csv.gz'));
    expect(readFileSync(join(dir, 'b.csv.gz')).equals(gz)).toBe(true);
    expect([gz[0], gz[1], gz[2]]).toEqual([0x1f, 0x8b, 8]);
    expect(gz[3]).toBe(0); // FLG: no FNAME, FCOMMENT, FEXTRA
    expect(gz.readUInt32LE(4)).toBe(0); // MTIME
    expect(gz[9]).toBe(0xff); // OS pinned to "unknown"
    expect(gunzipSync(gz).toString('utf8')).toBe(csvA);
  });

  it('has exactly the specified header and sensible size', () => {
    expect(header).toBe(HEADER);
    const ids = new Set(rows.filter((r) => r.id.startsWith('T')).map((r) => r.id));
    expect(ids.size).toBeGreaterThan(1800);
    expect(ids.size).toBeLessThan(2200);
    expect(rows.length / ids.size).toBeGreaterThan(1.3); // baskets of several lines
  });

  it('quotes fields holding commas or quotes', () => {
    expect(csvA).toContain('"Coffee Beans, 1kg"');
    expect(rows.some((r) => r.product.includes(','))).toBe(true);
    const raw = rows.find((r) => r.product.includes('"'));
    if (raw) expect(raw.raw).toMatch(/"[^"]*""/);
  });

  it('keeps rows sorted by date inside the requested range', () => {
    let prev = '';
    for (const r of rows) {
      if (!isValidDate(r.date)) continue;
      expect(r.date >= prev, `${r.raw} after ${prev}`).toBe(true);
      prev = r.date;
    }
    const valid = rows.filter((r) => isValidDate(r.date)).map((r) => r.date);
    expect(valid[0]?.startsWith('2024-01')).toBe(true);
    expect(valid.at(-1)?.startsWith('2025-12')).toBe(true);
  });

  it('honours --start and --end', () => {
    const out = join(dir, 'march.csv');
    generate(out, '--rows', '300', '--start', '2024-03-01', '--end', '2024-03-31');
    const { rows: march } = parse(readFileSync(out, 'utf8'));
    const valid = march.filter((r) => isValidDate(r.date));
    expect(valid.length).toBeGreaterThan(300);
    for (const r of valid) expect(r.date.slice(0, 7)).toBe('2024-03');
  });

  it('rejects bad options loudly', () => {
    expect(() => execFileSync(process.execPath, [SCRIPT, '--rows', 'many', '--out', join(dir, 'x.csv')], { stdio: 'pipe' })).toThrow(/invalid --rows/);
    expect(() => execFileSync(process.execPath, [SCRIPT, '--start', '2024-02-30', '--out', join(dir, 'x.csv')], { stdio: 'pipe' })).toThrow(/invalid --start/);
  });
});

describe('generate-sample: consistency of clean data', () => {
  it('gives every User_Name one Age (18–80) and one Country', () => {
    const seen = new Map<string, string>();
    for (const r of rows) {
      if (!r.user) continue;
      const key = `${r.age}|${r.country}`;
      expect(seen.get(r.user) ?? key, r.raw).toBe(key);
      seen.set(r.user, key);
      expect(Number(r.age)).toBeGreaterThanOrEqual(18);
      expect(Number(r.age)).toBeLessThanOrEqual(80);
    }
    expect(seen.size).toBeGreaterThan(50);
    for (const name of seen.keys()) expect(name).toMatch(/^[a-z][a-z0-9._]+$/);
  });

  it('prices every sale line as Quantity × the product’s unit price', () => {
    const unit = new Map<string, number>();
    let checked = 0;
    for (const r of rows) {
      if (!r.id.startsWith('T') || r.cents === 0) continue;
      expect(r.quantity, r.raw).toBeGreaterThan(0);
      const price = r.cents / r.quantity;
      const known = unit.get(r.product) ?? price;
      expect(Math.abs(r.cents - r.quantity * known), r.raw).toBeLessThanOrEqual(1);
      unit.set(r.product, known);
      checked++;
    }
    expect(checked).toBeGreaterThan(3000);
    expect(unit.size).toBeGreaterThan(80);
  });

  it('keeps one user, payment method and date per transaction', () => {
    const tx = new Map<string, Row>();
    for (const r of rows) {
      const first = tx.get(r.id);
      if (!first) {
        tx.set(r.id, r);
        continue;
      }
      expect([r.user, r.payment], r.raw).toEqual([first.user, first.payment]);
      if (isValidDate(r.date) && isValidDate(first.date)) expect(r.date, r.raw).toBe(first.date);
    }
  });
});

describe('generate-sample: planted quality problems', () => {
  it('repeats a few whole rows exactly (0.1–1%)', () => {
    const seen = new Set<string>();
    let dups = 0;
    for (const r of rows) {
      if (seen.has(r.raw)) dups++;
      seen.add(r.raw);
    }
    expect(dups).toBeGreaterThan(0);
    expect(dups / rows.length).toBeGreaterThan(0.001);
    expect(dups / rows.length).toBeLessThan(0.01);
  });

  it('has return lines (0.8–3%) that undo an earlier purchase of the same product', () => {
    const returns = rows.filter((r) => r.id.startsWith('R'));
    expect(returns.length / rows.length).toBeGreaterThan(0.008);
    expect(returns.length / rows.length).toBeLessThan(0.03);
    expect(new Set(returns.map((r) => r.id)).size).toBe(returns.length);
    for (const r of returns) {
      expect(r.quantity, r.raw).toBeLessThan(0);
      expect(r.cents, r.raw).toBeLessThan(0);
      expect(r.user, r.raw).not.toBe('');
      const sale = rows.find(
        (s) => s.id.startsWith('T') && s.user === r.user && s.product === r.product && s.quantity >= -r.quantity && s.cents > 0 && (s.date < r.date || !isValidDate(s.date)),
      );
      expect(sale, r.raw).toBeDefined();
      if (sale) expect(r.cents * sale.quantity).toBe(-sale.cents * -r.quantity);
    }
  });

  it('has a few unparseable dates, guest rows and zero-amount rows', () => {
    const bad = rows.filter((r) => !isValidDate(r.date));
    expect(bad.length).toBeGreaterThanOrEqual(1);
    expect(bad.length).toBeLessThanOrEqual(10);
    const guests = rows.filter((r) => r.user === '');
    expect(guests.length / rows.length).toBeGreaterThan(0.001);
    expect(guests.length / rows.length).toBeLessThan(0.02);
    for (const g of guests) expect(g.age, g.raw).toBe('');
    const zero = rows.filter((r) => r.cents === 0);
    expect(zero.length).toBeGreaterThanOrEqual(1);
    expect(zero.length).toBeLessThanOrEqual(10);
    for (const z of zero) expect([z.quantity, z.id[0]], z.raw).toEqual([1, 'T']);
  });
});
