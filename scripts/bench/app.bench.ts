// `npm run bench`: the app's own SQL timed in headless Chromium (DuckDB-WASM, multithreaded
// when the page is cross-origin isolated, as vite preview serves it)
// against the same SQL on native DuckDB (@duckdb/node-api, 2 threads) in the same run, on
// a generated ~1,000,000-line transaction CSV:
//   1. load: read the CSV, profile + detect roles, clean + quality tests + KPIs
//   2. metrics and trends: every query of the dashboard (src/sql/metrics-suite.ts)
//   3. product pair counting on the UCI file (src/sql/pairs.ts), browser vs native
//   4. k-means on 1,000,000 points × 3 features, k = 8, one restart, in our analytics
//      worker vs scikit-learn (Debian's python3-sklearn, when installed) on the same
//      points, plus the longest main-thread task while it runs
//   5. the recommendation leave-last-out evaluation on UCI vs a pandas implementation of the
//      same protocol (scripts/reference/recommend_eval_bench.py)
// Prints both timings and the ratios; asserts nothing about speed. With --quick only 4 and 5
// run (one seed); their figures go to the run's JSON (scripts/bench/figures.ts).
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, Page } from '@playwright/test';
import { adoptStaged, analyse, type Analysis } from '../../src/pipeline/dataset';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { readCsvSql } from '../../src/sql/load';
import { metricsSuite } from '../../src/sql/metrics-suite';
import { openBenchPage, printComparison, serveDist, transactionsCsv, type Timed } from './harness';
import { openNative, type NativeDb } from './native';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pairsSql } from '../../src/sql/pairs';
import { ROOT, BENCH_DIR } from './harness';
import { QUICK, RUNS, saveFigures } from './figures';

interface KRun {
  ms: number;
  iterations: number;
  inertia: number;
}
interface BenchWindow {
  __bench: {
    threads(): Promise<number>;
    load(): Promise<Timed[]>;
    run(q: { id: string; sql: string }[]): Promise<Timed[]>;
    kmeans(k: number, seeds: number, inits: (number[] | null)[]): Promise<{ runs: { seed: number; full: KRun; lloyd: KRun | null }[]; longTasks: number[] }>;
    evaluate(): Promise<{ ms: number; evaluated: number; popularity: number; copurchase: number | null }>;
  };
}

