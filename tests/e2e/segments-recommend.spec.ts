// Issues 4 and 5 end to end on the UCI file: rule and RFM segment counts (pandas figures
// in tests/sql/segments.test.ts and tests/sql/rfm.test.ts), a click on a segment filtering
// every view, recommendations with the leave-last-out evaluation (pandas figures in
// tests/pipeline/recommendations.test.ts), lookup, CSV export, and report.json.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, waitReady } from './fixtures';

// the page's logic, not the engine: the single-threaded build keeps the suite short (fixtures.ts, EngineChoice)
test.use({ engine: 'single' });

const UCI = fileURLToPath(new URL('../fixtures/online_retail_uci.csv.gz', import.meta.url));

test('UCI segments, recommendations and their report sections', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await waitReady(page);
  await page.setInputFiles('[data-testid=file-input]', UCI);
  await expect(page.locator('header')).toContainText('online_retail_uci.csv.gz', { timeout: 90_000 });
  await waitReady(page);

  await page.getByRole('button', { name: 'Segments', exact: true }).click();
  const count = (name: string) => page.locator(`[data-segment="${name}"] .big`);
  await expect(count('Champion')).toHaveText('387', { timeout: 60_000 });
  await expect(count('Big Spender')).toHaveText('46');
  await expect(count('Frequent Buyer')).toHaveText('712');
  await expect(count('Regular')).toHaveText('3,182');
  await expect(page.getByTestId('rfm-table').locator('tbody tr').first()).toContainText('628');
  // k-means on recency, frequency and monetary (log on the last two) runs in the worker
  await expect(page.getByTestId('cluster-summary')).toContainText('4,327 customers', { timeout: 120_000 });
  await expect(page.getByTestId('cluster-profiles').locator('tbody tr').first()).toBeVisible();

  await page.locator('[data-segment="Champion"]').click();
  await expect(page.getByTestId('filters')).toContainText('Segment: Champion');
  await waitReady(page);
  await page.getByRole('button', { name: 'Overview', exact: true }).click();
  await expect(page.locator('[data-kpi=customers] .value')).toHaveText('387');
  await page.getByRole('button', { name: 'Clear all' }).click();
  await waitReady(page);
  await expect(page.locator('[data-kpi=customers] .value')).toHaveText('4,327');

  await page.getByRole('button', { name: 'Recommendations', exact: true }).click();
  const evaluation = page.getByTestId('evaluation');
  await expect(evaluation.locator('[data-method=copurchase]')).toContainText('17.1%', { timeout: 120_000 });
  await expect(evaluation.locator('[data-method=popularity]')).toContainText('15.7%');
  await expect(page.getByTestId('evaluation-verdict')).toContainText('2,807 customers evaluated');

  await page.getByLabel('Customer id').fill('14646');
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByTestId('lookup')).toContainText('Champions (555)');
  await expect(page.getByTestId('lookup-recs').locator('tbody tr')).toHaveCount(5);

  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all recommendations (CSV)' }).click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8').trim().split('\n');
  expect(csv[0]).toBe('customer,rank,product,category,reason');
  expect(csv).toHaveLength(4327 * 5 + 1);
  // service lines (postage, manual adjustments) are never recommended
  expect(csv.filter((l) => /,(DOTCOM POSTAGE|POSTAGE|Manual|CARRIAGE),/.test(l))).toEqual([]);

  await expect(page.getByTestId('pairs-table').locator('tbody tr')).toHaveCount(10);

  const download = page.waitForEvent('download', { timeout: 240_000 });
  await page.getByRole('button', { name: 'Export report' }).click();
  const report = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(report.segments.rules.counts).toEqual({ Champion: 387, 'Big Spender': 46, 'Frequent Buyer': 712, Regular: 3182 });
  expect(report.segments.rules.spend_quantile).toBe(0.9);
  expect(report.segments.rfm.counts.Champions).toBe(628);
  expect(report.segments.rfm.counts.Lost).toBe(366);
  expect(report.clusters.features).toEqual(['recency_days', 'visits', 'spend']);
  expect(report.clusters.log_transformed).toEqual(['visits', 'spend']);
  expect(report.clusters.by_k.map((b: { k: number }) => b.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(report.clusters.k).toBe(report.clusters.auto_k);
  expect(report.clusters.profiles.reduce((s: number, p: { size: number }) => s + p.size, 0)).toBe(4327);
  expect(report.clv.by_segment.map((g: { group: string }) => g.group).sort()).toEqual(['Big Spender', 'Champion', 'Frequent Buyer', 'Regular']);
  expect(report.clv.by_cluster.length).toBe(report.clusters.k);
  expect(report.recommendations.n).toBe(5);
  expect(report.recommendations.evaluation.copurchase.hit_rate).toBeCloseTo(0.1714, 3);
  expect(report.recommendations.evaluation.popularity.hit_rate).toBeCloseTo(0.1571, 3);
  expect(report.recommendations.top_pairs).toHaveLength(20);
  expect(Object.keys(report.recommendations.top_pairs[0])).toEqual(['a', 'b', 'count', 'support', 'confidence', 'lift']);
});
