// Issue 13, findings 8 and 9 end to end: service lines are out of the UCI product board
// and shown once as "Service and fees"; k-means on Mall Customers starts on income vs
// spending score (not age), and its scatter opens on that pair.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, waitReady } from './fixtures';

// the page's logic, not the engine: the single-threaded build keeps the suite short (fixtures.ts, EngineChoice)
test.use({ engine: 'single' });

const UCI = fileURLToPath(new URL('../fixtures/online_retail_uci.csv.gz', import.meta.url));
const MALL = fileURLToPath(new URL('../../../shared/data/mall_customers.csv', import.meta.url));

test('UCI: the product board ranks merchandise; service lines are listed once, apart', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await waitReady(page);
  await page.setInputFiles('[data-testid=file-input]', UCI);
  await expect(page.locator('header')).toContainText('online_retail_uci.csv.gz', { timeout: 90_000 });
  await waitReady(page);
  await page.getByRole('button', { name: 'Breakdowns', exact: true }).click();
  const bars = page.locator('[data-board=product] svg path[aria-roledescription="bar"]');
  await expect(bars.first()).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('[data-board=product] svg path[aria-roledescription="bar"][aria-label*="REGENCY CAKESTAND 3 TIER"]')).toHaveCount(1);
  await expect(page.locator('[data-board=product] svg path[aria-roledescription="bar"][aria-label*="POSTAGE"]')).toHaveCount(0);
  const services = page.locator('[data-board=services]');
  await expect(services).toContainText('Service and fees');
  await expect(services.locator('tbody tr').first()).toContainText('DOTCOM POSTAGE');
  await expect(services).toContainText('367,014.98');
});

test('Mall Customers: k-means starts on income vs spending score', async ({ page }) => {
  test.skip(!existsSync(MALL), `${MALL} not found (not committed)`);
  test.setTimeout(180_000);
  await page.goto('/');
  await waitReady(page);
  await page.setInputFiles('[data-testid=file-input]', MALL);
  await expect(page.locator('header')).toContainText('mall_customers.csv', { timeout: 60_000 });
  await waitReady(page);
  await page.getByRole('button', { name: 'Segments', exact: true }).click();
  const clusters = page.getByTestId('clusters');
  await expect(page.getByTestId('cluster-summary')).toContainText('200 customers', { timeout: 120_000 });
  await expect(clusters.getByRole('checkbox', { name: /^(annual )?income/i })).toBeChecked();
  await expect(clusters.getByRole('checkbox', { name: /^spending score/i })).toBeChecked();
  await expect(clusters.getByRole('checkbox', { name: /^age\b/i })).not.toBeChecked();
  await expect(page.getByTestId('cluster-summary')).toContainText('k = 5');
  await expect(clusters.locator('select').nth(1)).toHaveValue('income');
  await expect(clusters.locator('select').nth(2)).toHaveValue('score');
});
