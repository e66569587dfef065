// How to read a text file before DuckDB reads it, decided from its first and last bytes:
// encoding, line ends, delimiter, the header row under any title lines, footer/total lines,
// and the files that must be refused before the engine sees them (one endless line, tens of
// thousands of columns, binary content). Pure: bytes in, a plan or a refusal out.
import { detectFooterRows, detectHeaderRow, type HeaderGuess } from './header-row';
import type { ReadNote, SkippedLine } from './types';

/** The encodings a text file is read in; everything but UTF-8 is transcoded to UTF-8 before DuckDB reads it. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
/** How lines end. */
export type LineEnding = 'LF' | 'CRLF' | 'CR';
/** The field separators tried. */
export type Delimiter = ',' | ';' | '\t' | '|';
/** A file refused before the engine sees it: what is wrong and what to do, in plain words. */
export interface Refusal {
  title: string;
  message: string;
}

/** What sniffText learned about a text file. */
export interface TextShape {
  encoding: TextEncoding;
  lineEnding: LineEnding;
  delimiter: Delimiter;
  quote: '"';
  /** The first rows of the file, split into fields (quote-aware), and each one's 1-based first line. */
  rows: string[][];
  rowLines: number[];
  header: HeaderGuess;
  /** Records before the header row, DuckDB's `skip`: it counts CSV rows (a quoted field spanning lines is one; blank lines count). */
  skip: number;
  /** The header's field count. */
  columns: number;
  /** Footer/total lines at the end (blank lines included), with reasons. */
  footer: SkippedLine[];
  /** How many footer lines have the header's field count: DuckDB reads them as rows, so they are deleted after the read. */
  footerRowsInTable: number;
  /** True when many rows leave out their trailing empty fields (Excel's CSV export does this): read them padded with empty cells instead of rejecting them. */
  padShortRows: boolean;
  notes: ReadNote[];
  /** Lines above the header and footer lines, left out. */
  skipped: SkippedLine[];
}

