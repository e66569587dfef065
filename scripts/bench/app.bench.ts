// Loading benchmark: a ~1,000,000-line transaction CSV read, profiled, cleaned and
// measured by the app in headless Chromium (DuckDB-WASM, one thread) against the same SQL
// on native DuckDB with 2 threads, in the same run. Prints both and the ratio.
import { it } from 'vitest';
import { adoptStaged, analyse } from '../../src/pipeline/dataset';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { readCsvSql } from '../../src/sql/load';
import { openBenchPage, printComparison, serveDist, transactionsCsv, type Timed } from './harness';
import { openNative } from './native';

it('load and clean a 1M-line CSV: browser vs native DuckDB', async () => {
  const csv = transactionsCsv();

  const native = await openNative(2);
  const nat: Timed[] = [];
  let t = performance.now();
  await native.exec(readCsvSql(csv, 'raw_next'));
  nat.push({ id: 'read csv', ms: performance.now() - t });
  t = performance.now();
  const adopted = await adoptStaged(native);
  nat.push({ id: 'profile + detect', ms: performance.now() - t });
  t = performance.now();
  await analyse(native, adopted.profile, adopted.mapping, DEFAULT_RULES);
  nat.push({ id: 'clean + quality + KPIs', ms: performance.now() - t });
  native.close();

  const server = await serveDist();
  try {
    const { browser, page, version } = await openBenchPage(server.url);
    await page.setInputFiles('#file', csv);
    const br = await page.evaluate(() => (window as unknown as { __bench: { load(): Promise<Timed[]> } }).__bench.load());
    await browser.close();
    console.log(`\nbrowser: DuckDB-WASM ${version} (headless Chromium, 1 thread); native: @duckdb/node-api ${native.version}, 2 threads`);
    printComparison(`Load ${csv.split('/').pop()} (${adopted.profile.rows.toLocaleString('en-US')} rows)`, br, nat, 'native');
  } finally {
    server.stop();
  }
});
