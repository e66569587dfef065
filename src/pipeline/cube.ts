// The data cube after a load (sql/cube.ts), and the router that answers a filter change from
// it: when every filtered column is a cube column, additive figures (revenue, gross, returns,
// lines, items, days, first/last date) come from the cube's few thousand rows; distinct
// counts (transactions, customers) and any filter the cube cannot see (product, customer,
// segment, rfm, cluster, a column with many values) go to `sales` as before. Both routes
// give the same numbers (tests/pipeline/cube.test.ts checks it on random data and filters).
import type { Connector } from '../engine/connector';
import { toRows, type Row } from '../engine/rows';
import { filtersWhere, type Filters } from '../sql/filters';
import { buildCubeSql, CUBE_CANDIDATES, CUBE_DAYS_TABLE, CUBE_TABLE, cubeCardinalitySql, cubeKpisSql, cubeLeaderboardSql, distinctKpisSql, labelDistinctSql, rollupCubeSql } from '../sql/cube';
import { leaderboardSql } from '../sql/breakdowns';
import { seriesSql, type DateRange, type Grain } from '../sql/trends';
import { computeKpis, kpisFromRow, type Kpis } from './kpis';
import { lruGet, lruSet } from './memo';

/** One table of the cube: its name, dimensions and rows. */
export interface CubeTable {
  table: string;
  dims: string[];
  rows: number;
}

/** A built cube: its dimension columns, the full table's size, the tables kept (smallest first) and build time. */
export interface Cube {
  dims: string[];
  /** Rows of the full table (all columns), kept only when it is at least MIN_SHRINK times smaller than the sales. */
  rows: number;
  /** Sales lines the cube sums up. */
  lines: number;
  tables: CubeTable[];
  /** The table of sales days the revenue series' coverage reads: the analysis's own (DataContext.daysTable) or the cube's. */
  days: string;
  buildMs: number;
}

/** A column with more distinct values than this is left out of the cube (filters on it read `sales`). */
export const MAX_DIM_VALUES = 500;
/** The cube keeps adding columns (fewest values first) while the product of their value counts stays under this. */
export const MAX_COMBINATIONS = 20_000;

/** Chooses the cube columns from the candidates present in `sales` (canonical ones and x_ extras), measuring their value counts. */
export async function chooseCubeDims(conn: Connector, extras: readonly string[], signal?: AbortSignal): Promise<string[]> {
  const candidates = [...CUBE_CANDIDATES, ...extras.filter((c) => c.startsWith('x_'))];
  const r = toRows(await conn.query(cubeCardinalitySql(candidates), signal))[0] ?? {};
  const counted = candidates.map((c, i) => ({ c, n: Number(r[`n_${i}`] ?? 0) })).filter((x) => x.n > 0 && x.n <= MAX_DIM_VALUES);
  counted.sort((a, b) => a.n - b.n || a.c.localeCompare(b.c));
  const dims: string[] = [];
  let product = 1;
  for (const { c, n } of counted) {
    // +1: NULL is a value of its own in the cube
    if (product * (n + 1) > MAX_COMBINATIONS) continue;
    product *= n + 1;
    dims.push(c);
  }
  return dims;
}

/** The full table (every column) is kept only when it has at most 1/MIN_SHRINK of the sales lines; otherwise filters on all its columns read `sales`. */
export const MIN_SHRINK = 4;

/** Rollups are built for every single column and, up to this many columns, every pair. */
const MAX_PAIR_DIMS = 4;

/**
 * Builds the cube over the current `sales`/`purchases`/`returns` (after the Overview is shown:
 * it is not on the way to the first dashboard): the full table over every chosen column, then
 * rollups from it (day only, each column, each pair) so a query reads the smallest table that
 * holds the columns it filters and groups by.
 */
export async function buildCube(conn: Connector, extras: readonly string[], signal?: AbortSignal, daysTable?: string): Promise<Cube> {
  const started = performance.now();
  const dims = await chooseCubeDims(conn, extras, signal);
  // the analysis's sales days (dataContext) when there are: not grouped by day a second time
  await conn.exec(buildCubeSql(dims, { days: !daysTable }), signal);
  const count = async (table: string): Promise<number> => Number(toRows(await conn.query(`SELECT count(*) AS n FROM ${table}`, signal))[0]?.n ?? 0);
  const rows = await count(CUBE_TABLE);
  const lines = Number(toRows(await conn.query(`SELECT coalesce(sum(lines), 0) AS n FROM ${CUBE_TABLE} WHERE kind = 's'`, signal))[0]?.n ?? 0);
  const subsets: string[][] = [[], ...dims.map((d) => [d])];
  if (dims.length > 2 && dims.length <= MAX_PAIR_DIMS) for (let i = 0; i < dims.length; i++) for (let j = i + 1; j < dims.length; j++) subsets.push([dims[i]!, dims[j]!]);
  const tables: CubeTable[] = [];
  for (const [i, sub] of subsets.entries()) {
    if (sub.length === dims.length) continue;
    const table = `${CUBE_TABLE}_${i}`;
    await conn.exec(rollupCubeSql(table, sub), signal);
    tables.push({ table, dims: sub, rows: await count(table) });
  }
  // a full table hardly smaller than the sales saves little and holds memory: its rollups stay
  if (rows * MIN_SHRINK <= lines || tables.length === 0) tables.push({ table: CUBE_TABLE, dims, rows });
  else await conn.exec(`DROP TABLE ${CUBE_TABLE}`, signal);
  tables.sort((a, b) => a.rows - b.rows);
  return { dims, rows, lines, tables, days: daysTable ?? CUBE_DAYS_TABLE, buildMs: performance.now() - started };
}

