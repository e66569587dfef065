// Test harness: the same DuckDB engine the browser runs (duckdb-wasm's Node build),
// behind the app's Connector interface, so SQL builders and the pipeline are tested on
// the real engine without a browser. DuckDB-WASM has no ICU: timestamps are naive (no time zone), as in the app.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tableToIPC, type Table } from 'apache-arrow';
import { abortError, type AppConnector } from '../../src/engine/connector';

const require = createRequire(import.meta.url);

interface BlockingConnection {
  query(sql: string): Table;
  insertArrowFromIPCStream(buffer: Uint8Array, options: { name: string; create?: boolean }): void;
  close(): void;
}
interface BlockingDb {
  instantiate(): Promise<unknown>;
  open(config: object): void;
  connect(): BlockingConnection;
  reset(): void;
  registerFileText(name: string, text: string): void;
}
interface NodeBlockingModule {
  createDuckDB(bundles: object, logger: object, runtime: object): Promise<BlockingDb>;
  VoidLogger: new () => object;
  NODE_RUNTIME: object;
}

/** A test connector with the underlying connection (for file paths, which Node reads directly). */
export interface TestDb extends AppConnector {
  /** Creates table `name` from an Arrow table of this project's apache-arrow. */
  insertTable(name: string, table: Table): void;
  /** Registers text as a file under `name` (as the app registers an upload), for tests of file access. */
  registerText(name: string, text: string): void;
  close(): void;
}

/** Opens a fresh in-memory DuckDB (wasm, Node build) with extension autoloading off, as the app does. */
export async function openTestDb(): Promise<TestDb> {
  const mod = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as NodeBlockingModule;
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const db = await mod.createDuckDB(
    {
      mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new mod.VoidLogger(),
    mod.NODE_RUNTIME,
  );
  await db.instantiate();
  // the same query config as the browser (src/engine/db.ts): DECIMAL arrives as a double
  db.open({ query: { castBigIntToDouble: false, castDecimalToDouble: true } });
  const conn = db.connect();
  conn.query("SET autoinstall_known_extensions = false; SET autoload_known_extensions = false");
  return {
    // an aborted signal skips the statement, as the browser's connector does (a blocking call cannot be interrupted)
    query: async (sql, signal) => {
      if (signal?.aborted) throw abortError();
      return conn.query(sql);
    },
    exec: async (sql, signal) => {
      if (signal?.aborted) throw abortError();
      conn.query(sql);
    },
    // the Node build bundles its own apache-arrow: its insertArrowTable does not recognise our Table
    // (tableToIPC of a foreign instance yields nothing and no table is created), so serialise here
    insertArrow: async (name, ipc) => {
      conn.insertArrowFromIPCStream(ipc, { name, create: true });
    },
    insertTable: (name, table) => conn.insertArrowFromIPCStream(tableToIPC(table, 'stream'), { name, create: true }),
    // a blocking call cannot be interrupted: a long query is a plain one (skipped when already aborted)
    queryLong: async (sql, signal) => {
      if (signal.aborted) throw abortError();
      return conn.query(sql);
    },
    replaceTable: async (name, table, signal) => {
      if (signal?.aborted) throw abortError();
      conn.query(`DROP TABLE IF EXISTS "${name.replaceAll('"', '""')}"`);
      conn.insertArrowFromIPCStream(tableToIPC(table, 'stream'), { name, create: true });
    },
    registerText: (name, text) => db.registerFileText(name, text),
    close: () => conn.close(),
  };
}