describe('browser vs native DuckDB on a 1M-line transaction file', () => {
  let native: NativeDb;
  let server: { url: string; stop: () => void };
  let browser: Browser;
  let page: Page;
  let version = '';
  let analysis: Analysis;
  const csv = QUICK ? '' : transactionsCsv();
  const figures: Record<string, unknown> = {};
  const stages: { id: string; browserMs: number; referenceMs: number }[] = [];
  figures.stages = stages;
  const total = (ts: Timed[]): number => ts.reduce((a, t) => a + t.ms, 0);

  beforeAll(async () => {
    native = await openNative(2);
    server = await serveDist();
    ({ browser, page, version } = await openBenchPage(server.url));
    const threads = await page.evaluate(() => (window as unknown as BenchWindow).__bench.threads());
    const isolated = await page.evaluate(() => crossOriginIsolated);
    console.log(`\nbrowser: DuckDB-WASM ${version} in headless Chromium, ${threads} thread(s)${isolated ? '' : ' (page not cross-origin isolated)'}, files read on 1; native: @duckdb/node-api ${native.version}, 2 threads`);
  });
  afterAll(async () => {
    saveFigures('models', figures);
    await browser?.close();
    server?.stop();
    native?.close();
  });

  it.skipIf(QUICK)('1. load and clean', async () => {
    const nat: Timed[] = [];
    let t = performance.now();
    await native.exec(readCsvSql(csv, 'raw_next'));
    nat.push({ id: 'read csv', ms: performance.now() - t });
    t = performance.now();
    const adopted = await adoptStaged(native);
    nat.push({ id: 'profile + detect', ms: performance.now() - t });
    t = performance.now();
    analysis = await analyse(native, adopted.profile, adopted.mapping, DEFAULT_RULES);
    nat.push({ id: 'clean + quality + KPIs', ms: performance.now() - t });

    await page.setInputFiles('#file', csv);
    const br = await page.evaluate(() => (window as unknown as BenchWindow).__bench.load());
    printComparison(`1. Load ${csv.split('/').pop()} (${adopted.profile.rows.toLocaleString('en-US')} rows)`, br, nat, 'native');
    stages.push({ id: 'load 1M lines (read, detect, clean, quality, KPIs)', browserMs: total(br), referenceMs: total(nat) });
  });

  it.skipIf(QUICK)('2. metrics and trends (every dashboard query)', async () => {
    const suite = metricsSuite(analysis.context);
    const nat: Timed[] = [];
    for (const q of suite) {
      const t = performance.now();
      await native.exec(q.sql);
      nat.push({ id: q.id, ms: performance.now() - t });
    }
    const br = await page.evaluate((qs) => (window as unknown as BenchWindow).__bench.run(qs), suite);
    const ratio = printComparison(`2. Metrics and trends: ${suite.length} queries`, br, nat, 'native');
    stages.push({ id: `metrics and trends, all ${suite.length} dashboard queries (1M)`, browserMs: total(br), referenceMs: total(nat) });
    console.log(`\nmetrics-and-trends ratio browser / native (2 threads): ${ratio.toFixed(2)} (target ≤ 2)`);
  });

  it.skipIf(QUICK)('3. product pair counting on UCI Online Retail', async () => {
    const uci = resolve(ROOT, 'tests/fixtures/online_retail_uci.csv.gz');
    await native.exec(readCsvSql(uci, 'raw_next'));
    const adopted = await adoptStaged(native);
    await analyse(native, adopted.profile, adopted.mapping, DEFAULT_RULES);
    const q = [{ id: 'pairs (default thresholds)', sql: pairsSql() }];
    const nat: Timed[] = [];
    for (const x of q) {
      const t = performance.now();
      await native.exec(x.sql);
      nat.push({ id: x.id, ms: performance.now() - t });
    }
    await page.setInputFiles('#file', uci);
    await page.evaluate(() => (window as unknown as BenchWindow).__bench.load());
    const br = await page.evaluate((qs) => (window as unknown as BenchWindow).__bench.run(qs), q);
    const ratio = printComparison('3. Pair counting on UCI (19,960 sale baskets)', br, nat, 'native');
    stages.push({ id: 'pair counting on UCI', browserMs: total(br), referenceMs: total(nat) });
    console.log(`pair-counting ratio browser / native (2 threads): ${ratio.toFixed(2)} (target < 2)`);
  });

  it('4. k-means, 1,000,000 × 3, k = 8, n_init = 1: worker vs scikit-learn', async () => {
    const points = resolve(BENCH_DIR, 'kmeans-points.f64');
    if (!existsSync(points)) execFileSync('node', ['scripts/bench/kmeans-points.mjs', 'write'], { cwd: ROOT, stdio: 'inherit' });
    const seeds = QUICK ? 1 : 3;
    const k = 8;
    let sk: { full: number; lloyd: number; fullIter: number; lloydIter: number }[] = [];
    try {
      const out = execFileSync('/usr/bin/python3', ['scripts/reference/kmeans_bench.py', points, String(k), String(seeds), '3'], { cwd: ROOT, encoding: 'utf8' });
      sk = out
        .split('\n')
        .filter((l) => /^\s*\d+\s+[\d.]+/.test(l))
        .map((l) => l.trim().split(/\s+/).map(Number))
        .map((c) => ({ full: c[1] as number, fullIter: c[2] as number, lloyd: c[4] as number, lloydIter: c[5] as number }));
      console.log(`\n${out.split('\n')[0]}`);
    } catch {
      console.log('\nscikit-learn not available (/usr/bin/python3 with sklearn): printing our times only');
    }
    const inits = Array.from({ length: seeds }, (_, s) => {
      const f = resolve(BENCH_DIR, `kmeans-init-${s}.f64`);
      if (!existsSync(f)) return null;
      const b = readFileSync(f);
      return Array.from(new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8));
    });
    await page.setInputFiles('#points', points);
    // warm the worker's JIT once, as the sklearn side is timed best-of-3
    await page.evaluate(() => (window as unknown as BenchWindow).__bench.kmeans(8, 1, [null]));
    const ours = await page.evaluate(({ k, seeds, inits }) => (window as unknown as BenchWindow).__bench.kmeans(k, seeds, inits), { k, seeds, inits });
    console.log('seed  ours full ms (iter)   sklearn full ms (iter)   ours Lloyd-from-same-init ms (iter)   sklearn Lloyd ms (iter)');
    let sumOurs = 0;
    let sumSk = 0;
    let sumOursL = 0;
    let sumSkL = 0;
    for (const r of ours.runs) {
      const s = sk[r.seed];
      sumOurs += r.full.ms;
      sumSk += s?.full ?? Number.NaN;
      if (r.lloyd) sumOursL += r.lloyd.ms;
      sumSkL += s?.lloyd ?? Number.NaN;
      console.log(
        `${String(r.seed).padStart(4)}  ${r.full.ms.toFixed(0).padStart(8)} (${r.full.iterations})   ${s ? `${s.full.toFixed(0).padStart(8)} (${s.fullIter})` : '—'.padStart(12)}   ${r.lloyd ? `${r.lloyd.ms.toFixed(0).padStart(8)} (${r.lloyd.iterations})` : '—'}   ${s ? `${s.lloyd.toFixed(0).padStart(8)} (${s.lloydIter})` : '—'}`,
      );
    }
    figures.kmeans = {
      points: 1_000_000,
      k,
      seeds,
      oursFullMs: ours.runs.map((r) => r.full.ms),
      sklearnFullMs: ours.runs.map((r) => sk[r.seed]?.full ?? null),
      oursLloydMs: ours.runs.map((r) => r.lloyd?.ms ?? null),
      sklearnLloydMs: ours.runs.map((r) => sk[r.seed]?.lloyd ?? null),
      longestTaskMs: ours.longTasks.length ? Math.max(...ours.longTasks) : 0,
    };
    if (sk.length) {
      console.log(`k-means ratio ours / scikit-learn, full fit: ${(sumOurs / sumSk).toFixed(2)}; Lloyd from identical centres: ${(sumOursL / sumSkL).toFixed(2)} (target ≤ 1.5)`);
    } else {
      console.log(`k-means (ours, full fit, mean of ${seeds} seeds): ${(sumOurs / seeds).toFixed(0)} ms`);
    }
    const longest = ours.longTasks.length ? Math.max(...ours.longTasks) : 0;
    console.log(`main thread during clustering: ${ours.longTasks.length} tasks over 50 ms${ours.longTasks.length ? `, longest ${longest.toFixed(0)} ms` : ''}`);
  });
  it('5. recommendation leave-last-out evaluation on UCI: ours vs pandas', async () => {
    const uci = resolve(ROOT, 'tests/fixtures/online_retail_uci.csv.gz');
    const ours: { ms: number; evaluated: number; popularity: number; copurchase: number | null }[] = [];
    await page.setInputFiles('#file', uci);
    for (let run = 0; run < RUNS; run++) {
      // a fresh load each run: nothing of the previous evaluation (pair counts) is reused
      await page.evaluate(() => (window as unknown as BenchWindow).__bench.load());
      ours.push(await page.evaluate(() => (window as unknown as BenchWindow).__bench.evaluate()));
    }
    let pandas: { seconds: number[]; evaluated: number; popularity: { hit_rate: number }; copurchase: { hit_rate: number } } | null = null;
    try {
      const out = execFileSync('/usr/bin/python3', ['scripts/reference/recommend_eval_bench.py', uci, String(RUNS)], { cwd: ROOT, encoding: 'utf8' });
      pandas = JSON.parse(out.trim().split('\n').pop() ?? 'null');
    } catch {
      console.log('\npandas not available (/usr/bin/python3 with pandas): printing our times only');
    }
    figures.recommendEval = {
      oursMs: ours.map((o) => o.ms),
      pandasMs: pandas ? pandas.seconds.map((s) => s * 1000) : null,
      evaluated: { ours: ours[0]?.evaluated, pandas: pandas?.evaluated ?? null },
      hitRate: { ours: { popularity: ours[0]?.popularity, copurchase: ours[0]?.copurchase }, pandas: pandas ? { popularity: pandas.popularity.hit_rate, copurchase: pandas.copurchase.hit_rate } : null },
    };
    console.log(`\n5. Recommendation evaluation on UCI (leave-last-out, ${ours[0]?.evaluated} customers): ours ${ours.map((o) => o.ms.toFixed(0)).join(', ')} ms; pandas ${pandas ? pandas.seconds.map((s) => (s * 1000).toFixed(0)).join(', ') : '—'} ms`);
    if (pandas) console.log(`hit rates ours / pandas: popularity ${ours[0]?.popularity.toFixed(4)} / ${pandas.popularity.hit_rate.toFixed(4)}, co-purchase ${ours[0]?.copurchase?.toFixed(4)} / ${pandas.copurchase.hit_rate.toFixed(4)}`);
  });
});
