// Results of expensive runs (the recommendation evaluation, pair tables, forecast and
// lifetime-value fits) kept per dataset version, filter and settings, so a tab opened again,
// or a setting switched back, shows its result at once instead of computing it again.
//   - The dataset version is a value cleaning writes next to `sales` (salesVersionSql); a new
//     file, a new mapping or new cleaning rules give a new version. Data without one (a table
//     made by hand) is never cached.
//   - The filter's key is its WHERE text plus a fingerprint of the segment/RFM/cluster tables
//     it may read (filterKey): re-clustering changes what "cluster = 2" selects.
//   - Concurrent callers with the same key share one run; errors are not kept; the newest
//     MAX_ENTRIES results are kept per connection.
import type { Connector } from '../engine/connector';
import { abortError, isAbort } from '../engine/connector';
import { toRows } from '../engine/rows';
import { ident, literal } from '../sql/ident';

/** The table holding the dataset version. */
export const VERSION_TABLE = 'sales_version';
/** Tables a filter may read besides `sales` (customer labels, src/sql/filters.ts). */
const LABEL_TABLES = ['rule_segments', 'rfm', 'clusters'];
const MAX_ENTRIES = 32;

/** The statement cleaning runs after building `sales`: a fresh version. */
export function salesVersionSql(): string {
  return `CREATE OR REPLACE TABLE ${VERSION_TABLE} AS SELECT uuid()::VARCHAR AS v`;
}

/** The current dataset version, or null when `sales` was not built by cleaning. */
export async function dataVersion(conn: Connector, signal?: AbortSignal): Promise<string | null> {
  try {
    const r = toRows(await conn.query(`SELECT v FROM ${VERSION_TABLE}`, signal))[0];
    return r ? String(r.v) : null;
  } catch (e) {
    if (isAbort(e)) throw e;
    return null;
  }
}

/** A filter's key: its text plus, for each label table it reads, that table's row count and content hash. */
export async function filterKey(conn: Connector, where: string, signal?: AbortSignal): Promise<string> {
  const parts = [where];
  for (const table of LABEL_TABLES) {
    if (!new RegExp(`\\bFROM ${table}\\b`).test(where)) continue;
    const r = toRows(await conn.query(`SELECT count(*)::VARCHAR || ':' || coalesce(bit_xor(hash(t))::VARCHAR, '0') AS f FROM ${table} t`, signal))[0];
    parts.push(`${table}=${String(r?.f ?? '')}`);
  }
  return parts.join('\n');
}

/** JSON with object keys sorted, so {a, b} and {b, a} give one key. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

/** The cache key of a run: null when the data has no version (never cached). */
export async function memoKey(conn: Connector, name: string, where: string, settings: unknown, signal?: AbortSignal): Promise<string | null> {
  const version = await dataVersion(conn, signal);
  if (version === null) return null;
  return `${name}\n${version}\n${await filterKey(conn, where, signal)}\n${stableJson(settings ?? null)}`;
}

/** The statement stamping a table with the key it was built for (run in the same call as the build). */
export function stampSql(table: string, key: string): string {
  return `COMMENT ON TABLE ${ident(table)} IS ${literal(key)}`;
}

/** The key a table of the current database was stamped with ('' when none or no table). */
export async function tableStamp(conn: Connector, table: string, signal?: AbortSignal): Promise<string> {
  const r = toRows(await conn.query(`SELECT comment FROM duckdb_tables() WHERE table_name = ${literal(table)} AND schema_name = 'main' AND database_name = current_database()`, signal))[0];
  return r?.comment ? String(r.comment) : '';
}

interface Entry {
  run: Promise<unknown>;
  done: boolean;
}
const caches = new WeakMap<Connector, Map<string, Entry>>();

/**
 * `run()`'s result for this dataset version, filter and settings: from the cache when an
 * equal run finished or is under way, else run now. A cancelled shared run is retried for
 * callers that are not cancelled themselves.
 */
export async function memo<T>(conn: Connector, name: string, where: string, settings: unknown, run: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const key = await memoKey(conn, name, where, settings, signal);
  if (key === null) return run();
  return memoByKey(conn, key, run, signal);
}

/** Reads `key` of a map kept in use order (least recently used first), moving it to the end. */
export function lruGet<K, V>(map: Map<K, V>, key: K): V | undefined {
  const v = map.get(key);
  if (v !== undefined) {
    map.delete(key);
    map.set(key, v);
  }
  return v;
}

/** Sets `key` last in a map kept in use order, then drops the least recently used beyond `max` entries. */
export function lruSet<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value as K);
}

/** memo with the key already made (memoKey). */
export async function memoByKey<T>(conn: Connector, key: string, run: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  if (signal?.aborted) throw abortError();
  // lanes of one connection (engine/browser-connector.ts: tab prefetch runs in the background
  // lane) share its cache: the tab finds what the prefetch computed
  const owner = conn.base ?? conn;
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) {
    try {
      cache.delete(key);
      cache.set(key, hit); // most recently used last
      return (await hit.run) as T;
    } catch (e) {
      if (!isAbort(e) || signal?.aborted) throw e;
    }
  }
  const entry: Entry = { run: run(), done: false };
  cache.set(key, entry);
  try {
    const value = (await entry.run) as T;
    entry.done = true;
    while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    return value;
  } catch (e) {
    if (cache.get(key) === entry) cache.delete(key);
    throw e;
  }
}

/** Forgets one finished result (its table was rebuilt for another key); a run under way is kept. */
export function forgetKey(conn: Connector, key: string): void {
  const cache = caches.get(conn.base ?? conn);
  if (cache?.get(key)?.done) cache.delete(key);
}

/** Forgets every cached result of a connection (tests; a reset). */
export function forgetMemo(conn: Connector): void {
  caches.delete(conn.base ?? conn);
}
