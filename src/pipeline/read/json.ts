// JSON → DecodedTable. Three layouts, told apart from the first line:
//   - NDJSON (one object per line): read as a stream of lines, never held whole; blank lines
//     are fine, a line that is not a JSON object is left out with its line number;
//   - an array of objects: parsed whole (JSON has no streaming parse), then turned into
//     columns while the parsed records are released one by one;
//   - an object wrapping arrays ({"data": [...]}): the largest array of objects is the table.
// Nested objects become dotted column names (customer.id); arrays become JSON text.
// Types: a column of JSON numbers only is bigint when every value is a safe integer (ids stay
// 17850, never 17850.0), double otherwise; booleans only → boolean; anything else → text (a
// number in a mixed column is written as JavaScript prints it: 1.50 reads 1.5).
import { abortError } from '../../engine/connector';
import { ReadRefusal } from './refusal';
import type { ColumnData, ColumnType, DecodedTable, ReadNote, SkippedLine } from './types';

/** What readJson reads: a Blob/File (streamed), bytes, or text. */
export type JsonSource = Blob | Uint8Array | ArrayBuffer | string;

/** Options of readJson. */
export interface JsonReadOptions {
  /** Checked between chunks and rows: an aborted signal stops the read with an AbortError. */
  signal?: AbortSignal;
  /** Skipped lines kept with their text (all are counted); default 1,000. */
  maxSkipped?: number;
  /** Called as the file is read with the characters read so far (bytes for text input) and the source's size. */
  onProgress?: (read: number, total: number) => void;
}

type Cell = string | number | boolean | null;

/** Columns filled row by row; a column first seen at row r starts with r nulls. */
class Columns {
  readonly map = new Map<string, { values: Cell[]; numbers: number; ints: number; bools: number; other: number }>();
  rows = 0;

  add(record: Record<string, unknown>): void {
    this.flatten(record, '');
    this.rows++;
  }

  private set(name: string, v: Cell): void {
    let c = this.map.get(name);
    if (!c) {
      c = { values: [], numbers: 0, ints: 0, bools: 0, other: 0 };
      this.map.set(name, c);
    }
    const vals = c.values;
    // a repeated key after flattening ({"a.b": 1, "a": {"b": 2}}): the last one wins
    if (vals.length > this.rows) vals.length = this.rows;
    while (vals.length < this.rows) vals.push(null);
    vals.push(v);
    if (v === null) return;
    if (typeof v === 'number') {
      c.numbers++;
      if (Number.isSafeInteger(v)) c.ints++;
    } else if (typeof v === 'boolean') c.bools++;
    else c.other++;
  }

  private flatten(o: Record<string, unknown>, prefix: string): void {
    for (const key in o) {
      const v = o[key];
      const name = prefix + key;
      if (v === null || v === undefined) this.set(name, null);
      else if (Array.isArray(v)) this.set(name, JSON.stringify(v));
      else if (typeof v === 'object') this.flatten(v as Record<string, unknown>, name + '.');
      else this.set(name, v as string | number | boolean);
    }
  }

