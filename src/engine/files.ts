// Getting bytes to DuckDB without copying them into JS memory: a dropped or picked File
// is registered as a handle (DuckDB reads slices on demand in its worker), so a 1 GB CSV
// needs no 1 GB of JS heap. Fetched data (sample, ?data=url) arrives as a buffer and is
// transferred, not copied. Every name sits in FILE_DIR, the only folder DuckDB may read
// once external access is off (see engine/db.ts).
import { DuckDBDataProtocol } from '@duckdb/duckdb-wasm';
import { getEngine } from './db';
import { FILE_DIR } from './lockdown';

let counter = 0;

/** Registers a File (or Blob) under a fresh name ending in the given extension; returns the name. */
export async function registerFile(file: Blob, extension: string): Promise<string> {
  const { db } = await getEngine();
  const name = `${FILE_DIR}upload-${++counter}${extension}`;
  await db.registerFileHandle(name, file, DuckDBDataProtocol.BROWSER_FILEREADER, true);
  return name;
}

/** Registers in-memory bytes (ownership moves to the worker); returns the name. */
export async function registerBytes(bytes: Uint8Array, extension: string): Promise<string> {
  const { db } = await getEngine();
  const name = `${FILE_DIR}buffer-${++counter}${extension}`;
  await db.registerFileBuffer(name, bytes);
  return name;
}

/** Forgets a registered file (its table stays). */
export async function dropFile(name: string): Promise<void> {
  const { db } = await getEngine();
  await db.dropFile(name);
}
