// The tabs of the page, for specs that visit each one.
import { expect, type Page } from '@playwright/test';
import { waitReady } from './fixtures';

/** Every tab's label as the tab bar shows it. */
export const TAB_LABELS = ['Overview', 'Customers', 'Trends', 'Breakdowns', 'Segments', 'Recommendations', 'Forecast', 'Lifetime value', 'SQL', 'Columns', 'Data quality'];

/** Opens a tab and waits until its charts and tables have settled. */
export async function openTab(page: Page, label: string): Promise<void> {
  const tab = page.locator('nav[aria-label=Views] button', { hasText: label }).filter({ hasText: new RegExp(`^${label}$`) });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-current', 'page');
  await waitReady(page);
  // loaders and charts finish after the tab shows: wait for the loading notices and a moment for vega
  await expect(page.locator('main .notice.loading')).toHaveCount(0, { timeout: 60_000 }).catch(() => undefined);
  await page.waitForTimeout(1500);
}