/** Bytes of the file start a caller should pass as `head` (the long-line check needs this many). */
export const HEAD_BYTES = 4 * 1024 * 1024;
/** Bytes of the file end a caller should pass as `tail` (footer detection). */
export const TAIL_BYTES = 64 * 1024;
/** The longest line read (DuckDB's own default max_line_size is 2 MB). */
export const MAX_LINE_BYTES = 2 * 1024 * 1024;
/** The widest table read. */
export const MAX_COLUMNS = 5000;
/** Characters of the head parsed into rows for the delimiter and header decisions. */
const SAMPLE_CHARS = 512 * 1024;
const SAMPLE_ROWS = 200;
const DELIMITERS: Delimiter[] = [',', ';', '\t', '|'];
const DELIM_NAME: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe (|)' };
const ENC_NAME: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 (with byte order mark)',
  'utf-16le': 'UTF-16 little-endian',
  'utf-16be': 'UTF-16 big-endian',
  'windows-1252': 'Windows-1252 (Western European)',
};

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Signatures of binary formats people rename or pick by mistake, named for the message. */
const MAGIC: { sig: number[]; what: string }[] = [
  { sig: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { sig: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { sig: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { sig: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { sig: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive (an Excel workbook is one)' },
  { sig: [0x1f, 0x8b], what: 'a gzip-compressed file' },
  { sig: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Office (.xls/.doc) file' },
  { sig: [0x50, 0x41, 0x52, 0x31], what: 'a Parquet file' },
  { sig: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive' },
  { sig: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7-Zip archive' },
  { sig: [0x7f, 0x45, 0x4c, 0x46], what: 'a program (ELF)' },
  { sig: [0x4d, 0x5a], what: 'a Windows program' },
];

const startsWith = (b: Uint8Array, sig: number[]): boolean => b.length >= sig.length && sig.every((v, i) => b[i] === v);

/** The encoding, from the byte order mark, the NUL pattern of BOM-less UTF-16, and UTF-8 validity of head and tail. */
export function detectEncoding(head: Uint8Array, tail: Uint8Array | null = null, complete = false): { encoding: TextEncoding; why: string } {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8-bom', why: 'the file starts with a UTF-8 byte order mark' };
  if (startsWith(head, [0xff, 0xfe])) return { encoding: 'utf-16le', why: 'the file starts with a UTF-16 little-endian byte order mark (Excel “Unicode Text”)' };
  if (startsWith(head, [0xfe, 0xff])) return { encoding: 'utf-16be', why: 'the file starts with a UTF-16 big-endian byte order mark' };
  const n = Math.min(head.length, 4096) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (head[i] === 0) (i % 2 ? odd++ : even++);
  const pairs = n / 2;
  if (pairs >= 2 && odd > pairs * 0.3 && even < pairs * 0.05) return { encoding: 'utf-16le', why: 'no byte order mark, but every other byte is zero as in UTF-16 little-endian text' };
  if (pairs >= 2 && even > pairs * 0.3 && odd < pairs * 0.05) return { encoding: 'utf-16be', why: 'no byte order mark, but every other byte is zero as in UTF-16 big-endian text' };
  const headOk = validUtf8(complete ? head : trimEnd(head));
  const tailOk = !tail || complete || validUtf8(trimStart(tail));
  if (headOk && tailOk) return { encoding: 'utf-8', why: hasHighBytes(head) ? 'the text is valid UTF-8' : 'the text is plain ASCII, read as UTF-8' };
  return { encoding: 'windows-1252', why: 'the text is not valid UTF-8; read as Windows-1252, the usual encoding of Excel and Windows exports in Western Europe and the Americas' };
}

const hasHighBytes = (b: Uint8Array): boolean => b.some((x) => x >= 0x80);
function validUtf8(b: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}
/** Drops a multi-byte UTF-8 character cut by the end of a slice. */
function trimEnd(b: Uint8Array): Uint8Array {
  let i = b.length - 1;
  let k = 0;
  while (i >= 0 && k < 3 && (b[i] & 0xc0) === 0x80) (i--, k++);
  if (i >= 0 && b[i] >= 0xc0) return b.subarray(0, i);
  return b;
}
/** Drops continuation bytes at the start of a slice taken from the middle of a file. */
function trimStart(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length && i < 3 && (b[i] & 0xc0) === 0x80) i++;
  return b.subarray(i);
}

/** The TextDecoder label of an encoding. */
export function decoderLabel(e: TextEncoding): string {
  return e === 'utf-8-bom' ? 'utf-8' : e;
}

/** The binary-content refusal, or null: known signatures, NUL bytes outside UTF-16, many control characters. */
function binaryRefusal(head: Uint8Array, encoding: TextEncoding, name: string): Refusal | null {
  const magic = MAGIC.find((m) => startsWith(head, m.sig));
  if (magic)
    return {
      title: 'This is not a text file',
      message: `“${name}” is ${magic.what}, not a CSV. Load the CSV export of your data (plain text, one row per line, a header row).`,
    };
  const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  const n = Math.min(head.length, 65536);
  let zeros = 0;
  let controls = 0;
  if (utf16) {
    const text = new TextDecoder(encoding).decode(head.subarray(0, n & ~1));
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0) zeros++;
      else if (c < 9 || (c > 13 && c < 32 && c !== 27)) controls++;
    }
    if (zeros + controls > text.length * 0.02) return binary(name, zeros ? 'NUL characters' : 'control characters');
    return null;
  }
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) zeros++;
    else if (b < 9 || (b > 13 && b < 32 && b !== 27)) controls++;
  }
  if (zeros > 0 || controls > n * 0.02) return binary(name, zeros ? 'NUL bytes' : 'control characters');
  return null;
}
const binary = (name: string, what: string): Refusal => ({
  title: 'This is not a text file',
  message: `“${name}” contains binary data (${what} in its first bytes), so it is not a CSV. Load a CSV file: plain text with one row per line and a header row.`,
});

/** The longest run of bytes without a line end in `head` (for UTF-16 the 0x0A/0x0D bytes are still there). */
function longestLine(head: Uint8Array): number {
  let longest = 0;
  let start = 0;
  for (let i = head.indexOf(0x0a); ; i = head.indexOf(0x0a, i + 1)) {
    // CR-only files: look for CR in the stretch as well
    const end = i < 0 ? head.length : i;
    let s = start;
    if (end - start > longest) {
      for (let j = head.indexOf(0x0d, start); j >= 0 && j < end; j = head.indexOf(0x0d, j + 1)) {
        longest = Math.max(longest, j - s);
        s = j + 1;
      }
      longest = Math.max(longest, end - s);
    }
    if (i < 0) break;
    start = i + 1;
  }
  return longest;
}

/** One parsed row: its fields, its 1-based first line, the raw text, and whether a closing line end was seen. */
interface ParsedRow {
  fields: string[];
  line: number;
  raw: string;
  ended: boolean;
}

/**
 * Splits text into rows of fields, quote-aware (RFC 4180): delimiters, doubled quotes and line ends
 * inside quotes; a quote in the middle of an unquoted field is kept as text. LF, CRLF and CR end lines.
 */
export function parseRows(text: string, delimiter: string, maxRows = Infinity, firstLine = 1, quote = '"'): ParsedRow[] {
  const rows: ParsedRow[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldStart = true;
  let line = firstLine;
  let rowLine = firstLine;
  let rowStart = 0;
  const n = text.length;
  let i = 0;
  for (; i < n && rows.length < maxRows; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === quote) {
        if (text[i + 1] === quote) (field += quote, i++);
        else inQuotes = false;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
      continue;
    }
    if (c === quote && fieldStart) {
      inQuotes = true;
      fieldStart = false;
      continue;
    }
    if (c === delimiter) {
      fields.push(field);
      field = '';
      fieldStart = true;
      continue;
    }
    if (c === '\r' || c === '\n') {
      const crlf = c === '\r' && text[i + 1] === '\n';
      fields.push(field);
      rows.push({ fields, line: rowLine, raw: text.slice(rowStart, i), ended: true });
      if (crlf) i++;
      line++;
      rowLine = line;
      rowStart = i + 1;
      fields = [];
      field = '';
      fieldStart = true;
      continue;
    }
    field += c;
    fieldStart = false;
  }
  if (rows.length < maxRows && i >= n && (field !== '' || fields.length > 0 || inQuotes)) {
    fields.push(field);
    rows.push({ fields, line: rowLine, raw: text.slice(rowStart), ended: false });
  }
  return rows;
}

/** Line ending used by most lines of the sample. */
function detectLineEnding(text: string): LineEnding {
  let crlf = 0;
  let cr = 0;
  let lf = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) (crlf++, i++);
      else cr++;
    } else if (c === 10) lf++;
  }
  if (crlf >= lf && crlf >= cr && crlf > 0) return 'CRLF';
  if (cr > lf) return 'CR';
  return 'LF';
}

