// Reading one or several files into the table `raw_next`, whatever their format:
//   1. sniff each file's format and size from its first and last bytes (format.ts): a hopeless
//      file is refused before anything reads it
//   2. CSV (plain or gzip): plan the read from the first megabytes (encoding, delimiter,
//      header row, footer lines; text-shape.ts), transcode to UTF-8 when needed, check a gzip
//      stream is complete, then DuckDB reads it; ragged rows go to `rejected_rows`
//   3. Excel, Parquet, JSON: decoded in JS (a worker in the browser) into Arrow, inserted typed
//   4. several files: appended by column name with a `source_file` column; columns that not
//      every file has are listed
// The host gives what differs between the browser and Node: how a file is registered, how a
// decode runs (worker or in-process), progress. Every step observes the host's signal.
import { abortError } from '../../engine/connector';
import type { Connector } from '../../engine/connector';
import { toRows } from '../../engine/rows';
import { ident, literal } from '../../sql/ident';
import { byteSize, sniffFormat, type FileFormat } from './format';
import type { DecodedFormat, DecodedMeta, DecodeOptions } from './decode';
import { ReadRefusal } from './refusal';
import { gunzipBlob, gunzipHead } from './gunzip';
import { bytesOf } from './bytes';
import type { ReadNote, SkippedLine, SourceFormat } from './types';
import { readCsvSource } from './csv';
import { HEAD_BYTES } from './text-shape';

/** A file to read: a Blob (a browser File, a fetched buffer, or a Node file blob) and the name shown. */
export interface Source {
  name: string;
  blob: Blob;
}

/** Choices a user can override per file. */
export interface SourceOptions extends DecodeOptions {
  /** Header row as a 1-based line number (CSV) or row number (Excel). */
  headerRow?: number;
  /** Analyse a compressed file that ends early anyway (with the rows it holds). */
  allowTruncated?: boolean;
  /** Read every purchase of 1 in N customers only (CSV beyond the engine's memory: src/pipeline/memory.ts). */
  sampleEvery?: number;
}

/** What the environment provides to the reader. */
export interface ReadHost {
  /** A connector on the database being built; its queries observe `signal`. */
  conn: Connector;
  signal: AbortSignal;
  /** Makes a Blob or bytes readable by DuckDB under a fresh name ending in `ext`; returns the name. */
  registerFile(source: Blob | Uint8Array, ext: string): Promise<string>;
  /** Forgets a registered file (after its table is built). */
  forgetFile(name: string): void;
  /** Runs the statement that reads a registered file, reporting DuckDB's progress (0–100). */
  readFile(sql: string, onProgress: (pct: number) => void): Promise<void>;
  /** Decodes an Excel, Parquet or JSON file into Arrow IPC bytes (in a worker in the browser). */
  decode(file: Blob, format: DecodedFormat, options: DecodeOptions): Promise<{ ipc: Uint8Array; meta: DecodedMeta }>;
  /** Creates `table` from Arrow IPC stream bytes. */
  insertArrow(table: string, ipc: Uint8Array): Promise<void>;
  /** Shows what is happening (label, and bytes done of total when known). */
  progress(label: string, done: number, total: number): void;
  /** The engine's memory limit in bytes, which decides when a sample is offered (default: DuckDB-WASM's in a tab). */
  memoryLimit?: number;
}

/** What reading one file found. */
export interface SourceReport {
  name: string;
  size: number;
  format: SourceFormat;
  /** Rows that reached the table. */
  rows: number;
  /** Rows kept out because their field count did not match the header (CSV), or lines that were not valid JSON. */
  rejected: number;
  notes: ReadNote[];
  skipped: SkippedLine[];
  /** Excel: every sheet with its table size, and the one read. */
  sheets?: { name: string; rows: number; columns: number }[];
  sheet?: string;
  /** The header's 1-based line (CSV) or row (Excel) number, when the file has one. */
  headerRow?: number;
  /** Set when a compressed file ended early and the user chose to analyse what it holds. */
  truncated?: boolean;
  /** Set when only 1 in `every` customers were read (by the raw column `column`). */
  sample?: { every: number; column: string };
}

