// Issue 16, offline: after one visit the service worker (dist/sw.js) opens the page, the
// sample, its charts and the world map with the network off, still cross-origin isolated;
// a new deploy is picked up on the next visit with a one-time notice, from one version only.
// Service workers are blocked for every other spec (playwright.config.ts); allowed here.
import { createServer, type Server } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { test as base, chromium, type Page } from '@playwright/test';
import { expect, kpiExact, test, waitReady } from './fixtures';
import { openTab } from './tabs';

test.use({ serviceWorkers: 'allow' });

interface SwState {
  controlled: boolean;
  isolated: boolean;
  caches: Record<string, string[]>;
}

/** What the page sees of the service worker and its caches (paths only). */
function swState(page: Page): Promise<SwState> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const k of await caches.keys()) out[k] = (await (await caches.open(k)).keys()).map((r) => new URL(r.url).pathname).sort();
    return { controlled: navigator.serviceWorker.controller !== null, isolated: crossOriginIsolated, caches: out };
  });
}

/** Waits until the first visit's service worker controls the page and has cached the DuckDB variant in use. */
async function waitOfflineReady(page: Page): Promise<void> {
  await expect(page.locator('html[data-offline-ready]')).toHaveAttribute('data-offline-ready', 'true', { timeout: 90_000 });
}

/** Waits until vega has drawn at least three charts. */
async function chartsDrawn(page: Page): Promise<void> {
  await expect(page.locator('figure.chart svg').first()).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => page.locator('figure.chart svg').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
}

test('after one visit the sample, its charts and the map open with the network off, in a second tab too', async ({ page, context, watch }) => {
  await page.goto('./');
  await waitReady(page);
  const gross = await kpiExact(page, 'gross_sales');
  expect(gross).not.toBe('');
  await waitOfflineReady(page);

  const online = await swState(page);
  expect(online.controlled).toBe(true);
  expect(online.isolated).toBe(true);
  const names = Object.keys(online.caches);
  expect(names).toHaveLength(1);
  const cached = online.caches[names[0]!]!;
  // the shell, the sample, the map geometry, and the DuckDB variant this browser runs (coi:
  // the page is cross-origin isolated) — not the other two 34 MB variants
  expect(cached).toContain('/');
  expect(cached).toContain('/sample.csv.gz');
  expect(cached.some((p) => /\/assets\/countries-50m-.*\.js$/.test(p))).toBe(true);
  expect(cached.some((p) => /\/assets\/duckdb-coi-.*\.wasm$/.test(p))).toBe(true);
  expect(cached.some((p) => /\/assets\/duckdb-browser-coi\.pthread\.worker-.*\.js$/.test(p))).toBe(true);
  expect(cached.some((p) => /duckdb-(eh|mvp)-.*\.wasm$/.test(p))).toBe(false);
  expect(cached.some((p) => /\.(br|gz)$/.test(p) && !p.endsWith('sample.csv.gz'))).toBe(false);

  await context.setOffline(true);
  const before = watch.requests.length;
  await page.reload();
  await waitReady(page);
  expect(await kpiExact(page, 'gross_sales')).toBe(gross);
  await openTab(page, 'Trends');
  await chartsDrawn(page);
  const offline = await swState(page);
  expect(offline.controlled).toBe(true);
  // the cached index.html kept its COOP/COEP headers: DuckDB still gets its threads
  expect(offline.isolated).toBe(true);
  expect(watch.requests.length).toBeGreaterThan(before);

  // the map geometry was precached though the map was never shown online
  await openTab(page, 'Breakdowns');
  await expect(page.getByTestId('map').locator('svg path').first()).toBeAttached({ timeout: 60_000 });

  // a second tab, opened while offline
  const second = await context.newPage();
  await second.goto('./');
  await waitReady(second);
  expect(await kpiExact(second, 'gross_sales')).toBe(gross);
  await openTab(second, 'Customers');
  await chartsDrawn(second);
  await second.close();
  await context.setOffline(false);
});

