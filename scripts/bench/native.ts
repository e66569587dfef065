// Native DuckDB (@duckdb/node-api) behind the app's Connector interface, for the
// benchmark's reference run: the same SQL builders and pipeline, on the native engine
// with a fixed number of threads.
import { tableFromJSON, type Table } from 'apache-arrow';
import type { Connector } from '../../src/engine/connector';

/** A native connector and its close(). */
export interface NativeDb extends Connector {
  close(): void;
  version: string;
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.getTime();
  return v;
}

// The parts of @duckdb/node-api used here. The package is installed on demand by
// scripts/bench/ensure-native.mjs (see there why it is not a devDependency), so it is
// imported by a name TypeScript does not resolve.
interface NodeApiReader {
  getRowObjectsJS(): Record<string, unknown>[];
}
interface NodeApiConnection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<NodeApiReader>;
  closeSync(): void;
}
interface NodeApi {
  DuckDBInstance: { create(path: string, options: Record<string, string>): Promise<{ connect(): Promise<NodeApiConnection>; closeSync(): void }> };
}
const NODE_API = '@duckdb/node-api';

/** Opens an in-memory native DuckDB with `threads` threads and extension autoloading off. */
export async function openNative(threads: number): Promise<NativeDb> {
  const { DuckDBInstance } = (await import(/* @vite-ignore */ NODE_API)) as NodeApi;
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const conn = await instance.connect();
  await conn.run('SET autoinstall_known_extensions = false; SET autoload_known_extensions = false');
  const version = String((await conn.runAndReadAll('SELECT version() AS v')).getRowObjectsJS()[0]?.v);
  const query = async (sql: string): Promise<Table> => {
    const reader = await conn.runAndReadAll(sql);
    const rows = reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
    if (rows.length === 0) return tableFromJSON([{}]).slice(0, 0);
    return tableFromJSON(rows as Record<string, unknown>[]);
  };
  return {
    version,
    query,
    exec: async (sql) => {
      await conn.run(sql);
    },
    close: () => {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