/** What reading all files found. */
export interface ReadReport {
  sources: SourceReport[];
  /** Several files: columns that only some of them have (empty in the others' rows). */
  unmatched: { column: string; files: string[] }[];
  rows: number;
  rejected: number;
}

/** The table of rows kept out, with file, line and reason: the user can see and download it. */
export const REJECTED_TABLE = 'rejected_rows';


function abortIfNeeded(signal: AbortSignal): void {
  if (signal.aborted) throw abortError();
}

/** Reads every source into `target` (default raw_next) and `rejected_rows`; throws ReadRefusal with words for the user. */
export async function readSources(host: ReadHost, sources: Source[], options: SourceOptions[] = [], target = 'raw_next'): Promise<ReadReport> {
  if (sources.length === 0) throw new ReadRefusal('No file was given', 'Choose one or more files to load.');
  await host.conn.exec(`CREATE OR REPLACE TABLE ${REJECTED_TABLE} (source_file VARCHAR, line BIGINT, reason VARCHAR, text VARCHAR)`);
  // sniff every file first: one hopeless file among several is refused before any is read
  const formats: FileFormat[] = [];
  // the first megabytes of each file: read once, for the format and (CSV) the read plan
  const heads: Uint8Array[] = [];
  sources = [...sources];
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i]!;
    const size = s.blob.size;
    const head = await bytesOf(s.blob, 0, Math.min(size, HEAD_BYTES));
    const tail = await bytesOf(s.blob, Math.max(0, size - 8), size);
    let f = sniffFormat(head, s.name, size, tail);
    if (f.kind === 'csv' && f.gzip) {
      // what the gzip holds: CSV goes to DuckDB packed; JSON is unpacked for the JSON reader
      const innerHead = await gunzipHead(s.blob, 64 * 1024);
      // sized by its head only: the packed size was judged from the gzip trailer above
      const inner = sniffFormat(innerHead, s.name.replace(/\.gz$/i, ''), Math.max(1, innerHead.length));
      if (inner.kind === 'json') {
        sources[i] = { name: s.name, blob: await gunzipBlob(s.blob).catch(() => {
          throw new ReadRefusal('The file ends early', `“${s.name}” is a compressed file that stops in the middle (cut off during download or copying). Download or export it again.`);
        }) };
        f = inner;
      } else if (inner.kind !== 'csv') {
        f = inner.kind === 'rejected' ? inner : { kind: 'rejected', title: 'This compressed file holds a format the app reads only unpacked', message: `Unpack “${s.name}” and load the file inside.` };
      }
    }
    if (f.kind === 'rejected') throw new ReadRefusal(f.title, sources.length > 1 ? `${f.message} (The other files were not loaded either.)` : f.message);
    formats.push(f);
    heads.push(head);
  }
  const reports: SourceReport[] = [];
  const parts: string[] = [];
  try {
    for (let i = 0; i < sources.length; i++) {
      abortIfNeeded(host.signal);
      const part = sources.length === 1 ? target : `raw_part_${i + 1}`;
      parts.push(part);
      reports.push(await readOne(host, sources[i]!, formats[i]!, options[i] ?? {}, part, i, heads[i]!, sources.length));
    }
    const unmatched = sources.length > 1 ? await combine(host.conn, parts, sources.map((s) => s.name), target) : [];
    const rejected = reports.reduce((n, r) => n + r.rejected, 0);
    return { sources: reports, unmatched, rows: reports.reduce((n, r) => n + r.rows, 0), rejected };
  } finally {
    if (sources.length > 1) for (const p of parts) await host.conn.exec(`DROP TABLE IF EXISTS ${p}`).catch(() => undefined);
  }
}

