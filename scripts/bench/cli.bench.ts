// Opt-in (`npm run bench -- --cli [--rows N] [--memory 1GB]`, which sets BENCH_CLI=1): the command line's pipeline on native DuckDB at
// a scale a tab cannot hold, with --memory-limit below the data size (DuckDB spills to a temp
// folder). The project's seeded generator writes the CSV (BENCH_CLI_ROWS lines, default
// 10 million ≈ 1 GB); each stage's rows/s is printed next to plain DuckDB SQL doing the same
// kind of work on the same file (read; group by customer), as a ratio. Prints, asserts
// nothing about speed.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openNativeDb } from '../../src/cli/native-connector';
import { openSources } from '../../src/cli/files';
import { loadDataset } from '../../src/cli/load';
import { defaultView, fullReport } from '../../src/analysis/full-report';
import { inProcessJobs } from '../../src/analysis/jobs';
import type { Progress } from '../../src/cli/progress';
import { toRows } from '../../src/engine/rows';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { generate } from './cli-data';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LINES = Number(process.env.BENCH_CLI_ROWS ?? 10_000_000);
const MEMORY = process.env.BENCH_CLI_MEMORY ?? '512MB';
const THREADS = Number(process.env.BENCH_CLI_THREADS ?? 2);
const DIR = process.env.BENCH_CLI_DIR ?? join(ROOT, '.bench/cli');

/** A stage timer in the shape of the CLI's progress reporter. */
function stageClock(): Progress & { stages: { label: string; ms: number }[] } {
  const stages: { label: string; ms: number }[] = [];
  let label = '';
  let at = performance.now();
  const close = (): void => {
    if (label) stages.push({ label, ms: performance.now() - at });
  };
  return {
    stages,
    stage: (next) => {
      close();
      label = next;
      at = performance.now();
      process.stderr.write(`  ${next}\n`);
    },
    update: () => undefined,
    done: () => {
      close();
      label = '';
    },
  };
}

describe.skipIf(process.env.BENCH_CLI !== '1')('command line at scale (native DuckDB, spilling)', () => {
  it(`analyses ${LINES.toLocaleString('en')} lines with --memory-limit ${MEMORY}`, async () => {
    mkdirSync(DIR, { recursive: true });
    // --rows counts baskets of 1–5 lines (1.87 lines each on average, measured at 1M)
    const file = join(DIR, `cli-${LINES}.csv`);
    if (!existsSync(file)) await generate(file, LINES, DIR, THREADS);
    const bytes = statSync(file).size;
    const temp = join(DIR, `spill-${LINES}`);
    mkdirSync(temp, { recursive: true });

    // plain DuckDB SQL on the same engine settings: read the file, aggregate by customer
    const plain = await openNativeDb({ threads: THREADS, memoryLimit: MEMORY, tempDir: temp });
    let t = performance.now();
    await plain.exec(`CREATE TABLE raw AS SELECT * FROM read_csv('${file}', header = true)`);
    const plainRead = performance.now() - t;
    const rows = Number(toRows(await plain.query('SELECT count(*) AS n FROM raw'))[0]?.n);
    t = performance.now();
    const cols = toRows(await plain.query("SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'raw'")).map((r) => String(r.c));
    const customer = cols.find((c) => /customer|user|client/i.test(c)) ?? cols[0];
    const amount = cols.find((c) => /amount|total|price/i.test(c)) ?? cols[1];
    // the groups stay in DuckDB (a CREATE, not rows handed to JavaScript: 50M lines hold millions of groups)
    await plain.exec(`CREATE TEMP TABLE per_customer AS SELECT "${customer}", count(*) AS n, sum(TRY_CAST("${amount}" AS DOUBLE)) AS total FROM raw GROUP BY 1`);
    const plainAgg = performance.now() - t;
    plain.close();

    const native = await openNativeDb({ threads: THREADS, memoryLimit: MEMORY, tempDir: temp, scratchFile: true });
    // the statement running when a stage fails (out of memory names no statement)
    let last = '';
    const db: typeof native = {
      ...native,
      query: (sql, signal) => ((last = sql), native.query(sql, signal)),
      exec: (sql, signal) => ((last = sql), native.exec(sql, signal)),
    };
    const clock = stageClock();
    const started = performance.now();
    const { sources, paths } = await openSources([file]);
    let report;
    try {
      const ds = await loadDataset(db, sources, paths, { roles: [], rules: DEFAULT_RULES, ruleOptions: defaultView().settings.rules, relaxOrder: true }, clock);
      report = await fullReport(db, inProcessJobs, ds, { version: 'bench', onStage: (s) => clock.stage(s) });
    } catch (e) {
      clock.done();
      process.stdout.write(`\nfailed after ${((performance.now() - started) / 1000).toFixed(1)} s in: ${clock.stages.map((s) => `${s.label} ${(s.ms / 1000).toFixed(1)} s`).join('; ')}\nrunning: ${last.slice(0, 600)}\n`);
      native.close();
      throw e;
    }
    clock.done();
    const total = performance.now() - started;
    const peak = toRows(await db.query("SELECT current_setting('memory_limit') AS m"))[0]?.m;
    native.close();
    expect(report.kpis).toBeTruthy();
    // the report itself, for checking its figures (README: the KPIs against pandas at 10M)
    writeFileSync(join(DIR, `report-${LINES}-${MEMORY}.json`), JSON.stringify(report, null, 1));

    const rate = (ms: number): string => `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`;
    const out = [
      `\nCLI at scale: ${rows.toLocaleString('en')} lines, ${(bytes / 1e9).toFixed(2)} GB CSV, ${THREADS} threads, memory_limit ${String(peak)}, load ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`,
      `plain DuckDB: read ${(plainRead / 1000).toFixed(1)} s (${rate(plainRead)}), group by customer ${(plainAgg / 1000).toFixed(1)} s (${rate(plainAgg)})`,
      ...clock.stages.map((s) => {
        const base = /^Reading/.test(s.label) ? plainRead : plainAgg;
        return `  ${s.label.padEnd(72).slice(0, 72)} ${(s.ms / 1000).toFixed(1).padStart(7)} s  ${rate(s.ms).padStart(18)}  ×${(s.ms / base).toFixed(1)} of plain ${/^Reading/.test(s.label) ? 'read' : 'group by'}`;
      }),
      `total ${(total / 1000).toFixed(1)} s: ${rate(total)} end to end`,
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  }, 8 * 3_600_000); // hours at 50M lines on two cores
});
