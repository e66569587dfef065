// Excel .xlsx/.xlsm reader: pure TypeScript over fflate, no DOM, so it runs in a Web Worker and
// in Node. Steps: 1. refuse what is not a readable workbook (old .xls, password-protected,
// .xlsb, .ods, other zips), 2. list the sheets and measure each one's table, 3. read the chosen
// sheet (largest visible, or the one asked for) as a stream, 4. build the table (header row,
// footer rows, names, column types) and say what was decided.
// readXlsx inflates with fflate (synchronous); readXlsxAsync runs the same plan with the native
// DecompressionStream (faster, cancellable). Limits: formulas give their saved result (none when a
// program that does not calculate wrote the file: read as empty, noted); a merged range keeps its
// value in its top-left cell; at most 1.5 GB inflated in all, and no big part inflating past 200:1.
import { ReadRefusal } from '../refusal';
import type { DecodedTable, ReadNote } from '../types';
import { compoundFileNames, isCompoundFile, isEncryptedOffice } from './cfb';
import { measureSheet, measureSheetAsync, readSheet, readSheetAsync, type SheetCells, type SheetContext, type SheetSize } from './sheet';
import { buildTable } from './table';
import { openWorkbook, type SheetInfo, type WorkbookParts } from './workbook';
import { looksLikeZip, ZipReader, type ZipEntry } from './zip';

export { isEncryptedOffice } from './cfb';
export { ReadRefusal } from '../refusal';

/** Options of readXlsx: a sheet by name (default: the one with the largest table) and the header row (1-based sheet row). */
export interface XlsxOptions {
  sheet?: string;
  headerRow?: number;
  /** readXlsxAsync only: stops the read between inflated chunks (throws the signal's reason, an AbortError). */
  signal?: AbortSignal;
}

/** One worksheet as listed for the sheet picker: its table's size (rows with a value × used columns). */
export interface SheetListing {
  name: string;
  rows: number;
  columns: number;
  hidden: boolean;
}

function open(bytes: Uint8Array): { zip: ZipReader; wb: WorkbookParts } {
  if (isCompoundFile(bytes)) {
    if (isEncryptedOffice(bytes))
      throw new ReadRefusal('Password-protected workbook', 'This workbook is protected with a password, so its contents are encrypted and cannot be read. Open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password, clear it) and save it again, or export the sheet as CSV.');
    const names = compoundFileNames(bytes);
    const isXls = names.includes('Workbook') || names.includes('Book') || names.length === 0;
    throw new ReadRefusal(
      isXls ? 'Old Excel format (.xls)' : 'Not an Excel workbook',
      isXls
        ? 'This is a workbook in the old Excel 97–2003 format (.xls), which cannot be read here. Open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook), or export the sheet as CSV.'
        : 'This is an Office document (Word, PowerPoint or similar), not an Excel workbook. Export your data from it as .xlsx or CSV.',
    );
  }
  if (!looksLikeZip(bytes)) throw new ReadRefusal('Not an Excel workbook', 'This file is not an Excel workbook (.xlsx files are zip archives, and this one is not). If it is a CSV or text export, rename it to .csv; otherwise save it from Excel as .xlsx.');
  const zip = new ZipReader(bytes);
  return { zip, wb: openWorkbook(zip) };
}

function worksheets(wb: WorkbookParts): SheetInfo[] {
  return wb.sheets.filter((s) => s.kind === 'worksheet' && s.entry);
}

/** What the reading plan asks its driver to do: the only steps that inflate big parts. */
type Step = { op: 'measure'; entry: ZipEntry } | { op: 'read'; entry: ZipEntry; ctx: SheetContext } | { op: 'shared' };
type Plan<T> = Generator<Step, T, SheetSize | SheetCells | undefined>;

const listing = (s: SheetInfo, m: SheetSize): SheetListing => ({ name: s.name, rows: m.rows, columns: m.maxCol >= m.minCol ? m.maxCol - m.minCol + 1 : 0, hidden: s.hidden });