  /** The finished columns, each typed from its values. */
  finish(): ColumnData[] {
    const out: ColumnData[] = [];
    for (const [name, c] of this.map) {
      const values = c.values as ColumnData['values'];
      while (values.length < this.rows) values.push(null);
      const present = c.numbers + c.bools + c.other;
      let type: ColumnType = 'text';
      if (present > 0 && c.numbers === present) type = c.ints === present ? 'bigint' : 'double';
      else if (present > 0 && c.bools === present) type = 'boolean';
      else if (c.numbers + c.bools > 0) for (let i = 0; i < values.length; i++) if (values[i] !== null && typeof values[i] !== 'string') values[i] = String(values[i]);
      out.push({ name, type, values });
    }
    return out;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const short = (s: string): string => (s.length > 200 ? s.slice(0, 200) + '…' : s);
const aborted = (signal?: AbortSignal): void => {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : abortError();
};

// Text chunks of the source, decoded (UTF-8, or UTF-16 when the file starts with its byte order mark).
async function* chunks(src: JsonSource, signal?: AbortSignal): AsyncGenerator<string> {
  if (typeof src === 'string') {
    yield src.charCodeAt(0) === 0xfeff ? src.slice(1) : src;
    return;
  }
  let decoder: TextDecoder | null = null;
  const decode = (b: Uint8Array, stream: boolean): string => {
    if (!decoder) {
      const enc = b[0] === 0xff && b[1] === 0xfe ? 'utf-16le' : b[0] === 0xfe && b[1] === 0xff ? 'utf-16be' : 'utf-8';
      decoder = new TextDecoder(enc);
    }
    return decoder.decode(b, { stream });
  };
  if (src instanceof Uint8Array || src instanceof ArrayBuffer) {
    const b = src instanceof Uint8Array ? src : new Uint8Array(src);
    // decode in slices so a large buffer is not turned into one string at once
    const step = 4 << 20;
    for (let i = 0; i < b.length; i += step) {
      aborted(signal);
      yield decode(b.subarray(i, i + step), i + step < b.length);
    }
    return;
  }
  const reader = (src.stream() as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      aborted(signal);
      const { done, value } = await reader.read();
      if (done) break;
      yield decode(value, true);
    }
  } finally {
    reader.releaseLock();
  }
  if (decoder) yield (decoder as TextDecoder).decode();
}

// Whole numbers of 16+ digits (order ids, snowflake ids) lose digits as JS numbers
// (12345678901234567890 → 12345678901234567000). When the text holds one, such numbers outside
// strings are quoted before parsing, so they stay exact text.
const HAS_LONG_INT = /[:[,]\s*-?\d{16,}\s*[,}\]]/;
function quoteLongInts(text: string): string {
  const out: string[] = [];
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i++; // backslash: skip the escaped character
      else if (ch === 34) inString = false;
      continue;
    }
    if (ch === 34) {
      inString = true;
      continue;
    }
    if (ch === 45 || (ch >= 48 && ch <= 57)) {
      let j = i + 1;
      while (j < text.length && /[0-9.eE+-]/.test(text[j] as string)) j++;
      const token = text.slice(i, j);
      if (/^-?\d{16,}$/.test(token)) {
        out.push(text.slice(last, i), '"', token, '"');
        last = j;
      }
      i = j - 1;
    }
  }
  if (last === 0) return text;
  out.push(text.slice(last));
  return out.join('');
}
function parseExact(text: string): unknown {
  return JSON.parse(HAS_LONG_INT.test(text) ? quoteLongInts(text) : text);
}

const notJson = (): never => {
  throw new ReadRefusal('This is not a JSON file', 'The file does not start with “{” or “[”, so it is not JSON (an array of records, or one record per line). Check that you picked the right file, or export the data as CSV.');
};

