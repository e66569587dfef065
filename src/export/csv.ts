// CSV export of any table the page shows: RFC 4180 quoting, header row, `\n` lines.

/** A column of an exported table: which field, and its header text. */
export interface CsvColumn {
  key: string;
  label: string;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  return /[",\n\r]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Serialises rows to CSV text with the given columns (raw values, not display formats). */
export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly CsvColumn[]): string {
  const lines = [columns.map((c) => cell(c.label)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => cell(r[c.key])).join(','));
  return lines.join('\n') + '\n';
}
