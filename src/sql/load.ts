// Reading a registered CSV (or .csv.gz) into a raw table. Every column is read as text:
// the raw table keeps the file exactly as written, so exact-duplicate detection compares
// what the user sees, and typing happens in one visible step (src/sql/mapping.ts).
import { literal } from './ident';

/** Options for reading a CSV. */
export interface CsvReadOptions {
  /** Character encoding; DuckDB reads utf-8, utf-16 and latin-1 without extensions. */
  encoding?: 'utf-8' | 'latin-1' | 'utf-16';
}

/** CREATE TABLE `target` from a registered CSV file, all columns VARCHAR, header row required. */
export function readCsvSql(fileName: string, target: string, options: CsvReadOptions = {}): string {
  const enc = options.encoding && options.encoding !== 'utf-8' ? `, encoding = ${literal(options.encoding)}` : '';
  return `CREATE OR REPLACE TABLE ${target} AS SELECT * FROM read_csv(${literal(fileName)}, all_varchar = true, header = true, null_padding = true${enc})`;
}
