// The files of tests/e2e/real-files.spec.ts, built at test time: real-world export shapes
// (preambles, footers, encodings, delimiters, line ends, amount and date notations, ragged
// rows), hostile files (binary, images, zips, encrypted and old Office files, huge lines,
// huge headers, a sparse 5 GB file) and the same rows in every format. Small files are
// Buffers; big ones are written to a temp directory and removed by the spec. Every expected
// figure is worked out by hand from the rows written here (see the comment on each case).
import { closeSync, existsSync, ftruncateSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { zipSync, strToU8 } from 'fflate';

/** A file given to the page: in memory, or a path on disk (big files). */
export type CaseFile = { name: string; buffer: Buffer; mimeType?: string } | { path: string; name: string };

/** What the page must show after the load. */
export interface LoadExpect {
  /** KPI card id → its text: `.exact` for money cards (gross_sales, returns, net_sales), `.value` for the others. */
  kpi?: Record<string, string>;
  /** The date-range line under the KPI cards, e.g. "1 Dec 2010 – 5 Jan 2011 · 3 days with sales". */
  range?: string;
  /** Text the "How the file was read" panel (Columns tab) must hold. */
  readPanel?: (string | RegExp)[];
  /** The header line the reader chose (the override input on the Columns tab shows it). */
  headerRow?: number;
  /** Line numbers the rejected-rows table must list. */
  rejectedLines?: number[];
  /** A query in the SQL console and text its result grid must hold. */
  sql?: { query: string; contains: string[] };
  /** Text the Overview must show (e.g. what a missing role stops). */
  overview?: string[];
  /** Texts the "Read with guesses" notice above the tabs must hold. */
  notice?: string[];
  /** Text the header's dataset name must hold (default: the first file's name). */
  header?: string[];
}

/** What the refusal banner must say. */
export interface RefuseExpect {
  title: RegExp;
  message?: RegExp;
  /** The refusal must be on screen within this many ms of handing over the file. */
  withinMs?: number;
  /** The refusal offers a choice (button data-testid=retry-choice): clicking it loads the file so. */
  retry?: { label: RegExp; loads: LoadExpect; rowsAreTransactions?: boolean };
}

/** One end-to-end case. */
export interface Case {
  name: string;
  files: () => CaseFile[];
  expect: { loads: LoadExpect } | { refused: RefuseExpect };
  /** Set while the reader that handles the case is not on main yet: why it is expected to fail. */
  fixme?: string;
}

const FIX = (p: string): string => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));

let tmp: string | null = null;
/** A temp directory for big files (made on first use). */
export function tempDir(): string {
  tmp ??= mkdtempSync(join(tmpdir(), 'real-files-'));
  return tmp;
}
/** Removes the temp directory and the big files in it. */
export function cleanTemp(): void {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = null;
}

const csv = (name: string, text: string): CaseFile => ({ name, buffer: Buffer.from(text, 'utf8'), mimeType: 'text/csv' });
const bin = (name: string, bytes: Uint8Array | number[]): CaseFile => ({ name, buffer: Buffer.from(bytes as Uint8Array), mimeType: 'application/octet-stream' });

// The base table: 4 orders of 3 customers. Gross 10.50 + 4.50 + 5.00 + 1,234.50 = 1,254.50.
const HEAD = ['order_id', 'customer', 'date', 'product', 'amount'];
const ROWS = [
  ['A1', 'c1', '2024-01-02', 'Widget', '10.50'],
  ['A2', 'c2', '2024-01-03', 'Gadget', '4.50'],
  ['A3', 'c1', '2024-02-01', 'Doohickey', '5.00'],
  ['A4', 'c3', '2024-02-15', 'Widget', '1234.50'],
];
const BASE_KPI = { gross_sales: '1,254.50', customers: '3', transactions: '4' };
const BASE_RANGE = '2 Jan 2024 – 15 Feb 2024 · 4 days with sales';
const table = (sep: string, eol = '\n', head = HEAD, rows = ROWS): string => [head, ...rows].map((r) => r.join(sep)).join(eol) + eol;

