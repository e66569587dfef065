// Issue 13, "honest models", end to end on UCI: the Forecast and Lifetime value tabs lead
// with "Not reliable" and the figures behind it, the unreliable figures are greyed and out
// of the headline cards, the order boxes show the model in use, the residual diagnostics
// are there, report.json carries the verdicts, and no Overview insight quotes the forecast.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, waitReady } from './fixtures';

// the page's logic, not the engine: the single-threaded build keeps the suite short (fixtures.ts, EngineChoice)
test.use({ engine: 'single' });

const UCI = fileURLToPath(new URL('../fixtures/online_retail_uci.csv.gz', import.meta.url));

test('UCI: forecast and lifetime value lead with "not reliable"; no insight quotes the forecast', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await waitReady(page);
  await page.setInputFiles('[data-testid=file-input]', UCI);
  await expect(page.locator('header')).toContainText('online_retail_uci.csv.gz', { timeout: 90_000 });
  await waitReady(page);

  // Overview: the insights are computed, and none of them is the forecast
  const insights = page.getByTestId('insights');
  await expect(insights.locator('li[data-insight]').first()).toBeVisible({ timeout: 90_000 });
  await expect(insights.locator('[data-insight=forecast]')).toHaveCount(0);
  await expect(insights).not.toContainText(/forecast|ARIMA/i);

  // Forecast: the verdict banner comes first, with the figures
  await page.getByRole('button', { name: 'Forecast', exact: true }).click();
  const banner = page.getByTestId('forecast-verdict');
  await expect(banner).toBeVisible({ timeout: 60_000 });
  await expect(banner).toContainText('Not reliable: the ARIMA(0,1,0) forecast.');
  await expect(banner).toContainText(/ARIMA\(0,1,0\) does not beat the naive forecast \(last value repeated\) on the last 6 periods held out: mean absolute error [\d,.]+ against naive [\d,.]+/);
  const chart = page.getByTestId('forecast-chart');
  await expect(chart.locator('svg')).toBeVisible({ timeout: 60_000 });
  expect((await banner.boundingBox())!.y).toBeLessThan((await chart.boundingBox())!.y);
  await expect(chart).toHaveAttribute('data-reliable', 'false');
  await expect(chart).toContainText('not reliable');
  await expect(chart.locator('.unreliable')).toHaveCount(1);
  // the backtest judges the model in use, and the order boxes show it
  await expect(page.getByTestId('backtest')).toContainText('ARIMA(0,1,0)');
  await expect(page.getByTestId('backtest')).not.toContainText('ARIMA(0,0,0)');
  await expect(page.getByLabel('p', { exact: true })).toHaveValue('0');
  await expect(page.getByLabel('d', { exact: true })).toHaveValue('1');
  await expect(page.getByLabel('q', { exact: true })).toHaveValue('0');
  // residual diagnostics as statsmodels prints them, and the residual plot
  await expect(page.getByTestId('ljung-box')).toContainText('Ljung-Box (L1) (Q)');
  await expect(page.getByTestId('forecast-residuals').locator('svg')).toBeVisible();

  // Lifetime value: the banner names the unidentified parameters; no headline CLV card
  await page.getByRole('button', { name: 'Lifetime value', exact: true }).click();
  const clv = page.getByTestId('clv-verdict');
  await expect(clv).toBeVisible({ timeout: 90_000 });
  await expect(clv).toContainText('Not reliable: the lifetime-value model.');
  await expect(clv).toContainText(/cannot identify the purchase model \(BG\/NBD\): a = [\d.]+ ± [\d.]+, b = [\d.,]+ ± [\d.,]+/);
  await expect(clv).toContainText('could not be checked on a holdout');
  await expect(page.locator('[data-stat=clv-total]')).toHaveCount(0);
  await expect(page.getByTestId('clv-unreliable-figures')).toContainText('not reliable');
  await expect(page.getByTestId('clv-unreliable-figures')).toContainText('Total CLV over 12 months');
  await expect(page.getByTestId('clv-params')).toContainText('larger than the estimate');
  expect((await clv.boundingBox())!.y).toBeLessThan((await page.getByTestId('clv-params').boundingBox())!.y);

  // report.json carries both verdicts
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export report' }).click();
  const report = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(report.forecast.verdict.reliable).toBe(false);
  expect(report.forecast.backtest.model).toBe('ARIMA(0,1,0)');
  expect(report.forecast.residuals.ljung_box_lag1.lag).toBe(1);
  expect(report.clv.verdict.reliable).toBe(false);
  expect(report.clv.verdict.reasons[0]).toMatch(/cannot identify the purchase model/);
  await page.screenshot({ path: 'test-results/models-clv.png', fullPage: true });
  await page.getByRole('button', { name: 'Forecast', exact: true }).click();
  await expect(page.getByTestId('forecast-verdict')).toBeVisible();
  await page.screenshot({ path: 'test-results/models-forecast.png', fullPage: true });
});
