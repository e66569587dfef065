// Issue 3 end to end: the customer metrics and trends of the UCI file on the page and in
// report.json (figures computed independently with pandas), every view drawing on the
// sample, sortable tables with CSV export, chart PNG/SVG export, the grain switch in the
// URL, and a customer-level file saying plainly what needs a date.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, waitReady } from './fixtures';

// the page's logic, not the engine: the single-threaded build keeps the suite short (fixtures.ts, EngineChoice)
test.use({ engine: 'single' });

const UCI = fileURLToPath(new URL('../fixtures/online_retail_uci.csv.gz', import.meta.url));

test('UCI customer metrics and trends match pandas, on the page and in report.json', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.setInputFiles('[data-testid=file-input]', UCI);
  await expect(page.locator('header')).toContainText('online_retail_uci.csv.gz', { timeout: 90_000 });
  await waitReady(page);

  await page.getByRole('button', { name: 'Customers', exact: true }).click();
  await expect(page.locator('[data-stat=repeat] .value')).toHaveText('2,837');
  await expect(page.locator('[data-stat=recency] .value')).toHaveText('50 days');
  const top = page.getByTestId('top-spend').locator('tbody tr');
  await expect(top.nth(0)).toContainText('14646');
  await expect(top.nth(0)).toContainText('279,765.02');
  await expect(top.nth(0)).toContainText('73');
  await expect(top.nth(1)).toContainText('18102');
  await expect(top.nth(1)).toContainText('259,657.30');
  await expect(top.nth(2)).toContainText('17450');
  await expect(top.nth(2)).toContainText('189,575.53');

  // a customer's purchase history carries the window-function columns
  await top.nth(0).click();
  const history = page.getByTestId('history');
  await expect(history).toContainText('73 rows');
  await expect(history.locator('thead')).toContainText('Days since previous');
  await expect(history.locator('tbody tr').first()).toContainText('1');

  await page.getByRole('button', { name: 'Trends', exact: true }).click();
  const best = page.getByTestId('best-days').locator('tbody tr').first();
  // 9 Dec 2011 ends at 12:50 (a partial day, left out of best days), and net of matched returns
  // (uci_metrics.py best_full_day)
  await expect(best).toContainText('14 Nov 2011');
  await expect(best).toContainText('113,865.36');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export report' }).click();
  const report = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(report.customers.count).toBe(4327);
  expect(report.customers.repeat_customers).toBe(2837);
  expect(report.customers.median_recency_days).toBe(50);
  expect(report.customers.top_by_spend.slice(0, 3)).toEqual([
    { customer: '14646', spend: 279765.02, visits: 73 },
    { customer: '18102', spend: 259657.3, visits: 60 },
    { customer: '17450', spend: 189575.53, visits: 45 },
  ]);
  expect(report.customers.top_by_spend).toHaveLength(10);
  expect(report.customers.top_repeat).toHaveLength(10);
  expect(report.customers.pareto.top10pct).toBeCloseTo(0.602, 3);
  expect(report.trends.days).toBe(305);
  expect(report.trends.best_day).toEqual({ date: '2011-11-14', revenue: 113865.36 });
  expect(report.trends.worst_day).toEqual({ date: '2011-02-06', revenue: 3439.67 });
  const month = (m: string) => report.trends.monthly.find((x: { month: string }) => x.month === m);
  expect(month('2010-12').revenue).toBe(806724.27);
  expect(month('2011-11').revenue).toBe(1485280.95);
});

test('every dashboard view draws on the sample; tables sort and export CSV; charts export PNG and SVG', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  for (const tab of ['Customers', 'Trends', 'Breakdowns']) {
    await page.getByRole('button', { name: tab, exact: true }).click();
    await expect(page.locator('figure.chart svg').first()).toBeVisible({ timeout: 60_000 });
    await expect.poll(() => page.locator('figure.chart svg').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  }

  await page.getByRole('button', { name: 'Customers', exact: true }).click();
  const table = page.getByTestId('all-customers');
  await table.getByRole('button', { name: 'Transactions' }).click();
  const first = Number((await table.locator('tbody tr').first().locator('td').nth(1).textContent())?.replaceAll(',', ''));
  const second = Number((await table.locator('tbody tr').nth(1).locator('td').nth(1).textContent())?.replaceAll(',', ''));
  expect(first).toBeGreaterThanOrEqual(second);
  const csvDownload = page.waitForEvent('download');
  await table.getByRole('button', { name: 'Download CSV' }).click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8');
  expect(csv.split('\n')[0]).toBe('Customer,Transactions,Spend,Gross spend,Returns,Avg spend,Items,First purchase,Last purchase,Recency,Tenure,Mean days between,Favourite category,Favourite product');
  // 4,503 customers keep a net purchase once returns are matched (scripts/reference/sample_returns.py)
  expect(csv.trim().split('\n').length).toBe(4504);

  const chart = page.locator('figure.chart').first();
  await chart.hover();
  const png = page.waitForEvent('download');
  await chart.getByRole('button', { name: 'PNG' }).click();
  expect((await png).suggestedFilename()).toMatch(/\.png$/);
  const svg = page.waitForEvent('download');
  await chart.getByRole('button', { name: 'SVG' }).click();
  const svgText = readFileSync(await (await svg).path(), 'utf8');
  expect(svgText).toContain('<svg');
  expect(svgText).toContain('Revenue concentration');
});

test('the grain switch lives in the URL and survives a reload', async ({ page }) => {
  await page.goto('/?tab=trends');
  await waitReady(page);
  await page.getByTestId('series').getByRole('button', { name: 'Month' }).click();
  await expect(page).toHaveURL(/grain=month/);
  await expect(page.getByTestId('series')).toContainText('Revenue by month');
  await page.reload();
  await waitReady(page);
  await expect(page.getByTestId('series')).toContainText('Revenue by month', { timeout: 60_000 });
});

test('a customer-level file shows what it allows and says trends need a date', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  const rows = ['CustomerID,Gender,Age,Annual Income (k$),Spending Score (1-100)'];
  for (let i = 1; i <= 60; i++) rows.push(`${i},${i % 3 ? 'Female' : 'Male'},${18 + ((i * 7) % 50)},${15 + ((i * 13) % 120)},${1 + ((i * 37) % 99)}`);
  await page.setInputFiles('[data-testid=file-input]', { name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await expect(page.locator('header')).toContainText('one row per customer');
  await expect(page.locator('[data-kpi=customers] .value')).toHaveText('60');
  await page.getByRole('button', { name: 'Trends', exact: true }).click();
  await expect(page.locator('main')).toContainText('Trends need a date column');
  await page.getByRole('button', { name: 'Breakdowns', exact: true }).click();
  await expect(page.locator('main')).toContainText('one row per customer');
  await expect(page.locator('[data-board=gender]')).toBeVisible();
  await expect(page.locator('figure.chart').filter({ hasText: 'Spending score (1-100) vs income (k$)' })).toBeVisible();
  // segmentation: rules need spend, k-means clusters the attributes (all numeric ones by default)
  await page.getByRole('button', { name: 'Segments', exact: true }).click();
  await expect(page.getByTestId('rule-segments')).toContainText('need spend');
  await expect(page.getByTestId('cluster-summary')).toContainText('60 customers', { timeout: 60_000 });
  await expect(page.getByTestId('clusters')).toContainText('Age');
});
