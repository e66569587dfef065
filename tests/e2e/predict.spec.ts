// Issue 6 end to end: the forecast and lifetime-value views on the sample and the UCI
// file, their report.json sections, a hand-picked ARIMA order, and clear words on a
// customer-level file.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, waitReady } from './fixtures';

// the page's logic, not the engine: the single-threaded build keeps the suite short (fixtures.ts, EngineChoice)
test.use({ engine: 'single' });

const UCI = fileURLToPath(new URL('../fixtures/online_retail_uci.csv.gz', import.meta.url));

test('UCI forecast leaves out the partial December, backtests, and lands in report.json', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.setInputFiles('[data-testid=file-input]', UCI);
  await expect(page.locator('header')).toContainText('online_retail_uci.csv.gz', { timeout: 90_000 });
  await waitReady(page);
  await page.getByRole('button', { name: 'Forecast', exact: true }).click();
  await expect(page.getByTestId('forecast-chart').locator('svg')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('main')).toContainText('Left out of the fit as incomplete: 2011-12');
  await expect(page.getByTestId('model')).toContainText('Fitted on 12 months');
  await expect(page.getByTestId('verdict')).toContainText(/ARIMA (beats|does not beat) the naive baseline/);
  await expect(page.getByTestId('forecast-table').locator('tbody tr')).toHaveCount(6);
  await expect(page.getByTestId('forecast-table').locator('tbody tr').first()).toContainText('2011-12');

  // a hand-picked order is fitted and kept in the URL
  await page.getByLabel('p', { exact: true }).fill('1');
  await page.getByLabel('d', { exact: true }).fill('1');
  await page.getByLabel('q', { exact: true }).fill('0');
  await page.getByRole('button', { name: 'Fit this order' }).click();
  await expect(page).toHaveURL(/order=1%2C1%2C0/);
  await expect(page.getByTestId('model')).toContainText('ARIMA(1,1,0)');

  await page.getByRole('button', { name: 'Lifetime value', exact: true }).click();
  await expect(page.getByTestId('clv-params')).toContainText('BG/NBD', { timeout: 60_000 });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export report' }).click();
  const report = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(report.forecast.grain).toBe('month');
  expect(report.forecast.order).toEqual([1, 1, 0]);
  expect(report.forecast.seasonal_order).toEqual([0, 0, 0, 1]);
  expect(report.forecast.horizon).toBe(6);
  expect(report.forecast.points).toHaveLength(6);
  expect(report.forecast.points[0].period).toBe('2011-12-01');
  for (const p of report.forecast.points) expect(p.lo95 <= p.lo80 && p.lo80 <= p.mean && p.mean <= p.hi80 && p.hi80 <= p.hi95).toBe(true);
  expect(report.forecast.excluded_partial_periods).toEqual(['2011-12-01']);
  expect(typeof report.forecast.backtest.mape).toBe('number');
  expect(report.clv.time_unit).toBe('days');
  expect(report.clv.bgnbd.r).toBeGreaterThan(0);
  expect(report.clv.top_customers).toHaveLength(10);
  expect(report.clv.horizon_months).toBe(12);
});

test('lifetime value on the sample: parameters, holdout check, customers table', async ({ page }) => {
  await page.goto('/?tab=clv');
  await waitReady(page);
  await expect(page.getByTestId('clv-params')).toContainText('Gamma-Gamma', { timeout: 60_000 });
  await expect(page.getByTestId('holdout')).toContainText('purchases happened in the holdout');
  await expect(page.getByTestId('clv-table').locator('tbody tr')).toHaveCount(25);
  await expect(page.locator('[data-stat=clv-total] .value')).not.toHaveText('—');
});

test('forecast and lifetime value explain what a customer-level file lacks', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  const rows = ['Customer ID,Age,Purchase Amount (USD),Location'];
  for (let i = 1; i <= 40; i++) rows.push(`${i},${20 + i},${10 + i},Kentucky`);
  await page.setInputFiles('[data-testid=file-input]', { name: 'trends.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await expect(page.locator('header')).toContainText('one row per customer');
  await page.getByRole('button', { name: 'Forecast', exact: true }).click();
  await expect(page.locator('main')).toContainText('A sales forecast needs a date column');
  await page.getByRole('button', { name: 'Lifetime value', exact: true }).click();
  await expect(page.locator('main')).toContainText('Lifetime value needs a customer column, a date column and an amount');
});
