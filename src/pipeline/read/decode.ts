// Decoding the formats DuckDB-WASM cannot read without an extension download (Excel,
// Parquet, JSON) into one Arrow table, in JS. Runs in the reader worker in the browser
// (src/workers/reader.worker.ts) and in-process in Node (tests, command line).
import { decodedToIpc } from './arrow';
import { readJson } from './json';
import { readParquet } from './parquet';
import type { DecodedTable } from './types';
import { readXlsxAsync } from './xlsx';

/** The formats decoded in JS. */
export type DecodedFormat = 'xlsx' | 'parquet' | 'json' | 'ndjson';

/** Choices the user can override: the sheet of a workbook, the header row (1-based). */
export interface DecodeOptions {
  sheet?: string;
  headerRow?: number;
}

/** What a decode noticed, without the data. */
export type DecodedMeta = Omit<DecodedTable, 'columns'> & { columnNames: string[] };

/** Decodes a file into a DecodedTable (throws ReadRefusal with words for the user). */
export async function decodeTable(file: Blob, format: DecodedFormat, options: DecodeOptions): Promise<DecodedTable> {
  if (format === 'parquet') return readParquet(file);
  if (format === 'xlsx') return readXlsxAsync(new Uint8Array(await file.arrayBuffer()), options);
  return readJson(file);
}

/** Decodes a file into Arrow IPC stream bytes plus its metadata. */
export async function decodeToIpc(file: Blob, format: DecodedFormat, options: DecodeOptions): Promise<{ ipc: Uint8Array; meta: DecodedMeta }> {
  const table = await decodeTable(file, format, options);
  const { columns, ...rest } = table;
  return { ipc: decodedToIpc(table), meta: { ...rest, columnNames: columns.map((c) => c.name) } };
}
