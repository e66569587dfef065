// Issue 16, offline: after one visit the service worker (dist/sw.js) opens the page, the
// sample, its charts and the world map with the network off, still cross-origin isolated;
// a new deploy is picked up on the next visit with a one-time notice, from one version only.
// Service workers are blocked for every other spec (playwright.config.ts); allowed here.
import { createServer, type Server } from 'node:http';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { extname, join, resolve } from 'node:path';
import { test as base, chromium, type Page } from '@playwright/test';
import { duckdbVariantOf, expect, kpiExact, test, waitReady } from './fixtures';
import { openTab } from './tabs';
import { expectReopened, keepIt, kpis, load } from './keep-helpers';

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

// Each test below opens the sample three or four times; with two spec files in parallel on two
// cores, one open takes 15-40 s here (DuckDB's four helper threads start before the first query),
// so the default 120 s is too short for the test, not for any one step.
test('after one visit the sample, its charts and the map open with the network off, in a second tab too', async ({ page, context, watch }) => {
  test.setTimeout(300_000);
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
  // the shell, the sample, the map geometry, and the DuckDB variant this browser runs (coi on
  // an isolated page with two cores or more, else eh) — not the other two 34 MB variants
  const variant = await duckdbVariantOf(page);
  expect(cached).toContain('/');
  expect(cached).toContain('/sample.csv.gz');
  expect(cached.some((p) => /\/assets\/world-countries-.*\.js$/.test(p))).toBe(true);
  expect(cached.some((p) => new RegExp(`/assets/duckdb-${variant}-.*\\.wasm$`).test(p))).toBe(true);
  expect(cached.some((p) => new RegExp(`/assets/duckdb-browser-${variant}\\.worker-.*\\.js$`).test(p))).toBe(true);
  expect(cached.some((p) => /\/assets\/duckdb-browser-coi\.pthread\.worker-.*\.js$/.test(p))).toBe(variant === 'coi');
  expect(cached.filter((p) => /duckdb-(mvp|eh|coi)-.*\.wasm$/.test(p))).toHaveLength(1);
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
// the 34 MB wasm (measured: the service worker had to fetch duckdb-*.wasm again). A real
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

/**
 * A copy of dist/ (files linked, not copied) whose sw.js and index.html say they are build `tag`;
 * `drop` leaves one asset out of both the files and the service worker's manifest, as a
 * deploy that no longer has an old chunk.
 */
function deploy(tag: string, drop?: RegExp): string {
  const dir = mkdtempSync(join(tmpdir(), `bl-deploy-${tag}-`));
  for (const f of readdirSync(DIST)) if (statSync(join(DIST, f)).isFile()) cpSync(join(DIST, f), join(dir, f));
  mkdirSync(join(dir, 'assets'));
  for (const f of readdirSync(join(DIST, 'assets'))) if (!drop?.test(f)) symlinkSync(join(DIST, 'assets', f), join(dir, 'assets', f));
  let sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  const version = /version:[`"']([0-9a-f]+)[`"']/.exec(sw)?.[1];
  if (!version) throw new Error('no version in sw.js');
  sw = sw.replaceAll(version, `${version.slice(0, 8)}${tag.padEnd(8, '0')}`);
  if (drop) sw = sw.replace(new RegExp(`[\`"']assets/${drop.source}[\`"'],?`), '');
  writeFileSync(join(dir, 'sw.js'), sw);
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

/** The cache names the page sees, sorted. */
const cacheNames = async (page: Page) => Object.keys((await swState(page)).caches).sort();
/** Whether the registration has no new version installing or waiting. */
const settled = (page: Page) =>
  page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    return !!r && !r.installing && !r.waiting;
  });

base.describe('updates', () => {
  base.use({ serviceWorkers: 'allow' });
  const STATES = 'states-10m-[^/]*\\.js';
  let a = '';
  let b = '';
  base.beforeAll(() => {
    a = deploy('a');
    b = deploy('b', new RegExp(STATES));
  });
  base.afterAll(() => {
    for (const d of [a, b]) if (d) rmSync(d, { recursive: true, force: true });
  });

  base('a new deploy serves the next visit whole, with a one-time notice; an open old page keeps its own files until closed', async ({ context }) => {
    base.setTimeout(300_000);
    const root = { dir: a };
    const { server, url } = await serve(root);
    try {
      const old = await context.newPage();
      await old.goto(url);
      await waitReady(old);
      await waitOfflineReady(old);
      expect(await deployTag(old)).toBe('a');
      await expect(old.getByTestId('update-notice')).toHaveCount(0);
      const [cacheA] = await cacheNames(old);
      const statesA = (await swState(old)).caches[cacheA!]!.find((p) => new RegExp(STATES).test(p))!;
      expect(statesA).toBeTruthy();

      // deploy b (it no longer has the states chunk); a navigation makes the browser check sw.js
      root.dir = b;
      const next = await context.newPage();
      await next.goto(url);
      await waitReady(next);
      expect(await deployTag(next)).toBe('a'); // answered by a's worker before b was installed
      // b installs its whole shell, copies a's DuckDB variant, and takes over
      await expect.poll(() => cacheNames(old), { timeout: 60_000 }).toHaveLength(2);
      await expect.poll(() => settled(old), { timeout: 60_000 }).toBe(true);
      const cacheB = (await cacheNames(old)).find((n) => n !== cacheA)!;
      const inB = (await swState(old)).caches[cacheB]!;
      const variant = await duckdbVariantOf(old);
      expect(inB.some((p) => new RegExp(`duckdb-${variant}-.*\\.wasm$`).test(p))).toBe(true);
      expect(inB.some((p) => new RegExp(STATES).test(p))).toBe(false);

      // the next visit is b, whole, and says so once
      await next.reload();
      await waitReady(next);
      expect(await deployTag(next)).toBe('b');
      await expect(next.getByTestId('update-notice')).toContainText('Basket Lens was updated to version 0.1.0 (build ');
      expect((await swState(next)).isolated).toBe(true);
      await next.getByTestId('update-notice').getByRole('button', { name: 'Dismiss' }).click();
      await expect(next.getByTestId('update-notice')).toHaveCount(0);

      // the old page still gets a's chunk that b's server no longer has, from a's cache
      expect((await fetch(new URL(statesA.slice(1), url))).status).toBe(404);
      expect(await old.evaluate(async (p) => (await fetch(p)).status, statesA)).toBe(200);
      expect(await cacheNames(next)).toEqual([cacheA, cacheB].sort());

      // once the old page is closed, a's cache goes at the next visit; no second notice
      await old.close();
      await next.reload();
      await waitReady(next);
      expect(await deployTag(next)).toBe('b');
      await expect.poll(() => cacheNames(next), { timeout: 30_000 }).toEqual([cacheB]);
      await expect(next.getByTestId('update-notice')).toHaveCount(0);
    } finally {
      server.close();
    }
  });
});

test('a dataset kept on this device opens with the network off', async ({ page, context }) => {
  test.setTimeout(180_000);
  await page.goto('./');
  await waitReady(page);
  await waitOfflineReady(page);
  await load(page, fileURLToPath(new URL('../fixtures/formats/uci_slice.csv', import.meta.url)), 'uci_slice.csv');
  await keepIt(page, 'uci_slice.csv');
  const figures = await kpis(page);
  await context.setOffline(true);
  await page.reload();
  await expectReopened(page, 'uci_slice.csv', figures);
  expect((await swState(page)).controlled).toBe(true);
});
