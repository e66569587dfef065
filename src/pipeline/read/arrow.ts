// Decoded columns (Excel, Parquet, JSON readers) as an Arrow table, the form DuckDB takes
// typed data in: Utf8 → VARCHAR, Float64 → DOUBLE, Int64 → BIGINT, Timestamp (µs, no zone)
// → TIMESTAMP, Bool → BOOLEAN. Built column by column into typed buffers (no row objects),
// and serialised to IPC stream bytes to cross from a reader worker as a transferable.
import { Bool, Float64, Int64, Table, TimestampMicrosecond, Utf8, makeData, makeVector, tableToIPC, type Vector } from 'apache-arrow';
import type { ColumnData, DecodedTable } from './types';

// Timestamps go in as microseconds: DuckDB maps Arrow timestamp[ms] to TIMESTAMP_MS, timestamp[us] to TIMESTAMP.
const toBigInt = (v: unknown): bigint | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v;
  const n = Number(v);
  return Number.isFinite(n) ? BigInt(Math.trunc(n)) : null;
};
const toDouble = (v: unknown): number | null => {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isNaN(n) && typeof v !== 'number' ? null : n;
};
const toMicros = (v: unknown): bigint | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v * 1000n;
  const ms = Number(v);
  if (!Number.isFinite(ms)) return null;
  // milliseconds may carry a fraction (microsecond timestamps): keep it
  return BigInt(Math.round(ms * 1000));
};

// Columns are written straight into Arrow buffers (values + validity bitmap): the generic builders
// cost ~8 s per million rows of eight columns, these well under one.
class Validity {
  readonly bits: Uint8Array;
  nulls = 0;
  constructor(n: number) {
    this.bits = new Uint8Array((n + 7) >> 3);
  }
  set(i: number): void {
    this.bits[i >> 3] |= 1 << (i & 7);
  }
  get bitmap(): Uint8Array | undefined {
    return this.nulls ? this.bits : undefined;
  }
}

function fixedVector(c: ColumnData): Vector {
  const vals = c.values;
  const n = vals.length;
  const valid = new Validity(n);
  if (c.type === 'double') {
    const data = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = toDouble(vals[i]);
      if (v === null) valid.nulls++;
      else {
        data[i] = v;
        valid.set(i);
      }
    }
    return makeVector(makeData({ type: new Float64(), length: n, nullCount: valid.nulls, nullBitmap: valid.bitmap, data }));
  }
  if (c.type === 'boolean') {
    const data = new Uint8Array((n + 7) >> 3);
    for (let i = 0; i < n; i++) {
      const v = vals[i];
      if (v === null || v === undefined) valid.nulls++;
      else {
        if (v) data[i >> 3] |= 1 << (i & 7);
        valid.set(i);
      }
    }
    return makeVector(makeData({ type: new Bool(), length: n, nullCount: valid.nulls, nullBitmap: valid.bitmap, data }));
  }
  // bigint and timestamp (µs): 64-bit integers
  const data = new BigInt64Array(n);
  const conv = c.type === 'timestamp' ? toMicros : toBigInt;
  for (let i = 0; i < n; i++) {
    const v = conv(vals[i]);
    if (v === null) valid.nulls++;
    else {
      data[i] = v;
      valid.set(i);
    }
  }
  const common = { length: n, nullCount: valid.nulls, nullBitmap: valid.bitmap, data };
  return c.type === 'timestamp' ? makeVector(makeData({ type: new TimestampMicrosecond(), ...common })) : makeVector(makeData({ type: new Int64(), ...common }));
}

const encoder = new TextEncoder();

function textVector(vals: ColumnData['values']): Vector {
  const n = vals.length;
  const valid = new Validity(n);
  const offsets = new Int32Array(n + 1);
  let bytes = new Uint8Array(Math.max(1024, n * 16));
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const raw = vals[i];
    // an empty string is a missing value, as the CSV reader has it (an empty cell is NULL there)
    if (raw === null || raw === undefined || raw === '') {
      valid.nulls++;
      offsets[i + 1] = pos;
      continue;
    }
    const s = typeof raw === 'string' ? raw : String(raw);
    // worst case 3 bytes per UTF-16 unit
    if (pos + s.length * 3 > bytes.length) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, pos + s.length * 3));
      grown.set(bytes.subarray(0, pos));
      bytes = grown;
    }
    let ascii = true;
    for (let k = 0; k < s.length; k++) {
      const ch = s.charCodeAt(k);
      if (ch > 127) {
        ascii = false;
        break;
      }
      bytes[pos + k] = ch;
    }
    pos += ascii ? s.length : (encoder.encodeInto(s, bytes.subarray(pos)).written ?? 0);
    if (pos > 0x7fffffff) throw new RangeError('a text column holds more than 2 GB');
    offsets[i + 1] = pos;
    valid.set(i);
  }
  return makeVector(makeData({ type: new Utf8(), length: n, nullCount: valid.nulls, nullBitmap: valid.bitmap, valueOffsets: offsets, data: bytes.subarray(0, pos) }));
}

/** One decoded column as an Arrow vector of its declared type (null stays null; a value that does not fit becomes null). */
export function columnToVector(c: ColumnData): Vector {
  return c.type === 'text' ? textVector(c.values) : fixedVector(c);
}

/** The decoded table as an Arrow table, columns in order, names as decoded. */
export function decodedToArrow(t: DecodedTable): Table {
  // no prototype: a column named __proto__ would otherwise replace it and every column be lost (issue 16)
  const vectors = Object.create(null) as Record<string, Vector>;
  for (const c of t.columns) vectors[c.name] = columnToVector(c);
  return new Table(vectors);
}

/** The decoded table as Arrow IPC stream bytes (for a worker to transfer, and DuckDB's insertArrowFromIPCStream). */
export function decodedToIpc(t: DecodedTable): Uint8Array {
  return tableToIPC(decodedToArrow(t), 'stream');
}
