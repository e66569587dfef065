// Text from data is inert (issue 16): a file whose products, customers, countries,
// categories and column names are markup, template and script payloads
// (tests/fixtures/hostile.csv, written by scripts/fixtures/hostile_fixture.py) is loaded
// through the file picker; every tab is visited, chart marks are hovered so tooltips show,
// the SQL console shows the values, the page is printed and the report exported. Traps set
// before the page loads record any alert/confirm/prompt call and any dialog; the payloads
// all call alert(1). At the end: nothing ran, no element the payloads would create exists,
// and the payloads are on screen as text. Then the engine lockdown is checked with SQL sent
// straight to DuckDB's worker, around the console's own checks.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test, waitReady } from './fixtures';
import { openTab, TAB_LABELS } from './tabs';

const HOSTILE = fileURLToPath(new URL('../fixtures/hostile.csv', import.meta.url));
const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(1)</script>';
const TEMPLATE = "{{constructor.constructor('alert(1)')()}}";

declare global {
  interface Window {
    __trap: string[];
  }
}

/** Elements or attributes that only an injected payload would create. */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const all = [document, ...[...document.querySelectorAll('*')].flatMap((e) => (e.shadowRoot ? [e.shadowRoot] : []))];
    for (const root of all) {
      for (const e of root.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload], [onclick], [onmouseover], [onfocus], iframe, object, embed')) found.push(e.outerHTML.slice(0, 120));
      for (const s of root.querySelectorAll('script')) if (/alert/.test(s.textContent ?? '')) found.push(s.outerHTML.slice(0, 120));
      for (const e of root.querySelectorAll('[href], [src], [action], [formaction]')) {
        for (const name of ['href', 'src', 'action', 'formaction']) if (/^\s*javascript:/i.test(e.getAttribute(name) ?? '')) found.push(e.outerHTML.slice(0, 120));
      }
    }
    return found;
  });
}

/** Hovers up to `perChart` marks of each chart in the view; returns the tooltip texts seen. */
async function hoverMarks(page: Page, perChart = 2, root = 'main'): Promise<string[]> {
  const texts: string[] = [];
  const charts = page.locator(`${root} .host svg`);
  const n = Math.min(await charts.count(), 5);
  for (let c = 0; c < n; c++) {
    const marks = charts.nth(c).locator('[role=graphics-symbol]');
    const m = await marks.count();
    // evenly spread marks: the first, …, the last
    const picks = [...new Set(Array.from({ length: Math.min(perChart, m) }, (_, k) => Math.round((k * (m - 1)) / Math.max(1, perChart - 1))))];
    for (const i of picks) {
      const box = await marks.nth(i).boundingBox();
      if (!box || box.width * box.height === 0) continue;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForTimeout(150);
      const tip = page.locator('#vg-tooltip-element');
      if (await tip.isVisible().catch(() => false)) {
        texts.push((await tip.textContent()) ?? '');
        // the tooltip holds text only: no element a payload would make
        expect(await tip.locator('img, script, svg, iframe, a[href]').count()).toBe(0);
      }
    }
  }
  await page.mouse.move(1, 1);
  return texts;
}

/** Records every dialog (dismissed) and, before any page script runs, every alert/confirm/prompt/print call (window.__trap). */
async function trapDialogs(page: Page): Promise<string[]> {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await page.addInitScript(() => {
    window.__trap = [];
    const w = window as unknown as Record<string, unknown>;
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
      w[name] = (...args: unknown[]) => {
        window.__trap.push(`${name}(${args.map(String).join(', ')})`);
        return name === 'prompt' ? null : name === 'confirm' ? false : undefined;
      };
    }
  });
  return dialogs;
}

/** Sends SQL straight to the app's DuckDB worker on a fresh connection, bypassing the console. */
async function rawQuery(page: Page, sql: string): Promise<{ type: string; message: string | null }> {
  const worker = page.workers().find((w) => /duckdb-browser/.test(w.url()));
  if (!worker) throw new Error(`no DuckDB worker among ${page.workers().map((w) => w.url()).join(', ')}`);
  return worker.evaluate(async (text) => {
    type Msg = { requestId: number; type: string; data: unknown };
    const g = globalThis as unknown as { postMessage: (m: Msg, t?: Transferable[]) => void; onmessage: (e: { data: unknown }) => Promise<void> };
    const original = g.postMessage;
    const waiting = new Map<number, (m: Msg) => void>();
    g.postMessage = (m, t) => {
      const done = waiting.get(m.requestId);
      if (done) {
        waiting.delete(m.requestId);
        done(m);
      } else original.call(globalThis, m, t);
    };
    const send = (type: string, data: unknown): Promise<Msg> =>
      new Promise((resolve) => {
        const id = 900_000 + Math.floor(Math.random() * 90_000);
        waiting.set(id, resolve);
        void g.onmessage({ data: { messageId: id, type, data } });
      });
    try {
      const conn = await send('CONNECT', null);
      const r = await send('RUN_QUERY', [conn.data, text]);
      await send('DISCONNECT', conn.data);
      return { type: r.type, message: r.type === 'ERROR' ? String((r.data as { message?: string }).message) : null };
    } finally {
      g.postMessage = original;
    }
  }, sql);
}

