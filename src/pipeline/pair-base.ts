// The shared pair counts (src/sql/pairs.ts PairBase) of the current dataset and filter.
// Counting product pairs is the costly part of the Recommendations tab; it used to run three
// times per visit (the per-customer lists, the frequently-bought-together table and the
// evaluation, on nearly the same data). Now it runs once per dataset and filter:
//   - each filter (its WHERE text, plus a fingerprint of the segment/RFM/cluster tables a
//     filter can reference) gets its own set of tables, named by a hash of that key, so a
//     query never reads counts of another filter; the two newest sets are kept;
//   - one set serves every least count ≥ the one it was built with (support is applied by
//     each reader), so changing the thresholds does not recount;
//   - concurrent callers for the same key share one build;
//   - rebuilding `sales` (cleaning) drops every set (dropPairBases); a new dataset version
//     (src/pipeline/memo.ts) is a new key.
import type { Connector } from '../engine/connector';
import { isAbort } from '../engine/connector';
import { toRows } from '../engine/rows';
import { literal, num } from '../sql/ident';
import { PAIR_DEFAULTS, pairBaseSql, type PairBase } from '../sql/pairs';
import { dataVersion, filterKey } from './memo';

const META = 'pair_base_meta';
/** Sets kept besides the newest (a view still finishing on the previous filter can read it). */
const KEEP = 2;

const building = new WeakMap<Connector, Map<string, Promise<PairBase>>>();
let sequence = 0;

/** FNV-1a of a string, base 36: a short, stable table-name suffix. */
function hashKey(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** The tables of the set named by a key. */
export function pairBaseNames(key: string): PairBase {
  const id = hashKey(key);
  return { products: `pair_base_${id}_products`, counts: `pair_base_${id}_counts`, baskets: `pair_base_${id}_baskets` };
}

interface MetaRow {
  key: string;
  min_count: number;
  seq: number;
}

async function readMeta(conn: Connector, signal?: AbortSignal): Promise<MetaRow[]> {
  try {
    // asked first rather than caught: a missing table's error took 200-400 ms in the page (DuckDB looks for similar names)
    const exists = toRows(await conn.query(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = '${META}' AND database_name = current_database() AND schema_name = current_schema()`, signal))[0]?.n;
    if (!exists) return [];
    return toRows(await conn.query(`SELECT key, min_count, seq FROM ${META} ORDER BY seq DESC`, signal)).map((r) => ({ key: String(r.key), min_count: Number(r.min_count), seq: Number(r.seq) }));
  } catch (e) {
    if (isAbort(e)) throw e;
    return []; // no set built on this dataset yet
  }
}

/**
 * The pair counts of `sales` under `where` with a least count ≤ minCount: reused when built
 * already, else counted now (one build shared by concurrent callers).
 */
export async function ensurePairBase(conn: Connector, where: string, minCount: number = PAIR_DEFAULTS.minCount, signal?: AbortSignal): Promise<PairBase> {
  // the dataset version too: `sales` changed in place (e.g. in the SQL console) is new data
  const key = `${(await dataVersion(conn, signal)) ?? 'unversioned'}\n${await filterKey(conn, where, signal)}`;
  const names = pairBaseNames(key);
  const have = (await readMeta(conn, signal)).find((m) => m.key === key && m.min_count <= minCount);
  if (have) return names;
  // lanes of one connection (tab prefetch in the background lane) share their builds
  const owner = conn.base ?? conn;
  let byKey = building.get(owner);
  if (!byKey) building.set(owner, (byKey = new Map()));
  const job = `${key}\n${minCount}`;
  const running = byKey.get(job);
  if (running) {
    try {
      return await running;
    } catch (e) {
      // the first caller was cancelled: build for this one unless it is cancelled too
      if (!isAbort(e) || signal?.aborted) throw e;
    }
  }
  const build = (async (): Promise<PairBase> => {
    const seq = Date.now() * 1000 + (++sequence % 1000);
    // tables and their meta row in one call, so no other statement sees one without the other
    await conn.exec(
      `${pairBaseSql(names, { minCount, where })};
CREATE TABLE IF NOT EXISTS ${META} (key VARCHAR, min_count INTEGER, seq BIGINT);
DELETE FROM ${META} WHERE key = ${literal(key)};
INSERT INTO ${META} VALUES (${literal(key)}, ${num(minCount)}, ${num(seq)})`,
      signal,
    );
    await prune(conn);
    return names;
  })();
  byKey.set(job, build);
  try {
    return await build;
  } finally {
    if (byKey.get(job) === build) byKey.delete(job);
  }
}

/** Drops all but the newest KEEP sets. */
async function prune(conn: Connector): Promise<void> {
  const old = (await readMeta(conn)).slice(KEEP);
  if (!old.length) return;
  const drops = old.flatMap((m) => Object.values(pairBaseNames(m.key)).map((t) => `DROP TABLE IF EXISTS ${t}`));
  await conn.exec(`${drops.join(';\n')};\nDELETE FROM ${META} WHERE seq <= ${num(old[0]?.seq ?? 0)}`);
}

/** Drops every set (the data they were counted on changed). */
export async function dropPairBases(conn: Connector): Promise<void> {
  const all = await readMeta(conn);
  const drops = all.flatMap((m) => Object.values(pairBaseNames(m.key)).map((t) => `DROP TABLE IF EXISTS ${t}`));
  await conn.exec([...drops, `DROP TABLE IF EXISTS ${META}`].join(';\n'));
}
