// The CSV read plan the loader follows: how to decode the file and the read_csv options,
// from sniffText's shape; or the refusal to show instead. Pure (no engine).
import type { CsvReadOptions } from '../../sql/load';
import { sniffText, type Delimiter, type LineEnding, type Refusal, type TextEncoding } from './text-shape';
import type { ReadNote, SkippedLine } from './types';

/** Everything needed to read a CSV right: transcode first when needsTranscode, then read_csv with csvReadOptions(plan). */
export interface CsvPlan {
  encoding: TextEncoding;
  /** True when the file must be converted to UTF-8 (transcode.ts) before DuckDB reads it. */
  needsTranscode: boolean;
  /** Records before the header row (DuckDB's skip: a quoted field spanning lines counts once, blank lines count). */
  skip: number;
  delimiter: Delimiter;
  quote: '"';
  escape: '"';
  lineEnding: LineEnding;
  /** Columns in the header row. */
  columns: number;
  /** Footer lines with the full field count: read by DuckDB as rows, deleted after the read (deleteFooterSql). */
  footerRows: number;
  /** Raw text of all footer lines (those with another field count land in the rejects table; leave them out of "rejected rows"). */
  footerText: string[];
  notes: ReadNote[];
  /** Lines above the header and footer lines, left out, with reasons. */
  skipped: SkippedLine[];
  /** True when the header guess is weak (show it and offer the override). */
  uncertain: boolean;
  /** Read rows with fewer fields padded with empty cells (the file leaves out trailing empty fields throughout); else they are rejected. */
  padShortRows: boolean;
}

/** Decides how to read a CSV from its first bytes (HEAD_BYTES), last bytes (TAIL_BYTES, or null), size and name. */
export function planCsvRead(head: Uint8Array, tail: Uint8Array | null, size: number, name: string): { refusal: Refusal } | { plan: CsvPlan } {
  let r: ReturnType<typeof sniffText>;
  try {
    r = sniffText(head, tail, size, name);
  } catch {
    return { refusal: { title: 'The file could not be read as a table', message: `“${name}” does not look like a CSV file. Export the data as CSV (comma or semicolon separated, one row per line) and load it again.` } };
  }
  if ('refusal' in r) return r;
  const s = r.shape;
  return {
    plan: {
      encoding: s.encoding,
      needsTranscode: s.encoding !== 'utf-8' && s.encoding !== 'utf-8-bom',
      skip: s.skip,
      delimiter: s.delimiter,
      quote: '"',
      escape: '"',
      lineEnding: s.lineEnding,
      columns: s.columns,
      footerRows: s.footerRowsInTable,
      footerText: s.footer.map((f) => f.text),
      notes: s.notes,
      skipped: s.skipped,
      uncertain: s.header.uncertain,
      padShortRows: s.padShortRows,
    },
  };
}

/** The read_csv options for a plan (the file as DuckDB sees it: UTF-8 after transcoding). */
export function csvReadOptions(plan: CsvPlan, override: { skip?: number } = {}): CsvReadOptions {
  return {
    skip: override.skip ?? plan.skip,
    delimiter: plan.delimiter,
    quote: plan.quote,
    escape: plan.escape,
    encoding: 'utf-8',
    padShortRows: plan.padShortRows,
  };
}
