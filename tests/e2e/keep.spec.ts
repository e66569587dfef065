// Issue 16, "Keep this dataset on this device", in headless Chromium: a kept dataset reopens
// after reloads and on a new visit with the same KPIs and its filters, without choosing the file;
// two kept datasets switch; Forget leaves nothing in OPFS or IndexedDB (read back from the page);
// a failed load and a reload in the middle of a load keep the kept dataset.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test, waitReady } from './fixtures';
import { expectReopened, keepIt, kpis, load, panel } from './keep-helpers';

// the page's logic, not the engine: the single-threaded build keeps the suite short (fixtures.ts, EngineChoice)
test.use({ engine: 'single' });

const fixture = (p: string): string => fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url));
const SLICE = fixture('formats/uci_slice.csv');
const OTHER = fixture('amount/uci-like.csv');
const UCI = fixture('online_retail_uci.csv.gz');

/** What this origin has in storage: every OPFS entry (recursive) and the IndexedDB databases. */
async function storage(page: Page): Promise<{ opfs: string[]; idb: string[] }> {
  return page.evaluate(async () => {
    type Dir = FileSystemDirectoryHandle & { entries(): AsyncIterable<[string, FileSystemHandle]> };
    const walk = async (d: Dir, prefix: string): Promise<string[]> => {
      const out: string[] = [];
      for await (const [name, h] of d.entries()) {
        out.push(prefix + name);
        if (h.kind === 'directory') out.push(...(await walk(h as Dir, `${prefix}${name}/`)));
      }
      return out;
    };
    const opfs = await walk((await navigator.storage.getDirectory()) as Dir, '');
    const idb = (await indexedDB.databases()).map((d) => d.name ?? '');
    return { opfs: opfs.sort(), idb };
  });
}

/** The Columns tab's account of how the file was read, and the Data quality tab's cleaning rules with their counts. */
async function readAndRules(page: Page): Promise<{ read: string; rules: string }> {
  await page.getByRole('button', { name: 'Columns', exact: true }).click();
  const read = (await page.getByTestId('read-panel').textContent()) ?? '';
  await page.getByRole('button', { name: 'Data quality', exact: true }).click();
  await expect(page.locator('[data-testid=rules] tbody tr').first()).toBeVisible();
  const rules = (await page.getByTestId('rules').textContent()) ?? '';
  await page.getByRole('button', { name: 'Overview', exact: true }).click();
  await waitReady(page);
  return { read, rules };
}

test('a kept dataset reopens after two reloads and on a new visit, same KPIs and filters, no file chosen', async ({ page }) => {
  // five opens of a dataset (load, two reloads, a new visit, a filter): 15-40 s each with two spec files in parallel
  test.setTimeout(300_000);
  await page.goto('/');
  await waitReady(page);
  await load(page, SLICE, 'uci_slice.csv');
  const loaded = await kpis(page);
  // a cleaning rule switched off (returns set aside: 72 rows here) is part of what is kept
  await page.getByRole('button', { name: 'Data quality', exact: true }).click();
  const rule = page.locator('[data-testid=rules] tr[data-rule=returns] input[type=checkbox]');
  await expect(rule).toBeChecked();
  await rule.uncheck();
  await waitReady(page);
  await page.getByRole('button', { name: 'Overview', exact: true }).click();
  await waitReady(page);
  const figures = await kpis(page);
  expect(figures).not.toEqual(loaded);
  const shown = await readAndRules(page);
  expect(shown.read).toContain('uci_slice.csv');
  expect(shown.read).toContain('429 KB'); // the original size, though the text is stored gzip-packed
  await keepIt(page, 'uci_slice.csv');
  const row = page.locator('[data-testid=keep-list] tr.current');
  await expect(row).toContainText('5,000'); // rows
  await expect(row).toContainText('1 Dec 2010 –'); // date range
  await expect(page.getByTestId('keep-usage')).toContainText(/This site uses .+ of the .+ the browser allows it\./);
  const stored = await storage(page);
  expect(stored.opfs.filter((p) => p.endsWith('/manifest.json'))).toHaveLength(1);
  expect(stored.opfs).toContain('open-on-start.json');

  await page.reload();
  await expectReopened(page, 'uci_slice.csv', figures);
  await page.reload();
  await expectReopened(page, 'uci_slice.csv', figures);
  expect(await readAndRules(page)).toEqual(shown);

  // a filter set on the kept data is kept with it: a new visit without any setting in the link shows it again
  await page.goto('/?from=2010-12-02');
  await expect(page.locator('header .name')).toHaveText('uci_slice.csv', { timeout: 90_000 });
  await waitReady(page);
  await expect(page.locator('[data-chip=dates]')).toBeVisible();
  const filtered = await kpis(page);
  expect(filtered).not.toEqual(figures);
  await expect.poll(async () => (await storage(page)).opfs.length).toBeGreaterThan(0);
  await page.waitForTimeout(600); // the settings are written 250 ms after they change
  await page.goto('/');
  await expectReopened(page, 'uci_slice.csv', filtered);
  await expect(page.locator('[data-chip=dates]')).toBeVisible();
});

