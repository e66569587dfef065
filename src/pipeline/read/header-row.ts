// Finding the header row in the first rows of a table-shaped file (CSV lines split into
// fields, or spreadsheet rows): title/preamble lines above it and total/footer lines below
// the data are left out, with a reason each. Shared by the CSV and the Excel readers.
import type { SkippedLine } from './types';

/** Where the table starts: the 0-based index of the header row in `rows`, and the rows above it that are left out. */
export interface HeaderGuess {
  index: number;
  skipped: SkippedLine[];
  /** Why this row, in words (for the Columns tab). */
  why: string;
  /** True when the evidence was weak (the user should check). */
  uncertain: boolean;
}

/** How many rows above the header are searched (title blocks are short; a longer one is not a preamble). */
const MAX_PREAMBLE = 40;
/** How many rows below a candidate are looked at to learn the table's width. */
const BELOW = 30;

const filled = (row: readonly string[]): number => row.reduce((n, c) => n + (String(c ?? '').trim() !== '' ? 1 : 0), 0);
const isBlank = (row: readonly string[]): boolean => filled(row) === 0;

/** A number as exports write it: 1234, -1.5, $1,234.50, €12,50, 1 234,50, (12.00), 12.00-, 45%. */
const NUMBER = /^[(+-]?\s*[$€£¥₹]?\s*[+-]?\d[\d\s.,'’]*\s*[$€£¥₹%]?\s*[)-]?$/;
/** A date or time as exports write them: 2010-12-01, 1/12/2010, 01.12.2010, 01-Dec-2010, Dec 1, 2010, 08:26, ISO timestamps. */
const DATE =
  /^(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[AP]M|[+-]\d{2}:?\d{2})?)?|\d{1,2}[-/ ][A-Za-z]{3,9}[-/ ]\d{2,4}.*|[A-Za-z]{3,9}\.? \d{1,2},? \d{4}.*|\d{1,2}:\d{2}(:\d{2})?)$/;

/** True for a cell that reads as a value (number, date, time, boolean-ish), not as a column name. */
export function looksLikeValue(cell: string): boolean {
  const c = cell.trim();
  if (c === '') return false;
  return NUMBER.test(c) || DATE.test(c) || /^(true|false)$/i.test(c);
}

/** True for a cell that can be a column name: text with a letter, not a value. */
function looksLikeName(cell: string): boolean {
  const c = cell.trim();
  return c !== '' && c.length <= 120 && /\p{L}/u.test(c) && !looksLikeValue(c);
}

/** The most common field count among the non-blank rows, with the share of rows that have it. */
function modalWidth(rows: readonly (readonly string[])[]): { width: number; share: number; n: number } {
  const counts = new Map<number, number>();
  let n = 0;
  for (const r of rows) {
    if (isBlank(r)) continue;
    n++;
    counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  }
  let width = 0;
  let best = 0;
  for (const [w, c] of counts) if (c > best || (c === best && w > width)) [width, best] = [w, c];
  return { width, share: n ? best / n : 0, n };
}

