// The Connector on native DuckDB (@duckdb/node-api), for the command line: multi-threaded,
// spills to disk, no 4 GB ceiling. Results come back as apache-arrow Tables of this
// project's arrow with the same types the browser's DuckDB-WASM gives (BIGINT as Int64,
// DECIMAL and HUGEINT as Float64, DATE as Date32, TIMESTAMP as µs), so src/sql, src/pipeline
// and src/analysis run unchanged. Native DuckDB has ICU (wasm has not): the session time
// zone is UTC so timestamps read and truncate as in the browser. Node-side only.
import {
  BIGINT,
  BLOB,
  BOOLEAN,
  DOUBLE,
  DuckDBConnection,
  DuckDBExtractedStatements,
  DuckDBDataChunk,
  DuckDBInstance,
  DuckDBTypeId,
  FLOAT,
  INTEGER,
  SMALLINT,
  TIMESTAMP,
  TINYINT,
  VARCHAR,
  DATE,
  blobValue,
  dateValue,
  timestampValue,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import {
  Binary,
  Bool,
  DataType,
  DateDay,
  Dictionary,
  Field,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  List,
  Struct,
  Table,
  TimeMicrosecond,
  TimestampMicrosecond,
  Type,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
  tableFromIPC,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { abortError, duckdbMessage, type AppConnector } from '../engine/connector';
import { isOutOfMemory } from '../pipeline/memory';

/** Engine settings of a command-line run. */
export interface NativeOptions {
  /** Worker threads (default: DuckDB's, the number of cores). */
  threads?: number;
  /** e.g. "8GB": above it DuckDB spills to `tempDir`. */
  memoryLimit?: string;
  /** Where spilled data goes (default: DuckDB's, next to the database or in the system temp folder). */
  tempDir?: string;
  /** A database file instead of memory (large datasets keep their tables on disk). */
  path?: string;
  /**
   * Tables in a database file of its own in `tempDir` (or the system temp folder), deleted on
   * close: under a memory limit DuckDB then keeps in memory only the blocks a step is using.
   * An in-memory database holds every table in memory: at 10M lines with 512 MB the customers
   * table's steps ran out of memory on one thread beside the data.
   */
  scratchFile?: boolean;
}

/** A native connector with its engine, for the CLI (files are read by path, which Node reads directly). */
export interface NativeDb extends AppConnector {
  /** Creates table `name` from an Arrow table of this project's apache-arrow. */
  insertTable(name: string, table: Table, signal?: AbortSignal): Promise<void>;
  /** The engine version, e.g. "v1.4.3". */
  version(): Promise<string>;
  close(): void;
}

/** An error as the browser's connector gives it: a plain Error with DuckDB's message. */
function plain(e: unknown): Error {
  const msg = e instanceof Error ? e.message : String(e);
  const out = new Error(duckdbMessage(msg));
  out.name = e instanceof Error && e.name && e.name !== 'Error' ? e.name : 'Error';
  return out;
}

/** The Arrow type the browser's DuckDB-WASM gives for a DuckDB type (castDecimalToDouble, BIGINT kept). */
function arrowType(t: DuckDBType): DataType {
  switch (t.typeId) {
    case DuckDBTypeId.BOOLEAN: return new Bool();
    case DuckDBTypeId.TINYINT: return new Int8();
    case DuckDBTypeId.SMALLINT: return new Int16();
    case DuckDBTypeId.INTEGER: return new Int32();
    case DuckDBTypeId.BIGINT: return new Int64();
    case DuckDBTypeId.UTINYINT: return new Uint8();
    case DuckDBTypeId.USMALLINT: return new Uint16();
    case DuckDBTypeId.UINTEGER: return new Uint32();
    case DuckDBTypeId.UBIGINT: return new Uint64();
    case DuckDBTypeId.FLOAT: return new Float32();
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT: return new Float64();
    case DuckDBTypeId.DATE: return new DateDay();
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS: return new TimestampMicrosecond();
    case DuckDBTypeId.TIMESTAMP_TZ: return new TimestampMicrosecond('UTC');
    case DuckDBTypeId.TIME: return new TimeMicrosecond();
    case DuckDBTypeId.BLOB: return new Binary();
    case DuckDBTypeId.SQLNULL: return new Int32();
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: return new List(new Field('l', arrowType(t.valueType), true));
    case DuckDBTypeId.STRUCT: return new Struct(t.entryNames.map((n, i) => new Field(n, arrowType(t.entryTypes[i] as DuckDBType), true)));
    // VARCHAR, UUID, ENUM, INTERVAL, TIME_TZ, MAP, UNION, BIT: text, as DuckDB prints them
    default: return new Utf8();
  }
}

/** One result column's JS values in the form apache-arrow's builders take for `type`. */
function arrowValues(values: unknown[], type: DataType, raw: readonly (DuckDBValue | null)[] | null): unknown[] {
  switch (type.typeId) {
    case Type.Date:
    case Type.Timestamp:
      return values.map((v) => (v instanceof Date ? v.getTime() : v ?? null));
    case Type.Float:
      return values.map((v) => (v === null || v === undefined ? null : Number(v)));
    case Type.Utf8:
      return values.map((v, i) => (v === null || v === undefined ? null : typeof v === 'string' ? v : raw ? String(raw[i]) : typeof v === 'object' ? JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) : String(v)));
    case Type.Time:
      return values.map((v) => (v === null || v === undefined ? null : BigInt(v as bigint)));
    case Type.Struct:
    case Type.List:
      return values.map((v) => structure(v, type));
    default:
      return values.map((v) => v ?? null);
  }
}

/** A nested value in the builders' form (dates as epoch ms, wide numbers as doubles). */
function structure(v: unknown, type: DataType): unknown {
  if (v === null || v === undefined) return null;
  if (type.typeId === Type.List) return (v as unknown[]).map((x) => structure(x, (type as List).children[0]!.type));
  if (type.typeId === Type.Struct) {
    const o: Record<string, unknown> = {};
    for (const f of (type as Struct).children) o[f.name] = structure((v as Record<string, unknown>)[f.name], f.type);
    return o;
  }
  if (v instanceof Date) return v.getTime();
  if (type.typeId === Type.Float && typeof v === 'bigint') return Number(v);
  if (type.typeId === Type.Utf8 && typeof v !== 'string') return String(v);
  return v;
}

/** The DuckDB column type for an Arrow type of a decoded file or a model output. */
function duckType(t: DataType): DuckDBType {
  switch (t.typeId) {
    case Type.Bool: return BOOLEAN;
    case Type.Int: {
      const bits = (t as DataType & { bitWidth: number }).bitWidth;
      return bits === 8 ? TINYINT : bits === 16 ? SMALLINT : bits === 32 ? INTEGER : BIGINT;
    }
    case Type.Float: return (t as Float32).precision === 1 ? FLOAT : DOUBLE;
    case Type.Date: return DATE;
    case Type.Timestamp: return TIMESTAMP;
    case Type.Binary: return BLOB;
    default: return VARCHAR;
  }
}

/** One Arrow value as a DuckDB value of `type`. */
function duckValue(v: unknown, t: DataType): DuckDBValue {
  if (v === null || v === undefined) return null;
  switch (t.typeId) {
    case Type.Bool: return Boolean(v);
    case Type.Int: return (t as DataType & { bitWidth: number }).bitWidth === 64 ? BigInt(v as bigint) : Number(v);
    case Type.Float: return Number(v);
    case Type.Date: return dateValue(Math.floor(Number(v) / 86_400_000));
    // apache-arrow reads µs timestamps as epoch ms (with the µs part as a fraction)
    case Type.Timestamp: return timestampValue(BigInt(Math.round(Number(v) * 1000)));
    case Type.Binary: return blobValue(v as Uint8Array);
    default: return typeof v === 'string' ? v : String(v);
  }
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Opens native DuckDB with the CLI's settings: UTC, no extension autoloading/installing, optional limits. */
export async function openNativeDb(o: NativeOptions = {}): Promise<NativeDb> {
  const config: Record<string, string> = {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  };
  if (o.threads) config.threads = String(Math.max(1, Math.floor(o.threads)));
  if (o.memoryLimit) config.memory_limit = o.memoryLimit;
  if (o.tempDir) config.temp_directory = o.tempDir;
  const scratch = o.scratchFile && !o.path ? join(mkdtempSync(join(o.tempDir ?? tmpdir(), 'basket-lens-db-')), 'data.duckdb') : null;
  const instance = await DuckDBInstance.create(o.path ?? scratch ?? ':memory:', config);
  const conn: DuckDBConnection = await instance.connect();
  // with ICU built in, TIMESTAMPTZ follows the session zone: UTC, as the browser's wasm (no ICU) does
  await conn.run("SET TimeZone = 'UTC'").catch(() => undefined);
  // one statement at a time on the connection (the page's worker queues them the same way)
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
    const next = queue.then(async () => {
      if (signal?.aborted) throw abortError();
      const onAbort = (): void => conn.interrupt();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await work();
      } catch (e) {
        if (signal?.aborted) throw abortError();
        throw plain(e);
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    });
    queue = next.catch(() => undefined);
    return next;
  };

  // Under a memory limit, each statement of a script (and each query) that runs out of memory
  // runs once more on one thread: DuckDB's working memory grows with its threads (each has its own hash tables and
  // buffers), and at 10M lines with 512 MB one GROUP BY failed in some runs on two threads and
  // never on one. A failed statement changed nothing, so running it again is safe; statements
  // before it are not run again.
  let threads: string | null = null;
  // a prepared statement holds what its run built (a failed run's hash tables too: 886 MB at
  // 10M lines with 1 GB) until it is destroyed, so each is destroyed as soon as it has run
  const runOnce = async (statements: DuckDBExtractedStatements, i: number): Promise<void> => {
    const statement = await statements.prepare(i);
    try {
      await statement.run();
    } finally {
      statement.destroySync();
    }
  };
  /** Runs `attempt`; when it runs out of memory on several threads, runs `again` once on one thread (`what` names it in the log). */
  const oneThreadRetry = async <T>(what: string, attempt: () => Promise<T>, again: () => Promise<T>): Promise<T> => {
    try {
      return await attempt();
    } catch (e) {
      if (!o.memoryLimit || !isOutOfMemory(e instanceof Error ? e.message : String(e))) throw e;
      threads ??= String((await conn.runAndReadAll("SELECT current_setting('threads') AS t")).getColumnsJS()[0]?.[0] ?? '1');
      if (threads === '1') throw e;
      if (process.env.BASKET_LENS_SQL_LOG) process.stderr.write(`R ${what} ran out of memory on ${threads} threads: once more on 1\n`);
      await conn.run('SET threads = 1');
      if (process.env.BASKET_LENS_SQL_LOG) {
        const m = (await conn.runAndReadAll("SELECT tag || ' ' || (memory_usage_bytes // 1048576) || ' MB, temp ' || (temporary_storage_bytes // 1048576) || ' MB' FROM duckdb_memory() WHERE memory_usage_bytes + temporary_storage_bytes > 0")).getColumnsJS()[0] ?? [];
        process.stderr.write(`M ${m.join('; ')}\n`);
      }
      try {
        return await again();
      } finally {
        await conn.run(`SET threads = ${threads}`);
      }
    }
  };
  const runSparing = async (sql: string): Promise<void> => {
    const statements = await conn.extractStatements(sql);
    for (let i = 0; i < statements.count; i++) {
      // a statement prepared afresh for the second run: an extracted statement cannot be
      // prepared twice, and running a failed prepared CREATE TABLE … AS again made a table the
      // next query could not bind
      await oneThreadRetry(
        `statement ${i + 1} of ${statements.count}`,
        () => runOnce(statements, i),
        async () => runOnce(await conn.extractStatements(sql), i),
      );
    }
  };

  const query = (sql: string, signal?: AbortSignal): Promise<Table> =>
    serial(async () => {
      if (process.env.BASKET_LENS_SQL_LOG) process.stderr.write(`Q ${sql.replace(/\s+/g, ' ').slice(0, 300)}\n`);
      // a query (a read: it changes nothing) that runs out of memory also runs once more on one thread
      const reader = await oneThreadRetry('a query', () => conn.runAndReadAll(sql), () => conn.runAndReadAll(sql));
      const names = reader.columnNames();
      const types = reader.columnTypes();
      const js = reader.getColumnsJS();
      const cols: Record<string, Vector> = {};
      names.forEach((name, i) => {
        const type = arrowType(types[i] as DuckDBType);
        const needsRaw = type.typeId === Type.Utf8 && types[i]!.typeId !== DuckDBTypeId.VARCHAR;
        const raw = needsRaw ? reader.getColumns()[i] ?? null : null;
        cols[name] = vectorFromArray(arrowValues(js[i] ?? [], type, raw), type) as Vector;
      });
      // a result with no columns (a statement) is an empty table
      return names.length ? new Table(cols) : new Table();
    }, signal);

  // creates table `name` from an Arrow table, on the connection's turn (inside serial)
  const fill = async (name: string, table: Table, signal?: AbortSignal): Promise<void> => {
    const fields = table.schema.fields.map((f) => (f.type instanceof Dictionary ? new Field(f.name, new Utf8(), true) : f));
    const types = fields.map((f) => duckType(f.type));
    await conn.run(`CREATE TABLE ${quote(name)} (${fields.map((f, i) => `${quote(f.name)} ${types[i]!.toString()}`).join(', ')})`);
    if (table.numRows === 0) return;
    const appender = await conn.createAppender(name);
    const CHUNK = 2048;
    const vectors = table.schema.fields.map((_, i) => table.getChildAt(i));
    for (let start = 0; start < table.numRows; start += CHUNK) {
      if (signal?.aborted) break;
      const n = Math.min(CHUNK, table.numRows - start);
      const chunk = DuckDBDataChunk.create(types, n);
      const columns = fields.map((f, c) => {
        const vec = vectors[c];
        const out: DuckDBValue[] = new Array(n);
        for (let r = 0; r < n; r++) out[r] = duckValue(vec?.get(start + r), f.type);
        return out;
      });
      chunk.setColumns(columns);
      appender.appendDataChunk(chunk);
    }
    appender.closeSync();
    if (signal?.aborted) {
      await conn.run(`DROP TABLE IF EXISTS ${quote(name)}`);
      throw abortError();
    }
  };
  const insertTable = (name: string, table: Table, signal?: AbortSignal): Promise<void> => serial(() => fill(name, table, signal), signal);

  return {
    query,
    exec: async (sql, signal) => {
      if (process.env.BASKET_LENS_SQL_LOG) process.stderr.write(`E ${sql.replace(/\s+/g, ' ').slice(0, Number(process.env.BASKET_LENS_SQL_LOG_CHARS ?? 300))}\n`);
      await serial(() => (o.memoryLimit ? runSparing(sql) : conn.run(sql).then(() => undefined)), signal);
    },
    insertArrow: (name, ipc, signal) => insertTable(name, tableFromIPC(ipc), signal),
    insertTable,
    // native DuckDB interrupts any query (conn.interrupt), so a long one is a plain query
    queryLong: (sql, signal) => query(sql, signal),
    replaceTable: (name, table, signal) =>
      serial(async () => {
        await conn.run(`DROP TABLE IF EXISTS ${quote(name)}`);
        await fill(name, table, signal);
      }, signal),
    version: async () => String((await conn.runAndReadAll('SELECT version() AS v')).getColumnsJS()[0]?.[0] ?? ''),
    close: () => {
      conn.closeSync();
      instance.closeSync();
      if (scratch) rmSync(dirname(scratch), { recursive: true, force: true });
    },
  };
}
