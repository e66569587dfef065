// From a sheet's cells to a table: find the header row (title rows above it skipped, via the
// shared header-row detector), drop footer/total rows, name the columns (unique, never empty),
// and give each column one type from its cells: all numbers → double, all dates → timestamp,
// all booleans → boolean, anything else → text (numbers and dates written out as text).
import { detectFooterRows, detectHeaderRow } from '../header-row';
import type { ColumnData, ColumnType, ReadNote, SkippedLine } from '../types';
import { formatTimeOfDay, formatTimestamp } from './dates';
import { Kind, valueAt, type ColumnStore, type SheetCells } from './sheet';

/** A number as text the way Excel shows it in a cell: no exponent, at most 15 significant digits (13085 → "13085", 1.5e-7 → "0.00000015"). */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const s = String(Number(n.toPrecision(15)));
  const e = s.indexOf('e');
  if (e < 0) return s;
  // expand d.ddde±x into plain digits
  const neg = s[0] === '-';
  const mant = s.slice(neg ? 1 : 0, e).replace('.', '');
  const dot = (s.indexOf('.') < 0 || s.indexOf('.') > e ? e - (neg ? 1 : 0) : s.indexOf('.') - (neg ? 1 : 0)) + Number(s.slice(e + 1));
  const body = dot <= 0 ? '0.' + '0'.repeat(-dot) + mant : dot >= mant.length ? mant + '0'.repeat(dot - mant.length) : mant.slice(0, dot) + '.' + mant.slice(dot);
  return (neg ? '-' : '') + body;
}

/** The text of one stored cell ('' when empty). */
export function cellText(value: string | number | boolean | null | undefined, kind: number): string {
  if (value === null || value === undefined) return '';
  switch (kind) {
    case Kind.NUMBER:
      return numberText(value as number);
    case Kind.DATE:
      return formatTimestamp(value as number);
    case Kind.TIME:
      return formatTimeOfDay(value as number);
    case Kind.BOOL:
      return value ? 'TRUE' : 'FALSE';
    default:
      return String(value);
  }
}

