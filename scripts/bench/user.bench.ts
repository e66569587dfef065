// `npm run bench`, part 1: what a user feels, driven through the real page (index.html built
// and served cross-origin isolated by vite preview) in headless Chromium:
//   - time to first dashboard: file chosen (setInputFiles on the file input; the page's mark
//     "bl:file-chosen") → Overview KPI cards painted ("bl:kpis-painted") and → the Overview
//     settled (every view on it shows the data: see `settled` below);
//   - every tab opened in turn (a click on the tab bar) → that tab settled;
//   - at 1M rows: filter-change latency, from the click on a bar (its event timestamp) to every
//     visible view settled on the new revision;
//   - memory per size (performance.measureUserAgentSpecificMemory after each phase: the
//     workers' part is mostly DuckDB's WebAssembly memory; main-thread JS heap from CDP; the
//     renderer process's peak resident memory from /proc) and the longest main-thread task per
//     phase (PerformanceObserver 'longtask', buffered);
//   - native DuckDB (@duckdb/node-api, 2 threads) doing the same read + clean + KPIs, same run.
// Sizes: UCI (541,909 lines) and the seeded 1M file; full mode adds 5M, then tries 10M and
// 20M (load only, capped) to find the largest file that loads and what happens one size up.
// "Settled" is defined by the page's own attributes: main[data-ready=true], main[data-revision]
// at least the expected revision, html[data-pending=0] (no view query or chart drawing under
// way: src/state/activity.ts), no load progress and no loading notice, for 250 ms in a row;
// the time reported is the first animation frame of that stretch. Asserts nothing about speed.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { adoptStaged, analyse } from '../../src/pipeline/dataset';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { readCsvSql } from '../../src/sql/load';
import { generatedCsv, launchChromium, launchWithProfile, ROOT, serveDist, transactionsCsv } from './harness';
import { openNative } from './native';
import { openNativeDb } from '../../src/cli/native-connector';
import { openSources } from '../../src/cli/files';
import { loadDataset } from '../../src/cli/load';
import type { Progress } from '../../src/cli/progress';
import { defaultView, fullReport } from '../../src/analysis/full-report';
import { inProcessJobs } from '../../src/analysis/jobs';
import { loadBreakdowns } from '../../src/analysis/breakdowns';
import { QUICK, RUNS, saveFigures, type SizeRun, type StartRun, type UserFigures } from './figures';

const UCI = resolve(ROOT, 'tests/fixtures/online_retail_uci.csv.gz');
const TAB_CAP_MS = Number(process.env.BENCH_TAB_CAP_MS ?? (QUICK ? 90_000 : 240_000));
const LOAD_CAP_MS = Number(process.env.BENCH_LOAD_CAP_MS ?? 600_000);
const FILTER_CLICKS = Number(process.env.BENCH_FILTER_CLICKS ?? 20);
// for working on the bench itself: BENCH_SKIP_TABS=1, BENCH_FILTER_SIZES=UCI,1M
const SKIP_TABS = process.env.BENCH_SKIP_TABS === '1';
const FILTER_SIZES = (process.env.BENCH_FILTER_SIZES ?? '1M').split(',');
// only these sizes (for working on the bench itself): BENCH_SIZES=1M
const ONLY_SIZES = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',') : null;

/**
 * The filters a user sets, each followed by "Clear all": different bars of the Breakdowns boards
 * (spread over the boards), countries on the map (the largest shapes with sales), drags across the
 * daily series (three date ranges) and the rule-based segments. 20 in all when every view is there.
 */
type FilterKind = 'bar' | 'map' | 'brush' | 'segment';
const TAB_OF: Record<FilterKind, string> = { bar: 'Breakdowns', map: 'Breakdowns', brush: 'Trends', segment: 'Segments' };
const FILTER_PLAN: { kind: FilterKind; count: number }[] = (() => {
  const map = 3;
  const brush = 3;
  const segment = 4;
  const bar = Math.max(1, FILTER_CLICKS - map - brush - segment);
  return [
    { kind: 'bar', count: bar },
    { kind: 'map', count: map },
    { kind: 'brush', count: brush },
    { kind: 'segment', count: segment },
  ];
})();
const BRUSHES: [number, number][] = [
  [0.08, 0.3],
  [0.4, 0.55],
  [0.65, 0.95],
];

