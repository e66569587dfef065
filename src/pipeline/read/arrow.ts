// Decoded columns (Excel, Parquet, JSON readers) as an Arrow table, the form DuckDB takes
// typed data in: Utf8 → VARCHAR, Float64 → DOUBLE, Int64 → BIGINT, Timestamp (µs, no zone)
// → TIMESTAMP, Bool → BOOLEAN. Built column by column into typed buffers (no row objects),
// and serialised to IPC stream bytes to cross from a reader worker as a transferable.
import { Bool, Float64, Int64, Table, TimestampMicrosecond, Utf8, makeBuilder, makeData, makeVector, tableToIPC, type DataType, type Vector } from 'apache-arrow';
import type { ColumnData, ColumnType, DecodedTable } from './types';

// Timestamps go in as microseconds: DuckDB maps Arrow timestamp[ms] to TIMESTAMP_MS, timestamp[us] to TIMESTAMP.
const arrowType = (t: ColumnType): DataType => {
  switch (t) {
    case 'double':
      return new Float64();
    case 'bigint':
      return new Int64();
    case 'timestamp':
      return new TimestampMicrosecond();
    case 'boolean':
      return new Bool();
    default:
      return new Utf8();
  }
};

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

function timestampVector(vals: readonly unknown[]): Vector {
  const n = vals.length;
  const data = new BigInt64Array(n);
  const nullBitmap = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const us = toMicros(vals[i]);
    if (us === null) nulls++;
    else {
      data[i] = us;
      nullBitmap[i >> 3] |= 1 << (i & 7);
    }
  }
  return makeVector(makeData({ type: new TimestampMicrosecond(), length: n, nullCount: nulls, nullBitmap: nulls ? nullBitmap : undefined, data }));
}

/** One decoded column as an Arrow vector of its declared type (null stays null; a value that does not fit becomes null). */
export function columnToVector(c: ColumnData): Vector {
  const type = arrowType(c.type);
  const b = makeBuilder({ type, nullValues: [null, undefined] });
  const vals = c.values;
  switch (c.type) {
    case 'double':
      for (const v of vals) b.append(toDouble(v));
      break;
    case 'bigint':
      for (const v of vals) b.append(toBigInt(v));
      break;
    case 'timestamp':
      // the builder takes epoch milliseconds and multiplies (fractions would throw): fill the µs buffer directly
      return timestampVector(vals);
    case 'boolean':
      for (const v of vals) b.append(v === null || v === undefined ? null : Boolean(v));
      break;
    default:
      // an empty string is a missing value, as the CSV reader has it (an empty cell is NULL there)
      for (const v of vals) b.append(v === null || v === undefined || v === '' ? null : typeof v === 'string' ? v : String(v));
  }
  return b.finish().toVector();
}

/** The decoded table as an Arrow table, columns in order, names as decoded. */
export function decodedToArrow(t: DecodedTable): Table {
  const vectors: Record<string, Vector> = {};
  for (const c of t.columns) vectors[c.name] = columnToVector(c);
  return new Table(vectors);
}

/** The decoded table as Arrow IPC stream bytes (for a worker to transfer, and DuckDB's insertArrowFromIPCStream). */
export function decodedToIpc(t: DecodedTable): Uint8Array {
  return tableToIPC(decodedToArrow(t), 'stream');
}
