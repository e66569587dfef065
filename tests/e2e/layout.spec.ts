// The page on a 390-px phone: no tab makes the page scroll sideways (tables and the tab bar
// scroll inside their own boxes), KPI cards sit two per row, and no table header is cut off
// (on the phone or the desktop).
import { expect, test, waitReady } from './fixtures';
import { openTab, TAB_LABELS } from './tabs';
import type { Page } from '@playwright/test';

// the page's logic, not the engine: the single-threaded build keeps the suite short (fixtures.ts, EngineChoice)
test.use({ engine: 'single' });

/** Table headers whose text does not fit their cell, or that end in an ellipsis. */
async function cutHeaders(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main th')]
      .filter((th) => (th as HTMLElement).offsetParent !== null)
      .filter((th) => {
        const el = th as HTMLElement;
        const inner = (el.querySelector('button') as HTMLElement | null) ?? el;
        const cs = getComputedStyle(inner);
        return inner.scrollWidth > inner.clientWidth + 1 || cs.textOverflow === 'ellipsis' || getComputedStyle(el).textOverflow === 'ellipsis';
      })
      .map((th) => (th.textContent ?? '').trim()),
  );
}

test('390-px phone: no sideways scrolling on any tab, KPI cards two per row, headers whole', async ({ page, watch }) => {
  void watch;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await waitReady(page);

  // KPI cards: two per row
  const cards = page.locator('[data-kpi]');
  await expect(cards.first()).toBeVisible();
  const boxes = await cards.evaluateAll((els) => els.slice(0, 2).map((e) => e.getBoundingClientRect().top));
  expect(boxes[0]).toBe(boxes[1]);

  // the tab bar scrolls inside itself
  const nav = page.locator('nav[aria-label=Views]');
  expect(await nav.evaluate((n) => getComputedStyle(n).flexWrap)).toBe('nowrap');

  const wide: string[] = [];
  const cut: string[] = [];
  for (const label of TAB_LABELS) {
    await openTab(page, label);
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    if (sw > 390) wide.push(`${label}: ${sw}px`);
    for (const h of await cutHeaders(page)) cut.push(`${label}: ${h}`);
  }
  expect(wide, 'tabs wider than the 390-px screen').toEqual([]);
  expect(cut, 'table headers cut off').toEqual([]);
});

test('1360-px desktop: table headers are never cut off', async ({ page, watch }) => {
  void watch;
  await page.goto('/');
  await waitReady(page);
  const cut: string[] = [];
  for (const label of TAB_LABELS) {
    await openTab(page, label);
    for (const h of await cutHeaders(page)) cut.push(`${label}: ${h}`);
  }
  expect(cut, 'table headers cut off').toEqual([]);
});
