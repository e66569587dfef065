// Arrow → plain rows for small results (KPIs, chart data). Large results stay Arrow.
import type { Table } from 'apache-arrow';

/** A result row with JS values: numbers (BIGINT/DECIMAL converted), strings, booleans, null; timestamps as epoch ms. */
export type Row = Record<string, number | string | boolean | null>;

function plain(v: unknown): number | string | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.getTime();
  // DECIMAL values arrive as Uint32Array-backed objects with a numeric valueOf
  if (typeof v === 'object' && v !== null && typeof (v as { valueOf(): unknown }).valueOf === 'function') {
    const p = (v as { valueOf(): unknown }).valueOf();
    if (typeof p === 'number' || typeof p === 'bigint') return Number(p);
  }
  return String(v);
}

/** Converts an Arrow table into an array of plain row objects. */
export function toRows(table: Table): Row[] {
  const fields = table.schema.fields.map((f) => f.name);
  const cols = fields.map((_, i) => table.getChildAt(i));
  const out: Row[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (let c = 0; c < fields.length; c++) row[fields[c] as string] = plain(cols[c]?.get(r));
    out[r] = row;
  }
  return out;
}

/** Returns one numeric column as a Float64Array (nulls become NaN). */
export function toFloat64(table: Table, name: string): Float64Array {
  const col = table.getChild(name);
  if (!col) throw new Error(`no column ${name} in result`);
  const out = new Float64Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const v = col.get(i) as unknown;
    out[i] = v === null || v === undefined ? Number.NaN : Number(v);
  }
  return out;
}
