// Unit price or line total, through the real UI: an Istanbul-like file whose price already
// holds the line total is read as such (gross sales as pandas computed them, see
// scripts/reference/amount_fixtures.py), the Columns tab says why, and flipping the reading
// re-runs the analysis; a file with mixed evidence asks and shows both readings.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, kpiExact, test, waitReady } from './fixtures';

// the page's logic, not the engine: the single-threaded build keeps the suite short (fixtures.ts, EngineChoice)
test.use({ engine: 'single' });

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/amount/${name}`, import.meta.url));

test('a price that is the line total is read as one, with the evidence, and can be flipped', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.setInputFiles('[data-testid=file-input]', fixture('istanbul-like.csv'));
  await expect(page.locator('header')).toContainText('istanbul-like.csv');
  await waitReady(page);
  // pandas: sum(price) = 259,364.59 (quantity × price would be 916,167.53)
  await expect(page.locator('[data-kpi=gross_sales] .exact')).toHaveText('259,364.59');
  await expect(page.getByTestId('price-notice')).toHaveCount(0);
  await page.getByRole('button', { name: 'Columns' }).click();
  await expect(page.getByTestId('price-used')).toContainText('Read as the line total (decided from the values)');
  await expect(page.getByTestId('price-evidence')).toContainText('“price” ÷ quantity is constant within 8 of 8 categories (100.0% of');
  await expect(page.getByTestId('price-evidence')).toContainText('is the line total');
  await expect(page.getByTestId('price-ask')).toHaveCount(0);
  await expect(page.getByTestId('price-both').locator('td[data-reading=unit]')).toHaveText('916,167.53');
  await expect(page.getByTestId('price-both').locator('td[data-reading=total]')).toHaveText('259,364.59');

  await page.getByTestId('price-pick-unit').click();
  await expect(page.getByTestId('price-used')).toContainText('Read as a unit price (set by you)');
  await page.getByRole('button', { name: 'Overview' }).click();
  await waitReady(page);
  await expect(page.locator('[data-kpi=gross_sales] .exact')).toHaveText('916,167.53');
  // report.json records the reading in use, who chose it and the evidence
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export report' }).click();
  const report = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(report.dataset.price_reading).toMatchObject({ column: 'price', used: 'unit_price', chosen_by: 'you', verdict: 'total', basis: 'group' });
  expect(report.dataset.price_reading.evidence).toContain('constant within 8 of 8 categories');
  expect(report.dataset.price_reading.both.total.revenue).toBe(259364.59);

  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByTestId('price-pick-total').click();
  await expect(page.getByTestId('price-used')).toContainText('Read as the line total (decided from the values)');
  await page.getByRole('button', { name: 'Overview' }).click();
  await waitReady(page);
  expect(await kpiExact(page, 'gross_sales')).toBe('259,364.59');
});

test('mixed evidence: the Columns tab asks and shows the KPIs under both readings', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.setInputFiles('[data-testid=file-input]', fixture('mixed.csv'));
  await expect(page.locator('header')).toContainText('mixed.csv');
  await waitReady(page);
  await expect(page.getByTestId('price-notice')).toContainText('Revenue depends on a guess');
  await page.getByTestId('price-notice').getByRole('button').click();
  await expect(page.getByTestId('price-ask')).toContainText('Is “price” a unit price or the line total?');
  await expect(page.getByTestId('price-evidence')).toContainText('Mixed evidence within products');
  // pandas: sum(quantity × price) = 40,144.50, sum(price) = 11,791.00 over 300 orders
  await expect(page.getByTestId('price-both').locator('td[data-reading=unit]')).toHaveText('40,144.50');
  await expect(page.getByTestId('price-both').locator('td[data-reading=total]')).toHaveText('11,791.00');
  await expect(page.getByTestId('price-both')).toContainText('133.82'); // 40,144.50 / 300 = 133.815
  await expect(page.getByTestId('price-both')).toContainText('39.30'); // 11,791.00 / 300
  await page.getByTestId('price-pick-total').click();
  await expect(page.getByTestId('price-ask')).toHaveCount(0);
  await expect(page.getByTestId('price-used')).toContainText('Read as the line total (set by you)');
  await page.getByRole('button', { name: 'Overview' }).click();
  await waitReady(page);
  expect(await kpiExact(page, 'gross_sales')).toBe('11,791.00');
  await expect(page.getByTestId('price-notice')).toHaveCount(0);
});
