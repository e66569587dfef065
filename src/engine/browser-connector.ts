// The app's Connector in the browser: queries run in the DuckDB worker through one connection,
// one at a time (a queue), so overlapping callers never interleave on the connection.
// Errors are flattened to plain {name, message} Errors.
//
// Datasets live in attached in-memory databases. The views read the active one; a load (or a
// re-clean) builds the next dataset in a staging database of its own (see stage()) and only
// commit() makes it active, so a cancelled or failed load leaves every table of the previous
// dataset untouched. Each queued task first points the connection at its database (USE).
//
// Cancellation: a query given a signal is skipped if the signal is aborted before it starts,
// and interrupted (conn.cancelSent) if it is aborted while it runs.
//
// Priority (engine/queue.ts): `browserConnector` queues in the foreground lane (what is on
// screen, loads, the console); `derivedConnector` (the filtered customers table, the data
// cube) and `backgroundConnector` (prefetch of tabs not open) queue behind it and never
// start while a foreground query waits. A background statement already running is
// interrupted by foreground work and run again after it (runPreemptible); a derived one
// (seconds at most, and wanted soon) is not: a filter change waits for at most that one.
//
// Profiling: when the page defines `globalThis.__blQueryLog` (an array), every task is
// logged there (lane, SQL head, queued/started/ended times, skipped) — scripts/bench/filter-latency.mjs.
import type { Table } from 'apache-arrow';
import type { AppConnector, Connector } from './connector';
import { abortError, toPlainError } from './connector';
import { FIRST_DATABASE, getEngine, singleThreaded, type Engine, type ProgressHandler } from './db';
import { BACKGROUND, DERIVED, FOREGROUND, Preempted, TaskQueue, type Lane } from './queue';

const queue = new TaskQueue();
/** The database the views read. */
let active = FIRST_DATABASE;
/** The database the connection currently points at (USE). */
let used = FIRST_DATABASE;
let staged = 0;

interface QueryLogEntry {
  lane: Lane;
  sql: string;
  queued: number;
  started?: number;
  ended?: number;
  error?: string;
}

function queryLog(): QueryLogEntry[] | null {
  const log = (globalThis as { __blQueryLog?: unknown }).__blQueryLog;
  return Array.isArray(log) ? (log as QueryLogEntry[]) : null;
}

function enqueue<T>(task: (preempt: AbortSignal) => Promise<T>, lane: Lane = FOREGROUND, sql = '', preemptible = false): Promise<T> {
  const log = queryLog();
  if (!log) return queue.run(task, lane, preemptible);
  const entry: QueryLogEntry = { lane, sql: sql.replace(/\s+/g, ' ').slice(0, 160), queued: performance.now() };
  log.push(entry);
  return queue.run(
    async (preempt) => {
      entry.started = performance.now();
      try {
        return await task(preempt);
      } catch (e) {
        entry.error = e instanceof Error ? e.name : 'Error';
        throw e;
      } finally {
        entry.ended = performance.now();
      }
    },
    lane,
    preemptible,
  );
}

/** True when a foreground query is queued: background jobs of several statements may check it to yield. */
export function foregroundWaiting(): boolean {
  return queue.foregroundWaiting();
}

/** Queues a task on the connection pointed at `db()` (read when the task starts), on `lane`. */
function onDb<T>(db: () => string, task: (engine: Engine, preempt: AbortSignal) => Promise<T>, lane: Lane = FOREGROUND, sql = '', preemptible = false): Promise<T> {
  return enqueue(
    async (preempt) => {
      const engine = await getEngine();
      await use(engine, db());
      return task(engine, preempt);
    },
    lane,
    sql,
    preemptible,
  );
}

async function use(engine: Engine, db: string): Promise<void> {
  if (used === db) return;
  await engine.conn.query(`USE ${db}`);
  used = db;
}

function plainError(e: unknown): Error {
  const p = toPlainError(e);
  const err = new Error(p.message);
  err.name = p.name;
  return err;
}

/** More than one statement (a `;` followed by more text): DuckDB can only send one at a time. */
function isScript(sql: string): boolean {
  return /;\s*\S/.test(sql);
}

/**
 * Runs one statement so that the signal interrupts it: sent as a pending query (which the
 * worker polls, so cancelSent lands between polls), materialised rather than streamed (a
 * streamed result costs a worker round trip per 2,048-row chunk: UCI loaded in 3.4–7.7 s
 * streamed against 2.6–3.2 s materialised, same busy machine).
 * Scripts of several statements run whole (not interruptible; they are short DDL).
 */
