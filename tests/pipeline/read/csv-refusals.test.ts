// Hopeless files are refused before DuckDB sees them, fast, with a message naming the problem
// and what to do; and a truncated .csv.gz is caught before any figure is shown.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkGzip } from '../../../src/pipeline/read/gzip-check';
import { planCsvRead } from '../../../src/pipeline/read/plan';
import { HEAD_BYTES } from '../../../src/pipeline/read/text-shape';
import { readCsvSql } from '../../../src/sql/load';
import { openTestDb, type TestDb } from '../../helpers/duckdb';
import { planOf, tempFile, utf8 } from './csv-helpers';

const refusal = (b: Uint8Array, name = 'x.csv') => {
  const r = planOf(b, name);
  if (!('refusal' in r)) throw new Error('expected a refusal');
  return r.refusal;
};

describe('refusals', () => {
  test('a 30 MB single line is refused from its first 4 MB (the plan never sees the rest)', () => {
    const size = 30 * 1024 * 1024;
    const head = new Uint8Array(HEAD_BYTES).fill(0x61); // "aaaa…": the loader reads only this slice
    const tail = new Uint8Array(64 * 1024).fill(0x61);
    const r = planCsvRead(head, tail, size, 'one-line.csv');
    expect('refusal' in r && r.refusal.title).toBe('A line is too long to be a table row');
    expect('refusal' in r && r.refusal.message).toMatch(/no line break in its first 4\.0 MB/);
  });
  test('a line over 2 MB after a normal header is refused', () => {
    const b = new Uint8Array(3 * 1024 * 1024 + 20).fill(0x62);
    b.set(utf8('a,b\n1,2\n'));
    b[b.length - 1] = 0x0a;
    expect(refusal(b).message).toMatch(/has a line of 3\.0 MB/);
  });
  test('a 50,000-column header is refused quickly', () => {
    const header = Array.from({ length: 50_000 }, (_, i) => `col${i}`).join(',');
    const t0 = performance.now();
    const r = refusal(utf8(header + '\n' + header.replace(/col/g, '') + '\n'));
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(r.title).toBe('Too many columns');
    expect(r.message).toContain('50,000 columns');
  });
  test('binary content: an image renamed .csv, NUL bytes, control characters', () => {
    expect(refusal(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'photo.csv').message).toContain('a PNG image');
    expect(refusal(new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x00, 0x01, 0x02, 0x0a])).title).toBe('This is not a text file');
    expect(refusal(new Uint8Array(Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? 0x05 : 0x41)))).message).toContain('control characters');
  });
  test('empty file', () => {
    expect(planCsvRead(new Uint8Array(0), null, 0, 'e.csv')).toMatchObject({ refusal: { title: 'The file is empty' } });
  });
  test('header only: a plan with the header, nothing skipped', () => {
    const r = planOf(utf8('Invoice,Customer,Amount\n'));
    expect('plan' in r && r.plan.columns).toBe(3);
    expect('plan' in r && r.plan.skip).toBe(0);
  });
});

describe('gzip completeness', () => {
  const csv = 'id,c,amt\n' + Array.from({ length: 20_000 }, (_, i) => `${i},c${i % 97},${(i * 1.5).toFixed(2)}`).join('\n') + '\n';
  const gz = gzipSync(Buffer.from(csv));
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  }, 60_000);
  afterAll(() => db?.close());

  test('a whole file is complete, with its byte and line counts and head/tail for the sniffer', async () => {
    const r = await checkGzip(new Blob([gz]));
    expect(r).toMatchObject({ complete: true, bytes: csv.length, lines: 20_001 });
    expect(new TextDecoder().decode(r.head.subarray(0, 9))).toBe('id,c,amt\n');
    expect(new TextDecoder().decode(r.tail).endsWith('19999,c17,29998.50\n')).toBe(true);
  });
  test('a file cut in half: not complete, says it ends early, with how much was read', async () => {
    const r = await checkGzip(new Blob([gz.subarray(0, gz.length >> 1)]));
    expect(r.complete).toBe(false);
    if (r.complete) return;
    expect(r.reason).toBe('the compressed file ends early (an incomplete download or copy)');
    expect(r.bytesRead).toBeGreaterThan(0);
    expect(r.bytesRead).toBeLessThan(csv.length);
    expect(r.linesRead).toBeLessThan(20_001);
  });
  test('a damaged stream is not complete; a valid multi-member gzip is', async () => {
    const bad = Buffer.from(gz);
    bad[200] ^= 0xff;
    const r = await checkGzip(new Blob([bad]));
    expect(r.complete).toBe(false);
    const multi = Buffer.concat([gzipSync(Buffer.from('a,b\n1,2\n')), gzipSync(Buffer.from('3,4\n'))]);
    expect(await checkGzip(new Blob([multi]))).toMatchObject({ complete: true, bytes: 12, lines: 3 });
  });
  test('the fflate path (used when Chromium refuses a multi-member gzip as "junk") gives the same verdicts', async () => {
    expect(await checkGzip(new Blob([gz]), undefined, 1024, 1024, 'fflate')).toMatchObject({ complete: true, bytes: csv.length, lines: 20_001 });
    const half = await checkGzip(new Blob([gz.subarray(0, gz.length >> 1)]), undefined, 1024, 1024, 'fflate');
    expect(half).toMatchObject({ complete: false, reason: 'the compressed file ends early (an incomplete download or copy)' });
    const multi = Buffer.concat([gzipSync(Buffer.from('a,b\n1,2\n')), gzipSync(Buffer.from('3,4\n'))]);
    expect(await checkGzip(new Blob([multi]), undefined, 1024, 1024, 'fflate')).toMatchObject({ complete: true, bytes: 12, lines: 3 });
  });
  test('DuckDB itself reads a truncated .csv.gz without an error (hence the check above)', async () => {
    const path = tempFile(new Uint8Array(gz.subarray(0, gz.length >> 1)), '.csv.gz');
    await db.exec(readCsvSql(path, 't', { delimiter: ',' }));
    const n = Number((await db.query('SELECT count(*) AS n FROM t')).toArray()[0].n);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(20_000);
  });
});