/** UTF-16 with a byte-order mark, as Excel's "Unicode text" writes it. */
function utf16(text: string, be: boolean): Buffer {
  const le = Buffer.from('\uFEFF' + text, 'utf16le');
  if (!be) return le;
  const out = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    out[i] = le[i + 1]!;
    out[i + 1] = le[i]!;
  }
  return out;
}

/** Windows-1252 bytes for text whose characters are Latin-1 or €. */
function cp1252(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '€') out.push(0x80);
    else if (c < 256) out.push(c);
    else throw new Error(`not in cp1252: ${ch}`);
  }
  return Buffer.from(out);
}

// Three sales, 10 + 20 + 30 = 60.00, on 2010-12-01 08:26, 2010-12-13 12:00, 2011-01-05 09:00.
const DAYS = [Date.UTC(2010, 11, 1, 8, 26), Date.UTC(2010, 11, 13, 12, 0), Date.UTC(2011, 0, 5, 9, 0)];
const DATE_RANGE = '1 Dec 2010 – 5 Jan 2011 · 3 days with sales';
function datesFile(name: string, notation: (ms: number) => string, sep = ','): CaseFile {
  const lines = ['order_id,customer,date,amount'.replaceAll(',', sep)];
  DAYS.forEach((ms, i) => lines.push([`D${i + 1}`, `c${i + 1}`, notation(ms), `${(i + 1) * 10}.00`].join(sep)));
  return csv(name, lines.join('\n') + '\n');
}
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');
const ymd = (ms: number): [number, number, number] => {
  const d = new Date(ms);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
};

/** An amount column in one notation: the given cells, with the expected gross (and returns). */
function amountsFile(name: string, cells: string[], sep = ','): CaseFile {
  const lines = [['order_id', 'customer', 'date', 'amount'].join(sep)];
  cells.forEach((a, i) => lines.push([`M${i + 1}`, `c${i + 1}`, `2024-03-0${i + 1}`, a].join(sep)));
  return csv(name, lines.join('\n') + '\n');
}

/**
 * A minimal Compound File (OLE/CFB, version 3, 512-byte sectors) holding the named streams:
 * sector 0 is the FAT, sector 1 the directory, sector 2 the (shared, tiny) stream data.
 */
export function compoundFile(streams: string[]): Buffer {
  const b = Buffer.alloc(512 * 4, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b, 0);
  b.writeUInt16LE(0x3e, 24); // minor version
  b.writeUInt16LE(3, 26); // major version 3
  b.writeUInt16LE(0xfffe, 28); // byte order
  b.writeUInt16LE(9, 30); // sector shift: 512
  b.writeUInt16LE(6, 32); // mini sector shift: 64
  b.writeUInt32LE(1, 44); // one FAT sector
  b.writeUInt32LE(1, 48); // directory starts at sector 1
  b.writeUInt32LE(4096, 56); // mini stream cutoff
  b.writeUInt32LE(0xfffffffe, 60); // no mini FAT
  b.writeUInt32LE(0xfffffffe, 68); // no DIFAT sectors
  for (let i = 0; i < 109; i++) b.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 76 + 4 * i);
  const fat = 512;
  for (let i = 0; i < 128; i++) b.writeUInt32LE(0xffffffff, fat + 4 * i);
  b.writeUInt32LE(0xfffffffd, fat); // sector 0: FAT
  b.writeUInt32LE(0xfffffffe, fat + 4); // sector 1: directory, end of chain
  b.writeUInt32LE(0xfffffffe, fat + 8); // sector 2: stream data, end of chain
  const entry = (i: number, name: string, type: number, child: number, right: number, start: number, size: number): void => {
    const e = 1024 + 128 * i;
    b.write(name, e, 'utf16le');
    b.writeUInt16LE((name.length + 1) * 2, e + 64);
    b[e + 66] = type;
    b[e + 67] = 1; // black
    b.writeUInt32LE(0xffffffff, e + 68);
    b.writeUInt32LE(right, e + 72);
    b.writeUInt32LE(child, e + 76);
    b.writeUInt32LE(start, e + 116);
    b.writeUInt32LE(size, e + 120);
  };
  entry(0, 'Root Entry', 5, 1, 0xffffffff, 0xfffffffe, 0);
  streams.forEach((s, i) => entry(i + 1, s, 2, 0xffffffff, i + 1 < streams.length ? i + 2 : 0xffffffff, 2, 64));
  for (let i = 0; i < 64; i++) b[1536 + i] = (i * 37) & 0xff;
  return b;
}