/** The delimiter giving the most consistent field count (at least 2 fields) over the first rows. */
function detectDelimiter(text: string): { delimiter: Delimiter; why: string; rows: ParsedRow[] } {
  let best: { delimiter: Delimiter; score: number; width: number; share: number; rows: ParsedRow[] } | null = null;
  for (const d of DELIMITERS) {
    const rows = parseRows(text, d, SAMPLE_ROWS);
    const counts = new Map<number, number>();
    let n = 0;
    for (const r of rows) {
      if (!r.ended && rows.length > 1) continue;
      if (r.fields.length === 1 && r.fields[0].trim() === '') continue;
      n++;
      counts.set(r.fields.length, (counts.get(r.fields.length) ?? 0) + 1);
    }
    let width = 1;
    let top = 0;
    for (const [w, c] of counts) if (c > top || (c === top && w > width)) [width, top] = [w, c];
    const share = n ? top / n : 0;
    const score = width >= 2 ? share + Math.min(width, 10) * 0.001 : 0;
    if (!best || score > best.score) best = { delimiter: d, score, width, share, rows };
  }
  const b = best!;
  if (b.score === 0) return { delimiter: ',', why: 'no separator splits the lines into columns; read as a single column', rows: b.rows };
  return {
    delimiter: b.delimiter,
    rows: b.rows,
    why: `${Math.round(b.share * 100)}% of the first ${plural(b.rows.length, 'line')} split into ${b.width} fields on the ${DELIM_NAME[b.delimiter]}, more consistently than on any other separator`,
  };
}

/** Decodes a slice of the file, dropping the BOM and, for UTF-16, an odd first byte of a tail slice. */
function decode(bytes: Uint8Array, encoding: TextEncoding, oddStart = false): string {
  let b = bytes;
  if ((encoding === 'utf-16le' || encoding === 'utf-16be') && oddStart) b = b.subarray(1);
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') b = trimStart(b);
  return new TextDecoder(decoderLabel(encoding), { ignoreBOM: false }).decode(b);
}

