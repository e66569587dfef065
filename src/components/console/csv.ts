// A query result as a CSV Blob, written in slices: each slice of rows becomes one string
// part of the Blob and the page gets the event loop back between slices, so a
// half-million-row export neither builds one giant string nor freezes the page.
import { abortError } from '../../errors';
import type { Table } from 'apache-arrow';
import { csvCell } from '../../export/csv';
import { plainValue, resultColumns } from './cells';

/** One field: formula-looking text made inert and RFC 4180 quoting (src/export/csv.ts). */
export const csvField = (s: string): string => csvCell(s);

/** The CSV text of rows [from, to) of a table, one `\n`-terminated line per row. */
export function csvRows(table: Table, from: number, to: number): string {
  const cols = resultColumns(table.schema.fields);
  const vectors = cols.map((_, i) => table.getChildAt(i));
  const lines: string[] = [];
  for (let r = from; r < to; r++) {
    const cells = new Array<string>(cols.length);
    for (let c = 0; c < cols.length; c++) {
      const v = vectors[c]?.get(r) as unknown;
      cells[c] = v === null || v === undefined ? '' : csvField(plainValue(cols[c] as (typeof cols)[number], v));
    }
    lines.push(cells.join(','));
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** The header line of a table's CSV. */
export function csvHeader(table: Table): string {
  return `${table.schema.fields.map((f) => csvField(f.name)).join(',')}\n`;
}

/** Writes a whole table as a CSV Blob, reporting rows written; stops with an AbortError when the signal fires. */
export async function csvBlob(table: Table, onProgress: (rows: number) => void = () => undefined, signal?: AbortSignal, slice = 20_000): Promise<Blob> {
  const parts: string[] = [csvHeader(table)];
  for (let from = 0; from < table.numRows; from += slice) {
    if (signal?.aborted) {
      throw abortError();
    }
    const to = Math.min(table.numRows, from + slice);
    parts.push(csvRows(table, from, to));
    onProgress(to);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}