/** Up to `count` actions that each set one filter of this kind on the open tab. */
async function filterTargets(page: Page, kind: FilterKind, count: number): Promise<(() => Promise<void>)[]> {
  if (kind === 'bar') {
    const bars = page.locator('main section[data-board] svg path[aria-roledescription="bar"]');
    const n = await bars.count();
    return Array.from({ length: Math.min(count, n) }, (_, i) => () => bars.nth(Math.floor((i * n) / count)).click({ force: true, timeout: 10_000 }));
  }
  if (kind === 'map') {
    // countries with sales, largest first, whose middle is on the shape itself (a real click there selects it)
    const shapes = 'main [data-testid=map] svg path[aria-roledescription=geoshape]';
    await page.locator('main [data-testid=map] svg').first().scrollIntoViewIfNeeded().catch(() => undefined);
    const places = await page.evaluate((shapes) => {
      const out: { place: string; area: number }[] = [];
      for (const el of document.querySelectorAll(shapes)) {
        const label = el.getAttribute('aria-label') ?? 'no data';
        if (label.includes('no data')) continue;
        const b = el.getBoundingClientRect();
        if (document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2) === el) out.push({ place: label.split(';')[0] ?? '', area: b.width * b.height });
      }
      return out.sort((a, b) => b.area - a.area).map((x) => x.place);
    }, shapes);
    const picked = places.length <= count ? places : Array.from({ length: count }, (_, i) => places[Math.floor((i * places.length) / count)]!);
    return picked.map((place) => async () => {
      // where the shape is now (the page may have moved since): its middle, clicked with the mouse
      const shape = page.locator(`${shapes}[aria-label^="${place.replaceAll('"', '\\"')};"]`).first();
      await shape.scrollIntoViewIfNeeded();
      const box = await shape.boundingBox();
      if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    });
  }
  if (kind === 'brush') {
    const chart = page.getByTestId('series').locator('svg').first();
    if (!(await chart.count())) return [];
    return BRUSHES.slice(0, count).map(([a, b]) => async () => {
      await chart.scrollIntoViewIfNeeded();
      const box = await chart.boundingBox();
      if (!box) return;
      await page.mouse.move(box.x + box.width * a, box.y + box.height * 0.5);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * b, box.y + box.height * 0.5, { steps: 8 });
      await page.mouse.up();
    });
  }
  const segs = page.locator('main [data-segment]');
  const n = await segs.count();
  return Array.from({ length: Math.min(count, n) }, (_, i) => () => segs.nth(i).click({ timeout: 10_000 }));
}

interface Settled {
  t: number | null;
  revision: number;
  errors: string[];
}

/** Waits (in the page) until every visible view is settled on at least `minRevision`. */
function settled(page: Page, minRevision: number, timeoutMs: number, tab?: string): Promise<Settled> {
  return page.evaluate(
    ({ minRevision, timeoutMs, tab }) =>
      new Promise<Settled>((done) => {
        const start = performance.now();
        const errors = (): string[] => [...document.querySelectorAll('[role=alert]')].map((e) => (e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 160)).filter(Boolean);
        const ok = (): boolean => {
          const main = document.querySelector('main[data-revision]');
          if (!main || main.getAttribute('data-ready') !== 'true') return false;
          if (Number(main.getAttribute('data-revision')) < minRevision) return false;
          if ((document.documentElement.dataset.pending ?? '0') !== '0') return false;
          if (document.querySelector('[data-testid=load-progress]') || main.querySelector('.notice.loading')) return false;
          if (tab) {
            const cur = document.querySelector('nav[aria-label=Views] button[aria-current=page]');
            if (!cur || (cur.textContent ?? '').trim() !== tab) return false;
          }
          return true;
        };
        let since: number | null = null;
        const tick = (): void => {
          const now = performance.now();
          const main = document.querySelector('main[data-revision]');
          const revision = Number(main?.getAttribute('data-revision') ?? 0);
          if (ok()) {
            since ??= now;
            if (now - since >= 250) return done({ t: since, revision, errors: errors() });
          } else since = null;
          // a load that failed (no dataset on screen, an alert) will not settle
          if (!main && document.querySelector('[role=alert]') && now - start > 1000) return done({ t: null, revision, errors: errors() });
          if (now - start > timeoutMs) return done({ t: null, revision, errors: errors() });
          requestAnimationFrame(tick);
        };
        tick();
      }),
    { minRevision, timeoutMs, tab },
  );
}

