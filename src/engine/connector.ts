// The one interface between analyses and the database. The page gets it from
// src/engine/browser-connector.ts (DuckDB-WASM in its own worker; App.svelte hands it to the
// views through context), the command line from src/cli/native-connector.ts (native DuckDB),
// tests from tests/helpers/duckdb.ts (the browser's engine, duckdb-wasm's Node build). SQL
// builders in src/sql never import it: they return strings. Views never import engine/.
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

/**
 * What the page's views are handed (through Svelte context, src/state/context.ts): a Connector
 * that also runs a user's long query and writes model outputs back as tables. The browser's
 * connector, the command line's native one and the tests' wasm one all implement it, and the
 * conformance suite (tests/engine/conformance.ts) runs against the last two.
 */
export interface AppConnector extends Connector {
  /**
   * A long query whose result is returned and which the signal stops while it runs, freeing the
   * engine at once (the SQL console, a full CSV export). In the browser it runs on one DuckDB
   * thread (a cancelled multithreaded query keeps its helper threads busy for seconds); native
   * DuckDB interrupts any query, so there it is `query`.
   */
  queryLong(sql: string, signal: AbortSignal): Promise<Table>;
  /** Replaces table `name` with an Arrow table computed in JS (cluster labels from the models), created if missing. */
  replaceTable(name: string, table: Table, signal?: AbortSignal): Promise<void>;
  insertArrow(name: string, ipc: Uint8Array, signal?: AbortSignal): Promise<void>;
}

// Errors and cancellation are not the engine's: they live in src/errors.ts (views use them
// too) and are re-exported here for the engine side.
export { abortError, duckdbMessage, isAbort, toPlainError, type PlainError } from '../errors';