test('two kept datasets switch; Forget deletes every copy (OPFS and IndexedDB read back empty)', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await waitReady(page);
  await load(page, SLICE, 'uci_slice.csv');
  const slice = await kpis(page);
  await keepIt(page, 'uci_slice.csv');
  await load(page, OTHER, 'uci-like.csv');
  const other = await kpis(page);
  expect(other).not.toEqual(slice);
  await panel(page);
  await expect(page.getByTestId('keep-switch')).not.toBeChecked();
  await keepIt(page, 'uci-like.csv');
  await expect(page.locator('[data-testid=keep-list] tbody tr')).toHaveCount(2);

  // switch to the first: same figures as when it was loaded from the file
  await page.locator('[data-testid=keep-list] tr', { hasText: 'uci_slice.csv' }).getByRole('button', { name: 'Open' }).click();
  await expect(page.locator('header .name')).toHaveText('uci_slice.csv', { timeout: 90_000 });
  await waitReady(page);
  expect(await kpis(page)).toEqual(slice);
  // the one last opened is the one a reload brings back
  await page.reload();
  await expectReopened(page, 'uci_slice.csv', slice);

  // Forget from the notice, then the other from the list: nothing is left in storage
  await page.getByTestId('keep-notice-forget').click();
  await expect(page.getByTestId('keep-notice')).toHaveCount(0);
  await panel(page);
  await expect(page.locator('[data-testid=keep-list] tbody tr')).toHaveCount(1);
  await page.locator('[data-testid=keep-list] tr', { hasText: 'uci-like.csv' }).getByTestId('keep-forget').click();
  await expect(page.getByTestId('keep-panel')).toContainText('Nothing is kept on this device.');
  expect(await storage(page)).toEqual({ opfs: [], idb: [] });
  // the data on screen stays until something else is loaded; a reload opens the sample
  expect(await kpis(page)).toEqual(slice);
  await page.reload();
  await expect(page.locator('header .name')).toContainText('Built-in sample', { timeout: 90_000 });
  await waitReady(page);
  await expect(page.getByTestId('keep-notice')).toHaveCount(0);
  expect(await storage(page)).toEqual({ opfs: [], idb: [] });
});

test('a failed load and a reload in the middle of a load keep the kept dataset', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await waitReady(page);
  await load(page, SLICE, 'uci_slice.csv');
  const figures = await kpis(page);
  await keepIt(page, 'uci_slice.csv');
  const before = await storage(page);

  // what a reload in the middle of keeping leaves: a folder with a file and no manifest; the next start deletes it
  await page.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('ds-interrupted', { create: true });
    const w = await (await dir.getFileHandle('file-0', { create: true })).createWritable();
    await w.write('InvoiceNo,Quantity\n1,');
    await w.close();
  });
  expect((await storage(page)).opfs).toContain('ds-interrupted/file-0');
  await page.reload();
  await expectReopened(page, 'uci_slice.csv', figures);
  await panel(page);
  await expect(page.locator('[data-testid=keep-list] tbody tr')).toHaveCount(1);
  expect(await storage(page)).toEqual(before);

  // a file that is not data: refused, the kept dataset stays on screen and in storage
  await page.setInputFiles('[data-testid=file-input]', { name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)) });
  await expect(page.getByTestId('error')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('header .name')).toHaveText('uci_slice.csv');
  expect(await kpis(page)).toEqual(figures);
  expect(await storage(page)).toEqual(before);
  await page.reload();
  await expectReopened(page, 'uci_slice.csv', figures);

  // a reload while a large file is being read: the kept dataset comes back, storage unchanged
  await page.setInputFiles('[data-testid=file-input]', UCI);
  await expect(page.getByTestId('load-progress')).toBeVisible({ timeout: 30_000 });
  await page.reload();
  await expectReopened(page, 'uci_slice.csv', figures);
  expect(await storage(page)).toEqual(before);
});