const marks = (page: Page): Promise<Record<string, number[]>> =>
  page.evaluate(() => {
    const out: Record<string, number[]> = {};
    for (const m of performance.getEntriesByType('mark')) if (m.name.startsWith('bl:')) (out[m.name] ??= []).push(m.startTime);
    return out;
  });

interface MemSample {
  workers: number;
  window: number;
  total: number;
  mainHeap: number | null;
}

async function memory(page: Page, cdp: Awaited<ReturnType<BrowserContext['newCDPSession']>>, withUam: boolean): Promise<MemSample | null> {
  const uam = !withUam ? null : await page
    .evaluate(async () => {
      const p = performance as unknown as { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number; breakdown: { bytes: number; attribution: { scope?: string }[] }[] }> };
      if (!p.measureUserAgentSpecificMemory || !crossOriginIsolated) return null;
      const r = await Promise.race([p.measureUserAgentSpecificMemory(), new Promise<null>((ok) => setTimeout(() => ok(null), 90_000))]);
      if (!r) return null;
      let workers = 0;
      let win = 0;
      for (const b of r.breakdown) {
        const scopes = b.attribution.map((a) => a.scope);
        if (scopes.includes('DedicatedWorkerGlobalScope')) workers += b.bytes;
        else if (scopes.includes('Window')) win += b.bytes;
      }
      return { workers, window: win, total: r.bytes };
    })
    .catch(() => null);
  const m = (await cdp.send('Performance.getMetrics').catch(() => ({ metrics: [] }))) as { metrics: { name: string; value: number }[] };
  const heap = m.metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? null;
  return uam ? { ...uam, mainHeap: heap } : { workers: Number.NaN, window: Number.NaN, total: Number.NaN, mainHeap: heap };
}

/** Peak resident memory of the browser's renderer processes (VmHWM), where /proc exists. */
async function rendererPeak(browser: Browser): Promise<number | null> {
  try {
    const s = await browser.newBrowserCDPSession();
    const info = (await s.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    let peak = 0;
    for (const p of info.processInfo.filter((x) => x.type === 'renderer')) {
      const st = `/proc/${p.id}/status`;
      if (!existsSync(st)) continue;
      const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(st, 'utf8'))?.[1] ?? 0);
      peak = Math.max(peak, kb * 1024);
    }
    await s.detach();
    return peak || null;
  } catch {
    return null;
  }
}

async function nativeLoad(path: string): Promise<number> {
  const native = await openNative(2);
  try {
    const t = performance.now();
    await native.exec(readCsvSql(path, 'raw_next'));
    const adopted = await adoptStaged(native);
    await analyse(native, adopted.profile, adopted.mapping, DEFAULT_RULES);
    return performance.now() - t;
  } finally {
    native.close();
  }
}

/**
 * Native DuckDB (2 threads) doing what every tab shows: the command line's analysis of the
 * file (src/cli/load.ts, then the full report of src/analysis/full-report.ts: the same
 * analysis layer as the page, every tab's figures, the models, the recommendation evaluation
 * and the clusters included), plus the Breakdowns tab's leaderboards, which the report leaves out.
 */
