// Filter-change latency on a large file, on the engine the browser runs (duckdb-wasm's Node
// build, single thread): loads a CSV through the app's pipeline, then applies 20 filters and
// times what a filter change costs before (every view queries `sales`) and after (the data
// cube answers the additive figures; distinct counts still read `sales`).
// Run: node scripts/generate-sample.mjs --rows 535000 --out /tmp/cube-1m.csv
//      npx tsx scripts/cube/measure-filters.ts /tmp/cube-1m.csv
import { readFileSync } from 'node:fs';
import { openTestDb } from '../../tests/helpers/duckdb';
import { readCsvSql } from '../../src/sql/load';
import { detectAndRefine, profileRaw } from '../../src/pipeline/profile';
import { analyse, buildCustomers } from '../../src/pipeline/dataset';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { snapshotCustomers, buildSegmentTables } from '../../src/pipeline/segments';
import { computeKpis } from '../../src/pipeline/kpis';
import { loadSeries } from '../../src/analysis/trends';
import { leaderboardSql } from '../../src/sql/breakdowns';
import { additiveKpisFor, buildCube, cubeCovers, kpisFor, leaderboardFor, pickTable, revenueSeriesFor } from '../../src/pipeline/cube';
import { cubeLeaderboardSql, distinctKpisSql } from '../../src/sql/cube';
import { filtersWhere, type Filters } from '../../src/state/filters';
import { toRows } from '../../src/engine/rows';

const file = process.argv[2] ?? '/tmp/cube-1m.csv';
const t = (): number => performance.now();
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

const db = await openTestDb();
let t0 = t();
await db.exec(readCsvSql(file, 'raw'));
const profile = await profileRaw(db);
const mapping = await detectAndRefine(db, profile);
const a = await analyse(db, profile, mapping, DEFAULT_RULES);
console.log(`load + analyse ${(t() - t0).toFixed(0)} ms; dims ${a.context.dimensions.join(', ')}`);
t0 = t();
await buildCustomers(db, a.context, 'TRUE');
if (a.context.hasCustomers) {
  await snapshotCustomers(db);
  await buildSegmentTables(db, {});
}
console.log(`whole-data customers + segments ${(t() - t0).toFixed(0)} ms`);

// 20 filters: single values, pairs, dates, and combinations, drawn from the data's own labels
const labels = async (col: string): Promise<string[]> => toRows(await db.query(`SELECT CAST(${col} AS VARCHAR) AS v FROM sales WHERE ${col} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 6`)).map((r) => String(r.v));
const dims = a.context.dimensions.filter((d) => d !== 'product');
if (a.context.hasCategory) dims.unshift('category');
const vals: Record<string, string[]> = {};
for (const d of dims) vals[d] = await labels(d);
const filters: Filters[] = [];
const months = ['2024-01', '2024-03', '2024-06', '2024-09', '2024-11', '2025-02', '2025-05', '2025-08', '2025-10', '2025-12'];
for (let i = 0; filters.length < 20; i++) {
  const d = dims[i % dims.length]!;
  const v = vals[d]!;
  const f: Filters = { from: null, to: null, dims: {} };
  if (i % 4 === 0) f.dims[d] = [v[i % v.length]!];
  else if (i % 4 === 1) f.dims[d] = [v[0]!, v[(i % (v.length - 1)) + 1]!];
  else if (i % 4 === 2) {
    const m = months[i % months.length]!;
    f.from = `${m}-01`;
    f.to = `${m}-28`;
  } else {
    f.dims[d] = [v[1 % v.length]!];
    const d2 = dims[(i + 1) % dims.length]!;
    if (d2 !== d) f.dims[d2] = [vals[d2]![0]!];
    f.from = `${months[i % months.length]!}-01`;
  }
  filters.push(f);
}

t0 = t();
const cube = await buildCube(db, a.context.dimensions);
console.log(`cube: ${cube.rows} rows over ${cube.dims.join(' × ')} × day, built in ${cube.buildMs.toFixed(0)} ms (sales: ${a.kpis.lines} lines); tables ${cube.tables.map((x) => `${x.dims.join('×') || 'day'}: ${x.rows}`).join(', ')}`);

const boardCols = ['product', ...dims];
type Step = { name: string; run: (f: Filters) => Promise<unknown> };
const w = (f: Filters): string => filtersWhere(f);
const steps: Step[] = [
  // before: every view reads sales
  { name: 'before:kpis', run: (f) => computeKpis(db, w(f)) },
  { name: 'before:series-day', run: (f) => loadSeries(db, 'day', w(f), undefined, { from: f.from, to: f.to }) },
  ...boardCols.map((d) => ({ name: `before:board-${d}`, run: (f: Filters) => db.query(leaderboardSql({ column: d, by: 'revenue', n: d === 'product' ? 15 : 12, where: w(f) })) })),
  // after, first paint: additive figures from the cube; a filter no cube table covers reads sales, as the app does
  { name: 'cube:kpis-additive', run: async (f) => (await additiveKpisFor(db, cube, f)) ?? computeKpis(db, w(f)) },
  { name: 'cube:series-day', run: async (f) => (await revenueSeriesFor(db, cube, 'day', f)) ?? loadSeries(db, 'day', w(f), undefined, { from: f.from, to: f.to }) },
  ...boardCols.filter((d) => cube.dims.includes(d)).map((d) => ({
    name: `cube:board-${d}`,
    run: (f: Filters) => db.query(cubeCovers(cube, f, [d]) ? cubeLeaderboardSql({ column: d, by: 'revenue', n: 12, where: w(f), table: pickTable(cube, f, [d]) }) : leaderboardSql({ column: d, by: 'revenue', n: 12, where: w(f) })),
  })),
  // after, the distinct counts (KPIs' transactions and customers; boards' columns), from sales
  { name: 'distinct:kpis', run: (f) => db.query(distinctKpisSql(w(f))) },
  { name: 'full:kpisFor', run: (f) => kpisFor(db, cube, f) },
  ...boardCols.map((d) => ({ name: `full:leaderboardFor-${d}`, run: (f: Filters) => leaderboardFor(db, cube, { column: d, by: 'revenue', n: d === 'product' ? 15 : 12 }, f) })),
  { name: 'customers-table', run: (f) => buildCustomers(db, a.context, w(f)) },
];
const times: Record<string, number[]> = {};
console.log(`filters the cube covers: ${filters.filter((f) => cubeCovers(cube, f)).length} of ${filters.length}`);
const sum = (f: (k: string) => boolean): number[] => filters.map((_, i) => Object.entries(times).filter(([k]) => f(k)).reduce((acc, [, v]) => acc + (v[i] ?? 0), 0));
for (const f of filters) {
  for (const s of steps) {
    const s0 = t();
    await s.run(f);
    (times[s.name] ??= []).push(t() - s0);
  }
}
const line = (k: string, v: number[]): void => console.log(`${k.padEnd(34)} p50 ${pct(v, 50).toFixed(0).padStart(6)} ms  p95 ${pct(v, 95).toFixed(0).padStart(6)} ms`);
for (const [k, v] of Object.entries(times)) line(k, v);
line('BEFORE all visible (kpis+series+boards)', sum((k) => k.startsWith('before:')));
line('AFTER first paint (cube: kpis+series+boards)', sum((k) => k.startsWith('cube:')));
line('AFTER first paint + KPI distinct counts', sum((k) => k.startsWith('cube:') || k === 'distinct:kpis'));
line('AFTER complete (kpisFor+series+leaderboardFor)', sum((k) => k.startsWith('full:') || k === 'before:series-day'));
console.log(`loadavg ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
db.close();