async function runSignalled(engine: Engine, sql: string, signal: AbortSignal | undefined, keep: boolean): Promise<Table | null> {
  const { conn } = engine;
  if (signal?.aborted) throw abortError();
  if (!signal || isScript(sql)) {
    try {
      const t = (await conn.query(sql)) as Table;
      return keep ? t : null;
    } catch (e) {
      throw plainError(e);
    }
  }
  const onAbort = (): void => void conn.cancelSent().catch(() => undefined);
  signal.addEventListener('abort', onAbort);
  try {
    const reader = await conn.send(sql, false);
    const batches = [];
    for await (const batch of reader) {
      if (signal.aborted) break;
      if (keep) batches.push(batch);
    }
    if (signal.aborted) throw abortError();
    if (!keep) return null;
    const { Table } = await import('apache-arrow');
    return batches.length ? new Table(batches) : new Table(reader.schema);
  } catch (e) {
    if (signal.aborted) throw abortError();
    throw plainError(e);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Runs one background statement so that foreground work can interrupt it (`preempt`): on one
 * DuckDB thread (in the multithreaded build an interrupted query's tasks keep the helper
 * threads busy until they finish; on one thread the engine is free within milliseconds, see
 * queryCancellable), sent as a pending query that conn.cancelSent stops. Interrupted before
 * it finished, it rejects with Preempted and the queue runs it again later (a statement that
 * was interrupted changed nothing); once it has run, its result is read whatever happens.
 * The caller's signal still skips or interrupts it as in runSignalled.
 */
async function runPreemptible(engine: Engine, sql: string, signal: AbortSignal | undefined, keep: boolean, preempt: AbortSignal): Promise<Table | null> {
  if (signal?.aborted) throw abortError();
  if (preempt.aborted) throw new Preempted();
  const { conn } = engine;
  return singleThreaded(engine, async () => {
    const onAbort = (): void => void conn.cancelSent().catch(() => undefined);
    signal?.addEventListener('abort', onAbort);
    preempt.addEventListener('abort', onAbort);
    let reader: Awaited<ReturnType<typeof conn.send>>;
    try {
      reader = await conn.send(sql, false);
    } catch (e) {
      if (signal?.aborted) throw abortError();
      if (preempt.aborted) throw new Preempted();
      throw plainError(e);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      preempt.removeEventListener('abort', onAbort);
    }
    try {
      const batches = [];
      for await (const batch of reader) if (keep) batches.push(batch);
      if (!keep) return null;
      const { Table } = await import('apache-arrow');
      return batches.length ? new Table(batches) : new Table(reader.schema);
    } catch (e) {
      throw plainError(e);
    }
  });
}

/** Runs a statement of a lower lane: interruptible by foreground work in the background lane (a single statement), as runSignalled otherwise. */
function runInLane(engine: Engine, sql: string, signal: AbortSignal | undefined, keep: boolean, lane: Lane, preempt: AbortSignal): Promise<Table | null> {
  return lane === BACKGROUND && !isScript(sql) ? runPreemptible(engine, sql, signal, keep, preempt) : runSignalled(engine, sql, signal, keep);
}

/** A connector over one database (a getter: the active one changes on commit), queueing on `lane`. */
function connectorOn(db: () => string, lane: Lane = FOREGROUND): Connector {
  const preemptible = (sql: string): boolean => lane === BACKGROUND && !isScript(sql);
  return {
    query: (sql, signal) => onDb(db, async (engine, preempt) => (await runInLane(engine, sql, signal, true, lane, preempt)) as Table, lane, sql, preemptible(sql)),
    exec: (sql, signal) =>
      onDb(
        db,
        async (engine, preempt) => {
          await runInLane(engine, sql, signal, false, lane, preempt);
        },
        lane,
        sql,
        preemptible(sql),
      ),
    insertArrow: (name, ipc, signal) =>
      onDb(
        db,
        async ({ conn }) => {
          if (signal?.aborted) throw abortError();
          try {
            await conn.insertArrowFromIPCStream(ipc, { name, create: true });
          } catch (e) {
            throw plainError(e);
          }
        },
        lane,
        `insertArrow ${name}`,
      ),
  };
}

const onActive = connectorOn(() => active);

/**
 * The page's connector, on the active dataset: queries run in the DuckDB worker (queued; never on
 * the main thread) and a signal skips or interrupts them. App.svelte hands it to the views;
 * `background()` gives prefetch its lane.
 */
export const browserConnector: AppConnector = {
  query: onActive.query,
  exec: onActive.exec,
  insertArrow: (name, ipc, signal) => onActive.insertArrow!(name, ipc, signal),
  queryLong: (sql, signal) => queryCancellable(sql, signal),
  replaceTable: (name, table, signal) => replaceTable(name, table, signal),
  background: () => backgroundConnector,
};

/** The active dataset in the DERIVED lane: tables rebuilt after a filter change (customers, the data cube) wait for the views' queries. */
export const derivedConnector: Connector = { ...connectorOn(() => active, DERIVED), base: browserConnector };

/** The active dataset in the BACKGROUND lane: work for tabs not open yet (prefetch) waits for every other query. */
export const backgroundConnector: Connector = { ...connectorOn(() => active, BACKGROUND), base: browserConnector };

/** The database holding the dataset the views read (for copying a table into a staging database). */
export function activeDatabase(): string {
  return active;
}

/** A staging database: where a load builds its dataset before it replaces the active one. */
export interface Staging {
  /** Its name (tables are `<name>.<table>`). */
  readonly name: string;
  /** A connector on the staging database whose every query observes `signal` (skipped or interrupted once it aborts). */
  connector(signal: AbortSignal): Connector;
  /** runCancellable on the staging database (reading a registered file, with progress). */
  read(sql: string, onProgress: ProgressHandler, signal: AbortSignal): Promise<void>;
  /** Makes this the active database and drops the one it replaces. Synchronous: no await can come between a last check of the signal and the swap. */
  commit(): void;
  /** Drops the staging database (after its queries in flight). */
  discard(): void;
}

/** Creates a staging database (attached in memory, empty). */
export function stage(): Staging {
  const name = `data${++staged}`;
  let done = false;
  void enqueue(async () => {
    const { conn } = await getEngine();
    await conn.query(`ATTACH ':memory:' AS ${name}`);
  }).catch(() => undefined);
  const drop = (db: string): void =>
    void enqueue(async () => {
      const engine = await getEngine();
      if (used === db) await use(engine, active);
      await engine.conn.query(`DETACH DATABASE IF EXISTS ${db}`);
    }).catch(() => undefined);
  return {
    name,
    connector: (signal) => {
      const c = connectorOn(() => name);
      return { query: (sql) => c.query(sql, signal), exec: (sql) => c.exec(sql, signal), insertArrow: (t, ipc) => c.insertArrow!(t, ipc, signal) };
    },
    read: (sql, onProgress, signal) => runCancellableOn(() => name, sql, onProgress, signal),
    commit: () => {
      if (done) return;
      done = true;
      const old = active;
      active = name;
      drop(old);
    },
    discard: () => {
      if (done) return;
      done = true;
      drop(name);
    },
  };
}

/**
 * A query whose result is returned and which the signal can cancel while it runs (SQL
 * console, long user queries). It runs on one DuckDB thread: in the multithreaded build a
 * cancelled query's tasks keep running on the helper threads until they finish (measured:
 * a 9 s cross join cancelled after 0.7 s held the engine for another 8–11 s), while on one
 * thread Cancel frees the engine within milliseconds.
 */
export function queryCancellable(sql: string, signal: AbortSignal): Promise<Table> {
  return onDb(
    () => active,
    async (engine) => {
      const { conn } = engine;
      if (signal.aborted) throw abortError();
      const onAbort = (): void => void conn.cancelSent();
      signal.addEventListener('abort', onAbort);
      try {
        const { reader, batches } = await singleThreaded(engine, async () => {
          const reader = await conn.send(sql, true);
          const batches = [];
          for await (const batch of reader) batches.push(batch);
          return { reader, batches };
        });
        if (signal.aborted) throw abortError();
        const { Table } = await import('apache-arrow');
        return batches.length ? new Table(batches) : new Table(reader.schema);
      } catch (e) {
        if (signal.aborted) throw abortError();
        throw plainError(e);
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    },
    FOREGROUND,
    sql,
  );
}

/** Replaces table `name` of the active dataset with an Arrow table computed in JS (e.g. cluster labels from the analytics worker); an aborted signal skips it. */
export function replaceTable(name: string, table: Table, signal?: AbortSignal): Promise<void> {
  return onDb(
    () => active,
    async ({ conn }) => {
      if (signal?.aborted) throw abortError();
      try {
        await conn.query(`DROP TABLE IF EXISTS "${name.replaceAll('"', '""')}"`);
        await conn.insertArrowTable(table, { name, create: true });
      } catch (e) {
        throw plainError(e);
      }
    },
    FOREGROUND,
    `replaceTable ${name}`,
  );
}

/**
 * A statement run so that it can be cancelled and report progress: loading files. It runs
 * on one DuckDB thread, since it reads a registered browser File (see singleThreaded), and
 * so that Cancel stops it at once (see queryCancellable).
 */
export function runCancellable(sql: string, onProgress: ProgressHandler, signal: AbortSignal): Promise<void> {
  return runCancellableOn(() => active, sql, onProgress, signal);
}

function runCancellableOn(db: () => string, sql: string, onProgress: ProgressHandler, signal: AbortSignal): Promise<void> {
  return onDb(db, async (engine) => {
    const { conn, db: duck } = engine;
    if (signal.aborted) throw abortError();
    const onAbort = (): void => void conn.cancelSent().catch(() => undefined);
    signal.addEventListener('abort', onAbort);
    duck.setProgressHandler(onProgress);
    try {
      await singleThreaded(engine, async () => {
        const reader = await conn.send(sql, true);
        for await (const batch of reader) void batch;
      });
      if (signal.aborted) throw abortError();
    } catch (e) {
      if (signal.aborted) throw abortError();
      throw plainError(e);
    } finally {
      duck.setProgressHandler(null);
      signal.removeEventListener('abort', onAbort);
    }
  }, FOREGROUND, sql);
}

/** The engine's version and thread count (starts the engine). */
export async function engineInfo(): Promise<{ version: string; threads: number }> {
  const { version, threads } = await getEngine();
  return { version, threads };
}

/** The error a cancelled operation rejects with (defined with the connector interface). */
export { abortError };