async function nativeEveryTab(path: string): Promise<number> {
  const db = await openNativeDb({ threads: 2 });
  const quiet: Progress = { stage: () => undefined, update: () => undefined, done: () => undefined };
  try {
    const t = performance.now();
    const { sources, paths } = await openSources([path]);
    const ds = await loadDataset(db, sources, paths, { roles: [], rules: DEFAULT_RULES, ruleOptions: defaultView().settings.rules, relaxOrder: true }, quiet);
    await fullReport(db, inProcessJobs, ds, { version: 'bench' });
    // the report has no leaderboards: the Breakdowns tab's own load
    await loadBreakdowns(db, ds.analysis.context, 'revenue');
    return performance.now() - t;
  } finally {
    db.close();
  }
}

const lineCount = (path: string): number => {
  if (path.endsWith('.gz')) return 541_909;
  const b = readFileSync(path);
  let n = 0;
  for (let i = 0; i < b.length; i++) if (b[i] === 10) n++;
  return n;
};

/** One size, one run: native reference, then the page from file choice through every tab (and filters at 1M). */
async function measure(url: string, size: string, path: string, run: number, opts: { tabs: boolean; filters: boolean; native: boolean; sampleOnRefusal?: boolean }): Promise<SizeRun> {
  const lines = lineCount(path);
  const out: SizeRun = {
    size,
    lines,
    bytes: statSync(path).size,
    run,
    native: null,
    load: { analysedMs: null, kpisPaintedMs: null, overviewReadyMs: null, error: null },
    tabs: {},
    tabErrors: {},
    allTabsMs: null,
    filters: null,
    memory: { peakWorkersBytes: null, peakWindowBytes: null, peakTotalBytes: null, peakMainJsHeapBytes: null, rendererPeakRssBytes: null },
    longestTaskMs: {},
  };
  // native's every-tab analysis (12 s on UCI, 30 s at 1M) is left to the full mode: --quick stays under 5 minutes
  if (opts.native) out.native = { readCleanKpisMs: await nativeLoad(path), everyTabMs: QUICK ? null : await nativeEveryTab(path).catch((e: unknown) => (console.error(`[${size}] native full report failed:`, e), null)) };

  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1360, height: 900 }, timezoneId: 'UTC', locale: 'en-US' });
    await context.addInitScript(() => {
      const w = window as unknown as { __blLong: [number, number][]; __blInput: number };
      w.__blLong = [];
      w.__blInput = 0;
      try {
        new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__blLong.push([e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
      } catch {
        // no long-task entries in this browser
      }
      addEventListener('click', (e) => (w.__blInput = e.timeStamp), true);
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[${size}] page error:`, e.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const samples: MemSample[] = [];
    // the JS heap after each phase (cheap); the page's memory by realm once, at the end of the
    // size: measureUserAgentSpecificMemory waits for every worker, up to a minute at 1M rows
    const sample = async (withUam = false): Promise<void> => {
      const m = await memory(page, cdp, withUam);
      if (m) samples.push(m);
    };
    const phases: { id: string; from: number; to: number }[] = [];

    await page.goto(`${url}/`);
    // a user picks a file once the page is up: the engine has started (footer line)
    await page.locator('[data-testid=engine]').waitFor({ timeout: 120_000 });
    await page.setInputFiles('[data-testid=file-input]', path);
    const first = await settled(page, 1, LOAD_CAP_MS);
    const m = await marks(page);
    const chosen = m['bl:file-chosen']?.[0] ?? Number.NaN;
    const after = (name: string): number | null => {
      const t = (m[name] ?? []).find((x) => x >= chosen);
      return t === undefined ? null : t - chosen;
    };
    out.load.analysedMs = after('bl:analysed');
    out.load.kpisPaintedMs = after('bl:kpis-painted');
    out.load.overviewReadyMs = first.t === null ? null : first.t - chosen;
    if (first.t === null) out.load.error = first.errors.join(' | ') || `not settled within ${LOAD_CAP_MS / 1000} s`;
    phases.push({ id: 'load', from: chosen, to: first.t ?? performance.now() });
    // refused before reading (too large for the tab), with a sample of customers offered: what a user does next
    const offer = page.locator('[data-testid=retry-choice]');
    if (first.t === null && opts.sampleOnRefusal && (await offer.count()) > 0) {
      const label = ((await offer.textContent()) ?? '').trim();
      const every = Number(/1 in (\d+)/.exec(label)?.[1] ?? Number.NaN);
      await offer.click();
      const clicked = await page.evaluate(() => (window as unknown as { __blInput: number }).__blInput);
      const r = await settled(page, 1, LOAD_CAP_MS);
      out.sample = { every, label, ms: r.t === null ? null : r.t - clicked, error: r.t === null ? r.errors.join(' | ') || `not settled within ${LOAD_CAP_MS / 1000} s` : null };
      phases.push({ id: 'sampled load', from: clicked, to: r.t ?? performance.now() });
    }
    await sample();

    if (first.t !== null && opts.tabs) {
      const labels = (await page.locator('nav[aria-label=Views] button').allTextContents()).map((s) => s.trim()).filter((l) => l !== 'Overview');
      for (const label of [...labels, 'Overview']) {
        const rev = Number(await page.locator('main[data-revision]').getAttribute('data-revision'));
        await page.locator('nav[aria-label=Views] button', { hasText: label }).filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) }).click();
        const clicked = await page.evaluate(() => (window as unknown as { __blInput: number }).__blInput);
        const r = await settled(page, rev, TAB_CAP_MS, label);
        out.tabs[label] = r.t === null ? null : r.t - clicked;
        if (r.t === null || r.errors.length) out.tabErrors[label] = r.errors.join(' | ') || `not settled within ${TAB_CAP_MS / 1000} s`;
        // a panel filled by a background model (evaluation, clusters): the tab was usable before it; its wait is reported too
        if (r.t !== null && (await page.locator('main .notice.background').count()) > 0) {
          const filled = await page
            .waitForFunction(() => (document.querySelector('main .notice.background') ? false : performance.now()), null, { timeout: TAB_CAP_MS, polling: 'raf' })
            .then((h) => h.jsonValue() as Promise<number>)
            .catch(() => null);
          (out.models ??= {})[label] = filled === null ? null : filled - clicked;
        }
        phases.push({ id: `tab ${label}`, from: clicked, to: r.t ?? clicked + TAB_CAP_MS });
      }
      await sample();
      // the user's waiting: the Overview, then each tab from its click to ready (not the bench's own work in between)
      const waits = Object.values(out.tabs);
      out.allTabsMs = waits.every((x) => x !== null) ? (out.load.overviewReadyMs ?? 0) + waits.reduce<number>((a, b) => a + (b ?? 0), 0) : null;
    }

    if (first.t !== null && opts.filters) {
      out.filters = { setMs: [], clearMs: [], skipped: 0, kinds: [], clearKinds: [] };
      const from = await page.evaluate(() => performance.now());
      for (const step of FILTER_PLAN) {
        const tab = TAB_OF[step.kind];
        if (!(await page.locator('nav[aria-label=Views] button', { hasText: tab }).count())) continue;
        await page.locator('nav[aria-label=Views] button', { hasText: tab }).click();
        await settled(page, 0, TAB_CAP_MS, tab);
        const targets = await filterTargets(page, step.kind, step.count);
        for (const target of targets) {
          for (const kind of ['set', 'clear'] as const) {
            const rev = Number(await page.locator('main[data-revision]').getAttribute('data-revision'));
            if (kind === 'set') await target().catch(() => undefined);
            else await page.locator('[data-testid=filters] button.clear').click({ force: true, timeout: 10_000 }).catch(() => undefined);
            const clicked = await page.evaluate(() => (window as unknown as { __blInput: number }).__blInput);
            const r = await settled(page, rev + 1, 30_000, tab);
            if (r.t === null) {
              out.filters.skipped++;
              if (kind === 'set') break;
              continue;
            }
            if (kind === 'set') {
              out.filters.setMs.push(r.t - clicked);
              out.filters.kinds?.push(step.kind);
            } else {
              out.filters.clearMs.push(r.t - clicked);
              out.filters.clearKinds?.push(step.kind);
            }
          }
        }
      }
      phases.push({ id: 'filters', from, to: await page.evaluate(() => performance.now()) });
      await sample();
    }

    if (first.t !== null) await sample(true);
    const long = await page.evaluate(() => (window as unknown as { __blLong: [number, number][] }).__blLong);
    for (const p of phases) out.longestTaskMs[p.id] = Math.round(Math.max(0, ...long.filter(([s]) => s >= p.from && s <= p.to).map(([, d]) => d)));
    const max = (xs: (number | null)[]): number | null => {
      const v = xs.filter((x): x is number => x !== null && Number.isFinite(x));
      return v.length ? Math.max(...v) : null;
    };
    out.memory = {
      peakWorkersBytes: max(samples.map((s) => s.workers)),
      peakWindowBytes: max(samples.map((s) => s.window)),
      peakTotalBytes: max(samples.map((s) => s.total)),
      peakMainJsHeapBytes: max(samples.map((s) => s.mainHeap)),
      rendererPeakRssBytes: await rendererPeak(browser),
    };
    await context.close();
  } finally {
    await browser.close();
  }
  return out;
}

/**
 * Navigation → the built-in sample on screen (main[data-ready=true]), by the page's own clock,
 * with the first paint before it: a cold start (an empty on-disk profile: the 34 MB engine is
 * downloaded, compiled and instantiated), then the same page again with the HTTP cache warm
 * (service worker blocked), then (full mode) with the offline service worker installed and answering.
 */
async function startTimes(url: string): Promise<StartRun> {
  const shown = async (page: Page): Promise<{ shownMs: number; paintMs: number | null }> => {
    await page.waitForSelector('main[data-ready=true]', { timeout: 180_000 });
    return page.evaluate(() => ({ shownMs: performance.now(), paintMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null }));
  };
  const out: StartRun = { cold: null, warm: null, serviceWorker: null };
  // the service worker's start waits for its cache of the whole site first (a minute here): full mode only
  for (const sw of QUICK ? (['block'] as const) : (['block', 'allow'] as const)) {
    const dir = mkdtempSync(join(tmpdir(), 'bl-start-'));
    const ctx = await launchWithProfile(dir, sw);
    try {
      const page = ctx.pages()[0] ?? (await ctx.newPage());
      await page.goto(`${url}/`);
      const cold = await shown(page);
      if (sw === 'block') out.cold = cold;
      else await page.waitForSelector('html[data-offline-ready=true]', { timeout: 180_000 });
      await page.goto('about:blank');
      await page.goto(`${url}/`);
      const again = await shown(page);
      if (sw === 'block') out.warm = again;
      else out.serviceWorker = again;
    } finally {
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

const fmt = (ms: number | null | undefined): string => (ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);

describe('as a user feels it: the real page, file chosen → every tab → filters, vs native DuckDB', () => {
  let server: { url: string; stop: () => void };
  const results: SizeRun[] = [];
  const ladder: UserFigures['ladder'] = [];
  const start: StartRun[] = [];
  beforeAll(async () => {
    server = await serveDist();
  });
  afterAll(() => {
    server?.stop();
    saveFigures('user', { quick: QUICK, runs: RUNS, sizes: results, ladder, start });
  });

  it('cold and warm start: navigation → the sample on screen', async () => {
    if (ONLY_SIZES) return;
    for (let run = 1; run <= RUNS; run++) {
      const r = await startTimes(server.url);
      start.push(r);
      const f = (x: { shownMs: number; paintMs: number | null } | null): string => (x ? `${fmt(x.shownMs)} (first paint ${fmt(x.paintMs)})` : '—');
      console.log(`\nstart run ${run}: cold ${f(r.cold)}; warm HTTP cache ${f(r.warm)}; service worker ${f(r.serviceWorker)}`);
    }
  });

  const sizes: { size: string; path: () => string; filters: boolean }[] = [
    { size: 'UCI', path: () => UCI, filters: FILTER_SIZES.includes('UCI') },
    { size: '1M', path: () => transactionsCsv(), filters: FILTER_SIZES.includes('1M') },
    ...(QUICK ? [] : [{ size: '5M', path: () => generatedCsv(5), filters: FILTER_SIZES.includes('5M') }]),
  ].filter((s) => !ONLY_SIZES || ONLY_SIZES.includes(s.size));
  for (const s of sizes) {
    it(`${s.size}: first dashboard, every tab${s.filters ? ', filter changes' : ''}, memory, long tasks`, async () => {
      const path = s.path();
      for (let run = 1; run <= RUNS; run++) {
        const r = await measure(server.url, s.size, path, run, { tabs: !SKIP_TABS, filters: s.filters, native: true });
        results.push(r);
        console.log(
          `\n${s.size} run ${run}: native read+clean+KPIs ${fmt(r.native?.readCleanKpisMs)}, every tab's analysis ${fmt(r.native?.everyTabMs)}; browser KPIs painted ${fmt(r.load.kpisPaintedMs)}, Overview settled ${fmt(r.load.overviewReadyMs)}${r.load.error ? ` (${r.load.error})` : ''}; every tab ${fmt(r.allTabsMs)}`,
        );
        console.log(`  tabs: ${Object.entries(r.tabs).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
        for (const [k, e] of Object.entries(r.tabErrors)) console.log(`  ${k}: ${e}`);
        if (r.filters) console.log(`  filters: set ${r.filters.setMs.map((x) => x.toFixed(0)).join(' ')} ms; clear ${r.filters.clearMs.map((x) => x.toFixed(0)).join(' ')} ms; skipped ${r.filters.skipped}`);
        console.log(`  memory: workers ${((r.memory.peakWorkersBytes ?? Number.NaN) / 2 ** 20).toFixed(0)} MiB, main JS heap ${((r.memory.peakMainJsHeapBytes ?? Number.NaN) / 2 ** 20).toFixed(0)} MiB, renderer peak RSS ${((r.memory.rendererPeakRssBytes ?? Number.NaN) / 2 ** 20).toFixed(0)} MiB`);
        console.log(`  longest main-thread task: ${Object.entries(r.longestTaskMs).map(([k, v]) => `${k} ${v} ms`).join(', ')}`);
      }
    });
  }

  if (!QUICK) {
    // the largest generated file that loads, and what happens one size up (load only, capped)
    it('size ladder: 10M, 20M (load only; a refused file is loaded as the sample it offers; until one fails)', async () => {
      for (const millions of [10, 20]) {
        const path = generatedCsv(millions);
        const r = await measure(server.url, `${millions}M`, path, 1, { tabs: false, filters: false, native: false, sampleOnRefusal: true });
        ladder.push({ size: `${millions}M`, lines: r.lines, loaded: r.load.overviewReadyMs !== null, ms: r.load.overviewReadyMs, error: r.load.error, ...(r.sample ? { sample: r.sample } : {}) });
        console.log(`\n${millions}M: ${r.load.overviewReadyMs !== null ? `Overview settled after ${fmt(r.load.overviewReadyMs)}` : `did not load: ${r.load.error}`}${r.sample ? `; the offered sample of 1 in ${r.sample.every} customers: ${r.sample.ms !== null ? `Overview settled ${fmt(r.sample.ms)} after the click` : `failed: ${r.sample.error}`}` : ''}`);
        // a refusal that offered a sample which loaded: the next size up is tried too
        if (r.load.overviewReadyMs === null && !(r.sample && r.sample.ms !== null)) break;
      }
    });
  }
});
