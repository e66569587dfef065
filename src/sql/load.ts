// Reading a registered CSV (or .csv.gz) into a raw table. Every column is read as text:
// the raw table keeps the file exactly as written, so exact-duplicate detection compares
// what the user sees, and typing happens in one visible step (src/sql/mapping.ts).
// Ragged rows (too few or too many fields) are never padded or shifted: DuckDB keeps them
// out and records them, with line and raw text, in a rejects table (store_rejects).
import { ident, literal } from './ident';

/** The rejects tables readCsvSql writes unless told otherwise (DuckDB makes them TEMPORARY). */
export const REJECTS_TABLE = 'csv_rejects';
export const REJECTS_SCAN = 'csv_rejects_scan';

/** Options for reading a CSV (from a read plan: src/pipeline/read/plan.ts). */
export interface CsvReadOptions {
  /** Character encoding: utf-8 after transcoding (latin-1/utf-16 are DuckDB's own, kept for the old fallback). */
  encoding?: 'utf-8' | 'latin-1' | 'utf-16';
  /** Rows before the header row (title/preamble lines): DuckDB counts CSV records, blank lines included, a quoted field spanning lines once. */
  skip?: number;
  /** Field separator; detected by DuckDB when absent. */
  delimiter?: string;
  /** Quote character (default: detected; '"' in plans) and the escape inside quotes ('"' = doubled quotes). */
  quote?: string;
  escape?: string;
  /** Line end, when known: DuckDB's new_line option. */
  newLine?: 'LF' | 'CRLF' | 'CR';
  /** Pad rows that have fewer fields with empty cells instead of rejecting them (only when the file omits trailing empty fields throughout). */
  padShortRows?: boolean;
  /** Names of the rejects tables (default csv_rejects / csv_rejects_scan); false reads without recording rejects (rows that do not fit stop the read). */
  rejects?: { table: string; scan: string } | false;
  /** Keep only the rows matching this predicate over the file's columns (a customer sample: src/sql/sample.ts). */
  where?: string;
  /** Read at most this many rows (a probe of the first rows). */
  limit?: number;
}

const NEW_LINE = { LF: '\\n', CRLF: '\\r\\n', CR: '\\r' } as const;

/** CREATE TABLE `target` from a registered CSV file, all columns VARCHAR, header row required, ragged rows rejected into the rejects table. */
export function readCsvSql(fileName: string, target: string, options: CsvReadOptions = {}): string {
  const opts: string[] = ['all_varchar = true', 'header = true'];
  if (options.skip && options.skip > 0) opts.push(`skip = ${Math.floor(options.skip)}`);
  if (options.delimiter !== undefined) opts.push(`delim = ${literal(options.delimiter)}`);
  if (options.quote !== undefined) opts.push(`quote = ${literal(options.quote)}`);
  if (options.escape !== undefined) opts.push(`escape = ${literal(options.escape)}`);
  if (options.newLine) opts.push(`new_line = ${literal(NEW_LINE[options.newLine])}`);
  opts.push(`null_padding = ${options.padShortRows ? 'true' : 'false'}`);
  const rej = options.rejects === undefined ? { table: REJECTS_TABLE, scan: REJECTS_SCAN } : options.rejects;
  if (rej) opts.push(`store_rejects = true, rejects_table = ${literal(rej.table)}, rejects_scan = ${literal(rej.scan)}`);
  if (options.encoding && options.encoding !== 'utf-8') opts.push(`encoding = ${literal(options.encoding)}`);
  const where = options.where ? ` WHERE ${options.where}` : '';
  const limit = options.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(options.limit))}` : '';
  return `CREATE OR REPLACE TABLE ${target} AS SELECT * FROM read_csv(${literal(fileName)}, ${opts.join(', ')})${where}${limit}`;
}

/** Drops the rejects tables before a new read (DuckDB appends to them across reads). */
export function clearRejectsSql(table = REJECTS_TABLE, scan = REJECTS_SCAN): string {
  return `DROP TABLE IF EXISTS ${ident(table)}; DROP TABLE IF EXISTS ${ident(scan)}`;
}

/** Plain-words reason for each DuckDB reject error type. */
const REASONS: [string, string][] = [
  ['MISSING COLUMNS', 'too few fields'],
  ['TOO MANY COLUMNS', 'too many fields'],
  ['UNQUOTED VALUE', 'a quote in the middle of a field'],
  ['LINE SIZE OVER MAXIMUM', 'the line is too long'],
  ['INVALID UNICODE', 'characters that are not valid text'],
  ['INVALID ENCODING', 'characters that are not valid text'],
  ['CAST', 'a value that does not fit its column'],
];

/**
 * The rows the last read rejected: line (1-based, in the file as read), raw text, reason in plain words.
 * `excludeText` leaves out raw lines already explained otherwise (footer lines). Reads the latest scan only.
 */
export function rejectedRowsSql(options: { table?: string; scan?: string; excludeText?: readonly string[] } = {}): string {
  const t = ident(options.table ?? REJECTS_TABLE);
  const s = ident(options.scan ?? REJECTS_SCAN);
  const reason = `CASE ${REASONS.map(([k, v]) => `WHEN r.error_type = ${literal(k)} THEN ${literal(v)}`).join(' ')} ELSE 'the line does not fit the table' END`;
  // DuckDB's csv_line of a CRLF file can start with the LF of the line before: trimmed
  const text = `trim(r.csv_line, chr(13) || chr(10))`;
  const exclude = options.excludeText?.length ? ` AND ${text} NOT IN (${options.excludeText.map((x) => literal(x)).join(', ')})` : '';
  const fields = `regexp_extract(r.error_message, 'Expected Number of Columns: (\\d+) Found: (\\d+)', ['expected', 'found'])`;
  return (
    `SELECT r.line::BIGINT AS line, ${text} AS text, ${reason} || CASE WHEN ${fields}.found <> '' THEN ' (' || ${fields}.found || ' instead of ' || ${fields}.expected || ')' ELSE '' END AS reason` +
    ` FROM ${t} r WHERE r.scan_id = (SELECT max(scan_id) FROM ${s})${exclude}` +
    // DuckDB records one reject per error; a line with two errors is listed once
    ` QUALIFY row_number() OVER (PARTITION BY r.line ORDER BY r.column_idx) = 1 ORDER BY r.line`
  );
}

/** Deletes the last `count` rows (insertion order) of a freshly read table: footer/total lines that had the full field count. */
export function deleteFooterSql(table: string, count: number): string {
  const n = Math.max(0, Math.floor(count));
  if (n === 0) return `SELECT 0 AS deleted`;
  return `DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} ORDER BY rowid DESC LIMIT ${n})`;
}
