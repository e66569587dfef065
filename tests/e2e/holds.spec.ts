// Issue 13, findings 5–7 end to end: a file where every customer bought once shows no RFM
// scores, no win-back finding and no cohort grid, each tab saying why in one sentence from the
// one declaration; UCI's Trends marks December 2011 as partial; under a filter the insights
// say which filters they reflect and report.json carries them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, waitReady } from './fixtures';

// the page's logic, not the engine: the single-threaded build keeps the suite short (fixtures.ts, EngineChoice)
test.use({ engine: 'single' });

const ONE = fileURLToPath(new URL('../fixtures/holds/one_purchase.csv', import.meta.url));
const UCI = fileURLToPath(new URL('../fixtures/online_retail_uci.csv.gz', import.meta.url));
const RFM_WHY = 'RFM scores and segments need at least 20% of customers buying more than once: every one of the 24 customers bought exactly once, so frequency cannot be scored 1–5.';

test('every customer bought once: no RFM scores, no win-back insight, no cohort grid, one sentence each', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.setInputFiles('[data-testid=file-input]', ONE);
  await expect(page.locator('header')).toContainText('one_purchase.csv', { timeout: 90_000 });
  await waitReady(page);

  // Overview: what the file allows, from the declaration; no win-back finding
  const avail = page.getByTestId('availability');
  await expect(avail.locator('[data-analysis=rfm]')).toHaveAttribute('data-ok', 'false');
  await expect(avail.locator('[data-analysis=rfm]')).toContainText(RFM_WHY);
  await expect(avail.locator('[data-analysis=cohorts]')).toContainText('Cohort retention needs customers who buy more than once: every one of the 24 customers bought exactly once.');
  await expect(avail.locator('[data-analysis=baskets]')).toHaveAttribute('data-ok', 'true');
  const insights = page.getByTestId('insights');
  await expect(insights.locator('[data-insight=repeat]')).toContainText('0.0% of customers bought more than once', { timeout: 60_000 });
  await expect(insights.locator('[data-insight=at-risk]')).toHaveCount(0);
  await expect(insights).not.toContainText('win-back');

  // Segments: the RFM panel says why and draws no grid or table
  await page.getByRole('button', { name: 'Segments', exact: true }).click();
  const rfm = page.getByTestId('rfm');
  await expect(rfm.getByTestId('rfm-why')).toHaveText(RFM_WHY);
  await expect(rfm.getByTestId('rfm-table')).toHaveCount(0);
  await expect(rfm.locator('svg, canvas')).toHaveCount(0);
  await expect(page.getByTestId('rule-segments')).toBeVisible();

  // Trends: no cohort grid, no new-vs-returning bars, no seasonality of four complete months
  await page.getByRole('button', { name: 'Trends', exact: true }).click();
  await expect(page.getByTestId('cohorts-why')).toHaveText('Cohort retention needs customers who buy more than once: every one of the 24 customers bought exactly once.', { timeout: 60_000 });
  await expect(page.getByTestId('cohorts').locator('svg, canvas')).toHaveCount(0);
  await expect(page.getByTestId('new-returning-why')).toContainText('bought exactly once');
  await expect(page.getByTestId('seasonality-why')).toHaveText('Seasonality (month of year) needs at least 12 complete months: the data covers 4 complete months.');

  // report.json: no RFM section figures, the insights array without a win-back finding
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export report' }).click();
  const report = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(report.segments.rfm ?? null).toBeNull();
  const ids = report.insights.map((i: { id: string }) => i.id);
  expect(ids).toContain('repeat');
  expect(ids).not.toContain('at-risk');
  expect(report.insights.every((i: { filters: string }) => i.filters === 'none')).toBe(true);
});

test('UCI: December 2011 is marked partial on Trends; under Country = France the insights say so', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.setInputFiles('[data-testid=file-input]', UCI);
  await expect(page.locator('header')).toContainText('online_retail_uci.csv.gz', { timeout: 90_000 });
  await waitReady(page);

  await page.getByRole('button', { name: 'Trends', exact: true }).click();
  await expect(page.getByTestId('partial-note')).toContainText('the last month (December 2011): the data ends on 9 Dec 2011, part way through the day', { timeout: 60_000 });
  const best = page.getByTestId('best-days').locator('tbody tr').first();
  await expect(best).toContainText('14 Nov 2011');
  await expect(page.getByTestId('best-days')).not.toContainText('9 Dec 2011');

  // France (a click on its bar of the country leaderboard): the insights follow the filter and say so; report.json too
  await page.getByRole('button', { name: 'Breakdowns', exact: true }).click();
  const france = page.locator('[data-board=country] svg path[aria-roledescription="bar"][aria-label*="France"]').first();
  await expect(france).toBeVisible({ timeout: 60_000 });
  await france.click({ force: true });
  await expect(page.getByTestId('filters')).toContainText('Country: France');
  await waitReady(page);
  await page.getByRole('button', { name: 'Overview', exact: true }).click();
  await expect(page.locator('[data-kpi=customers] .value')).toHaveText('87');
  const insights = page.getByTestId('insights');
  await expect(insights.getByTestId('insights-filters')).toHaveText('Every figure below reflects the filters: Country = France.', { timeout: 60_000 });
  await expect(insights.locator('[data-insight=concentration]')).toContainText('top 10% of customers (9)');
  // the whole file's win-back figure (657 customers, 778,692.57, 9.3% of revenue, net of matched returns) must
  // not appear under France: France's own is 4 customers, 5,537.30, 2.8% (scripts/reference/segments_uci.py
  // france_at_risk)
  await expect(insights).not.toContainText('657 once-valuable');
  await expect(insights.locator('[data-insight=at-risk]')).toContainText('4 once-valuable customers are slipping away');
  await expect(insights.locator('[data-insight=at-risk]')).toContainText('5,537.30, 2.8% of revenue');
  await expect(page.getByTestId('filters-scope')).toContainText('all data');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export report' }).click();
  const report = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(report.insights.length).toBeGreaterThan(2);
  expect(report.insights.every((i: { filters: string }) => i.filters === 'Country = France')).toBe(true);
  const top = report.insights.find((i: { id: string }) => i.id === 'concentration');
  expect(top.text).toContain('(9)');
});
