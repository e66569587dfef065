// DuckDB-WASM in its own Web Worker, initialised once. The wasm and worker files are
// bundled by Vite from node_modules and served from our own origin: no CDN. Extension
// autoinstall/autoload are switched off before anything else runs, so nothing is ever
// fetched from extensions.duckdb.org (parquet/json are not built in; a missing extension
// is an error, not a download).
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';

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
}

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
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
    eh: { mainModule: ehWasm, mainWorker: ehWorker },
  });
  if (!bundle.mainWorker) throw new Error('No DuckDB-WASM worker bundle for this browser');
  const worker = new Worker(bundle.mainWorker);
  const db = new DuckDBWithProgress(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({ query: { castBigIntToDouble: false, castDecimalToDouble: true } });
  const conn = await db.connect();
  await conn.query(`SET autoinstall_known_extensions = false`);
  await conn.query(`SET autoload_known_extensions = false`);
  await conn.query(`SET enable_progress_bar = true`);
  await conn.query(`SET progress_bar_time = 0`);
  const version = await db.getVersion();
  return { db, conn, version };
}
