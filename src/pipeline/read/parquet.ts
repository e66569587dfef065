// Parquet → DecodedTable with hyparquet (pure JS) and its decompressors (snappy, gzip, zstd,
// brotli, lz4). The file is read by slices (footer first, then one column chunk at a time),
// so a large Blob is never copied whole. Types come from the file's schema, not from the values:
//   BOOLEAN → boolean; INT32/INT64 → bigint; FLOAT/DOUBLE/DECIMAL/FLOAT16 → double (a float
//   column of whole ids such as 13085.0 stays double: the mapping step strips the .0);
//   TIMESTAMP (ms/µs/ns, INT96) and DATE → timestamp as naive wall-clock time (a UTC-adjusted
//   instant is shown as its UTC time, as pandas and DuckDB without ICU do); strings, enums,
//   JSON, UUID, TIME → text. Structs are flattened to dotted names (customer.id), lists and
//   maps become JSON text.
import { abortError } from '../../engine/connector';
import { parquetMetadataAsync, parquetSchema, parquetScan, type AsyncBuffer, type FileMetaData, type SchemaTree } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { ReadRefusal } from './refusal';
import type { ColumnData, ColumnType, DecodedTable, ReadNote } from './types';

/** The part of a Blob/File the reader uses (slices read on demand). */
export interface BlobLike {
  size: number;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** Options of readParquet. */
export interface ParquetReadOptions {
  /** Checked between column chunks: an aborted signal stops the read with an AbortError. */
  signal?: AbortSignal;
  /** Called after each row group with the rows read so far and the file's row count. */
  onProgress?: (rows: number, total: number) => void;
}

// pandas writes a non-default row index as a column of this name: row numbers, not data
const PANDAS_INDEX = /^__index_level_\d+__$/;

/** A hyparquet AsyncBuffer over a Blob: every read is a slice of the file, nothing is copied whole. */
export function blobAsyncBuffer(blob: BlobLike): AsyncBuffer {
  return { byteLength: blob.size, slice: (start, end) => blob.slice(start, end).arrayBuffer() };
}

const decoder = new TextDecoder();

// values as the Arrow step takes them: epoch milliseconds (fractions kept) for times, text for JSON
const PARSERS = {
  timestampFromMilliseconds: (ms: bigint): number => Number(ms),
  timestampFromMicroseconds: (us: bigint): number => Number(us) / 1000,
  timestampFromNanoseconds: (ns: bigint): number => Number(ns / 1000n) / 1000,
  dateFromDays: (days: number): number => days * 86_400_000,
  jsonFromBytes: (b: Uint8Array | undefined): string | undefined => b && decoder.decode(b),
};

type Value = string | number | bigint | boolean | null;

/** How one output column is found and typed: a top-level column and, inside a struct, the path to the field. */
interface OutColumn {
  name: string;
  top: string;
  path: string[];
  type: ColumnType;
  /** Lists and maps: the value as JSON text. */
  json: boolean;
  /** TIME of day: a number of ms/µs/ns as HH:MM:SS text. */
  time?: 'MILLIS' | 'MICROS' | 'NANOS';
  values: Value[];
}

// The decoded type of a leaf, from its physical, converted and logical types.
function leafType(t: SchemaTree): { type: ColumnType; time?: OutColumn['time'] } {
  const e = t.element;
  const lt = e.logical_type;
  const ct = e.converted_type;
  if (lt?.type === 'TIMESTAMP' || ct === 'TIMESTAMP_MILLIS' || ct === 'TIMESTAMP_MICROS' || e.type === 'INT96') return { type: 'timestamp' };
  if (lt?.type === 'DATE' || ct === 'DATE') return { type: 'timestamp' };
  if (lt?.type === 'TIME') return { type: 'text', time: lt.unit };
  if (ct === 'TIME_MILLIS') return { type: 'text', time: 'MILLIS' };
  if (ct === 'TIME_MICROS') return { type: 'text', time: 'MICROS' };
  if (lt?.type === 'DECIMAL' || ct === 'DECIMAL' || lt?.type === 'FLOAT16') return { type: 'double' };
  switch (e.type) {
    case 'BOOLEAN':
      return { type: 'boolean' };
    case 'INT32':
    case 'INT64':
      return { type: 'bigint' };
    case 'FLOAT':
    case 'DOUBLE':
      return { type: 'double' };
    default:
      return { type: 'text' };
  }
}

const isList = (t: SchemaTree): boolean => {
  const e = t.element;
  return e.converted_type === 'LIST' || e.converted_type === 'MAP' || e.converted_type === 'MAP_KEY_VALUE' || e.logical_type?.type === 'LIST' || e.logical_type?.type === 'MAP' || e.repetition_type === 'REPEATED';
};

// Output columns of one top-level field: itself, or its struct fields flattened with dots.
function plan(t: SchemaTree, top: string, path: string[], name: string, out: OutColumn[]): void {
  if (isList(t) || t.element.logical_type?.type === 'VARIANT') {
    out.push({ name, top, path, type: 'text', json: true, values: [] });
  } else if (t.children.length > 0) {
    for (const c of t.children) plan(c, top, [...path, c.element.name], `${name}.${c.element.name}`, out);
  } else {
    out.push({ name, top, path, ...leafType(t), json: false, values: [] });
  }
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
function timeText(v: unknown, unit: NonNullable<OutColumn['time']>): string | null {
  if (v === null || v === undefined) return null;
  const per = unit === 'MILLIS' ? 1 : unit === 'MICROS' ? 1000 : 1_000_000;
  const ms = Number(v) / per;
  if (!Number.isFinite(ms)) return null;
  const s = Math.floor(ms / 1000);
  const frac = ms - s * 1000;
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}${frac ? '.' + pad(Math.round(frac), 3) : ''}`;
}

const jsonText = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  return JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? (Number.isSafeInteger(Number(x)) ? Number(x) : x.toString()) : x instanceof Uint8Array ? Array.from(x) : x));
};

// One cell as the column's type wants it (the Arrow step coerces the rest).
function cell(c: OutColumn, v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (c.json) return jsonText(v);
  if (c.time) return timeText(v, c.time);
  switch (c.type) {
    case 'timestamp':
      return v instanceof Date ? v.getTime() : Number(v);
    case 'double':
      return typeof v === 'number' ? v : Number(v);
    case 'bigint':
      return typeof v === 'bigint' ? (v >= -(2n ** 63n) && v < 2n ** 63n ? v : Number(v)) : Number(v);
    case 'boolean':
      return Boolean(v);
    default:
      if (typeof v === 'string') return v;
      if (v instanceof Uint8Array) return Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('');
      if (typeof v === 'object') return jsonText(v);
      return String(v);
  }
}

const dig = (v: unknown, path: readonly string[]): unknown => {
  let x = v;
  for (const k of path) {
    if (x === null || x === undefined || typeof x !== 'object') return null;
    x = (x as Record<string, unknown>)[k];
  }
  return x;
};

const refuseNotParquet = (): never => {
  throw new ReadRefusal('This is not a Parquet file', 'The file does not start and end with the Parquet marker (PAR1), so it is not a Parquet file or it was cut short. Check the file or download it again; a CSV or Excel export of the same data also works.');
};

async function checkMagic(file: AsyncBuffer): Promise<void> {
  if (file.byteLength < 12) refuseNotParquet();
  const head = new Uint8Array(await file.slice(0, 4));
  const tail = new Uint8Array(await file.slice(file.byteLength - 4, file.byteLength));
  const magic = (b: Uint8Array): string => String.fromCharCode(...b);
  if (magic(head) === 'PARE' || magic(tail) === 'PARE') {
    throw new ReadRefusal('Encrypted Parquet file', 'This Parquet file is encrypted, and the app cannot read encrypted Parquet. Export it again without encryption, or as CSV.');
  }
  if (magic(head) !== 'PAR1' || magic(tail) !== 'PAR1') refuseNotParquet();
}

const aborted = (signal?: AbortSignal): void => {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : abortError();
};

/** Reads a Parquet file (Blob/File read by slices, an ArrayBuffer, or a hyparquet AsyncBuffer) into typed columns. */
export async function readParquet(source: BlobLike | ArrayBuffer | AsyncBuffer, options: ParquetReadOptions = {}): Promise<DecodedTable> {
  const file: AsyncBuffer = source instanceof ArrayBuffer ? source : 'byteLength' in source ? source : blobAsyncBuffer(source);
  await checkMagic(file);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file, { parsers: PARSERS });
  } catch {
    throw new ReadRefusal('The Parquet file is damaged', 'Its footer (the part that lists the columns) could not be read: the file may be cut short or corrupt. Download or export it again.');
  }
  const rows = Number(metadata.num_rows);
  const tree = parquetSchema(metadata);
  const out: OutColumn[] = [];
  const notes: ReadNote[] = [];
  const index = tree.children.filter((t) => PANDAS_INDEX.test(t.element.name)).map((t) => t.element.name);
  if (index.length) notes.push({ topic: 'Row index left out', decision: `“${index.join('”, “')}” not read`, why: 'pandas stores its row numbers under this name; they are not data' });
  for (const t of tree.children) if (!PANDAS_INDEX.test(t.element.name)) plan(t, t.element.name, [], t.element.name, out);
  const flattened = tree.children.filter((t) => !isList(t) && t.children.length > 0).map((t) => t.element.name);
  if (flattened.length) notes.push({ topic: 'Nested fields', decision: `flattened ${flattened.map((n) => `“${n}”`).join(', ')} into dotted column names`, why: 'these columns hold groups of fields; each field became a column of its own' });
  const lists = out.filter((c) => c.json).map((c) => c.name);
  if (lists.length) notes.push({ topic: 'Lists', decision: `kept ${lists.map((n) => `“${n}”`).join(', ')} as JSON text`, why: 'these columns hold lists or maps, which have no single value per row' });

  const scan = await parquetScan({ file, metadata, compressors, parsers: PARSERS });
  const byTop = new Map<string, OutColumn[]>();
  for (const c of out) byTop.set(c.top, [...(byTop.get(c.top) ?? []), c]);
  const failed = new Map<string, string>();
  for (const c of out) c.values = new Array<Value>(rows).fill(null);
  for (const range of scan.ranges) {
    for (const [top, cols] of byTop) {
      aborted(options.signal);
      if (failed.has(top)) continue;
      let data: ArrayLike<unknown>;
      try {
        data = (await scan.readColumn({ column: top, rowStart: range.rowStart, rowEnd: range.rowEnd })) as ArrayLike<unknown>;
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        if (/not supported|unsupported/i.test(msg)) {
          failed.set(top, msg);
          continue;
        }
        throw new ReadRefusal('The Parquet file could not be read', `Reading column “${top}” failed: the file may be damaged or use a feature the app does not read (${msg}). Export it again, or as CSV.`);
      }
      const n = Math.min(data.length, range.rowEnd - range.rowStart);
      for (const c of cols) {
        const vals = c.values;
        const nested = c.path.length > 0;
        for (let i = 0; i < n; i++) vals[range.rowStart + i] = cell(c, nested ? dig(data[i], c.path) : data[i]);
      }
    }
    options.onProgress?.(range.rowEnd, rows);
  }
  for (const [top, msg] of failed) notes.push({ topic: 'Column left out', decision: `“${top}” was not read`, why: `its Parquet type is not supported (${msg})` });
  const kept = out.filter((c) => !failed.has(c.top));
  const seen = new Set<string>();
  const columns: ColumnData[] = kept.map((c) => {
    let name = c.name;
    for (let i = 2; seen.has(name); i++) name = `${c.name} (${i})`;
    seen.add(name);
    return { name, type: c.type, values: c.values };
  });
  if (columns.length === 0) throw new ReadRefusal('The Parquet file has no columns the app can read', 'No column of this file could be read. Export it again with plain columns (text, numbers, dates), or as CSV.');
  return { columns, rows, notes, skipped: [] };
}