/** The columns a filter restricts (those with values). */
function filtered(f: Filters): string[] {
  return Object.entries(f.dims)
    .filter(([, v]) => v.length > 0)
    .map(([c]) => c);
}

/** The smallest cube table holding every filtered column and `extra` (group-by columns); undefined when none does. */
function findTable(cube: Cube, f: Filters, extra: readonly string[] = []): CubeTable | undefined {
  const need = [...filtered(f), ...extra];
  return cube.tables.find((t) => need.every((c) => t.dims.includes(c)));
}

/** The smallest cube table holding every filtered column and `extra`; throws when none does (check cubeCovers first). */
export function pickTable(cube: Cube, f: Filters, extra: readonly string[] = []): string {
  const t = findTable(cube, f, extra);
  if (!t) throw new Error(`no cube table holds ${[...filtered(f), ...extra].join(', ')}`);
  return t.table;
}

/** True when the cube can answer additive figures under these filters, grouped by `extra` columns: one of its tables holds them all (the date is in every one). */
export function cubeCovers(cube: Cube | null | undefined, f: Filters, extra: readonly string[] = []): cube is Cube {
  return Boolean(cube && findTable(cube, f, extra));
}

/** The date range of a Filters value, as trends' SQL takes it. */
function rangeOf(f: Filters): DateRange {
  return { from: f.from, to: f.to };
}

/** The KPIs under filters: additive ones from the cube when it covers them, distinct counts from `sales`; equal to computeKpis(filtersWhere(f)). */
export async function kpisFor(conn: Connector, cube: Cube | null | undefined, f: Filters, signal?: AbortSignal): Promise<Kpis> {
  const where = filtersWhere(f);
  if (!cubeCovers(cube, f)) return computeKpis(conn, where, signal);
  const additive = toRows(await conn.query(cubeKpisSql(where, pickTable(cube, f)), signal))[0] ?? {};
  const distinct = toRows(await conn.query(distinctKpisSql(where), signal))[0] ?? {};
  return kpisFromRow({ ...additive, ...distinct });
}

/**
 * The additive KPIs alone when the cube covers the filters (transactions, customers and aov
 * are NaN: not known yet), else null. For a first paint before kpisFor's distinct counts.
 */
export async function additiveKpisFor(conn: Connector, cube: Cube | null | undefined, f: Filters, signal?: AbortSignal): Promise<Kpis | null> {
  if (!cubeCovers(cube, f)) return null;
  const k = kpisFromRow(toRows(await conn.query(cubeKpisSql(filtersWhere(f), pickTable(cube, f)), signal))[0] ?? {});
  return { ...k, transactions: NaN, customers: NaN, aov: NaN };
}

/**
 * The revenue series at a grain from the cube when it covers the filters (customers,
 * transactions and atv NULL), else null: the fast first answer of a trend chart; the full
 * series (seriesSql on `sales`) follows.
 */
export async function revenueSeriesFor(conn: Connector, cube: Cube | null | undefined, grain: Grain, f: Filters, signal?: AbortSignal): Promise<Row[] | null> {
  if (!cubeCovers(cube, f)) return null;
  return toRows(await conn.query(seriesSql({ grain, where: filtersWhere(f), range: rangeOf(f), cube: { table: pickTable(cube, f), days: cube.days } }), signal));
}

/**
 * A leaderboard (leaderboardSql's columns and order) under filters: revenue, lines, items and
 * shares from the cube when the column and every filtered column are cube columns, the
 * transactions and customers of the top labels from `sales` (a narrower query than the whole
 * leaderboard); otherwise leaderboardSql on `sales`.
 */
export async function leaderboardFor(
  conn: Connector,
  cube: Cube | null | undefined,
  o: { column: string; by: 'revenue' | 'count'; n: number },
  f: Filters,
  signal?: AbortSignal,
): Promise<Row[]> {
  const where = filtersWhere(f);
  if (!cubeCovers(cube, f, [o.column])) return toRows(await conn.query(leaderboardSql({ ...o, where }), signal));
  // answers from a cube are remembered with it: its filters read cube columns of `sales` only,
  // which stay as they are for the cube's life (a new analysis builds a new cube)
  const memo = leaderboardMemo.get(cube) ?? new Map<string, Row[]>();
  leaderboardMemo.set(cube, memo);
  const memoKey = JSON.stringify([o.column, o.by, o.n, where]);
  const known = lruGet(memo, memoKey);
  if (known) return known;
  const top = toRows(await conn.query(cubeLeaderboardSql({ ...o, where, table: pickTable(cube, f, [o.column]) }), signal));
  if (top.length === 0) return [];
  const distinct = toRows(await conn.query(labelDistinctSql({ column: o.column, labels: top.map((r) => String(r.label)), where }), signal));
  const byLabel = new Map(distinct.map((r) => [String(r.label), r]));
  const rows = top.map((r) => {
    const d = byLabel.get(String(r.label));
    return { label: r.label ?? null, revenue: r.revenue ?? null, lines: r.lines ?? null, transactions: d?.transactions ?? 0, customers: d?.customers ?? 0, share_revenue: r.share_revenue ?? null, items: r.items ?? null };
  });
  lruSet(memo, memoKey, rows, LEADERBOARD_MEMO_SIZE);
  return rows;
}

/** leaderboardFor's answers from each cube (the last few dozen per cube). */
const leaderboardMemo = new WeakMap<Cube, Map<string, Row[]>>();
const LEADERBOARD_MEMO_SIZE = 48;
