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
  /** Creates table `name` from Arrow IPC stream bytes (decoded Excel, Parquet, JSON; model outputs). */
  insertArrow?(name: string, ipc: Uint8Array, signal?: AbortSignal): Promise<void>;
  /**
   * The same database with queries queued behind everything else (work for views not on
   * screen: tab prefetch). Absent where there is one caller at a time (tests, the CLI): use
   * the connector itself (see inBackground).
   */
  background?(): Connector;
  /** The connector this one is another lane of (the same database): what per-connector caches key on. */
  readonly base?: Connector;
}

/** `conn`'s background lane where it has one, else `conn`. */
export function inBackground(conn: Connector): Connector {
  return conn.background?.() ?? conn;
}

/** A plain error that crosses worker boundaries intact. */
export interface PlainError {
  name: string;
  message: string;
}

/** DuckDB's message in its usual "Parser Error: …" form: streamed queries report errors as JSON ({exception_type, exception_message}). */
export function duckdbMessage(message: string): string {
  if (!message.startsWith('{')) return message;
  try {
    const o = JSON.parse(message) as { exception_type?: unknown; exception_message?: unknown };
    if (typeof o.exception_message !== 'string') return message;
    return typeof o.exception_type === 'string' && o.exception_type ? `${o.exception_type} Error: ${o.exception_message}` : o.exception_message;
  } catch {
    return message;
  }
}

/** Flattens anything thrown into {name, message} (structured-clone safe), with DuckDB's usual wording. */
export function toPlainError(e: unknown): PlainError {
  if (e instanceof Error) return { name: e.name || 'Error', message: duckdbMessage(e.message) };
  if (typeof e === 'object' && e !== null && 'message' in e) {
    const o = e as { name?: unknown; message?: unknown };
    return { name: typeof o.name === 'string' ? o.name : 'Error', message: duckdbMessage(String(o.message)) };
  }
  return { name: 'Error', message: String(e) };
}

/** The error a cancelled operation rejects with (one shape everywhere: name 'AbortError'). */
export function abortError(): Error {
  const e = new Error('Cancelled');
  e.name = 'AbortError';
  return e;
}

/** True for a cancellation, whichever layer raised it (our abortError, a DOMException, an aborted signal's reason). */
export function isAbort(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}
