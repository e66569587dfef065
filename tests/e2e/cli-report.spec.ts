// Issue 17: the command line writes the same report.json as the page. The CLI (native
// DuckDB, several threads) runs on the UCI file while the page (DuckDB-WASM) loads it; the
// page's Export is compared with the CLI's file figure by figure (tests/helpers/report-diff.ts:
// counts and sums exact, model outputs within 1e-6 relative, run fields ignored).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, waitReady } from './fixtures';
import { reportDiff } from '../helpers/report-diff';

// the page's logic, not the engine: the single-threaded build keeps the suite short (fixtures.ts, EngineChoice)
test.use({ engine: 'single' });

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const UCI = join(ROOT, 'tests/fixtures/online_retail_uci.csv.gz');

/** Runs `basket-lens analyse` as a user would; resolves to its exit code and stderr. */
function runCli(out: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/basket-lens.mjs'), 'analyse', UCI, '--out', out, '--threads', '2'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

test('the CLI report on the UCI file equals the page’s exported report', async ({ page }) => {
  test.setTimeout(420_000);
  const dir = mkdtempSync(join(tmpdir(), 'basket-cli-e2e-'));
  const cliOut = join(dir, 'cli.json');
  const cli = runCli(cliOut);

  await page.goto('/');
  await waitReady(page);
  await page.setInputFiles('[data-testid=file-input]', UCI);
  await expect(page.locator('header')).toContainText('online_retail_uci.csv.gz', { timeout: 90_000 });
  await waitReady(page);
  const download = page.waitForEvent('download', { timeout: 240_000 });
  await page.getByRole('button', { name: 'Export report' }).click();
  const browser = JSON.parse(readFileSync(await (await download).path(), 'utf8'));

  const { code, stderr } = await cli;
  expect(code, stderr).toBe(0);
  // a progress line per stage on stderr (plain lines: not a terminal)
  expect(stderr).toContain('Cleaning and data tests');
  expect(stderr).toContain('Clusters (k-means)');
  const fromCli = JSON.parse(readFileSync(cliOut, 'utf8'));
  if (process.env.KEEP_REPORTS) writeFileSync(join(dir, 'browser.json'), JSON.stringify(browser, null, 2));
  // every section the page exports is there, with the same figures
  expect(Object.keys(fromCli).sort()).toEqual(Object.keys(browser).sort());
  expect(fromCli.kpis.net_sales).toBe(browser.kpis.net_sales);
  expect(reportDiff(browser, fromCli)).toEqual([]);
});