/**
 * Decides how to read a text file from its first bytes (`head`, ideally HEAD_BYTES), its last bytes
 * (`tail`, ideally TAIL_BYTES; null when unknown, e.g. inside a gzip), its size and its name. Returns
 * the shape, or a refusal for files DuckDB must not be handed. Never throws on any input.
 */
export function sniffText(head: Uint8Array, tail: Uint8Array | null, size: number, name: string): { shape: TextShape } | { refusal: Refusal } {
  if (size === 0 || head.length === 0)
    return { refusal: { title: 'The file is empty', message: `“${name}” has no content. Export the data again and load the new file.` } };
  const complete = head.length >= size;
  const enc = detectEncoding(head, tail, complete);
  const bin = binaryRefusal(head, enc.encoding, name);
  if (bin) return { refusal: bin };

  // one endless line: decided on bytes before anything is decoded
  const longest = longestLine(head);
  const bytesPerChar = enc.encoding.startsWith('utf-16') ? 2 : 1;
  if (longest > MAX_LINE_BYTES * bytesPerChar || (!complete && longest >= head.length && size > MAX_LINE_BYTES * bytesPerChar))
    return {
      refusal: {
        title: 'A line is too long to be a table row',
        message:
          longest >= head.length
            ? `“${name}” (${mb(size)}) has no line break in its first ${mb(head.length)}, so it is not a table with one row per line. If it is JSON or XML, convert it to CSV; if it is a CSV, export it again with one row per line.`
            : `“${name}” has a line of ${mb(longest)} in its first ${mb(head.length)}; rows longer than ${mb(MAX_LINE_BYTES)} are not read. Check that the file is a CSV with one row per line, and export it again.`,
      },
    };

  const text = decode(head.subarray(0, Math.min(head.length, SAMPLE_CHARS * bytesPerChar)), enc.encoding);
  const sampleComplete = complete && head.length <= SAMPLE_CHARS * bytesPerChar;
  const lineEnding = detectLineEnding(text);
  const delim = detectDelimiter(text);
  const parsed = delim.rows.filter((r, _i, all) => r.ended || sampleComplete || all.length === 1);
  const rows = parsed.map((r) => r.fields);
  const rowLines = parsed.map((r) => r.line);
  if (rows.length === 0) return { refusal: { title: 'The file has no rows', message: `“${name}” holds no line of text. Export the data again and load the new file.` } };
  const header = detectHeaderRow(rows, (i) => rowLines[i]);
  const columns = rows[header.index].length;
  if (columns > MAX_COLUMNS)
    return {
      refusal: {
        title: 'Too many columns',
        message: `“${name}” has ${columns.toLocaleString('en-US')} columns in its header row; at most ${MAX_COLUMNS.toLocaleString('en-US')} are read. A sales table has a column per field (customer, date, product, amount …): export the transactions as rows, not one column per customer or day.`,
      },
    };
  const headerLine = rowLines[header.index];
  const skip = header.index; // rows, blank ones included, as DuckDB's skip counts them

  // footer: the last rows, from the tail (or the whole text when the head holds the whole file)
  let footer: SkippedLine[] = [];
  let footerRowsInTable = 0;
  const footerWidths: number[] = [];
  const lastRows = tailRows(head, tail, size, enc.encoding, delim.delimiter, complete);
  if (lastRows) {
    // only rows below the header (when the head holds the whole file the tail may reach up to it)
    const usable = lastRows.rows.filter((r) => r.line === 0 || r.line > headerLine);
    // lineOf gives the index (+1) so each footer line maps back to its parsed row
    const found = detectFooterRows(
      usable.map((r) => r.fields),
      columns,
      (i) => i + 1,
    );
    for (const f of found) {
      const r = usable[f.line - 1];
      footer.push(r.line ? { line: r.line, text: r.raw, reason: f.reason } : { line: 0, fromEnd: r.fromEnd, text: r.raw, reason: f.reason });
      if (r.raw !== '') footerWidths.push(r.fields.length);
    }
  }

  // Short rows: rejected one by one, unless leaving out trailing empty fields is the file's habit
  // (many short rows, none too long: a whole-file pattern, not a few broken lines).
  const footerSet = new Set(footer.map((f) => f.line).filter((l) => l > 0));
  const dataRows = parsed.slice(header.index + 1).filter((r) => r.raw !== '' && !footerSet.has(r.line));
  const short = dataRows.filter((r) => r.fields.length < columns).length;
  const long = dataRows.filter((r) => r.fields.length > columns).length;
  const padShortRows = columns >= 3 && short >= 3 && short >= dataRows.length * 0.1 && long === 0;
  // DuckDB reads every non-empty footer line of the full width as a row (",,," too: a row of NULLs),
  // and the shorter ones as well when short rows are padded; the others land in the rejects table
  footerRowsInTable = footerWidths.filter((w) => w === columns || (padShortRows && w < columns)).length;

  const notes: ReadNote[] = [
    { topic: 'Encoding', decision: ENC_NAME[enc.encoding], why: enc.why },
    { topic: 'Delimiter', decision: DELIM_NAME[delim.delimiter], why: delim.why },
    { topic: 'Header row', decision: `line ${headerLine}${header.uncertain ? ' (please check)' : ''}`, why: header.why },
  ];
  if (lineEnding !== 'LF') notes.push({ topic: 'Line ends', decision: lineEnding === 'CR' ? 'CR only (old Mac style)' : 'CRLF (Windows)', why: 'counted in the first lines' });
  if (padShortRows)
    notes.push({
      topic: 'Short rows',
      decision: 'rows that end early are read with their last fields empty',
      why: `${short} of the first ${dataRows.length} rows have fewer than ${columns} fields and none has more: the file leaves out trailing empty fields (as Excel's CSV export can), so those rows are padded, not rejected`,
    });
  if (header.skipped.length)
    notes.push({
      topic: 'Skipped lines',
      decision: `${plural(header.skipped.length, 'line')} above the header`,
      why: header.skipped.map((s) => `line ${s.line}: ${s.reason}`).join('; '),
    });
  if (footer.length)
    notes.push({
      topic: 'Footer',
      decision: `${plural(footer.length, 'line')} at the end left out`,
      why: footer.map((s) => `${s.line ? `line ${s.line}` : s.fromEnd === 1 ? 'last line' : `line ${s.fromEnd} from the end`}: ${s.reason}`).join('; '),
    });
  const skippedAbove = header.skipped.map((s, i) => ({ ...s, text: parsed[i]?.raw ?? s.text }));
  return {
    shape: {
      encoding: enc.encoding,
      lineEnding,
      delimiter: delim.delimiter,
      quote: '"',
      rows,
      rowLines,
      header,
      skip,
      columns,
      footer,
      footerRowsInTable,
      padShortRows,
      notes,
      skipped: [...skippedAbove, ...footer],
    },
  };
}