function* measureAll(sheets: SheetInfo[]): Plan<SheetListing[]> {
  const out: SheetListing[] = [];
  for (const s of sheets) out.push(listing(s, (yield { op: 'measure', entry: s.entry! }) as SheetSize));
  return out;
}

/** Runs a plan synchronously (fflate). */
function runSync<T>(zip: ZipReader, wb: WorkbookParts, plan: Plan<T>): T {
  let r = plan.next();
  while (!r.done) {
    const step = r.value;
    r = plan.next(step.op === 'measure' ? measureSheet(zip, step.entry) : step.op === 'read' ? readSheet(zip, step.entry, step.ctx) : (wb.sharedStrings(), undefined));
  }
  return r.value;
}

/** Runs a plan with the native inflater where there is one. */
async function runAsync<T>(zip: ZipReader, wb: WorkbookParts, plan: Plan<T>): Promise<T> {
  let r = plan.next();
  while (!r.done) {
    const step = r.value;
    r = plan.next(step.op === 'measure' ? await measureSheetAsync(zip, step.entry) : step.op === 'read' ? await readSheetAsync(zip, step.entry, step.ctx) : (await wb.preloadSharedStrings(), undefined));
  }
  return r.value;
}

/** What a file's first bytes say about it as a spreadsheet: a zip (maybe a workbook), an encrypted or old Office file, or neither. */
export function sniffOffice(bytes: Uint8Array): 'zip' | 'encrypted' | 'xls' | 'other-office' | 'unknown' {
  if (looksLikeZip(bytes)) return 'zip';
  if (!isCompoundFile(bytes)) return 'unknown';
  if (isEncryptedOffice(bytes)) return 'encrypted';
  const names = compoundFileNames(bytes);
  return names.includes('Workbook') || names.includes('Book') || names.length === 0 ? 'xls' : 'other-office';
}

/** Every worksheet of a workbook (hidden ones too) with the size of its table; chart sheets are left out. */
export function listSheets(bytes: Uint8Array): SheetListing[] {
  const { zip, wb } = open(bytes);
  return runSync(zip, wb, measureAll(worksheets(wb)));
}

/** Reads one sheet of an .xlsx/.xlsm workbook into typed columns; throws a ReadRefusal for files it will not read. */
export function readXlsx(bytes: Uint8Array, options: XlsxOptions = {}): DecodedTable {
  const { zip, wb } = open(bytes);
  return runSync(zip, wb, plan(wb, options));
}

/**
 * readXlsx inflating with the platform's DecompressionStream (native, two to three times faster than
 * fflate; browsers' workers and Node 18+ have it), fflate where it is missing. Same result.
 */
export async function readXlsxAsync(bytes: Uint8Array, options: XlsxOptions = {}): Promise<DecodedTable> {
  options.signal?.throwIfAborted();
  const { zip, wb } = open(bytes);
  zip.signal = options.signal;
  return runAsync(zip, wb, plan(wb, options));
}

