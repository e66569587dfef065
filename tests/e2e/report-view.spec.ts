// A saved report.json opened in the browser: exported from the sample through the UI, then
// opened by drag and drop and by ?report=<url>. The banner names the source, every section
// the report holds has its tab, the KPI cards equal the live view's, and opening the report
// loads nothing but the report (no data file, no DuckDB). A cut-short file gives a message.
import type { Page } from '@playwright/test';
import { expect, kpiExact, kpiValue, test, waitReady } from './fixtures';

// the page's logic, not the engine: the single-threaded build keeps the suite short (fixtures.ts, EngineChoice)
test.use({ engine: 'single' });

const KPIS = ['gross_sales', 'returns', 'net_sales', 'transactions', 'customers', 'aov'];
const REPORT_TABS = ['Overview', 'Customers', 'Trends', 'Segments', 'Recommendations', 'Forecast', 'Lifetime value', 'Data quality'];

async function kpis(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const id of KPIS) out.push(`${await kpiValue(page, id)} | ${await kpiExact(page, id)}`);
  return out;
}

async function drop(page: Page, name: string, body: string): Promise<void> {
  const dt = await page.evaluateHandle(([n, t]) => {
    const x = new DataTransfer();
    x.items.add(new File([t as string], n as string, { type: 'application/json' }));
    return x;
  }, [name, body]);
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
}

async function tabLabels(page: Page): Promise<string[]> {
  return (await page.locator('nav[aria-label=Views] button').allTextContents()).map((t) => t.trim());
}

test('a report exported from the sample opens by drop and by ?report=, read-only, with the live figures', async ({ page, watch }) => {
  // one page through the whole story (the export runs every model once): allow for a busy machine
  test.setTimeout(240_000);
  await page.goto('/');
  await waitReady(page);
  const live = await kpis(page);
  const liveCustomers = await kpiValue(page, 'customers');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export report' }).click();
  const body = await (await download).createReadStream().then(async (s) => {
    const parts: Buffer[] = [];
    for await (const c of s) parts.push(c as Buffer);
    return Buffer.concat(parts).toString('utf8');
  });
  const report = JSON.parse(body) as { app: { generated_at: string; version: string } };
  const made = new Date(report.app.generated_at);
  const madeText = `made ${made.getUTCDate()} ${made.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })} ${made.getUTCFullYear()}, ${report.app.generated_at.slice(11, 16)} UTC by Basket Lens ${report.app.version}`;

  // 1. drag and drop
  await drop(page, 'report.json', body);
  const banner = page.getByTestId('report-banner');
  await expect(banner).toBeVisible();
  await expect(page.getByTestId('report-source')).toHaveText('Built-in sample (generated shop data)');
  await expect(page.getByTestId('report-rows')).toHaveText('103,160 rows');
  await expect(page.getByTestId('report-made')).toHaveText(madeText);
  await expect(banner).toContainText('Read-only');
  expect(await tabLabels(page)).toEqual(REPORT_TABS);
  expect(await kpis(page)).toEqual(live);
  // no SQL console or Columns tab (in the list above), no export of a recomputed report
  await expect(page.getByRole('button', { name: 'Export report' })).toHaveCount(0);
  // every tab shows its section
  const expectTab = async (label: string, check: () => Promise<void>): Promise<void> => {
    await page.locator('nav[aria-label=Views] button', { hasText: label }).first().click();
    await check();
  };
  await expectTab('Customers', async () => expect(page.locator('[data-stat=customers] .value')).toHaveText(liveCustomers));
  await expectTab('Trends', async () => expect(page.getByTestId('report-monthly')).toContainText('24 rows'));
  await expectTab('Segments', async () => expect(page.getByTestId('report-cluster-profiles')).toBeVisible());
  await expectTab('Recommendations', async () => expect(page.getByTestId('report-evaluation')).toContainText('Category favourites'));
  await expectTab('Forecast', async () => {
    await expect(page.getByTestId('report-forecast-points')).toContainText('6 rows');
    // the page's own chart component draws the saved points
    await expect(page.locator('main[data-testid=report-view] svg, main[data-testid=report-view] canvas').first()).toBeAttached();
  });
  await expectTab('Lifetime value', async () => expect(page.getByTestId('report-clv-top')).toContainText('10 rows'));
  await expectTab('Data quality', async () => expect(page.locator('[data-rule=duplicates] td.num')).toHaveText('391'));
  // the way back to the data that was loaded
  await page.getByTestId('report-back').click();
  await waitReady(page);
  await page.locator('nav[aria-label=Views] button', { hasText: 'Overview' }).first().click();
  expect(await kpis(page)).toEqual(live);

  // 2. ?report= on this site: only the report is fetched (no data file, no engine)
  await page.route((u) => u.pathname === '/shared/report.json', (r) => r.fulfill({ body, contentType: 'application/json' }));
  const from = watch.requests.length;
  await page.goto('/?report=/shared/report.json');
  await expect(page.getByTestId('report-source')).toHaveText('Built-in sample (generated shop data)');
  expect(await tabLabels(page)).toEqual(REPORT_TABS);
  expect(await kpis(page)).toEqual(live);
  const fetched = watch.requests.slice(from).map((u) => new URL(u)).filter((u) => !u.pathname.startsWith('/assets/') && u.pathname !== '/' && !u.pathname.endsWith('.css'));
  expect(fetched.map((u) => u.pathname)).toEqual(['/shared/report.json']);
  expect(watch.requests.slice(from).filter((u) => /sample\.csv|duckdb|\.wasm/.test(u))).toEqual([]);

  // 3. a hostile report: its values are text, nothing runs
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  const hostile = JSON.parse(body) as Record<string, Record<string, unknown>>;
  (hostile.dataset as Record<string, unknown>).name = evil;
  hostile.insights = [{ id: 'x', text: evil, figure: '<b>9</b>', tab: 'customers' }] as never;
  await drop(page, 'hostile.json', JSON.stringify(hostile));
  await expect(page.getByTestId('report-source')).toHaveText(evil);
  await expect(page.getByTestId('report-insights')).toContainText(evil);
  await expect(page.locator('main img, [data-testid=report-banner] img, main script, b')).toHaveCount(0);
  expect(dialogs).toEqual([]);

  // 4. a cut-short report dropped on it: a plain message, the open report stays
  await drop(page, 'cut.json', body.slice(0, 5000));
  await expect(page.getByTestId('error')).toContainText('This report is damaged');
  await expect(page.getByTestId('report-source')).toHaveText(evil);

  // 5. ?report= on another site asks first (as ?data= does) and fetches nothing before
  await page.goto('/?report=https://reports.example.org/weekly/report.json');
  await expect(page.getByTestId('data-consent')).toContainText('This link loads a saved report from reports.example.org. Load it?');
  await expect(page.getByTestId('report-banner')).toHaveCount(0);
});