test('hostile text stays text on every tab, in tooltips, the console, print and the report; the engine refuses the outside world', async ({ page }) => {
  test.setTimeout(150_000);
  const dialogs = await trapDialogs(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));

  await page.goto('/');
  await waitReady(page);
  await page.setInputFiles('[data-testid=file-input]', HOSTILE);
  await expect(page.locator('header')).toContainText('hostile.csv');
  await waitReady(page);

  const tooltips: string[] = [];
  for (const label of TAB_LABELS) {
    if (label === 'SQL') continue;
    await openTab(page, label);
    // every bar of the leaderboards (categories, products, countries); a few marks elsewhere
    tooltips.push(...(await hoverMarks(page, label === 'Breakdowns' ? 16 : 2)));
    expect(await injected(page), `injected elements on ${label}`).toEqual([]);
  }
  // the payloads on screen as text: column names on the Columns tab, products and countries
  // in the Breakdowns leaderboards, a category in an insight on Overview
  await openTab(page, 'Columns');
  await expect(page.locator('main')).toContainText(`Customer ID ${IMG}`);
  await expect(page.locator('main')).toContainText(`Product ${TEMPLATE}`);
  await openTab(page, 'Breakdowns');
  await expect(page.locator('main')).toContainText(SCRIPT);
  await expect(page.locator('main')).toContainText("'); DROP TABLE sales; --");
  await openTab(page, 'Overview');
  await expect(page.locator('main')).toContainText(`<b>bold</b>${IMG}`);
  // tooltips showed, and showed the payloads literally
  expect(tooltips.length).toBeGreaterThan(5);
  expect(tooltips.some((t) => t.includes('<') && /alert\(1\)/.test(t)), `a tooltip with a payload among ${tooltips.length}`).toBe(true);

  // the SQL console: hostile values and hostile column names in the grid, the chart and the schema list
  await openTab(page, 'SQL');
  const editor = page.getByTestId('sql-editor');
  await editor.fill('SELECT product, customer_id, country, category, sum(amount) AS revenue FROM sales GROUP BY ALL ORDER BY revenue DESC');
  await editor.press('Control+Enter');
  const grid = page.getByTestId('sql-grid');
  await expect(grid).toContainText(IMG);
  await expect(grid).toContainText(SCRIPT);
  await expect(grid).toContainText(TEMPLATE);
  await page.getByTestId('sql-chart-toggle').click();
  await expect(page.getByTestId('sql-chart').locator('svg').first()).toBeVisible();
  tooltips.push(...(await hoverMarks(page, 3)));
  await editor.fill(`SELECT "__proto__", "constructor", "${IMG}" FROM raw LIMIT 5`);
  await editor.press('Control+Enter');
  await expect(grid.locator('thead')).toContainText(IMG);
  await expect(grid.locator('thead')).toContainText('__proto__');
  const raw = page.getByTestId('sql-schema').locator('[data-table=raw]');
  await raw.locator('button.toggle').click();
  await expect(raw).toContainText(IMG);
  await expect(raw).toContainText('=HYPERLINK("http://evil","x")');
  expect(await injected(page), 'injected elements in the console').toEqual([]);

  // the console refuses the outside world in plain words, before the engine sees it
  await editor.fill(`SELECT * FROM read_csv('http://127.0.0.1:4332/lockdown-probe.csv')`);
  await editor.press('Control+Enter');
  await expect(page.getByTestId('sql-error')).toContainText('read_csv(…) is not available in this console');
  // … and the engine itself refuses it, sent straight to DuckDB's worker
  const control = await rawQuery(page, 'SELECT 42 AS answer');
  expect(control).toEqual({ type: 'QUERY_RESULT', message: null });
  for (const sql of [
    `SELECT * FROM read_csv('http://127.0.0.1:4332/lockdown-probe.csv')`,
    `SELECT * FROM 'https://example.org/lockdown-probe.csv'`,
    `SELECT * FROM 'upload-1.csv'`,
    `SELECT * FROM read_text('/basket-lens/../etc/passwd')`,
    `COPY (SELECT 1) TO 'leak.csv'`,
    `ATTACH 'leak.duckdb' AS leak`,
    `LOAD httpfs`,
  ]) {
    const r = await rawQuery(page, sql);
    expect(r.type, sql).toBe('ERROR');
    expect(r.message, sql).toMatch(/Permission Error/);
  }
  for (const sql of ['SET enable_external_access = true', `SET allowed_directories = ['/']`]) {
    const r = await rawQuery(page, sql);
    expect(r.type, sql).toBe('ERROR');
    expect(r.message, sql).toMatch(/Cannot change/);
  }
  // extension loading: the settings that would fetch one are accepted by the engine (the
  // console refuses them), but nothing is fetched and the extension is refused
  for (const sql of [`SET custom_extension_repository = 'http://127.0.0.1:4332/lockdown-probe-ext'`, 'SET autoinstall_known_extensions = true', 'SET autoload_known_extensions = true']) {
    expect((await rawQuery(page, sql)).type, sql).not.toBe('');
  }
  for (const sql of ['INSTALL json', 'LOAD json', `SELECT * FROM read_json_auto('/basket-lens/none.json')`, `SELECT * FROM read_parquet('/basket-lens/none.parquet')`]) {
    const r = await rawQuery(page, sql);
    if (sql.startsWith('INSTALL')) continue; // accepted, fetches nothing (the request list below)
    expect(r.type, sql).toBe('ERROR');
    expect(r.message, sql).toMatch(/Loading external extensions is disabled through configuration/);
  }
  for (const sql of ['RESET custom_extension_repository', 'SET autoinstall_known_extensions = false', 'SET autoload_known_extensions = false']) await rawQuery(page, sql);
  // control: a request made inside DuckDB's worker is seen by this listener
  await page.workers().find((w) => /duckdb-browser/.test(w.url()))?.evaluate(() => fetch('/worker-request-control').catch(() => undefined));
  await expect.poll(() => requests.some((u) => u.includes('worker-request-control'))).toBe(true);
  expect(requests.filter((u) => u.includes('lockdown-probe') || u.includes('duckdb.org')), 'requests for the probe URLs or extensions').toEqual([]);

  // print: the app's Print button and the print stylesheet
  await openTab(page, 'Overview');
  await page.getByRole('button', { name: 'Print' }).click();
  await page.emulateMedia({ media: 'print' });
  await page.waitForTimeout(500);
  expect(await injected(page), 'injected elements in print').toEqual([]);
  await page.emulateMedia({ media: 'screen' });

  // report.json carries the text as JSON strings
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export report' }).click();
  const report = readFileSync(await (await download).path(), 'utf8');
  expect(() => JSON.parse(report)).not.toThrow();
  expect(report).toContain(JSON.stringify(SCRIPT).slice(1, -1));

  expect(dialogs, 'dialogs opened').toEqual([]);
  expect(await page.evaluate(() => window.__trap.filter((c) => !c.startsWith('print('))), 'alert/confirm/prompt calls').toEqual([]);
  expect(await page.evaluate(() => window.__trap), 'the Print button called print()').toContain('print()');
});

