// Filter-change latency on the real page, with the query log (a profiling aid beside
// `npm run bench`; needs `npx vite build` first). Loads a file, opens Breakdowns, waits for
// the data cube, then clicks bars (spread over the boards) and "Clear all" in turn, and
// reports for each click:
//   - board: click → the Breakdowns boards' bars show other values (the first paint of the filter);
//   - settled: click → every visible view settled on the new revision (the bench's definition:
//     main[data-ready], revision advanced, html[data-pending=0], no loading notice, 250 ms in a row);
//   - the queries queued after the click (lane, wait in the queue, run time, SQL head) with
//     FILTER_LOG=1.
// Usage: node scripts/bench/filter-latency.mjs [file.csv] [clicks]   (PORT=4333 by default)
// Asserts nothing; prints p50/p95 and the load average.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const file = resolve(process.argv[2] ?? resolve(ROOT, '.bench/transactions-1m.csv'));
const CLICKS = Number(process.argv[3] ?? 10);
const PORT = Number(process.env.PORT ?? 4333);
const LOG = process.env.FILTER_LOG === '1';
const WARM_MS = Number(process.env.FILTER_WARM_MS ?? 4000);
const url = `http://127.0.0.1:${PORT}`;

if (!existsSync(resolve(ROOT, 'dist/index.html'))) throw new Error('dist/ missing: run `npx vite build` first');
const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], { cwd: ROOT, stdio: 'ignore', detached: true });
const stop = () => {
  try {
    process.kill(-server.pid);
  } catch {
    server.kill();
  }
};
process.on('exit', stop);
for (let i = 0; i < 100; i++) {
  if (await fetch(url).then((r) => r.ok, () => false)) break;
  await new Promise((r) => setTimeout(r, 200));
}

const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1360, height: 900 }, timezoneId: 'UTC', locale: 'en-US' });
await context.addInitScript(() => {
  window.__blQueryLog = [];
  window.__blInput = 0;
  addEventListener('click', (e) => (window.__blInput = e.timeStamp), true);
});
const page = await context.newPage();
page.on('pageerror', (e) => console.error('page error:', e.message));

/** Waits until the boards' bars differ from `before` (their aria labels), then until every visible view is settled on `minRevision`. */
function timings(minRevision, before) {
  return page.evaluate(
    ({ minRevision, before }) =>
      new Promise((done) => {
        const start = performance.now();
        let board = null;
        let since = null;
        const sig = () => [...document.querySelectorAll('main section[data-board] svg path[aria-roledescription="bar"]')].map((p) => p.getAttribute('aria-label')).join('|');
        const ok = () => {
          const main = document.querySelector('main[data-revision]');
          if (!main || main.getAttribute('data-ready') !== 'true') return false;
          if (Number(main.getAttribute('data-revision')) < minRevision) return false;
          if ((document.documentElement.dataset.pending ?? '0') !== '0') return false;
          return !(document.querySelector('[data-testid=load-progress]') || main.querySelector('.notice.loading'));
        };
        const tick = () => {
          const now = performance.now();
          if (board === null && before !== null && sig() !== before) board = now;
          if (ok()) {
            since ??= now;
            if (now - since >= 250) return done({ board, settled: since });
          } else since = null;
          if (now - start > 60_000) return done({ board, settled: null });
          requestAnimationFrame(tick);
        };
        tick();
      }),
    { minRevision, before },
  );
}
const signature = () => page.evaluate(() => [...document.querySelectorAll('main section[data-board] svg path[aria-roledescription="bar"]')].map((p) => p.getAttribute('aria-label')).join('|'));
const revision = async () => Number(await page.locator('main[data-revision]').getAttribute('data-revision'));

await page.goto(`${url}/`);
await page.locator('[data-testid=engine]').waitFor({ timeout: 120_000 });
const t0 = Date.now();
await page.setInputFiles('[data-testid=file-input]', file);
await timings(1, null);
console.log(`loaded ${file} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
await page.locator('nav[aria-label=Views] button', { hasText: 'Breakdowns' }).click();
await timings(0, null);
await page.waitForFunction(() => performance.getEntriesByName('cube-built').length > 0, null, { timeout: 120_000 }).catch(() => console.log('no cube within 120 s'));
const cube = await page.evaluate(() => performance.getEntriesByName('cube-built')[0]?.detail ?? null);
console.log('cube', JSON.stringify(cube));
// the page as a user finds it a few seconds later: tab prefetch under way in the background
await page.waitForTimeout(WARM_MS);

const bars = page.locator('main section[data-board] svg path[aria-roledescription="bar"]');
const count = await bars.count();
const out = { set: { board: [], settled: [] }, clear: { board: [], settled: [] } };
const lanes = ['fg', 'derived', 'bg'];
for (let i = 0; i < CLICKS && count > 0; i++) {
  const label = await bars.nth(Math.floor((i * count) / CLICKS)).getAttribute('aria-label');
  for (const kind of ['set', 'clear']) {
    const rev = await revision();
    const before = await signature();
    const mark = await page.evaluate(() => window.__blQueryLog.length);
    if (kind === 'set') await bars.nth(Math.floor((i * count) / CLICKS)).click({ force: true, timeout: 10_000 });
    else await page.locator('[data-testid=filters] button.clear').click({ force: true, timeout: 10_000 });
    const clicked = await page.evaluate(() => window.__blInput);
    const r = await timings(rev + 1, before);
    const board = r.board === null ? null : r.board - clicked;
    const settled = r.settled === null ? null : r.settled - clicked;
    if (board !== null) out[kind].board.push(board);
    if (settled !== null) out[kind].settled.push(settled);
    console.log(`${kind} ${kind === 'set' ? (label ?? '').slice(0, 50) : ''}: board ${board?.toFixed(0) ?? '—'} ms, settled ${settled?.toFixed(0) ?? '—'} ms`);
    if (LOG) {
      const log = await page.evaluate((m) => window.__blQueryLog.slice(m), mark);
      for (const q of log) {
        if (q.queued > r.settled) continue;
        const wait = (q.started ?? q.ended ?? q.queued) - q.queued;
        const ran = q.started && q.ended ? q.ended - q.started : null;
        console.log(`   +${(q.queued - clicked).toFixed(0).padStart(5)} ${lanes[q.lane].padEnd(7)} wait ${wait.toFixed(0).padStart(5)} run ${ran === null ? '    —' : ran.toFixed(0).padStart(5)}${q.error ? ` ${q.error}` : ''}  ${q.sql.slice(0, 110)}`);
      }
    }
  }
}
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
for (const kind of ['set', 'clear']) {
  const o = out[kind];
  console.log(`${kind}: board p50 ${pct(o.board, 50).toFixed(0)} / p95 ${pct(o.board, 95).toFixed(0)} ms (n=${o.board.length}); settled p50 ${pct(o.settled, 50).toFixed(0)} / p95 ${pct(o.settled, 95).toFixed(0)} ms (n=${o.settled.length})`);
}
console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
await browser.close();
stop();
process.exit(0);