/** Column letters of a 0-based column index (0 → A, 27 → AB). */
export function columnLetters(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Header names made unique case-insensitively (DuckDB names are): empty → column_5, a repeat → Amount_2. */
export function uniqueNames(raw: string[]): { names: string[]; renamed: string[] } {
  const used = new Set<string>();
  const names: string[] = [];
  const renamed: string[] = [];
  raw.forEach((r, i) => {
    const base = r.replace(/\s+/g, ' ').trim() || `column_${i + 1}`;
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base}_${k}`;
    used.add(name.toLowerCase());
    names.push(name);
    if (name !== r) renamed.push(r.trim() === '' ? `column ${i + 1} has no name → "${name}"` : name === base ? `"${r}" → "${name}"` : `"${r.trim()}" repeated → "${name}"`);
  });
  return { names, renamed };
}

/** How many rows the header detector sees, and how many last rows the footer detector sees. */
const HEAD_ROWS = 100;
const FOOT_ROWS = 10;

/** The table a sheet holds: columns, row count, notes and the rows left out. */
export interface SheetTable {
  columns: ColumnData[];
  rows: number;
  notes: ReadNote[];
  skipped: SkippedLine[];
  /** The header's sheet row number (1-based, as Excel shows it). */
  headerRow: number;
}

/**
 * Builds the table from a sheet's cells. `headerRow` (1-based sheet row number, as Excel shows it)
 * overrides the detection: the first row at or below it that holds a value is the header.
 */
export function buildTable(cells: SheetCells, headerRow?: number): SheetTable {
  const notes: ReadNote[] = [];
  const skipped: SkippedLine[] = [];
  const { rows, rowNumbers, cols } = cells;
  const lineOf = (i: number) => rowNumbers[i] ?? i + 1;
  let minCol = cols.length;
  let maxCol = -1;
  cols.forEach((c, i) => {
    if (!c) return;
    if (i < minCol) minCol = i;
    if (i > maxCol) maxCol = i;
  });
  const rowCells = (i: number, colIdx: readonly number[]): string[] =>
    colIdx.map((c) => {
      const cs = cols[c];
      return cs ? cellText(valueAt(cs, i), cs.kinds[i] ?? 0) : '';
    });
  const sheetSpan: number[] = [];
  for (let c = minCol; c <= maxCol; c++) sheetSpan.push(c);

  // 1. the header row
  let h: number;
  if (headerRow !== undefined && Number.isFinite(headerRow)) {
    h = rowNumbers.findIndex((r) => r >= headerRow);
    if (h < 0) h = rows - 1;
    for (let i = 0; i < h; i++) skipped.push({ line: lineOf(i), text: trimJoin(rowCells(i, sheetSpan)), reason: 'above the chosen header row' });
    notes.push({ topic: 'Header row', decision: `row ${lineOf(h)} (chosen)`, why: h > 0 ? `${h} row${h > 1 ? 's' : ''} above it left out` : 'the first row with a value' });
  } else {
    const head: string[][] = [];
    for (let i = 0; i < Math.min(rows, HEAD_ROWS); i++) head.push(rowCells(i, sheetSpan));
    const guess = detectHeaderRow(head, lineOf);
    h = Math.max(0, Math.min(rows - 1, guess.index));
    skipped.push(...guess.skipped);
    if (h > 0 || guess.uncertain) notes.push({ topic: 'Header row', decision: `row ${lineOf(h)}${h > 0 ? ` (${h} row${h > 1 ? 's' : ''} above it skipped)` : ''}`, why: guess.why + (guess.uncertain ? ' — please check' : '') });
  }

  // 2. the columns of the table: those with a header or a value from the header row down
  const tableCols: number[] = [];
  for (let c = minCol; c <= maxCol; c++) {
    const cs = cols[c];
    if (!cs) continue;
    let used = false;
    for (let i = h; i < rows && !used; i++) if (cs.kinds[i]) used = true;
    if (used) tableCols.push(c);
  }

  // 3. footer rows (totals, "Generated by …") at the end
  const excluded = new Set<number>();
  const footStart = Math.max(h + 1, rows - FOOT_ROWS);
  if (rows > h + 1) {
    const last: string[][] = [];
    for (let i = footStart; i < rows; i++) last.push(rowCells(i, tableCols));
    const foot = detectFooterRows(last, tableCols.length, (i) => lineOf(footStart + i));
    const byLine = new Map<number, number>();
    for (let i = footStart; i < rows; i++) byLine.set(lineOf(i), i);
    for (const f of foot) {
      const i = byLine.get(f.line);
      if (i !== undefined) {
        excluded.add(i);
        skipped.push(f);
      }
    }
    if (foot.length) notes.push({ topic: 'Footer', decision: `${foot.length} row${foot.length > 1 ? 's' : ''} at the end left out`, why: foot.map((f) => `row ${f.line}: ${f.reason}`).join('; ') });
  }

  // 4. names
  const header = rowCells(h, tableCols);
  const { names, renamed } = uniqueNames(header);
  if (renamed.length) notes.push({ topic: 'Column names', decision: `${renamed.length} column${renamed.length > 1 ? 's' : ''} renamed`, why: renamed.join('; ') });

  // 5. values and types
  let dataRows: number[] | null = null; // null: the contiguous range h+1 … end
  let end = rows;
  while (end > h + 1 && excluded.has(end - 1)) end--;
  if ([...excluded].some((i) => i < end)) {
    dataRows = [];
    for (let i = h + 1; i < end; i++) if (!excluded.has(i)) dataRows.push(i);
  }
  const n = dataRows ? dataRows.length : Math.max(0, end - h - 1);
  const columns: ColumnData[] = tableCols.map((c, j) => buildColumn(names[j], cols[c]!, h + 1, end, dataRows, n));

  // 6. what a user should know
  const firstLine = lineOf(h);
  const lastLine = n > 0 ? lineOf(dataRows ? dataRows[dataRows.length - 1] : end - 1) : firstLine;
  const gaps = lastLine - firstLine - n;
  const blankInside = Math.max(0, gaps - [...excluded].filter((i) => i < end).length);
  if (blankInside > 0) notes.push({ topic: 'Blank rows', decision: `${blankInside} blank row${blankInside > 1 ? 's' : ''} inside the table left out`, why: `rows ${firstLine + 1}–${lastLine} hold ${n} rows with values` });
  const merged = cells.merges.filter((m) => mergeReachesRow(m, firstLine));
  const list = (m: string[]) => `${m.slice(0, 5).join(', ')}${m.length > 5 ? ', …' : ''}`;
  if (merged.length)
    notes.push({
      topic: 'Merged cells',
      decision: `${merged.length} merged range${merged.length > 1 ? 's' : ''} in the table (${list(merged)})`,
      why: 'a merged range keeps its value in its top-left cell only; the other cells of the range are read as empty',
    });
  else if (cells.merges.length)
    notes.push({ topic: 'Merged cells', decision: `merged title cells above the header (${list(cells.merges)})`, why: 'they are outside the table and left out with the rows above the header' });
  if (cells.errors > 0) notes.push({ topic: 'Error cells', decision: `${cells.errors} cell${cells.errors > 1 ? 's' : ''} with an Excel error (#N/A, #DIV/0! …) read as empty`, why: 'an error is not a value' });
  if (cells.noResult > 0)
    notes.push({
      topic: 'Formulas without results',
      decision: `${cells.noResult} formula cell${cells.noResult > 1 ? 's' : ''} read as empty`,
      why: 'the file holds the formulas but not their results (it was written by a program that does not calculate); open it in Excel or LibreOffice and save it again to store the results',
    });
  if (cells.outOfRange > 0) notes.push({ topic: 'Cells out of range', decision: `${cells.outOfRange} cells beyond column XFD ignored`, why: 'Excel sheets end at column XFD (16,384 columns)' });
  return { columns, rows: n, notes, skipped, headerRow: firstLine };
}

function trimJoin(fields: string[]): string {
  let e = fields.length;
  while (e > 0 && fields[e - 1] === '') e--;
  return fields.slice(0, e).join(',');
}

/** True when a merged range such as "A1:H1" ends at or below sheet row `row`. */
function mergeReachesRow(ref: string, row: number): boolean {
  const m = /(\d+)$/.exec(ref);
  return m !== null && Number(m[1]) >= row;
}

function buildColumn(name: string, cs: ColumnStore, from: number, to: number, pick: number[] | null, n: number): ColumnData {
  const { kinds } = cs;
  let nums = 0;
  let dates = 0;
  let times = 0;
  let bools = 0;
  let filled = 0;
  const count = (i: number) => {
    const k = kinds[i];
    if (!k) return;
    filled++;
    if (k === Kind.NUMBER) nums++;
    else if (k === Kind.DATE) dates++;
    else if (k === Kind.TIME) times++;
    else if (k === Kind.BOOL) bools++;
  };
  if (pick) for (const i of pick) count(i);
  else for (let i = from; i < to && i < kinds.length; i++) count(i);
  let type: ColumnType = 'text';
  if (filled > 0 && nums === filled) type = 'double';
  else if (filled > 0 && dates > 0 && dates + times === filled) type = 'timestamp';
  else if (filled > 0 && bools === filled) type = 'boolean';
  if ((type === 'double' || type === 'timestamp') && filled === n) {
    // no empty cell: an array of numbers only, which V8 stores unboxed (8 bytes a value, no object per cell)
    const nums: number[] = [];
    if (pick) for (let j = 0; j < n; j++) nums.push(cs.nums[pick[j]]);
    else for (let j = 0; j < n; j++) nums.push(cs.nums[from + j]);
    return { name, type, values: nums };
  }
  const out: (string | number | boolean | null)[] = new Array(n);
  const get = (i: number): string | number | boolean | null => {
    const k = i < kinds.length ? kinds[i] : 0;
    if (!k) return null;
    const v = valueAt(cs, i);
    return type === 'text' ? cellText(v, k) : v;
  };
  if (pick) for (let j = 0; j < n; j++) out[j] = get(pick[j]);
  else for (let j = 0; j < n; j++) out[j] = get(from + j);
  return { name, type, values: out };
}