/** Deterministic pseudo-random bytes (binary junk with NULs). */
function junk(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** The UCI slice as NDJSON lines (from the committed fixture made by scripts/fixtures/make_parquet_json_slices.mjs). */
function uciNdjsonLines(): string[] {
  return gunzipSync(readFileSync(FIX('formats/uci_slice.ndjson.gz'))).toString('utf8').split('\n').filter((l) => l.trim());
}

/** A CSV of many small sales (for the truncated gzip): one order per line, so transactions = rows read. */
function manyLines(n: number): string {
  const lines = ['order_id,customer,date,amount'];
  for (let i = 0; i < n; i++) lines.push(`T${i},c${i % 50},2024-0${1 + (i % 9)}-1${i % 10},${(i % 7) + 1}.25`);
  return lines.join('\n') + '\n';
}

/** A file on disk of `size` bytes (sparse where the OS allows): the header then zeros. */
function sparseFile(name: string, head: string, size: number): CaseFile {
  const path = join(tempDir(), name);
  const fd = openSync(path, 'w');
  writeSync(fd, head);
  ftruncateSync(fd, size);
  closeSync(fd);
  return { path, name };
}

/** One line of `mb` megabytes (no line break at all), written to disk. */
function longLineFile(name: string, mb: number): CaseFile {
  const path = join(tempDir(), name);
  const fd = openSync(path, 'w');
  const chunk = Buffer.from('abcdefghi,'.repeat(104_858)); // ~1 MB of fields without a line break
  for (let i = 0; i < mb; i++) writeSync(fd, chunk);
  closeSync(fd);
  return { path, name };
}

/** The UCI slice files (the figures compare with the CSV of the same rows, loaded first). */
export const UCI_SLICE_CSV = FIX('formats/uci_slice.csv');

/** The cases run on one page, in this order. */
export const CASES: Case[] = [
  // ——— shapes of CSV ———
  {
    name: 'title lines above the header',
    files: () => [csv('preamble.csv', `Sales export\nGenerated 2024-03-01 10:00 by ShopSys\n\n${table(',')}`)],
    expect: { loads: { kpi: BASE_KPI, range: BASE_RANGE, readPanel: [/Sales export/], headerRow: 4 } },
  },
  {
    // the total line would double the gross: 1,254.50 without it, 2,509.00 with it
    name: 'a "Total,,,,1254.50" footer is left out',
    files: () => [csv('footer.csv', `${table(',')}Total,,,,1254.50\n`)],
    expect: { loads: { kpi: BASE_KPI, readPanel: [/Total/] } },
  },
  { name: 'UTF-8 with a BOM', files: () => [csv('bom.csv', `\uFEFF${table(',')}`)], expect: { loads: { kpi: BASE_KPI, range: BASE_RANGE } } },
  {
    name: 'UTF-16 LE with BOM, tab-separated (Excel "Unicode text")',
    files: () => [{ name: 'unicode-le.txt', buffer: utf16(table('\t', '\r\n'), false) }],
    expect: { loads: { kpi: BASE_KPI, range: BASE_RANGE } },
  },
  {
    name: 'UTF-16 BE with BOM, tab-separated',
    files: () => [{ name: 'unicode-be.txt', buffer: utf16(table('\t', '\r\n'), true) }],
    expect: { loads: { kpi: BASE_KPI, range: BASE_RANGE } },
  },
  {
    // product names with € £ é ü, written in Windows-1252 bytes
    name: 'Windows-1252 with € £ é ü in product names',
    files: () => [
      {
        name: 'cp1252.csv',
        buffer: cp1252(
          table(',', '\r\n', HEAD, [
            ['A1', 'c1', '2024-01-02', 'Crème brûlée €', '10.50'],
            ['A2', 'c2', '2024-01-03', 'Müsli £ bar', '4.50'],
            ['A3', 'c1', '2024-02-01', 'Crème brûlée €', '5.00'],
            ['A4', 'c3', '2024-02-15', 'Pâté Grüße', '1234.50'],
          ]),
        ),
      },
    ],
    expect: {
      loads: {
        kpi: BASE_KPI,
        sql: { query: "SELECT string_agg(DISTINCT product, ' | ' ORDER BY product) AS names FROM raw", contains: ['Crème brûlée € | Müsli £ bar | Pâté Grüße'] },
      },
    },
  },
  {
    // a product name holding the delimiter, doubled quotes and a line break; gross 1,254.50
    name: 'quoted fields with delimiters, quotes and newlines inside',
    files: () => [
      csv(
        'quoted.csv',
        table(',', '\n', HEAD, [
          ['A1', 'c1', '2024-01-02', '"Widget, large"', '10.50'],
          ['A2', 'c2', '2024-01-03', '"The ""best"" gadget"', '4.50'],
          ['A3', 'c1', '2024-02-01', '"Two\nlines"', '5.00'],
          ['A4', 'c3', '2024-02-15', 'Widget', '"1234.50"'],
        ]),
      ),
    ],
    expect: {
      loads: {
        kpi: BASE_KPI,
        range: BASE_RANGE,
        sql: { query: "SELECT count(*) AS n, string_agg(product, ' / ' ORDER BY order_id) AS names FROM raw", contains: ['Widget, large / The "best" gadget'] },
      },
    },
  },
  { name: 'CR-only line ends (old Mac)', files: () => [csv('cr-only.csv', table(',', '\r'))], expect: { loads: { kpi: BASE_KPI, range: BASE_RANGE } } },
  { name: 'CRLF line ends', files: () => [csv('crlf.csv', table(',', '\r\n'))], expect: { loads: { kpi: BASE_KPI, range: BASE_RANGE } } },
  { name: 'semicolon delimiter', files: () => [csv('semicolon.csv', table(';'))], expect: { loads: { kpi: BASE_KPI, range: BASE_RANGE } } },
  { name: 'tab delimiter', files: () => [csv('tab.tsv', table('\t'))], expect: { loads: { kpi: BASE_KPI, range: BASE_RANGE } } },
  { name: 'pipe delimiter', files: () => [csv('pipe.csv', table('|'))], expect: { loads: { kpi: BASE_KPI, range: BASE_RANGE } } },

  // ——— amount notations (gross = the positive amounts; a negative is a return) ———
  // 1,234.50 + 10.00 + 5.25 = 1,249.75
  { name: 'amounts like $1,234.50', files: () => [amountsFile('dollars.csv', ['"$1,234.50"', '$10.00', '$5.25'])], expect: { loads: { kpi: { gross_sales: '$1,249.75' } } } },
  // 12.50 + 3.25 + 1,234.50 = 1,250.25
  { name: 'amounts like €12,50', files: () => [amountsFile('euros.csv', ['€12,50', '€3,25', '€1.234,50'], ';')], expect: { loads: { kpi: { gross_sales: '€1,250.25' } } } },
  // 1,234.50 + 10.00 + 2.25 = 1,246.75
  { name: 'amounts like 1.234,50', files: () => [amountsFile('de-amounts.csv', ['1.234,50', '10,00', '2,25'], ';')], expect: { loads: { kpi: { gross_sales: '1,246.75' } } } },
  { name: 'amounts like 1 234,50', files: () => [amountsFile('fr-amounts.csv', ['1 234,50', '10,00', '2,25'], ';')], expect: { loads: { kpi: { gross_sales: '1,246.75' } } } },
  // 100.00 + 50.00 = 150.00 gross; (12.00) is a return of −12.00
  { name: 'amounts like (12.00) are negative', files: () => [amountsFile('parens.csv', ['100.00', '(12.00)', '50.00'])], expect: { loads: { kpi: { gross_sales: '150.00', net_sales: '138.00 = gross sales + returns' } } } },
  { name: 'amounts like 12.00- are negative', files: () => [amountsFile('trailing-minus.csv', ['100.00', '12.00-', '50.00'])], expect: { loads: { kpi: { gross_sales: '150.00', net_sales: '138.00 = gross sales + returns' } } } },

  // ——— date notations: all give 1 Dec 2010 – 5 Jan 2011, 3 days, gross 60.00 ———
  ...(
    [
      ['ISO dates', 'dates-iso.csv', (ms: number) => new Date(ms).toISOString().slice(0, 10)],
      ['D/M/Y dates', 'dates-dmy.csv', (ms: number) => { const [y, m, d] = ymd(ms); return `${p2(d)}/${p2(m)}/${y}`; }],
      ['M/D/Y dates', 'dates-mdy.csv', (ms: number) => { const [y, m, d] = ymd(ms); return `${m}/${d}/${y}`; }],
      ['DD.MM.YYYY dates', 'dates-dots.csv', (ms: number) => { const [y, m, d] = ymd(ms); return `${p2(d)}.${p2(m)}.${y}`; }],
      ['dates like 01-Dec-2010', 'dates-dmon.csv', (ms: number) => { const [y, m, d] = ymd(ms); return `${p2(d)}-${MON[m - 1]}-${y}`; }],
      ['dates like "Dec 1, 2010"', 'dates-mon-d.csv', (ms: number) => { const [y, m, d] = ymd(ms); return `"${MON[m - 1]} ${d}, ${y}"`; }],
      ['dates like 2010-12-01T08:26:00Z', 'dates-iso-z.csv', (ms: number) => new Date(ms).toISOString().replace('.000', '')],
      ['Unix epoch seconds', 'dates-epoch-s.csv', (ms: number) => String(ms / 1000)],
      ['Unix epoch milliseconds', 'dates-epoch-ms.csv', (ms: number) => String(ms)],
      // days since 1899-12-30 (Excel's 1900 system), with the time of day as a fraction
      ['Excel serial dates', 'dates-excel.csv', (ms: number) => ((ms - Date.UTC(1899, 11, 30)) / 86_400_000).toFixed(5)],
    ] as [string, string, (ms: number) => string][]
  ).map(([name, file, f]): Case => ({
    name,
    files: () => [datesFile(file, f)],
    expect: { loads: { kpi: { gross_sales: '60.00', customers: '3' }, range: DATE_RANGE } },
  })),

  // ——— rows that do not fit ———
  {
    // line 3 has 4 fields, line 5 has 6: kept out; gross 10.50 + 5.00 + 7.00 = 22.50 over 3 orders
    name: 'ragged rows are kept out, counted and listed with their line numbers',
    files: () => [csv('ragged.csv', 'order_id,customer,date,product,amount\nA1,c1,2024-01-02,Widget,10.50\nA2,c2,2024-01-03,4.50\nA3,c1,2024-02-01,Doohickey,5.00\nA4,c3,2024-02-15,Widget,1234.50,extra\nA5,c2,2024-02-20,Gizmo,7.00\n')],
    expect: { loads: { kpi: { gross_sales: '22.50', transactions: '3' }, readPanel: [/2 rows kept out/], rejectedLines: [3, 5] } },
  },
  { name: 'an empty file', files: () => [csv('empty.csv', '')], expect: { refused: { title: /empty/i, message: /export/i } } },
  { name: 'a header without rows', files: () => [csv('header-only.csv', 'order_id,customer,date,amount\n')], expect: { refused: { title: /no data rows|no rows/i } } },
  { name: 'binary junk named .csv', files: () => [bin('junk.csv', junk(64 * 1024))], expect: { refused: { title: /not a text file/i } } },
  { name: 'a JPEG renamed .csv', files: () => [bin('photo.csv', [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, ...junk(2000)])], expect: { refused: { title: /image \(JPEG\)/i, message: /picture/i } } },
  {
    name: 'a zip that is not a workbook',
    files: () => [bin('archive.xlsx', zipSync({ 'notes.txt': strToU8('just some notes\n'), 'data/readme.md': strToU8('# nothing here\n') }))],
    expect: { refused: { title: /not an Excel workbook/i, message: /zip/i } },
  },
  { name: 'a password-protected .xlsx', files: () => [bin('locked.xlsx', compoundFile(['EncryptionInfo', 'EncryptedPackage']))], expect: { refused: { title: /password/i, message: /remove the password|password/i } } },
  { name: 'an old Excel .xls', files: () => [bin('old.xls', compoundFile(['Workbook', 'SummaryInformation']))], expect: { refused: { title: /\.xls\b|old excel/i, message: /\.xlsx|CSV/ } } },
  {
    name: 'a 50,000-column header',
    files: () => {
      const head = Array.from({ length: 50_000 }, (_, i) => `col_${i}`).join(',');
      const row = Array.from({ length: 50_000 }, (_, i) => String(i % 10)).join(',');
      return [csv('wide.csv', `${head}\n${row}\n${row}\n`)];
    },
    expect: { refused: { title: /too many columns/i, withinMs: 10_000 } },
  },
  { name: 'a single 100 MB line is refused fast', files: () => [longLineFile('one-line.csv', 100)], expect: { refused: { title: /line is too long/i, withinMs: 5_000 } } },
  {
    name: 'all dates invalid',
    files: () => [csv('bad-dates.csv', 'order_id,customer,date,amount\nB1,c1,soon,10.00\nB2,c2,n/a,20.00\nB3,c3,tbd,30.00\n')],
    // loads with what it has (amounts, customers) and says what the missing dates stop
    expect: { loads: { kpi: { gross_sales: '60.00', customers: '3', transactions: '3' }, overview: ['Sales trends need a date column'], notice: ['“date” is named like a date, but its values'] } },
  },
  {
    name: 'all amounts text',
    files: () => [csv('text-amounts.csv', 'order_id,customer,date,amount\nB1,c1,2024-01-02,ten\nB2,c2,2024-01-03,twenty\nB3,c3,2024-01-04,free\n')],
    // loads and says that the headline figures need an amount
    expect: { loads: { kpi: { customers: '3' }, overview: ['Headline KPIs need an amount'], notice: ['“amount” is named like an amount, but its values'] } },
  },
  {
    // 10.50 + 4.50 + 5.00 + 1,234.50 without customers
    name: 'no customer column',
    files: () => [csv('no-customer.csv', table(',', '\n', ['order_id', 'date', 'product', 'amount'], ROWS.map((r) => [r[0]!, r[2]!, r[3]!, r[4]!])))],
    expect: { loads: { kpi: { gross_sales: '1,254.50', transactions: '4' } } },
  },
  {
    // "note" twice; gross 1,254.50
    name: 'duplicate column names',
    files: () => [csv('dupes.csv', table(',', '\n', [...HEAD, 'note', 'note'], ROWS.map((r) => [...r, 'x', 'y'])))],
    expect: { loads: { kpi: BASE_KPI } },
  },
  {
    name: 'column names that are SQL keywords or hold quotes and backslashes',
    files: () => [csv('keywords.csv', table(',', '\n', [...HEAD, 'select', 'from', '"""quoted"""', 'back\\slash', 'order'], ROWS.map((r, i) => [...r, `s${i}`, `f${i}`, `q${i}`, `b${i}`, `o${i}`])))],
    expect: { loads: { kpi: BASE_KPI, sql: { query: 'SELECT "select", "from", """quoted""", "back\\slash" FROM raw ORDER BY "select" LIMIT 1', contains: ['s0', 'f0', 'q0', 'b0'] } } },
  },
  {
    name: 'a 5 GB file is refused by its size, at once',
    files: () => [sparseFile('huge.csv', 'order_id,customer,date,amount\nA1,c1,2024-01-02,1.00\n', 5 * 1024 ** 3)],
    expect: { refused: { title: /larger than a browser tab/i, message: /5\.0 GB/, withinMs: 3_000 } },
  },

  // ——— several files at once ———
  {
    // jan: 10.50 + 4.50; feb: 5.00 + 1,234.50 → 1,254.50 over 4 orders
    name: 'several files with the same columns are appended',
    files: () => [csv('sales-jan.csv', table(',', '\n', HEAD, ROWS.slice(0, 2))), csv('sales-feb.csv', table(',', '\n', HEAD, ROWS.slice(2)))],
    expect: { loads: { kpi: BASE_KPI, range: BASE_RANGE, header: ['sales-jan.csv', 'sales-feb.csv'], sql: { query: "SELECT string_agg(DISTINCT source_file, ' + ' ORDER BY source_file) AS f FROM raw", contains: ['sales-feb.csv + sales-jan.csv'] } } },
  },
  {
    name: 'several files with different columns: the summary names what did not match',
    files: () => [
      csv('shop-a.csv', table(',', '\n', [...HEAD, 'region'], ROWS.slice(0, 2).map((r) => [...r, 'North']))),
      csv('shop-b.csv', table(',', '\n', [...HEAD, 'channel'], ROWS.slice(2).map((r) => [...r, 'web']))),
    ],
    expect: { loads: { kpi: BASE_KPI, header: ['shop-a.csv', 'shop-b.csv'], readPanel: ['Columns not in every file', /region\s*only in shop-a\.csv/, /channel\s*only in shop-b\.csv/] } },
  },

  // ——— truncated download ———
  {
    name: 'a truncated .csv.gz is refused as ending early, then loads on request',
    files: () => {
      const gz = gzipSync(Buffer.from(manyLines(3000)));
      return [bin('cut.csv.gz', gz.subarray(0, Math.floor(gz.length / 2)))];
    },
    expect: { refused: { title: /ends early/i, retry: { label: /^Analyse the [\d,]+ rows/, loads: { readPanel: [/ends early/] }, rowsAreTransactions: true } } },
  },
];

/** The same 5,000 UCI lines in every format: each must give the KPIs of uci_slice.csv. */
export const FORMAT_CASES: { name: string; files: () => CaseFile[]; fixme?: string }[] = [
  { name: 'Excel .xlsx', files: () => [{ path: FIX('formats/uci_slice.xlsx'), name: 'uci_slice.xlsx' }] },
  { name: 'Parquet (snappy)', files: () => [{ path: FIX('formats/uci_slice.snappy.parquet'), name: 'uci_slice.snappy.parquet' }] },
  { name: 'Parquet (zstd)', files: () => [{ path: FIX('formats/uci_slice.zstd.parquet'), name: 'uci_slice.zstd.parquet' }] },
  { name: 'NDJSON (gzip)', files: () => [{ path: FIX('formats/uci_slice.ndjson.gz'), name: 'uci_slice.ndjson.gz' }] },
  { name: 'NDJSON', files: () => [{ name: 'uci_slice.ndjson', buffer: Buffer.from(uciNdjsonLines().join('\n') + '\n') }] },
  { name: 'JSON array', files: () => [{ name: 'uci_slice.json', buffer: Buffer.from(`[\n${uciNdjsonLines().join(',\n')}\n]\n`) }] },
];

/** A big CSV for Cancel (1.5 M lines, ~45 MB) written to the temp dir. */
export function bigCsv(): CaseFile {
  const path = join(tempDir(), 'big.csv');
  const fd = openSync(path, 'w');
  writeSync(fd, 'customer,date,amount\n');
  let buf: string[] = [];
  for (let i = 0; i < 1_500_000; i++) {
    buf.push(`c${i % 5000},2024-0${1 + (i % 9)}-1${i % 10},${(i % 97) + 0.5}`);
    if (buf.length === 100_000) {
      writeSync(fd, buf.join('\n') + '\n');
      buf = [];
    }
  }
  closeSync(fd);
  return { path, name: 'big.csv' };
}

/** A big NDJSON for Cancel (600,000 records, ~50 MB). */
export function bigNdjson(): CaseFile {
  const path = join(tempDir(), 'big.ndjson');
  const fd = openSync(path, 'w');
  let buf: string[] = [];
  for (let i = 0; i < 600_000; i++) {
    buf.push(JSON.stringify({ customer: `c${i % 5000}`, date: `2024-0${1 + (i % 9)}-1${i % 10}`, amount: (i % 97) + 0.5, meta: { shop: `s${i % 7}` } }));
    if (buf.length === 100_000) {
      writeSync(fd, buf.join('\n') + '\n');
      buf = [];
    }
  }
  closeSync(fd);
  return { path, name: 'big.ndjson' };
}

type Cell = string | number | { date: number } | null;
const esc = (t: string): string => t.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const colName = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : colName(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));