interface TailRow {
  fields: string[];
  line: number;
  fromEnd?: number;
  raw: string;
}

/** The last rows of the file with their line numbers (exact when the head holds the whole file, else counted from the end). */
function tailRows(head: Uint8Array, tail: Uint8Array | null, size: number, encoding: TextEncoding, delimiter: string, complete: boolean): { rows: TailRow[] } | null {
  const keep = 40;
  if (complete) {
    const text = decode(head, encoding);
    const start = Math.max(0, text.length - TAIL_BYTES);
    let from = start;
    let firstLine = 1;
    if (start > 0) {
      // begin after the first line end past `start`, with its line number
      const m = /\r\n|\n|\r/g;
      m.lastIndex = start;
      const hit = m.exec(text);
      if (!hit) return null;
      from = hit.index + hit[0].length;
      firstLine = countLines(text, from) + 1;
    }
    const rows = parseRows(text.slice(from), delimiter, Infinity, firstLine);
    return { rows: rows.slice(-keep).map((r) => ({ fields: r.fields, line: r.line, raw: r.raw })) };
  }
  if (!tail || tail.length === 0) return null;
  const text = decode(tail, encoding, (size - tail.length) % 2 === 1);
  const m = /\r\n|\n|\r/.exec(text);
  if (!m) return null;
  const rows = parseRows(text.slice(m.index + m[0].length), delimiter);
  const last = rows.slice(-keep);
  return { rows: last.map((r, i) => ({ fields: r.fields, line: 0, fromEnd: last.length - i, raw: r.raw })) };
}

/** Line ends before `end` (CRLF counted once). */
function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      n++;
    }
  }
  return n;
}
