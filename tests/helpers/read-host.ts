// A ReadHost for Node tests: files are written to a temp folder and read by path (the Node
// build of duckdb-wasm reads the local file system), decodes run in-process.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeToIpc } from '../../src/pipeline/read/decode';
import type { ReadHost } from '../../src/pipeline/read/load';
import type { TestDb } from './duckdb';

let dir: string | null = null;
let counter = 0;

/** A host reading through the test database; `signal` cancels as in the browser. */
export function nodeReadHost(db: TestDb, signal: AbortSignal = new AbortController().signal): ReadHost & { labels: string[] } {
  const labels: string[] = [];
  return {
    conn: db,
    signal,
    labels,
    registerFile: async (source, ext) => {
      dir ??= mkdtempSync(join(tmpdir(), 'basket-read-'));
      const path = join(dir, `file-${++counter}${ext}`);
      const bytes = source instanceof Uint8Array ? source : new Uint8Array(await source.arrayBuffer());
      writeFileSync(path, bytes);
      return path;
    },
    forgetFile: () => undefined,
    readFile: (sql) => db.exec(sql),
    decode: (file, format, options) => decodeToIpc(file, format, options),
    insertArrow: (table, ipc) => db.insertArrow(table, ipc),
    progress: (label) => void labels.push(label),
  };
}
