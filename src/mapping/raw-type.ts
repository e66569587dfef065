// What a raw column's DuckDB type says about reading it. CSV columns arrive as VARCHAR and go
// through the text parsers (src/sql/parse.ts); columns decoded by the Excel, Parquet and JSON
// readers arrive typed, and a typed number or timestamp needs no parsing at all.

/** How a raw column is read: text to parse, whole or fractional numbers, times, or anything else (via its text). */
export type RawKind = 'text' | 'integer' | 'float' | 'time' | 'other';

const INTEGER = /^(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|INT[1248]?|LONG|SHORT)$/;
const FLOAT = /^(FLOAT[48]?|REAL|DOUBLE|DECIMAL(\(\d+\s*,\s*\d+\))?|NUMERIC(\(\d+\s*,\s*\d+\))?)$/;
// zoned timestamps are left to the text route: without ICU their cast to TIMESTAMP is not available everywhere
const TIME = /^(DATE|DATETIME|TIMESTAMP(_S|_MS|_NS)?|TIMESTAMP WITHOUT TIME ZONE)$/;

/** The kind of a DuckDB type name (from information_schema.columns.data_type); no type means text. */
export function rawKind(type: string | undefined): RawKind {
  if (type === undefined) return 'text';
  const t = type.trim().toUpperCase();
  if (t === 'VARCHAR' || t.startsWith('VARCHAR(') || t === 'TEXT' || t === 'STRING') return 'text';
  if (INTEGER.test(t)) return 'integer';
  if (FLOAT.test(t)) return 'float';
  if (TIME.test(t)) return 'time';
  return 'other';
}

/** True for a typed number column (its values need no number parsing). */
export const isNumericType = (type: string | undefined): boolean => {
  const k = rawKind(type);
  return k === 'integer' || k === 'float';
};