function* plan(wb: WorkbookParts, options: XlsxOptions): Plan<DecodedTable> {
  const notes: ReadNote[] = [];
  const sheets = worksheets(wb);
  const others = wb.sheets.filter((s) => !sheets.includes(s));
  if (others.length)
    notes.push({
      topic: 'Sheets skipped',
      decision: others.map((s) => `"${s.name}"`).join(', '),
      why: others.map((s) => (s.kind === 'chartsheet' ? 'a chart sheet holds no table' : s.kind === 'other' ? 'a macro or dialog sheet holds no table' : 'its part is missing from the file')).filter((w, i, a) => a.indexOf(w) === i).join('; '),
    });
  if (!sheets.length) throw new ReadRefusal('No data in the workbook', 'This workbook has no worksheet with cells (only charts or nothing at all). Open it in Excel, check that the data is on a worksheet, and save it again.');

  // one worksheet: no need to measure before reading; several: measure each and open the largest table
  const sizes: SheetListing[] = sheets.length === 1 ? [] : yield* measureAll(sheets);
  let chosen: number;
  let why: string;
  if (options.sheet !== undefined) {
    chosen = sheets.findIndex((s) => s.name === options.sheet);
    if (chosen < 0) chosen = sheets.findIndex((s) => s.name.toLowerCase() === options.sheet!.toLowerCase());
    if (chosen < 0) throw new ReadRefusal('Sheet not found', `This workbook has no sheet named "${options.sheet}". Its sheets are: ${sheets.map((s) => `"${s.name}"`).join(', ')}.`);
    why = 'chosen';
  } else if (sheets.length === 1) {
    chosen = 0;
    why = 'the only worksheet';
  } else {
    // visible sheets first: a hidden sheet is usually a lookup list, read only when no visible sheet has data
    const size = (i: number) => sizes[i].rows * sizes[i].columns;
    const visibleWithData = sizes.some((s) => !s.hidden && s.rows > 0);
    chosen = -1;
    for (let i = 0; i < sizes.length; i++) if ((!visibleWithData || !sizes[i].hidden) && (chosen < 0 || size(i) > size(chosen))) chosen = i;
    if (sizes[chosen].rows === 0) throw new ReadRefusal('No data in the workbook', 'Every sheet of this workbook is empty. Check that you exported the right file.');
    why = `it holds the largest table (${sizes[chosen].rows.toLocaleString('en-US')} rows × ${sizes[chosen].columns} columns) of ${visibleWithData && sizes.some((s) => s.hidden) ? 'the visible worksheets' : `${sheets.length} worksheets`}`;
  }
  const info = sheets[chosen];
  yield { op: 'shared' };
  const cells = (yield { op: 'read', entry: info.entry!, ctx: { shared: wb.sharedStrings, styleKinds: wb.styleKinds, date1904: wb.date1904 } }) as SheetCells;
  if (cells.rows === 0) throw new ReadRefusal(sheets.length > 1 ? 'Empty sheet' : 'No data in the workbook', sheets.length > 1 ? `The sheet "${info.name}" is empty. Pick another sheet.` : 'The workbook has no cells with values. Check that you exported the right file.');
  if (sheets.length === 1) {
    let minCol = Infinity;
    let maxCol = -1;
    cells.cols.forEach((c, i) => c && ((minCol = Math.min(minCol, i)), (maxCol = Math.max(maxCol, i))));
    sizes.push(listing(info, { rows: cells.rows, minCol, maxCol }));
  }
  const empty = sizes.filter((s) => s.rows === 0).map((s) => `"${s.name}"`);
  if (empty.length) notes.push({ topic: 'Empty sheets', decision: `${empty.join(', ')} left out of the sheet list`, why: 'no cell holds a value' });
  if (sheets.length > 1) notes.push({ topic: 'Sheet', decision: `"${info.name}"${info.hidden ? ' (a hidden sheet)' : ''}`, why: `${why}; pick another sheet to read it instead` });
  if (wb.date1904) notes.push({ topic: 'Date system', decision: '1904 date system', why: 'the workbook counts dates from 1904-01-01 (Mac Excel option); dates were converted with it' });

  const table = buildTable(cells, options.headerRow);
  if (table.columns.length === 0 || table.rows === 0)
    throw new ReadRefusal('No data rows', `The sheet "${info.name}" has a header but no rows of data below it. Check that you exported the right sheet${sheets.length > 1 ? ', or pick another one' : ''}.`);
  return {
    columns: table.columns,
    rows: table.rows,
    notes: [...notes, ...table.notes],
    skipped: table.skipped,
    sheets: sizes.filter((s) => s.rows > 0).map((s) => ({ name: s.name, rows: s.rows, columns: s.columns, hidden: s.hidden })),
    sheet: info.name,
    headerRow: table.headerRow,
  };
}