/** How header-like a row of the table's width is: share of its filled cells that are names, and whether they are distinct. */
function headerScore(row: readonly string[], width: number): { ok: boolean; names: number; reason: string } {
  const cells = row.map((c) => String(c ?? '').trim());
  const nonEmpty = cells.filter((c) => c !== '');
  const need = width <= 2 ? width : Math.max(2, Math.ceil(width * 0.6));
  if (nonEmpty.length < need) return { ok: false, names: 0, reason: `only ${nonEmpty.length} of ${width} fields filled` };
  const names = nonEmpty.filter(looksLikeName).length / nonEmpty.length;
  const distinct = new Set(nonEmpty.map((c) => c.toLowerCase())).size / nonEmpty.length;
  if (names < 0.5) return { ok: false, names, reason: 'its cells look like values, not column names' };
  if (distinct < 0.6) return { ok: false, names, reason: 'its cells repeat, not like column names' };
  return { ok: true, names, reason: '' };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Why a row above the header was left out, in words. */
function skipReason(row: readonly string[], width: number): string {
  if (isBlank(row)) return 'blank line';
  const f = filled(row);
  if (row.length !== width) return `title line: ${plural(row.length, 'field')}, the table has ${width}`;
  if (f < width) return `title line: ${f} of ${width} fields filled`;
  return `above the header row`;
}

/**
 * Picks the header row among the first rows of a file (each row its fields, empty string for an
 * empty cell); `lineOf(i)` gives the 1-based line number of row i in the file (for the messages).
 */
export function detectHeaderRow(rows: readonly (readonly string[])[], lineOf: (i: number) => number = (i) => i + 1): HeaderGuess {
  const limit = Math.min(rows.length, MAX_PREAMBLE + 1);
  const first = rows.findIndex((r) => !isBlank(r));
  if (first < 0) return { index: 0, skipped: [], why: 'the file has no filled rows', uncertain: true };
  for (let i = first; i < limit; i++) {
    const row = rows[i];
    if (isBlank(row)) continue;
    const below = rows.slice(i + 1, i + 1 + BELOW);
    const m = modalWidth(below);
    // with nothing below, the row is the header of an empty table if it looks like names
    // the table's width: the modal field count below, or this row's own when a good share of the
    // rows below has it and none has more (a file that leaves out trailing empty fields)
    const same = below.filter((r) => !isBlank(r) && r.length === row.length).length;
    const wider = below.some((r) => !isBlank(r) && r.length > row.length);
    const width = m.n === 0 || (!wider && same >= Math.max(1, m.n * 0.2)) ? row.length : m.width;
    if (row.length !== width || width < 1) continue;
    const s = headerScore(row, width);
    if (!s.ok) continue;
    if (m.n === 0 && (s.names < 0.8 || (i > first && width < 2))) continue;
    const share = m.n ? same / m.n : 0; // rows below with the header's field count
    // a title that happens to split into the table's width ("Sales report, January, 2024") above
    // the real header: the next row is fuller and more name-like, and rows of values follow it
    const j = rows.findIndex((r, k) => k > i && !isBlank(r));
    if (j > 0 && j < limit && rows[j].length === width) {
      const next = headerScore(rows[j], width);
      if (next.ok && next.names > s.names && next.names >= 0.8) continue;
    }
    const skipped: SkippedLine[] = [];
    for (let j = 0; j < i; j++) skipped.push({ line: lineOf(j), text: rows[j].join(','), reason: skipReason(rows[j], width) });
    const valueRows = below.filter((r) => r.length === width && !isBlank(r));
    const valueShare = valueRows.length ? valueRows.filter((r) => r.some(looksLikeValue)).length / valueRows.length : 0;
    const uncertain =
      (i > 0 || m.n === 0) && (s.names < 0.8 || share < 0.6 || m.n < 2) ? true : width === 1 && i > 0 ? true : m.n > 0 && share < 0.5;
    const where = `line ${lineOf(i)}`;
    const above =
      i === 0
        ? ''
        : ` (${plural(i, 'line')} above it skipped: ${[...new Set(skipped.map((k) => k.reason.replace(/:.*/, '')))].join(', ')})`;
    const why =
      m.n === 0
        ? `${where} is the only row that looks like column names; no data rows follow it`
        : `${where}${above} is the first row of ${plural(width, 'field')} that look like column names, like the ${Math.round(share * 100)}% of the rows below it that have ${plural(width, 'field')}` +
          (valueShare > 0 ? '' : '; the rows below hold no numbers or dates, so check that this is the header');
    return { index: i, skipped, why, uncertain: uncertain || (i > 0 && valueShare === 0) };
  }
  return { index: first, skipped: [], why: 'no row looks like column names above rows of values; the first filled row is taken as the header', uncertain: true };
}

/** Words that mark a total, count or report line, in the languages shop exports come in. */
const TOTAL_WORD =
  /^(grand[\s-]*total|sub[\s-]*total|totals?|sum|summe|zwischensumme|gesamt(summe|betrag)?|endsumme|totaal|subtotaal|som|totale|subtotale|totaux|sous[\s-]*total|somme|montant total|suma|total general|subtotal|soma|summa|yhteensä|razem|suma całkowita|celkem|összesen|итого|всего|toplam|合计|合計|总计|總計|小计|小計|count|row count|rows|records|number of (rows|records|orders)|end of (report|file|data)|generated|exported|report (generated|created)|created|printed|page \d+)\b/iu;
const TOTAL_ANYWHERE = /(^|[\s:;(])(grand total|total|totals|summe|gesamt|totaal|totale|sous-total|subtotal|итого|合计|合計)([\s:;)]|$)/iu;

/**
 * Counts the footer rows at the end of a table (totals such as "Total,,,12345.67", "Generated by …",
 * blank-ish lines) given the last rows of the file and the header's field count; each with a reason.
 */
export function detectFooterRows(lastRows: readonly (readonly string[])[], headerWidth: number, lineOf: (i: number) => number = (i) => i + 1): SkippedLine[] {
  const out: SkippedLine[] = [];
  const maxFooter = 12;
  for (let i = lastRows.length - 1; i >= 0 && out.length < maxFooter; i--) {
    const row = lastRows[i];
    const cells = row.map((c) => String(c ?? '').trim());
    const nonEmpty = cells.filter((c) => c !== '');
    const text = row.join(',');
    const reason = footerReason(cells, nonEmpty, headerWidth, (col, v) => totalsAbove(lastRows.slice(0, i), col, v));
    if (!reason) break;
    out.push({ line: lineOf(i), text, reason });
  }
  return out.reverse();
}

/** A plain number of a cell ("12,345.67", "-3"), or NaN. */
function plainNumber(cell: string): number {
  const c = cell.trim().replace(/[\s,'’]/g, '');
  return /^[-+]?\d+(\.\d+)?$/.test(c) ? Number(c) : NaN;
}

/** True when `value` in column `col` is larger than every number above it there (and there is one): what a total is. */
function totalsAbove(above: readonly (readonly string[])[], col: number, value: string): boolean {
  const v = Math.abs(plainNumber(value));
  if (!Number.isFinite(v) || v === 0) return false;
  let seen = 0;
  for (const r of above) {
    const x = Math.abs(plainNumber(String(r[col] ?? '')));
    if (!Number.isFinite(x)) continue;
    seen++;
    if (x >= v) return false;
  }
  return seen > 0;
}

/** Why a trailing row is a footer, or null when it may be data; `isTotal(col, cell)` says whether a number tops its column above. */
function footerReason(cells: string[], nonEmpty: string[], width: number, isTotal: (col: number, cell: string) => boolean = () => true): string | null {
  if (nonEmpty.length === 0) return 'blank line';
  // A row that keeps most of its identifying fields is data, whatever words it holds ("TOTAL ECLIPSE MUG").
  const firstText = nonEmpty.find((c) => !looksLikeValue(c)) ?? '';
  // a narrow table's total ("Total,,12.00"): the label, some empty cells, and numbers only
  const labelledTotal =
    !!firstText && TOTAL_WORD.test(firstText) && nonEmpty.length < width && nonEmpty.filter((c) => c !== firstText).every(looksLikeValue);
  const sparse = width <= 2 ? nonEmpty.length < width || cells.length < width : nonEmpty.length <= Math.max(1, Math.floor(width / 2));
  if (!sparse && !labelledTotal) return null;
  const shortRow = cells.length < width;
  const fieldsNote = `${plural(nonEmpty.length, 'filled field')} of ${width}`;
  if (firstText && (TOTAL_WORD.test(firstText) || TOTAL_ANYWHERE.test(firstText))) return `total or report line (“${firstText.slice(0, 40)}”, ${fieldsNote})`;
  // "Count: 523", "Rows: 12", "Generated by …" written as a single field
  if (nonEmpty.length === 1 && /^[\p{L} ]{2,40}[:=]\s*\S/u.test(nonEmpty[0])) return `report line (“${nonEmpty[0].slice(0, 40)}”, ${fieldsNote})`;
  // nothing but numbers in a few cells at the end, e.g. ",,,12345.67": a total without a label
  if (
    nonEmpty.every(looksLikeValue) &&
    nonEmpty.length <= Math.max(1, Math.floor(width / 3)) &&
    width >= 3 &&
    !String(cells[0] ?? '').trim() &&
    // without a word, only numbers that top their column above read as a total (a sparse data row does not)
    cells.every((c, col) => c === '' || isTotal(col, c))
  )
    return `unlabelled total: only ${fieldsNote}, all numbers, at the end of the table`;
  if (shortRow && cells.length === 1 && width >= 3 && /\p{L}{3,}.*\s\p{L}{2,}/u.test(nonEmpty[0]) && !looksLikeValue(nonEmpty[0]))
    return `report line (“${nonEmpty[0].slice(0, 40)}”, 1 field, the table has ${width})`;
  return null;
}
