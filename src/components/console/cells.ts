// How a result column's values look: on screen (thousands separators, ISO dates, NULL
// apart) and in CSV (plain numbers, ISO dates). Arrow hands DATE/TIMESTAMP over as epoch
// milliseconds, BIGINT as bigint and TIME as a count of its unit; DuckDB-WASM has no
// time zones, so every instant is formatted in UTC.
import { Type, type DataType, type Field } from 'apache-arrow';

/** What a column holds, for formatting and charting. */
export type CellKind = 'int' | 'float' | 'date' | 'timestamp' | 'time' | 'bool' | 'text' | 'nested' | 'other';

/** The kind of an Arrow type. */
export function cellKind(type: DataType): CellKind {
  switch (type.typeId) {
    case Type.Int:
      return 'int';
    case Type.Float:
    case Type.Decimal:
      return 'float';
    case Type.Date:
      return 'date';
    case Type.Timestamp:
      return 'timestamp';
    case Type.Time:
      return 'time';
    case Type.Bool:
      return 'bool';
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Dictionary:
      return 'text';
    case Type.List:
    case Type.FixedSizeList:
    case Type.Struct:
    case Type.Map:
      return 'nested';
    default:
      return 'other';
  }
}

/** A result column as the grid, chart and CSV writer see it. */
export interface ResultColumn {
  name: string;
  kind: CellKind;
  /** Short DuckDB-style type name for the header. */
  typeLabel: string;
  /** Divisor turning a TIME value into seconds. */
  timeScale: number;
}

const TIME_SCALE = [1, 1e3, 1e6, 1e9];

/** The columns of a result, in order. */
export function resultColumns(fields: readonly Field[]): ResultColumn[] {
  return fields.map((f) => {
    const t = f.type as DataType & { unit?: number };
    return { name: f.name, kind: cellKind(t), typeLabel: typeLabel(t), timeScale: t.typeId === Type.Time ? (TIME_SCALE[t.unit ?? 2] ?? 1e6) : 1 };
  });
}

/** A DuckDB-like name for an Arrow type (BIGINT, DOUBLE, VARCHAR, TIMESTAMP …). */
export function typeLabel(type: DataType): string {
  const t = type as DataType & { bitWidth?: number; isSigned?: boolean; precision?: number };
  switch (type.typeId) {
    case Type.Int: {
      const names: Record<number, string> = { 8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT' };
      const n = names[t.bitWidth ?? 32] ?? 'INTEGER';
      return t.isSigned === false ? `U${n}` : n;
    }
    case Type.Float:
      return t.precision === 2 ? 'DOUBLE' : t.precision === 1 ? 'FLOAT' : 'HALF';
    case Type.Decimal:
      return 'DECIMAL';
    case Type.Date:
      return 'DATE';
    case Type.Timestamp:
      return 'TIMESTAMP';
    case Type.Time:
      return 'TIME';
    case Type.Bool:
      return 'BOOLEAN';
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Dictionary:
      return 'VARCHAR';
    case Type.List:
    case Type.FixedSizeList:
      return 'LIST';
    case Type.Struct:
      return 'STRUCT';
    case Type.Map:
      return 'MAP';
    case Type.Binary:
      return 'BLOB';
    case Type.Interval:
      return 'INTERVAL';
    default:
      return String(type);
  }
}

/** True for kinds shown right-aligned. */
export const isNumeric = (k: CellKind): boolean => k === 'int' || k === 'float';

const intFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const floatFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** A non-null value as shown in the grid. */
export function displayValue(col: ResultColumn, v: unknown): string {
  switch (col.kind) {
    case 'int':
      return typeof v === 'bigint' || typeof v === 'number' ? intFmt.format(v) : String(v);
    case 'float': {
      const x = Number(v);
      if (!Number.isFinite(x)) return String(x);
      // very small magnitudes would round to 0 at six decimals
      return x !== 0 && Math.abs(x) < 1e-4 ? x.toExponential(3) : floatFmt.format(x);
    }
    default:
      return plainValue(col, v);
  }
}

/** A non-null value as written to CSV (no grouping separators, full precision). */
export function plainValue(col: ResultColumn, v: unknown): string {
  switch (col.kind) {
    case 'int':
    case 'float':
      return String(v);
    case 'date':
      return isoInstant(v, true);
    case 'timestamp':
      return isoInstant(v, false);
    case 'time':
      return timeOfDay(Number(v) / col.timeScale);
    case 'bool':
    case 'text':
      return String(v);
    case 'nested':
      return json(v);
    default:
      return v instanceof Uint8Array ? `\\x${[...v].map((b) => b.toString(16).padStart(2, '0')).join('')}` : String(v);
  }
}

/** Epoch ms as "2024-01-05" or "2024-01-05 13:45:01[.500]"; out-of-range values (±infinity) as given. */
export function isoInstant(v: unknown, dateOnly: boolean): string {
  const ms = typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.getTime() : Number(v);
  const d = new Date(ms);
  if (!Number.isFinite(ms) || Number.isNaN(d.getTime())) return String(v);
  const iso = d.toISOString();
  if (dateOnly) return iso.slice(0, 10);
  const frac = iso.slice(19, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac === '.000' ? '' : frac}`;
}

function timeOfDay(seconds: number): string {
  const whole = Math.floor(seconds);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const frac = seconds - whole;
  const base = `${pad(Math.floor(whole / 3600))}:${pad(Math.floor((whole % 3600) / 60))}:${pad(whole % 60)}`;
  return frac > 0 ? `${base}${frac.toFixed(6).slice(1).replace(/0+$/, '')}` : base;
}

function json(v: unknown): string {
  const value = typeof (v as { toJSON?: unknown })?.toJSON === 'function' ? (v as { toJSON(): unknown }).toJSON() : v;
  return JSON.stringify(value, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x)) ?? String(v);
}

/** A value for sorting and charting: numbers (dates as epoch ms), strings, or null. */
export function sortValue(col: ResultColumn, v: unknown): number | string | null {
  if (v === null || v === undefined) return null;
  switch (col.kind) {
    case 'int':
    case 'float':
    case 'date':
    case 'timestamp':
    case 'time':
      return Number(v);
    case 'bool':
      return v ? 1 : 0;
    default:
      return plainValue(col, v);
  }
}

/** The chart type of a column kind, or null for kinds a chart cannot use. */
export function chartType(kind: CellKind): 'number' | 'text' | 'date' | null {
  if (kind === 'int' || kind === 'float') return 'number';
  if (kind === 'date' || kind === 'timestamp') return 'date';
  if (kind === 'text' || kind === 'bool') return 'text';
  return null;
}
