// Time from navigation to "sample shown" (main[data-ready=true]) in headless Chromium:
// cold (empty caches), warm HTTP cache (service worker blocked), warm service worker, and the
// service worker with the network off. Needs a built site served with the COOP/COEP headers:
//   npx vite build && npx vite preview --port 4334 --strictPort --host 127.0.0.1 &
//   node scripts/bench/offline-timing.mjs http://127.0.0.1:4334/ [runs]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const url = process.argv[2] ?? 'http://127.0.0.1:4173/';
const runs = Number(process.argv.slice(3).find((a) => /^\d+$/.test(a)) ?? 3);
// --throttle: a 20 Mbit/s, 40 ms link (Chrome DevTools network emulation) instead of localhost
const throttle = process.argv.includes('--throttle');
// A fresh on-disk profile per run: Playwright's default contexts keep the HTTP cache in memory,
// where Chromium does not store a 34 MB wasm at all, unlike a real profile.
async function profile(serviceWorkers) {
  const dir = mkdtempSync(join(tmpdir(), 'bl-timing-'));
  const ctx = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'], serviceWorkers });
  if (throttle) {
    const cdp = await ctx.newCDPSession(ctx.pages()[0] ?? (await ctx.newPage()));
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: 20e6 / 8, uploadThroughput: 5e6 / 8 });
  }
  return { ctx, done: async () => (await ctx.close(), rmSync(dir, { recursive: true, force: true })) };
}

/** ms from navigation start until the sample is on screen, measured by the page's own clock. */
async function shown(page) {
  await page.waitForSelector('main[data-ready=true]', { timeout: 180_000 });
  return page.evaluate(() => Math.round(performance.now()));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = { cold: [], 'warm HTTP cache, no service worker': [], 'warm service worker': [], 'service worker, offline': [] };
for (let i = 0; i < runs; i++) {
  {
    const { ctx, done } = await profile('block');
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(url);
    rows.cold.push(await shown(page));
    await page.goto('about:blank');
    await page.goto(url);
    rows['warm HTTP cache, no service worker'].push(await shown(page));
    await done();
  }
  {
    const { ctx, done } = await profile('allow');
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(url);
    await shown(page);
    await page.waitForSelector('html[data-offline-ready=true]', { timeout: 180_000 });
    await page.goto('about:blank');
    await page.goto(url);
    rows['warm service worker'].push(await shown(page));
    await ctx.setOffline(true);
    await page.goto('about:blank');
    await page.goto(url);
    rows['service worker, offline'].push(await shown(page));
    await done();
  }
}
for (const [k, v] of Object.entries(rows)) console.log(`${k.padEnd(36)} median ${median(v)} ms  (${v.join(', ')})`);