// The 1-based line of a character position, for "breaks at line N".
const lineAt = (text: string, pos: number): number => {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

function parseWhole(text: string): unknown {
  try {
    return parseExact(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : '';
    const m = /position (\d+)/.exec(msg);
    const where = m ? ` near line ${lineAt(text, Number(m[1])).toLocaleString('en-US')}` : '';
    // the parse broke at the very end of the text: the file stops in the middle of the data
    const cut = /Unexpected end|Unterminated/i.test(msg) || (m !== null && Number(m[1]) >= text.trimEnd().length);
    throw new ReadRefusal(
      cut ? 'The JSON file ends early' : 'The JSON is not valid',
      cut ? 'The file stops in the middle of the data, so it was probably cut short (an interrupted download or copy). Download or export it again.' : `The file is not valid JSON${where}. Check that it was exported completely, or export the data as CSV.`,
    );
  }
}

// Every array of objects inside a document (depth-limited), with its path, largest first.
function arraysOfObjects(o: unknown, path: string[], out: { path: string[]; items: unknown[]; objects: number }[], depth = 0): void {
  if (depth > 4) return;
  if (Array.isArray(o)) {
    const objects = o.reduce((n: number, x) => n + (isRecord(x) ? 1 : 0), 0);
    if (objects > 0) out.push({ path, items: o, objects });
    return;
  }
  if (isRecord(o)) for (const k in o) arraysOfObjects(o[k], [...path, k], out, depth + 1);
}

// Rows from the items of an array: objects become rows, anything else is left out with its position.
function fromArray(items: unknown[], cols: Columns, skipped: SkippedLine[], max: number, what: string, signal?: AbortSignal): number {
  let bad = 0;
  for (let i = 0; i < items.length; i++) {
    if ((i & 0xffff) === 0) aborted(signal);
    const x = items[i];
    if (isRecord(x)) cols.add(x);
    else {
      bad++;
      if (skipped.length < max) skipped.push({ line: i + 1, text: short(JSON.stringify(x) ?? String(x)), reason: `item ${(i + 1).toLocaleString('en-US')} of ${what} is not an object (a record with named fields)` });
    }
    // release the parsed record: the columns hold its values now
    items[i] = undefined;
  }
  return bad;
}

const plural = (n: number, one: string, many = one + 's'): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Reads JSON (array of objects, NDJSON, or an object wrapping an array of objects) into typed columns; throws ReadRefusal when it holds no records. */
export async function readJson(src: JsonSource, options: JsonReadOptions = {}): Promise<DecodedTable> {
  const max = options.maxSkipped ?? 1000;
  const cols = new Columns();
  const skipped: SkippedLine[] = [];
  const notes: ReadNote[] = [];
  let mode: 'unknown' | 'lines' | 'whole' = 'unknown';
  let buf = ''; // NDJSON: the unfinished last line; whole: every chunk so far
  const parts: string[] = [];
  let line = 0; // lines consumed (NDJSON)
  let badLines = 0;
  let scanned = 0; // how far the first line has been searched for its end (no quadratic rescans)
  let first: Record<string, unknown> | null = null; // the first NDJSON record, in case it is the only one (a one-line wrapper)

  const takeLine = (text: string): void => {
    line++;
    const s = text.trim();
    if (s === '') return;
    let v: unknown;
    try {
      v = parseExact(s);
    } catch {
      badLines++;
      if (skipped.length < max) skipped.push({ line, text: short(s), reason: 'not valid JSON' });
      return;
    }
    if (!isRecord(v)) {
      badLines++;
      if (skipped.length < max) skipped.push({ line, text: short(s), reason: 'not an object (a record with named fields)' });
      return;
    }
    if (cols.rows === 0 && first === null) first = v;
    cols.add(v);
  };

  const total = typeof src === 'string' ? src.length : src instanceof Blob ? src.size : src.byteLength;
  let read = 0;
  for await (const chunk of chunks(src, options.signal)) {
    read += chunk.length;
    options.onProgress?.(Math.min(read, total), total);
    if (mode === 'whole') {
      parts.push(chunk);
      continue;
    }
    buf += chunk;
    if (mode === 'unknown') {
      const start = buf.search(/\S/);
      if (start < 0) continue;
      const c = buf[start];
      if (c === '[') mode = 'whole';
      else if (c !== '{') notJson();
      else {
        const nl = buf.indexOf('\n', Math.max(start, scanned));
        scanned = buf.length;
        if (nl < 0) continue; // the first line is not complete yet
        try {
          JSON.parse(buf.slice(start, nl));
          mode = 'lines';
        } catch {
          mode = 'whole'; // an object spread over lines: a wrapper, or not JSON
        }
      }
      if (mode === 'whole') {
        parts.push(buf);
        buf = '';
        continue;
      }
    }
    // NDJSON: every complete line of the buffer
    let from = 0;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', from)) {
      takeLine(buf.slice(from, nl));
      from = nl + 1;
      if ((line & 0x3fff) === 0) aborted(options.signal);
    }
    buf = buf.slice(from);
  }

  if (mode === 'unknown') {
    // the whole file is one line (or empty)
    const s = buf.trim();
    if (s === '') throw new ReadRefusal('The file is empty', 'There is nothing in this file. Export the data again, then load it.');
    if (s[0] !== '{' && s[0] !== '[') notJson();
    parts.push(buf);
    buf = '';
    mode = 'whole';
  } else if (mode === 'lines' && buf.trim() !== '') takeLine(buf);

  if (mode === 'lines') {
    notes.push({ topic: 'JSON layout', decision: 'one record per line (NDJSON)', why: 'each line of the file is a JSON object of its own' });
    // one line holding a wrapper ({"data": [...]}) is a document, not one record
    const one = cols.rows === 1 && first !== null ? first : null;
    if (one && badLines === 0) {
      const found: { path: string[]; items: unknown[]; objects: number }[] = [];
      arraysOfObjects(one, [], found);
      if (found.length > 0) return fromDocument(one, options, max);
    }
    if (cols.rows === 0) throw new ReadRefusal('No records found in this JSON', `None of the ${plural(badLines, 'line')} is a JSON object (a record with named fields), so there is no table to read. Check the file, or export the data as CSV.`);
    if (badLines > cols.rows) {
      throw new ReadRefusal(
        'Most lines are not JSON records',
        `Only ${plural(cols.rows, 'line')} of the file ${cols.rows === 1 ? 'is a JSON object' : 'are JSON objects'}; ${plural(badLines, 'other line')} ${badLines === 1 ? 'is' : 'are'} not (the first at line ${skipped[0]?.line ?? '?'}). This does not look like one record per line (NDJSON): check the file, or export the data as CSV.`,
      );
    }
    if (badLines > 0) notes.push({ topic: 'Rejected lines', decision: `${plural(badLines, 'line')} left out`, why: 'they are not JSON objects (see the rejected rows for their line numbers)' });
    return { columns: cols.finish(), rows: cols.rows, notes, skipped };
  }
  const text = parts.length === 1 ? (parts[0] as string) : parts.join('');
  parts.length = 0;
  const doc = parseWhole(text);
  return fromDocument(doc, options, max);
}

// A parsed document (the text is no longer needed): an array of records, or an object wrapping one.
function fromDocument(doc: unknown, options: JsonReadOptions, max: number): DecodedTable {
  const cols = new Columns();
  const skipped: SkippedLine[] = [];
  const notes: ReadNote[] = [];
  if (!isRecord(doc) && !Array.isArray(doc)) {
    throw new ReadRefusal('This JSON holds a single value', 'The file is valid JSON but holds one value, not a list of records. The app reads an array of objects, or one object per line (NDJSON).');
  }
  let items: unknown[];
  let what = 'the array';
  if (Array.isArray(doc)) {
    items = doc;
    notes.push({ topic: 'JSON layout', decision: 'an array of records', why: 'the file is one JSON array; each object in it is a row' });
  } else {
    const found: { path: string[]; items: unknown[]; objects: number }[] = [];
    arraysOfObjects(doc, [], found);
    found.sort((a, b) => b.objects - a.objects);
    const best = found[0];
    if (!best) {
      throw new ReadRefusal('No records found in this JSON', 'The file holds one JSON object and no list of records inside it, so there is no table to read. The app reads an array of objects, one object per line (NDJSON), or an object holding such an array.');
    }
    items = best.items;
    const name = best.path.join('.');
    what = `“${name}”`;
    const others = found.slice(1).map((f) => `“${f.path.join('.')}” (${plural(f.objects, 'record')})`);
    notes.push({
      topic: 'JSON layout',
      decision: `the records in “${name}” (${plural(best.objects, 'record')})`,
      why: others.length ? `the file is an object; “${name}” is its largest list of records (also found: ${others.join(', ')})` : `the file is an object holding one list of records, “${name}”`,
    });
  }
  const bad = fromArray(items, cols, skipped, max, what, options.signal);
  if (cols.rows === 0) throw new ReadRefusal('No records found in this JSON', 'The array holds no objects (records with named fields), so there is no table to read. Check the file, or export the data as CSV.');
  if (bad > 0) notes.push({ topic: 'Rejected rows', decision: `${plural(bad, 'item')} left out`, why: 'they are not objects (records with named fields)' });
  return { columns: cols.finish(), rows: cols.rows, notes, skipped };
}