// Playwright's default contexts keep the HTTP cache in memory, where Chromium does not store
// the 34 MB wasm (measured: the service worker had to fetch duckdb-coi-*.wasm again). A real
// profile has a disk cache: there the first visit downloads nothing twice.
base('with an on-disk profile the first visit downloads no DuckDB file twice', async ({ baseURL }, testInfo) => {
  const dir = mkdtempSync(join(tmpdir(), 'bl-profile-'));
  const ctx = await chromium.launchPersistentContext(dir, { ...testInfo.project.use.launchOptions, serviceWorkers: 'allow' });
  try {
    const page = await ctx.newPage();
    let wasm = 0;
    ctx.on('request', (r) => {
      if (/duckdb-[a-z]+-[^/]*\.wasm$/.test(r.url())) wasm++;
    });
    await page.goto(baseURL!);
    await waitReady(page);
    await waitOfflineReady(page);
    expect(await page.locator('html').getAttribute('data-offline-refetched')).toBe('');
    const cached = Object.values((await swState(page)).caches).flat();
    expect(cached.filter((p) => p.endsWith('.wasm'))).toHaveLength(1);
    expect(wasm).toBeGreaterThanOrEqual(1);
  } finally {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---- update path: a small static server whose content can be switched between two deploys ----

const DIST = resolve('dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.gz': 'application/gzip',
};

/** A copy of dist/ (assets linked, not copied) whose sw.js and index.html say they are build `tag`. */
function deploy(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), `bl-deploy-${tag}-`));
  for (const f of readdirSync(DIST)) {
    if (f === 'assets') symlinkSync(join(DIST, 'assets'), join(dir, 'assets'));
    else if (statSync(join(DIST, f)).isFile()) cpSync(join(DIST, f), join(dir, f));
  }
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  const version = /version:[`"']([0-9a-f]+)[`"']/.exec(sw)?.[1];
  if (!version) throw new Error('no version in sw.js');
  writeFileSync(join(dir, 'sw.js'), sw.replaceAll(version, `${version.slice(0, 8)}${tag.padEnd(8, '0')}`));
  writeFileSync(join(dir, 'index.html'), readFileSync(join(dir, 'index.html'), 'utf8').replace('<head>', `<head><meta name="deploy" content="${tag}">`));
  return dir;
}

function serve(root: { dir: string }): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = join(root.dir, path.endsWith('/') ? path + 'index.html' : path);
    if (!existsSync(file)) file = '';
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    res.setHeader('Cache-Control', 'no-cache');
    if (!file) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    ok({ server, url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/` });
  }));
}

const deployTag = (page: Page) => page.locator('meta[name=deploy]').getAttribute('content');

base.describe('updates', () => {
  base.use({ serviceWorkers: 'allow' });
  let a = '';
  let b = '';
  base.beforeAll(() => {
    a = deploy('a');
    b = deploy('b');
  });
  base.afterAll(() => {
    for (const d of [a, b]) if (d) rmSync(d, { recursive: true, force: true });
  });

  base('a new deploy waits while an old page is open, then the next visit runs it whole, with a one-time notice', async ({ context }) => {
    const root = { dir: a };
    const { server, url } = await serve(root);
    try {
      const page = await context.newPage();
      await page.goto(url);
      await waitReady(page);
      await waitOfflineReady(page);
      expect(await deployTag(page)).toBe('a');
      await expect(page.getByTestId('update-notice')).toHaveCount(0);
      const first = await swState(page);
      expect(Object.keys(first.caches)).toHaveLength(1);
      const oldCache = Object.keys(first.caches)[0]!;

      // deploy b; a second tab keeps a open
      root.dir = b;
      const other = await context.newPage();
      await other.goto(url);
      await waitReady(other);
      expect(await deployTag(other)).toBe('a'); // served by a's worker from a's cache
      // the browser checked sw.js on that navigation: b installs its whole shell and waits
      await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null && (await navigator.serviceWorker.getRegistration())?.waiting !== undefined), { timeout: 60_000 }).toBe(true);
      const both = await swState(page);
      expect(Object.keys(both.caches).sort()).toHaveLength(2);
      const newCache = Object.keys(both.caches).find((n) => n !== oldCache)!;
      // b copied a's DuckDB variant instead of downloading it again
      expect(both.caches[newCache]!.some((p) => /duckdb-coi-.*\.wasm$/.test(p))).toBe(true);

      // with two tabs of a open, a reload stays on a (no half-old, half-new app)
      await other.reload();
      await waitReady(other);
      expect(await deployTag(other)).toBe('a');
      await other.close();

      // the only tab reloads: b takes over, the page is b's, a's cache is gone, the notice shows once
      await page.reload();
      await waitReady(page);
      expect(await deployTag(page)).toBe('b');
      await expect(page.getByTestId('update-notice')).toContainText('Basket Lens was updated to version');
      await expect.poll(async () => Object.keys((await swState(page)).caches), { timeout: 30_000 }).toEqual([newCache]);
      expect((await swState(page)).isolated).toBe(true);
      await page.getByTestId('update-notice').getByRole('button', { name: 'Dismiss' }).click();
      await expect(page.getByTestId('update-notice')).toHaveCount(0);
      await page.reload();
      await waitReady(page);
      expect(await deployTag(page)).toBe('b');
      await expect(page.getByTestId('update-notice')).toHaveCount(0);
    } finally {
      server.close();
    }
  });
});