async function readOne(host: ReadHost, source: Source, format: FileFormat, options: SourceOptions, table: string, index: number, head: Uint8Array, count: number): Promise<SourceReport> {
  if (format.kind === 'csv') return readCsvSource(host, source, format.gzip, options, table, index, format.gzip ? undefined : head, count === 1);
  if (format.kind === 'rejected') throw new ReadRefusal(format.title, format.message);
  const decoded: DecodedFormat = format.kind === 'json' ? (format.ndjson ? 'ndjson' : 'json') : format.kind;
  const words = { xlsx: 'workbook', parquet: 'Parquet file', json: 'JSON', ndjson: 'JSON lines' }[decoded];
  host.progress(`Reading the ${words} ${source.name} (${byteSize(source.blob.size)})`, 0, 0);
  const { ipc, meta } = await host.decode(source.blob, decoded, { sheet: options.sheet, headerRow: options.headerRow });
  abortIfNeeded(host.signal);
  if (meta.rows === 0 || meta.columnNames.length === 0) {
    throw new ReadRefusal('The file has no data rows', `“${source.name}” holds no table rows${meta.sheet ? ` on the sheet “${meta.sheet}”` : ''}. Export the data again with its rows, then load it.`);
  }
  host.progress(`Storing ${meta.rows.toLocaleString('en-US')} rows of ${source.name}`, 0, 0);
  await host.conn.exec(`DROP TABLE IF EXISTS ${table}`);
  await host.insertArrow(table, ipc);
  const bad = meta.skipped.filter((s) => /not valid|rejected|could not/i.test(s.reason));
  if (bad.length) {
    const values = bad.map((s) => `(${literal(source.name)}, ${s.line}, ${literal(s.reason)}, ${literal(s.text.slice(0, 2000))})`).join(', ');
    await host.conn.exec(`INSERT INTO ${REJECTED_TABLE} VALUES ${values}`);
  }
  const format2: SourceFormat = decoded;
  return {
    name: source.name,
    size: source.blob.size,
    format: format2,
    rows: meta.rows,
    rejected: bad.length,
    notes: meta.notes,
    skipped: meta.skipped.filter((s) => !bad.includes(s)),
    sheets: meta.sheets,
    sheet: meta.sheet,
    ...(meta.headerRow !== undefined ? { headerRow: meta.headerRow } : {}),
  };
}

/** The name of the column saying which file a row came from (`source_file`, or `source_file_2` … when a file has one). */
export function sourceColumn(columns: string[]): string {
  const taken = new Set(columns.map((c) => c.toLowerCase()));
  let name = 'source_file';
  for (let i = 2; taken.has(name); i++) name = `source_file_${i}`;
  return name;
}

/** Appends the parts by column name into `target` with a source-file column; returns the columns only some files have. */
async function combine(conn: Connector, parts: string[], names: string[], target: string): Promise<{ column: string; files: string[] }[]> {
  const columnsOf: string[][] = [];
  for (const p of parts) {
    const rows = toRows(await conn.query(`SELECT column_name FROM duckdb_columns() WHERE table_name = ${literal(p)} AND database_name = current_database() ORDER BY column_index`));
    columnsOf.push(rows.map((r) => String(r.column_name)));
  }
  const all = new Map<string, { column: string; files: Set<number> }>();
  columnsOf.forEach((cols, i) => {
    for (const c of cols) {
      const key = c.trim().toLowerCase();
      const e = all.get(key) ?? { column: c, files: new Set<number>() };
      e.files.add(i);
      all.set(key, e);
    }
  });
  const col = sourceColumn([...all.values()].map((e) => e.column));
  const selects = parts.map((p, i) => {
    // columns are matched by name, ignoring case and surrounding spaces; each file's name is its own
    const cols = columnsOf[i]!.map((c) => `${ident(c)} AS ${ident(all.get(c.trim().toLowerCase())!.column)}`).join(', ');
    return `SELECT ${cols}, ${literal(names[i]!)} AS ${ident(col)} FROM ${p}`;
  });
  await conn.exec(`CREATE OR REPLACE TABLE ${target} AS ${selects.join(' UNION ALL BY NAME ')}`);
  return [...all.values()]
    .filter((e) => e.files.size < parts.length)
    .map((e) => ({ column: e.column, files: [...e.files].sort((a, b) => a - b).map((i) => names[i]!) }));
}
