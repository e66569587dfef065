// SQL expressions that turn raw VARCHAR cells into typed values, for the notations
// decided in src/mapping (numbers.ts, dates.ts). Unparseable cells become NULL (TRY_*),
// so a bad cell is counted by the cleaning rules instead of failing the load.
import type { DateDetection } from '../mapping/dates';
import { strptimeFormats } from '../mapping/dates';
import { decorationPattern, type NumberFormat } from '../mapping/numbers';
import { literal } from './ident';

/**
 * SQL turning a VARCHAR expression into DOUBLE for a number notation (mirrors parseNumber in
 * src/mapping/numbers.ts). The engine's own cast runs first; only the cells it cannot read
 * (currency, grouping, accounting negatives — or text, which ends NULL) take the regex path.
 */
export function numberSql(col: string, format: NumberFormat): string {
  // coalesce evaluates its second argument only on the rows where the first is NULL
  // A failing cast is expensive in the engine (~0.5 µs a cell), so each path is chosen to succeed on most cells:
  // plain columns try the engine's cast alone; the others first drop grouping, spaces and the commonest
  // signs with plain replace() (~3× cheaper than a regex); what is left (codes, accounting negatives, text) takes the regex.
  const paths =
    format === 'plain'
      ? [`TRY_CAST(${col} AS DOUBLE)`, decoratedNumberSql(col, 'grouped')]
      : [`TRY_CAST(${commonStrip(col, format)} AS DOUBLE)`, decoratedNumberSql(col, format)];
  const value = `coalesce(${paths.join(', ')})`;
  // the cast reads 'NaN' and 'inf': not amounts (the repeated expression is computed once by the engine)
  return `(CASE WHEN isfinite(${value}) THEN ${value} END)`;
}

// grouping mark, spaces and the commonest currency signs removed; a decimal comma turned into a point
function commonStrip(col: string, format: 'grouped' | 'decimal_comma'): string {
  let e = col;
  for (const ch of [format === 'decimal_comma' ? '.' : ',', ' ', '$', '€', '£']) e = `replace(${e}, ${literal(ch)}, '')`;
  return format === 'decimal_comma' ? `replace(${e}, ',', '.')` : e;
}

function decoratedNumberSql(col: string, format: 'grouped' | 'decimal_comma'): string {
  const t = `rtrim(${col})`;
  const negative = `${col} LIKE '%(%)%' OR (${t} LIKE '%-' AND ${t} NOT LIKE '%.-' AND ${t} NOT LIKE '%,-')`;
  let body = `regexp_replace(replace(${col}, chr(8722), '-'), ${literal(decorationPattern(format))}, '', 'g')`;
  if (format === 'decimal_comma') body = `replace(${body}, ',', '.')`;
  return `(CASE WHEN ${negative} THEN -1 ELSE 1 END * TRY_CAST(${body} AS DOUBLE))`;
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