// The file is served by page.route, which does not see requests a service worker makes: with
// Chromium 156.0.8078.129 the app's service worker fetched ./hostile-data.csv itself and the
// embed stayed on "Downloading…" (the test failed at the last landed commit too); blocked here.
test.describe(() => {
  test.use({ serviceWorkers: 'block' });
test('hostile text stays text in embed mode (embed.html with ?data= on this site)', async ({ page }) => {
  test.setTimeout(150_000);
  const dialogs = await trapDialogs(page);
  // the hostile file served from this origin, so ?data= loads it without asking
  const body = readFileSync(HOSTILE);
  await page.route((u) => u.pathname.endsWith('/hostile-data.csv'), (route) => route.fulfill({ status: 200, contentType: 'text/csv', body }));
  for (const id of ['leaderboard-product', 'leaderboard-category', 'series', 'customers-table']) {
    await page.goto(`/embed.html?embed=${id}&data=./hostile-data.csv`);
    await expect(page.locator('[data-testid=embed][data-ready=true]')).toBeVisible({ timeout: 90_000 });
    await expect(page.locator('[data-testid=embed]')).toContainText('hostile-data.csv');
    await hoverMarks(page, 6, '[data-testid=embed]');
    expect(await injected(page), `injected elements in embed ${id}`).toEqual([]);
  }
  // a leaderboard shows a payload literally
  await page.goto(`/embed.html?embed=leaderboard-category&data=./hostile-data.csv`);
  await expect(page.locator('[data-testid=embed][data-ready=true]')).toBeVisible({ timeout: 90_000 });
  await expect(page.locator('[data-testid=embed] figure.chart').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('[data-testid=embed]')).toContainText(TEMPLATE);
  expect(await page.evaluate(() => window.__trap)).toEqual([]);
  expect(dialogs).toEqual([]);
});
});
