// Test helpers for the CSV shape layer: plan a read from bytes the way the loader does
// (head/tail slices), transcode when needed, read with DuckDB (Node build), drop the footer rows.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvReadOptions, planCsvRead, type CsvPlan } from '../../../src/pipeline/read/plan';
import { HEAD_BYTES, TAIL_BYTES } from '../../../src/pipeline/read/text-shape';
import { transcodeToUtf8 } from '../../../src/pipeline/read/transcode';
import { clearRejectsSql, deleteFooterSql, readCsvSql, rejectedRowsSql } from '../../../src/sql/load';
import type { TestDb } from '../../helpers/duckdb';

const dir = mkdtempSync(join(tmpdir(), 'csv-shape-'));
let n = 0;

/** UTF-8 bytes of a string. */
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** UTF-16 LE bytes with BOM. */
export function utf16le(s: string, bom = true): Uint8Array {
  const b = Buffer.from(s, 'utf16le');
  return new Uint8Array(bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), b]) : b);
}
/** UTF-16 BE bytes with BOM. */
export function utf16be(s: string, bom = true): Uint8Array {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return new Uint8Array(bom ? Buffer.concat([Buffer.from([0xfe, 0xff]), le]) : le);
}
/** Windows-1252 bytes of a string (ASCII plus the few non-ASCII characters the tests use). */
export function cp1252(s: string): Uint8Array {
  const map: Record<string, number> = { '€': 0x80, '£': 0xa3, é: 0xe9, ü: 0xfc, ä: 0xe4, ö: 0xf6, ß: 0xdf, '–': 0x96, '’': 0x92, 'Œ': 0x8c };
  return new Uint8Array([...s].map((c) => (c.charCodeAt(0) < 128 ? c.charCodeAt(0) : (map[c] ?? 0x3f))));
}

/** The plan for a whole file given as bytes, cut into head and tail as the loader does. */
export function planOf(bytes: Uint8Array, name = 'test.csv') {
  const head = bytes.subarray(0, HEAD_BYTES);
  const tail = bytes.length > HEAD_BYTES ? bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)) : null;
  return planCsvRead(head, tail, bytes.length, name);
}

/** Writes bytes to a temp file and returns its path. */
export function tempFile(bytes: Uint8Array, ext = '.csv'): string {
  const p = join(dir, `f${n++}${ext}`);
  writeFileSync(p, bytes);
  return p;
}

export interface ReadResult {
  plan: CsvPlan;
  rows: Record<string, string | null>[];
  columns: string[];
  rejected: { line: number; text: string; reason: string }[];
}

/** Plans, transcodes, reads with DuckDB and deletes footer rows; throws when the plan is a refusal. */
export async function readPlanned(db: TestDb, bytes: Uint8Array, name = 'test.csv'): Promise<ReadResult> {
  const r = planOf(bytes, name);
  if ('refusal' in r) throw new Error(`refused: ${r.refusal.title}`);
  const plan = r.plan;
  const data = plan.needsTranscode ? await transcodeToUtf8(new Blob([bytes as Uint8Array<ArrayBuffer>]), plan.encoding) : bytes;
  const path = tempFile(data);
  await db.exec(clearRejectsSql());
  await db.exec(readCsvSql(path, 't', csvReadOptions(plan)));
  await db.exec(deleteFooterSql('t', plan.footerRows));
  const t = await db.query('SELECT * FROM t');
  const columns = t.schema.fields.map((f) => f.name);
  const rows = t.toArray().map((x) => x.toJSON() as Record<string, string | null>);
  const rej = await db.query(rejectedRowsSql({ excludeText: plan.footerText }));
  const rejected = rej.toArray().map((x) => {
    const o = x.toJSON() as { line: bigint | number; text: string; reason: string };
    return { line: Number(o.line), text: o.text, reason: o.reason };
  });
  return { plan, rows, columns, rejected };
}

/** Sum of a column parsed as a plain or decimal-comma number. */
export function sumOf(rows: Record<string, string | null>[], col: string): number {
  let s = 0;
  for (const r of rows) {
    const v = r[col];
    if (v == null || v === '') continue;
    s += Number(v.replace(/\s/g, '').replace(',', '.'));
  }
  return Math.round(s * 100) / 100;
}
