// The one interface between analyses and the database. Browser code gets it from
// src/engine/db.ts (DuckDB-WASM in its own worker); tests get it from
// tests/helpers/duckdb.ts (the same engine, duckdb-wasm's Node build). SQL builders in
// src/sql never import it: they return strings.
import type { Table } from 'apache-arrow';

/** Runs SQL somewhere and returns Arrow; errors are plain {name, message} Errors. */
export interface Connector {
  /** Runs a query and returns its result as an Arrow table; an aborted signal skips it if it has not started. */
  query(sql: string, signal?: AbortSignal): Promise<Table>;
  /** Runs statements for their effect (DDL, SET, INSERT). */
  exec(sql: string, signal?: AbortSignal): Promise<void>;
}

/** A plain error that crosses worker boundaries intact. */
export interface PlainError {
  name: string;
  message: string;
}

/** Flattens anything thrown into {name, message} (structured-clone safe). */
export function toPlainError(e: unknown): PlainError {
  if (e instanceof Error) return { name: e.name || 'Error', message: e.message };
  if (typeof e === 'object' && e !== null && 'message' in e) {
    const o = e as { name?: unknown; message?: unknown };
    return { name: typeof o.name === 'string' ? o.name : 'Error', message: String(o.message) };
  }
  return { name: 'Error', message: String(e) };
}
