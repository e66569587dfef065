// `npm run bench`: the app's own SQL timed in headless Chromium (DuckDB-WASM, one thread)
// against the same SQL on native DuckDB (@duckdb/node-api, 2 threads) in the same run, on
// a generated ~1,000,000-line transaction CSV:
//   1. load: read the CSV, profile + detect roles, clean + quality tests + KPIs
//   2. metrics and trends: every query of the dashboard (src/sql/metrics-suite.ts)
// Prints both timings and the ratios; asserts nothing about speed.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, Page } from '@playwright/test';
import { adoptStaged, analyse, type Analysis } from '../../src/pipeline/dataset';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { readCsvSql } from '../../src/sql/load';
import { metricsSuite } from '../../src/sql/metrics-suite';
import { openBenchPage, printComparison, serveDist, transactionsCsv, type Timed } from './harness';
import { openNative, type NativeDb } from './native';

interface BenchWindow {
  __bench: { load(): Promise<Timed[]>; run(q: { id: string; sql: string }[]): Promise<Timed[]> };
}

describe('browser vs native DuckDB on a 1M-line transaction file', () => {
  let native: NativeDb;
  let server: { url: string; stop: () => void };
  let browser: Browser;
  let page: Page;
  let version = '';
  let analysis: Analysis;
  const csv = transactionsCsv();

  beforeAll(async () => {
    native = await openNative(2);
    server = await serveDist();
    ({ browser, page, version } = await openBenchPage(server.url));
    console.log(`\nbrowser: DuckDB-WASM ${version} in headless Chromium (1 thread); native: @duckdb/node-api ${native.version}, 2 threads`);
  });
  afterAll(async () => {
    await browser?.close();
    server?.stop();
    native?.close();
  });

  it('1. load and clean', async () => {
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
  });

  it('2. metrics and trends (every dashboard query)', async () => {
    const suite = metricsSuite(analysis.context);
    const nat: Timed[] = [];
    for (const q of suite) {
      const t = performance.now();
      await native.exec(q.sql);
      nat.push({ id: q.id, ms: performance.now() - t });
    }
    const br = await page.evaluate((qs) => (window as unknown as BenchWindow).__bench.run(qs), suite);
    const ratio = printComparison(`2. Metrics and trends: ${suite.length} queries`, br, nat, 'native');
    console.log(`\nmetrics-and-trends ratio browser / native (2 threads): ${ratio.toFixed(2)} (target ≤ 2)`);
  });
});
