// CSV export of any table the page shows: RFC 4180 quoting, header row, `\n` lines. Every
// cell goes through csvCell, which also neutralises spreadsheet formula injection (OWASP):
// text from the data that starts with = + - @ tab or carriage return is prefixed with an
// apostrophe, so Excel, LibreOffice and Google Sheets show it as text instead of running it.
// Numbers (also numbers written as text, "-12.50") are left as they are.

/** A column of an exported table: which field, and its header text. */
export interface CsvColumn {
  key: string;
  label: string;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** One CSV field: empty for null, formula-looking text made inert, RFC 4180 quoting where needed. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  if (typeof v !== 'number' && typeof v !== 'bigint' && FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Serialises rows to CSV text with the given columns (raw values, not display formats). */
export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly CsvColumn[]): string {
  const lines = [columns.map((c) => csvCell(c.label)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c.key])).join(','));
  return lines.join('\n') + '\n';
}
