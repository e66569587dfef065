// DuckDB-WASM in its own Web Worker, initialised once. The wasm and worker files are
// bundled by Vite from node_modules and served from our own origin: no CDN. Extension
// autoinstall/autoload are switched off before anything else runs, so nothing is ever
// fetched from extensions.duckdb.org (parquet/json are not built in; a missing extension
// is an error, not a download).
//
// Threads: when the page is cross-origin isolated (served with COOP same-origin and COEP
// require-corp, as `npm start`, `vite preview` and public/_headers do) and the machine has at
// least MIN_CORES_FOR_THREADS (2, engine/variant.ts) cores, the multithreaded "coi" build runs queries on up to
// MAX_THREADS cores; elsewhere the single-threaded eh/mvp build does. One catch: the coi build's helper threads cannot see files registered as
// browser File handles (only the DuckDB worker holds them: "No HTML5 file registered"),
// so statements that read a registered file run with one thread (see singleThreaded).
//
// Lockdown (issue 16): once the engine is set up, `enable_external_access` is switched off
// with `allowed_directories` = [FILE_DIR], the one folder our registered files live in
// (engine/files.ts). From then on DuckDB refuses any other path or URL (read_csv('http…'),
// read_text('/etc/…'), COPY … TO, ATTACH 'x.db', EXPORT DATABASE, LOAD …) with a Permission
// Error, even for SQL that never went through the console's checks; neither setting can be
// changed back while the database runs. Measured on DuckDB 1.4.3 (Node build and headless
// Chromium), see README "SQL console limits". `lock_configuration` is not used: it would
// also refuse the `SET threads` that singleThreaded needs.
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import coiWasm from '@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url';
import coiWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url';
import coiPthread from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url';
import { LOCKDOWN_SQL } from './lockdown';

/** Query progress reported by DuckDB while a sent query runs (0–100). */
export type ProgressHandler = (percentage: number) => void;

// AsyncDuckDB forwards DuckDB's progress bar as PROGRESS_UPDATE messages to a protected
// handler list; this subclass is the only place that reaches into it.
class DuckDBWithProgress extends duckdb.AsyncDuckDB {
  private progressHandler: ProgressHandler | null = null;
  constructor(logger: duckdb.Logger, worker: Worker) {
    super(logger, worker);
    this._onExecutionProgress.push((p) => {
      const pct = Number(p.percentage);
      if (this.progressHandler && Number.isFinite(pct)) this.progressHandler(pct);
    });
  }
  setProgressHandler(handler: ProgressHandler | null): void {
    this.progressHandler = handler;
  }
}

/** The live engine: the database, its one connection, and the progress hook. */
export interface Engine {
  db: DuckDBWithProgress;
  conn: duckdb.AsyncDuckDBConnection;
  version: string;
  /** Threads queries run on (1 unless the page is cross-origin isolated). */
  threads: number;
}

/**
 * Most threads asked of the coi build. Its emscripten runtime preloads a pool of 4 wasm
 * workers, one of which DuckDB does not get; threads beyond the pool are spawned lazily and
 * only start once the DuckDB worker returns to its event loop, so a thread-count change
 * (singleThreaded) that joins them before then deadlocks. Measured in headless Chromium:
 * 3 threads toggle to 1 and back at once without trouble, 4 hang.
 */
export const MAX_THREADS = 3;

import { usesThreadedBuild } from './variant';

/** The database the first dataset is loaded into (the connection starts on it). */
export const FIRST_DATABASE = 'data0';

let engine: Promise<Engine> | null = null;

/** Returns the engine, starting it on first call (memoised: one worker, one connection). */
export function getEngine(): Promise<Engine> {
  engine ??= start().catch((e: unknown) => {
    engine = null;
    throw e;
  });
  return engine;
}

async function start(): Promise<Engine> {
  performance.mark('bl:engine-start');
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
    eh: { mainModule: ehWasm, mainWorker: ehWorker },
    ...(usesThreadedBuild(navigator.hardwareConcurrency) ? { coi: { mainModule: coiWasm, mainWorker: coiWorker, pthreadWorker: coiPthread } } : {}),
  });
  if (!bundle.mainWorker) throw new Error('No DuckDB-WASM worker bundle for this browser');
  const worker = new Worker(bundle.mainWorker);
  const db = new DuckDBWithProgress(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  performance.mark('bl:engine-instantiated');
  const threads = bundle.pthreadWorker ? Math.max(1, Math.min(navigator.hardwareConcurrency || 1, MAX_THREADS)) : 1;
  await db.open({ maximumThreads: threads, query: { castBigIntToDouble: false, castDecimalToDouble: true } });
  const conn = await db.connect();
  await conn.query(`SET autoinstall_known_extensions = false`);
  await conn.query(`SET autoload_known_extensions = false`);
  await conn.query(`SET enable_progress_bar = true`);
  await conn.query(`SET progress_bar_time = 0`);
  // datasets live in attached in-memory databases, so a load can build the next one beside
  // the current one and a replaced (or abandoned) one is dropped whole (see browser-connector)
  await conn.query(`ATTACH ':memory:' AS ${FIRST_DATABASE}`);
  await conn.query(`USE ${FIRST_DATABASE}`);
  for (const sql of LOCKDOWN_SQL) await conn.query(sql);
  const version = await db.getVersion();
  performance.mark('bl:engine-ready');
  return { db, conn, version, threads };
}

/**
 * Runs `task` (which must hold the connection, i.e. run inside the connector's queue) with
 * DuckDB on one thread, restoring the thread count after: for statements that read a
 * registered browser File, which the coi build's helper threads cannot reach.
 */
export async function singleThreaded<T>(engine: Engine, task: () => Promise<T>): Promise<T> {
  if (engine.threads <= 1) return task();
  await engine.conn.query('SET threads = 1');
  try {
    return await task();
  } finally {
    await engine.conn.query(`SET threads = ${engine.threads}`);
  }
}