test.describe('where the origin-private file system cannot be written (Safari before 26)', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      delete (FileSystemFileHandle.prototype as unknown as Record<string, unknown>).createWritable;
    });
  });

  test('kept data goes to IndexedDB, reopens after a reload, and Forget deletes the database', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/');
    await waitReady(page);
    await load(page, SLICE, 'uci_slice.csv');
    const figures = await kpis(page);
    await keepIt(page, 'uci_slice.csv');
    await expect(page.getByTestId('keep-usage')).toContainText('(IndexedDB)');
    expect(await storage(page)).toEqual({ opfs: [], idb: ['basket-lens-keep'] });
    await page.reload();
    await expectReopened(page, 'uci_slice.csv', figures);
    await page.getByTestId('keep-notice-forget').click();
    await expect(page.getByTestId('keep-notice')).toHaveCount(0);
    await expect.poll(() => storage(page)).toEqual({ opfs: [], idb: [] });
  });
});

test.describe('when the browser gives this site almost no room', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      navigator.storage.estimate = async () => ({ usage: 9_000, quota: 10_000 });
    });
  });

  test('keeping says so in plain words, stores nothing, and the data on screen stays usable', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/');
    await waitReady(page);
    await load(page, SLICE, 'uci_slice.csv');
    const figures = await kpis(page);
    await panel(page);
    await page.getByTestId('keep-switch').click(); // click, not check(): the switch shows what is stored, so it may turn back off at once
    await expect(page.getByTestId('keep-message')).toContainText('Not enough room to keep this data');
    await expect(page.getByTestId('keep-message')).toContainText('Nothing was kept and the data on screen is unchanged.');
    await expect(page.getByTestId('keep-switch')).not.toBeChecked();
    expect(await storage(page)).toEqual({ opfs: [], idb: [] });
    expect(await kpis(page)).toEqual(figures);
    await page.getByRole('button', { name: 'Customers', exact: true }).click();
    await expect(page.locator('main[data-ready=true]')).toBeVisible();
    await page.reload();
    await expect(page.locator('header .name')).toContainText('Built-in sample', { timeout: 90_000 });
  });
});

test.describe('accessibility', () => {
  // the page's Content-Security-Policy forbids injected scripts: let the test inject axe-core
  test.use({ bypassCSP: true });

  test('the open panel and the reopened notice have no serious or critical axe violations', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/');
    await waitReady(page);
    await load(page, SLICE, 'uci_slice.csv');
    await keepIt(page, 'uci_slice.csv');
    await page.reload();
    await expectReopened(page, 'uci_slice.csv', await kpis(page));
    await panel(page);
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const found = await page.evaluate(async () => {
      type V = { id: string; impact: string | null; nodes: { target: string[] }[] };
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: V[] }> } }).axe;
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
    });
    expect(found).toEqual([]);
  });
});

test('a kept dataset whose stored file is gone: a plain message on start, the sample opens', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await waitReady(page);
  await load(page, SLICE, 'uci_slice.csv');
  await keepIt(page, 'uci_slice.csv');
  // as if the browser or another tool removed the data file but not the manifest
  await page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    for await (const [, h] of (root as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
      if (h.kind === 'directory') await (h as FileSystemDirectoryHandle).removeEntry('file-0');
    }
  });
  await page.reload();
  await expect(page.getByTestId('keep-start-failure')).toContainText('The kept data is incomplete');
  await expect(page.getByTestId('keep-start-failure')).toContainText('Forget it and load the original file again.');
  await expect(page.locator('header .name')).toContainText('Built-in sample', { timeout: 90_000 });
  await waitReady(page);
  await panel(page);
  await page.getByTestId('keep-forget').click();
  await expect(page.getByTestId('keep-panel')).toContainText('Nothing is kept on this device.');
  expect(await storage(page)).toEqual({ opfs: [], idb: [] });
});
