// What a dataset costs in the engine's memory, and what the page keeps because of it.
// DuckDB-WASM holds every table in WebAssembly memory, which stops at 4 GB (DuckDB's own limit
// is set a little below: 3.1 GiB). A load builds `raw` (every column as text, as read) and
// from it `lines` (typed, the rows behind `sales`); the derived tables are small next to them.
// Once `lines` exists, a large `raw` is dropped: cleaning again (a changed role or rule) reads
// the registered file again instead of copying it (tests/pipeline/memory.test.ts).
import type { Connector } from '../engine/connector';

/**
 * From this many rows on, `raw` is dropped once the dataset is built. Below it, the text copy
 * is cheap (≈ 160 MB at 1M generated lines natively, more in wasm) and keeps re-cleaning and
 * the SQL console's `raw` instant; above it, it is the largest table and the first cause of
 * "Out of Memory" on the later tabs.
 */
export const RAW_KEEP_MAX_ROWS = 750_000;

/** True when a dataset of `rows` raw rows keeps its `raw` table after the load. */
export function keepsRaw(rows: number): boolean {
  return rows < RAW_KEEP_MAX_ROWS;
}

/** Drops `raw` (its rows live on typed in `lines`; the registered file can be read again). */
export async function releaseRaw(conn: Connector): Promise<void> {
  await conn.exec('DROP TABLE IF EXISTS raw');
}

/** True when an error says DuckDB (or the browser) ran out of memory. */
export function isOutOfMemory(message: string): boolean {
  return /out of memory|could not allocate|memory limit|allocation failed|RangeError: Array buffer allocation/i.test(message);
}

/**
 * After a load of a single CSV ran out of memory anyway (the estimate is from the first
 * megabyte, and wide text or many columns need more): N of the sample of customers to offer
 * next, 1 in 2 after a whole read and twice as few customers after a sample of 1 in `every`;
 * null when the error is not about memory.
 */
export function sampleAfterOutOfMemory(e: unknown, every: number): number | null {
  const text = e instanceof Error ? `${(e as { title?: unknown }).title ?? ''} ${e.message}` : String(e);
  if (!isOutOfMemory(text) && !/not enough memory|ran out of memory/i.test(text)) return null;
  return Math.max(2, Math.floor(every) * 2);
}

/** Words for the user when a view's computation ran out of memory: what happened and what to do. */
export const OUT_OF_MEMORY_VIEW =
  'Not enough memory to compute this on the whole data: the browser gives the engine at most 4 GB. Filter to a part of the data (a date range, a country, a segment), or load the file again and choose to analyse a sample of customers.';

/** DuckDB's error classes ("Binder Error: …"): raw engine text a user should not see as is. */
const ENGINE_ERROR = /^(?:[A-Z][a-zA-Z]* )*(?:Error|Exception): /;

/** A computation's failure as one plain line: out-of-memory and raw engine errors in words, other messages (already written for users) as they are. */
export function plainFailure(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const first = message.split('\n')[0] ?? message;
  if (isOutOfMemory(message)) return OUT_OF_MEMORY_VIEW;
  if (ENGINE_ERROR.test(first)) return `This could not be computed on this data (the database engine stopped: ${first.replace(ENGINE_ERROR, '').slice(0, 160)}). Try another filter, or reload the page.`;
  return first;
}

/** DuckDB-WASM's memory limit in a tab (its default: a little under the 4 GB of WebAssembly memory). */
export const ENGINE_LIMIT_BYTES = 3.1 * 2 ** 30;

/**
 * What a load and the heaviest tab take in the engine, per byte of CSV text and per row
 * (measured on the generated files, scripts/memory/measure.ts; notes/memory.md): the text is
 * held once as `raw` while `lines` is built, and the typed rows then cost about the same
 * again per row whatever their width. Calibrated by the bench's size ladder on the multithreaded
 * build: 5,001,412 generated lines (526 MB) load and every tab works, while a sample of
 * 6.7M lines (1 in 3 customers of the 20M file) ran out of memory; 1.6 bytes a text byte and
 * 120 a row had offered that sample.
 */
export const MEMORY_PER_TEXT_BYTE = 2.6;
export const MEMORY_PER_ROW = 200;
/** Share of the limit a load may plan to use (queries need room besides the tables). */
export const PLANNED_SHARE = 0.8;

/** A load's memory estimate from the file's size and first bytes. */
export interface MemoryEstimate {
  rows: number;
  bytes: number;
  /** True when the estimate fits the engine's memory. */
  fits: boolean;
  /** N of the smallest "1 in N customers" sample that fits (1 when the whole file does). */
  sampleEvery: number;
}

/** Estimates the memory a CSV of `textBytes` (unpacked) needs, from its first bytes `head`; `limit` is the engine's. */
export function estimateCsvMemory(textBytes: number, head: Uint8Array, limit = ENGINE_LIMIT_BYTES): MemoryEstimate {
  let lines = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === 10) lines++;
  if (lines === 0) for (let i = 0; i < head.length; i++) if (head[i] === 13) lines++; // old Mac line ends
  const perLine = lines > 0 ? head.length / lines : Math.max(1, head.length);
  const rows = Math.round(textBytes / perLine);
  const bytes = textBytes * MEMORY_PER_TEXT_BYTE + rows * MEMORY_PER_ROW;
  const room = limit * PLANNED_SHARE;
  const fits = bytes <= room;
  return { rows, bytes, fits, sampleEvery: fits ? 1 : Math.ceil(bytes / room) };
}
