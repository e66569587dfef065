// SQL expressions that turn raw VARCHAR cells into typed values, for the notations
// decided in src/mapping (numbers.ts, dates.ts). Unparseable cells become NULL (TRY_*),
// so a bad cell is counted by the cleaning rules instead of failing the load.
import type { DateDetection } from '../mapping/dates';
import { strptimeFormats } from '../mapping/dates';
import type { NumberFormat } from '../mapping/numbers';
import { literal } from './ident';

/** SQL turning a VARCHAR expression into DOUBLE for a number notation. */
export function numberSql(col: string, format: NumberFormat): string {
  // DuckDB's cast already ignores surrounding spaces
  if (format === 'plain') return `TRY_CAST(${col} AS DOUBLE)`;
  const sign = `(CASE WHEN trim(${col}) LIKE '(%)' THEN -1 ELSE 1 END)`;
  // currency words (EUR, TL, USD) go first: their letters would otherwise leave an "E" behind
  if (format === 'grouped') return `(${sign} * TRY_CAST(regexp_replace(regexp_replace(${col}, '[A-Za-z][A-Za-z.]+', '', 'g'), '[^0-9.eE+-]', '', 'g') AS DOUBLE))`;
  return `(${sign} * TRY_CAST(replace(regexp_replace(${col}, '[^0-9,+-]', '', 'g'), ',', '.') AS DOUBLE))`;
}

/** SQL turning a VARCHAR expression into TIMESTAMP for a date notation. */
export function dateSql(col: string, d: DateDetection): string {
  // ISO goes through DuckDB's own cast: fastest, accepts missing padding, 'T' and zones.
  // trim() only runs for the rare cells that fail untrimmed (coalesce short-circuits).
  if (d.family === 'iso') return `coalesce(TRY_CAST(${col} AS TIMESTAMP), TRY_CAST(trim(${col}) AS TIMESTAMP))`;
  const formats = `[${strptimeFormats(d).map(literal).join(', ')}]`;
  return `coalesce(try_strptime(${col}, ${formats}), try_strptime(trim(${col}), ${formats}))`;
}

/** SQL returning the largest first and second numeric part of a column (decides day/month order on all rows). */
export function datePartMaximaSql(table: string, col: string, sep: string): string {
  const s = sep.replace(/[.\\^$|?*+()[\]{}-]/g, '\\$&');
  const re = `^\\s*(\\d{1,2})${s}(\\d{1,2})${s}`;
  return `SELECT max(TRY_CAST(regexp_extract(${col}, ${literal(re)}, 1) AS INTEGER)) AS first_max,
  max(TRY_CAST(regexp_extract(${col}, ${literal(re)}, 2) AS INTEGER)) AS second_max FROM ${table}`;
}