/** One worksheet's XML: strings inline, numbers as numbers, { date } as a serial with a date style. */
function sheetXml(rows: Cell[][]): string {
  const out: string[] = [];
  rows.forEach((row, ri) => {
    const r = ri + 1;
    const cells = row.map((v, ci) => {
      const ref = `${colName(ci)}${r}`;
      if (v === null) return '';
      if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
      if (typeof v === 'object') return `<c r="${ref}" s="1"><v>${v.date}</v></c>`;
      return `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
    });
    out.push(`<row r="${r}">${cells.join('')}</row>`);
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${out.join('')}</sheetData></worksheet>`;
}

/** A minimal .xlsx (as Excel writes the parts, without shared strings) with the given sheets. */
export function xlsxBytes(sheets: { name: string; rows: Cell[][] }[]): Uint8Array {
  const x = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(`${x}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`),
    '_rels/.rels': strToU8(`${x}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(`${x}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((sh, i) => `<sheet name="${esc(sh.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(`${x}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`),
    'xl/styles.xml': strToU8(`${x}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`),
  };
  sheets.forEach((sh, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(sh.rows))));
  return zipSync(files, { level: 1 });
}

/** Excel serial of a UTC date (1900 system: days since 1899-12-30). */
const serial = (y: number, m: number, d: number): number => (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;

// the base table as workbook rows: dates as real Excel dates, amounts as numbers
const BASE_SHEET: Cell[][] = [HEAD, ...ROWS.map((r): Cell[] => { const [y, m, d] = r[2]!.split('-').map(Number) as [number, number, number]; return [r[0]!, r[1]!, r[3]!, { date: serial(y, m, d) }, Number(r[4])]; })].map((r, i) => (i === 0 ? [HEAD[0]!, HEAD[1]!, HEAD[3]!, HEAD[2]!, HEAD[4]!] : r));

/** Workbook cases: several sheets, a title block above the header. */
export const WORKBOOK_CASES: Case[] = [
  {
    // a small "Notes" sheet first, the sales on the second: the largest table opens
    name: 'a workbook with several sheets opens on the largest table',
    files: () => [bin('two-sheets.xlsx', xlsxBytes([{ name: 'Notes', rows: [['note'], ['exported by ShopSys']] }, { name: 'Sales', rows: BASE_SHEET }]))],
    expect: { loads: { kpi: BASE_KPI, range: BASE_RANGE, readPanel: [/Sales/] } },
  },
  {
    name: 'a workbook with title rows above the header',
    files: () => [bin('titled.xlsx', xlsxBytes([{ name: 'Report', rows: [['Sales report Q1 2024'], ['Generated 2024-03-01'], [], ...BASE_SHEET] }]))],
    expect: { loads: { kpi: BASE_KPI, range: BASE_RANGE, readPanel: [/Header row/, /row 4 \(2 rows above it skipped\)/] } },
  },
  {
    name: 'a workbook\'s header row can be changed on the Columns tab',
    files: () => [bin('titled-2.xlsx', xlsxBytes([{ name: 'Report', rows: [['Sales report Q1 2024'], ['Generated 2024-03-01'], [], ...BASE_SHEET] }]))],
    expect: { loads: { kpi: BASE_KPI, headerRow: 4 } },
  },
];

/** A big workbook for Cancel (250,000 rows × 3 columns, inline strings) written to the temp dir. */
export function bigXlsx(): CaseFile {
  const path = join(tempDir(), 'big.xlsx');
  if (existsSync(path)) return { path, name: 'big.xlsx' }; // made once per run
  const rows: Cell[][] = [['customer', 'date', 'amount']];
  for (let i = 0; i < 250_000; i++) rows.push([`c${i % 5000}`, { date: 45292 + (i % 300) }, (i % 97) + 0.5]);
  writeFileSync(path, xlsxBytes([{ name: 'Sales', rows }]));
  return { path, name: 'big.xlsx' };
}
