// What every reader (CSV, Excel, Parquet, JSON) hands on, whatever the format: either a
// registered text file DuckDB reads itself (CSV), or columns decoded in JS that become an
// Arrow table inserted into DuckDB (Excel, Parquet, JSON). Plus the notes a user sees on
// the Columns tab: what the reader had to guess, what it skipped and why.

/** The formats the loader reads. */
export type SourceFormat = 'csv' | 'xlsx' | 'parquet' | 'json' | 'ndjson';

/** The type a JS reader decoded a column to (Arrow/DuckDB type in brackets). */
export type ColumnType =
  | 'text' // Utf8 / VARCHAR
  | 'double' // Float64 / DOUBLE
  | 'bigint' // Int64 / BIGINT (values as number when safe, else bigint)
  | 'timestamp' // Timestamp(ms) / TIMESTAMP, naive wall-clock time (values as epoch milliseconds)
  | 'boolean'; // Bool / BOOLEAN

/** One decoded column; values.length is the row count; null is an empty cell. */
export interface ColumnData {
  name: string;
  type: ColumnType;
  values: (string | number | bigint | boolean | null)[];
}

/** A guess or a skip the reader made, shown to the user with a way to change it where there is one. */
export interface ReadNote {
  /** Short label: "Header row", "Encoding", "Sheet", "Skipped lines", "Footer", "Rejected rows", "Decimal comma" … */
  topic: string;
  /** What was decided, in words: "line 4 (3 title lines above it skipped)". */
  decision: string;
  /** Why, with the evidence: "lines 1–3 have 1 field, line 4 is the first of 8 fields like the rows below". */
  why: string;
}

/** One line (or spreadsheet row) the reader left out, with its 1-based line number in the file. */
export interface SkippedLine {
  line: number;
  text: string;
  reason: string;
  /** When the line number is unknown (0: a footer found in the last bytes of a large file), its place counted from the end (1 = last line). */
  fromEnd?: number;
}

/** A table decoded in JS (Excel, Parquet, JSON): columns plus what the reader noticed. */
export interface DecodedTable {
  columns: ColumnData[];
  rows: number;
  notes: ReadNote[];
  /** Lines above the header and footer/total lines below the data that were left out. */
  skipped: SkippedLine[];
  /** Excel only: every sheet with the size of its table, and the one read. */
  sheets?: { name: string; rows: number; columns: number; hidden?: boolean }[];
  sheet?: string;
  /** Excel only: the header's sheet row number (1-based), which the user may change. */
  headerRow?: number;
}
