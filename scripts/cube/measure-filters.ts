// Filter-change latency on a large file, on the engine the browser runs (duckdb-wasm's Node
// build, single thread): loads a CSV through the app's pipeline, then applies 20 filters and
// times what a filter change costs. Run: npx tsx scripts/cube/measure-filters.ts /tmp/cube-1m.csv
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

type Step = { name: string; run: (f: Filters) => Promise<unknown> };
const steps: Step[] = [
  { name: 'kpis', run: (f) => computeKpis(db, filtersWhere(f)) },
  { name: 'series-day', run: (f) => loadSeries(db, 'day', filtersWhere(f), undefined, { from: f.from, to: f.to }) },
  ...dims.map((d) => ({ name: `board-${d}`, run: (f: Filters) => db.query(leaderboardSql({ column: d, by: 'revenue', n: 12, where: filtersWhere(f) })) })),
  { name: 'customers-table', run: (f) => buildCustomers(db, a.context, filtersWhere(f)) },
];
const times: Record<string, number[]> = {};
const visible: number[] = [];
for (const f of filters) {
  let vis = 0;
  for (const s of steps) {
    const s0 = t();
    await s.run(f);
    const ms = t() - s0;
    (times[s.name] ??= []).push(ms);
    if (s.name !== 'customers-table') vis += ms;
  }
  visible.push(vis);
}
for (const [k, v] of Object.entries(times)) console.log(`${k.padEnd(18)} p50 ${pct(v, 50).toFixed(0).padStart(5)} ms  p95 ${pct(v, 95).toFixed(0).padStart(5)} ms`);
console.log(`visible views (kpis + daily series + boards) p50 ${pct(visible, 50).toFixed(0)} ms  p95 ${pct(visible, 95).toFixed(0)} ms`);
console.log(`loadavg ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
db.close();
