// Filter-change latency in headless Chromium with the built app (npx vite build first; serve it
// with npx vite preview --port 4334): loads a file through the file picker, waits for the data
// cube (performance mark 'cube-built'), then on the Breakdowns tab clicks a bar of each board's
// labels in turn and times (a) until the clicked board shows that label alone (the first paint)
// and (b) until the page is ready again (derived tables rebuilt). Removes the filter between.
// Run: node scripts/cube/browser-filters.mjs /tmp/cube-1m.csv http://127.0.0.1:4334/
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '/tmp/cube-1m.csv';
const base = process.argv[3] ?? 'http://127.0.0.1:4334/';
const runs = Number(process.argv[4] ?? 20);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage();
await page.goto(base);
await page.locator('main[data-ready=true]').waitFor({ timeout: 180_000 });
const t0 = Date.now();
await page.getByTestId('file-input').setInputFiles(file);
await page.waitForFunction(() => document.querySelector('[data-testid=load-progress]') !== null, null, { timeout: 60_000 }).catch(() => undefined);
await page.locator('main[data-ready=true]').waitFor({ timeout: 900_000 });
console.log(`loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
await page.waitForFunction(() => performance.getEntriesByName('cube-built').length > 0, null, { timeout: 600_000 });
console.log('cube', JSON.stringify(await page.evaluate(() => performance.getEntriesByName('cube-built')[0].detail)));
await page.getByRole('button', { name: 'Breakdowns', exact: true }).click();
const boards = ['category', 'country', 'payment'];
const first = [];
const whole = [];
for (let i = 0; i < runs; i++) {
  const board = boards[i % boards.length];
  const bars = page.locator(`[data-board=${board}] svg path[aria-roledescription="bar"]`);
  await bars.first().waitFor({ timeout: 120_000 });
  const n = await bars.count();
  const bar = bars.nth(Math.floor(i / boards.length) % n);
  const label = (await bar.getAttribute('aria-label')) ?? '';
  const s = performance.now();
  await bar.click({ force: true });
  // first paint: the clicked board holds one bar
  await page.waitForFunction((b) => document.querySelectorAll(`[data-board=${b}] svg path[aria-roledescription="bar"]`).length === 1, board, { timeout: 120_000, polling: 'raf' });
  first.push(performance.now() - s);
  await page.locator('main[data-ready=true]').waitFor({ timeout: 300_000 });
  whole.push(performance.now() - s);
  console.log(`${board} ${label.slice(0, 40)}: first paint ${first.at(-1).toFixed(0)} ms, ready ${whole.at(-1).toFixed(0)} ms`);
  await page.getByRole('button', { name: /^Remove / }).first().click();
  await page.locator('main[data-ready=true]').waitFor({ timeout: 300_000 });
  await page.waitForFunction((b) => document.querySelectorAll(`[data-board=${b}] svg path[aria-roledescription="bar"]`).length > 1, board, { timeout: 120_000 });
}
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
console.log(`first paint p50 ${pct(first, 50).toFixed(0)} ms p95 ${pct(first, 95).toFixed(0)} ms; ready p50 ${pct(whole, 50).toFixed(0)} ms p95 ${pct(whole, 95).toFixed(0)} ms`);
console.log(`loadavg ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
await browser.close();
