// Shared e2e fixture: every page records each request it makes and every console error,
// and each test ends by asserting that no request left the page's origin and that
// nothing was thrown uncaught.
import { test as base, expect, type Page } from '@playwright/test';
import { duckdbVariant } from '../../src/engine/variant';

export interface Watch {
  requests: string[];
  errors: string[];
}

/**
 * Which DuckDB-WASM build the test's pages run: 'auto' is the app's own choice (on this 2-core
 * machine the multithreaded coi build); 'single' makes the page see one core, so it runs the
 * single-threaded eh build, which a machine with one core gets. Specs of the page's logic
 * (tabs, filters, storage, layout) use 'single': its cold start is 3-4 s shorter and two test
 * workers do not share two cores between two pools of DuckDB threads, which took the suite from
 * about 20 to 28 minutes. The specs of loading, cancelling, the SQL console, hostile files,
 * offline use and CSP keep 'auto', as do the real-file readers (their own contexts).
 */
export type EngineChoice = 'auto' | 'single';

export const test = base.extend<{ watch: Watch; engine: EngineChoice }>({
  engine: ['auto', { option: true }],
  context: async ({ context, engine }, use) => {
    if (engine === 'single') await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 1, configurable: true }));
    await use(context);
  },
  watch: async ({ page, baseURL }, use) => {
    const watch: Watch = { requests: [], errors: [] };
    page.on('request', (r) => watch.requests.push(r.url()));
    page.on('pageerror', (e) => watch.errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') watch.errors.push(`console.error: ${m.text()}`);
    });
    await use(watch);
    const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
    const foreign = watch.requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
    expect(foreign, 'requests that left the page origin').toEqual([]);
    expect(watch.errors, 'uncaught errors').toEqual([]);
  },
});
export { expect };

/** Waits until a dataset is loaded, analysed and its derived tables are built (main[data-ready]). */
export async function waitReady(page: Page): Promise<void> {
  await expect(page.locator('main[data-ready=true]')).toBeVisible({ timeout: 90_000 });
  await expect(page.locator('[data-testid=load-progress]')).toHaveCount(0, { timeout: 90_000 });
}

/** The text of a KPI card's exact line (e.g. "10,642,110.80"). */
export async function kpiExact(page: Page, id: string): Promise<string> {
  return (await page.locator(`[data-kpi=${id}] .exact`).textContent())?.trim() ?? '';
}

/** The big value of a KPI card. */
export async function kpiValue(page: Page, id: string): Promise<string> {
  return (await page.locator(`[data-kpi=${id}] .value`).textContent())?.trim() ?? '';
}

/**
 * The DuckDB-WASM variant this browser runs (src/engine/variant.ts, the rule db.ts applies): the
 * multithreaded "coi" build on a cross-origin isolated page with at least two cores, else "eh".
 */
export async function duckdbVariantOf(page: Page): Promise<'coi' | 'eh'> {
  const { cores, isolated } = await page.evaluate(() => ({ cores: navigator.hardwareConcurrency, isolated: crossOriginIsolated }));
  return duckdbVariant(isolated, cores);
}
