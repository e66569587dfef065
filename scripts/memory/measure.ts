// Measures what loading a file costs in the built app, as a user would: headless Chromium
// picks the file in the file input, waits for the dashboard, then opens every tab; meanwhile
// the resident memory of the browser's processes is sampled (the engine's WebAssembly memory
// lives in the page's renderer and never shrinks, so its peak is the load's peak). At the end
// the SQL console lists the tables with their estimated sizes and DuckDB's memory use.
// Usage (after `npx vite build`, with `npx vite preview --port 4335 --strictPort` running):
//   npx tsx scripts/memory/measure.ts /tmp/file.csv [--port 4335] [--tabs] [--json out.json]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
if (!file) throw new Error('usage: measure.ts <file> [--port N] [--tabs] [--json out]');
const port = Number(opt('port') ?? 4335);
const TABS = ['Customers', 'Trends', 'Breakdowns', 'Segments', 'Recommendations', 'Forecast', 'Lifetime value', 'Columns', 'Data quality'];

/** Resident memory (MB) of a process and all its descendants. */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(f[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
      rss.set(Number(d), Number(f[21]) * 4096);
    } catch {
      // gone
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    total += rss.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total / 2 ** 20;
}

async function runSql(page: Page, sql: string): Promise<string> {
  const editor = page.getByTestId('sql-editor');
  await editor.fill(sql);
  await editor.press('Control+Enter');
  await page.getByTestId('sql-status').filter({ hasText: /rows?|row|error|Error/ }).first().waitFor({ timeout: 120_000 });
  const grid = page.getByTestId('sql-grid');
  if (await grid.count()) return (await grid.innerText()).replace(/\t/g, ' | ');
  return (await page.locator('main').innerText()).slice(0, 600);
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  // the browser's own process: the parent of the renderers
  // this process: the browser runs as its child, so the tree's growth is the browser's
  const pid = process.pid;
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, treeRss(pid));
  }, 200);
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForSelector('[data-testid=file-input]', { state: 'attached' });
  const base = treeRss(pid);
  const t0 = Date.now();
  await page.setInputFiles('[data-testid=file-input]', file!);
  // where the time goes: each progress label with the second it first showed
  const phases: { label: string; at: number }[] = [];
  let watching = true;
  const watch = (async () => {
    while (watching) {
      const label = await page.locator('[data-testid=load-progress] strong').first().textContent({ timeout: 500 }).catch(() => null);
      const key = label?.replace(/[\d.,]+\s*(MB|GB|KB|%)?/g, '#').trim();
      if (key && key !== phases.at(-1)?.label) phases.push({ label: key, at: Date.now() - t0 });
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  await page.locator('main[data-ready=true]').waitFor({ timeout: 900_000 });
  await page.locator('[data-testid=load-progress]').waitFor({ state: 'detached', timeout: 900_000 });
  const loadMs = Date.now() - t0;
  watching = false;
  await watch;
  const afterLoad = peak;
  const result: Record<string, unknown> = { file, loadavg: readFileSync('/proc/loadavg', 'utf8').trim(), baseMB: Math.round(base), loadMs, peakAfterLoadMB: Math.round(afterLoad), phases };
  console.log(JSON.stringify(result));
  const notice = async (): Promise<string> => (await page.locator('main').innerText()).match(/(Out of Memory[^\n]*|Not enough memory[^\n]*|could not[^\n]*)/i)?.[0] ?? '';
  if (args.includes('--tabs')) {
    const tabs: Record<string, unknown>[] = [];
    const only = opt('only');
    for (const label of only ? [only] : TABS) {
      const tab = page.locator('nav[aria-label=Views] button').filter({ hasText: new RegExp(`^${label}$`) });
      const t = Date.now();
      await tab.click();
      await page.locator('main[data-ready=true]').waitFor({ timeout: 600_000 });
      await page.waitForTimeout(300);
      await page.locator('main .notice.loading').first().waitFor({ state: 'detached', timeout: 600_000 }).catch(() => undefined);
      await page.locator('main .loading').first().waitFor({ state: 'detached', timeout: 600_000 }).catch(() => undefined);
      const text = await page.locator('main').innerText();
      const failed = [...text.matchAll(/Not enough memory|Out of Memory/g)].map((m) => text.slice(Math.max(0, (m.index ?? 0) - 160), m.index).replace(/\s+/g, ' '));
      const row = { tab: label, ms: Date.now() - t, peakMB: Math.round(peak), problem: await notice(), failed };
      tabs.push(row);
      console.log(JSON.stringify(row));
    }
    result.tabs = tabs;
  }
  const sqlTab = page.locator('nav[aria-label=Views] button').filter({ hasText: /^SQL$/ });
  await sqlTab.click();
  await page.getByTestId('sql-editor').waitFor();
  result.tables = await runSql(page, `SELECT database_name AS db, table_name, estimated_size AS rows, column_count AS cols FROM duckdb_tables() ORDER BY estimated_size DESC LIMIT 20`);
  result.dbsize = await runSql(page, `PRAGMA database_size`);
  result.memory = await runSql(page, `SELECT tag, round(memory_usage_bytes / 2^20) AS mb FROM duckdb_memory() WHERE memory_usage_bytes > 0 ORDER BY 2 DESC`);
  result.peakMB = Math.round(peak);
  result.errors = errors;
  clearInterval(sampler);
  console.log(result.tables, '\n', result.dbsize, '\n', result.memory);
  console.log(JSON.stringify({ peakMB: result.peakMB, errors }));
  const out = opt('json');
  if (out) writeFileSync(out, JSON.stringify(result, null, 2));
  await browser.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
