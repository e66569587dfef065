// The foundation issue end to end in Chromium: sample on first load, the UCI figures on
// the page and in report.json, a role change re-running, drag and drop, ?data=, cancel,
// and every bad input giving a message while the previous data stays. The fixture
// asserts that no request leaves the page's origin in any of these sessions.
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { duckdbVariantOf, expect, kpiExact, kpiValue, test, waitReady } from './fixtures';

const UCI = fileURLToPath(new URL('../fixtures/online_retail_uci.csv.gz', import.meta.url));

test('opens on the built-in sample dashboard', async ({ page, watch }) => {
  await page.goto('/');
  await waitReady(page);
  await expect(page.locator('header')).toContainText('Built-in sample');
  expect(Number((await kpiValue(page, 'transactions')).replaceAll(',', ''))).toBeGreaterThan(40_000);
  await page.getByRole('button', { name: 'Data quality' }).click();
  const dupes = page.locator('[data-rule=duplicates] td.num').first();
  expect(Number((await dupes.textContent())?.replaceAll(',', ''))).toBeGreaterThan(0);
  expect(Number((await page.locator('[data-rule=badDates] td.num').first().textContent())?.replaceAll(',', ''))).toBeGreaterThan(0);
  expect(watch.requests.some((u) => u.includes('duckdb'))).toBe(true);
  // vite preview sends COOP/COEP, so with two cores or more the multithreaded DuckDB build
  // runs, on fewer the single-threaded one (its wasm came from our origin either way)
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const variant = await duckdbVariantOf(page);
  expect(watch.requests.some((u) => u.includes(`duckdb-${variant}`) && u.endsWith('.wasm'))).toBe(true);
  expect(watch.requests.some((u) => /duckdb-(mvp|eh|coi)-[^/]*\.wasm$/.test(u) && !u.includes(`duckdb-${variant}`))).toBe(false);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(page.getByTestId('engine')).toHaveText(`DuckDB v1.4.3 · ${variant === 'coi' ? `${Math.min(cores, 3)} threads` : 'one thread'}`);
});

test('the UCI file gives the pandas figures on the page and in report.json', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.setInputFiles('[data-testid=file-input]', UCI);
  await expect(page.locator('header')).toContainText('online_retail_uci.csv.gz', { timeout: 90_000 });
  await waitReady(page);
  expect(await kpiExact(page, 'gross_sales')).toBe('10,642,110.80');
  expect(await kpiExact(page, 'returns')).toBe('−916,103.85 over 10,589 rows; −469,435.81 matched to their purchases');
  expect(await kpiExact(page, 'net_sales')).toBe('9,726,006.95 = gross sales + returns');
  // net of the returns matched to their purchases (scripts/reference/uci_cleaning.py, uci_returns.py)
  expect(await kpiValue(page, 'transactions')).toBe('19,802');
  expect(await kpiValue(page, 'customers')).toBe('4,327');
  expect(await kpiValue(page, 'aov')).toBe('513.54');
  await expect(page.locator('main')).toContainText('305 days with sales');

  await page.getByRole('button', { name: 'Data quality' }).click();
  const count = async (rule: string): Promise<string> => ((await page.locator(`[data-rule=${rule}] td.num`).first().textContent()) ?? '').trim();
  expect(await count('duplicates')).toBe('5,268');
  expect(await count('returns')).toBe('10,589');
  expect(await count('zeroAmount')).toBe('1,174');
  expect(await count('missingCustomer')).toBe('132,186');
  expect(await count('netReturns')).toBe('7,474');
  await expect(page.getByTestId('returns-matching')).toContainText('7,474 returns matched to their purchases, value −469,435.81; 3,115 unmatched, value −446,668.04');
  await expect(page.locator('[data-testid=rules]')).toContainText('522,091');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export report' }).click();
  const file = await (await download).path();
  const report = JSON.parse(readFileSync(file, 'utf8'));
  expect(report.dataset.name).toBe('online_retail_uci.csv.gz');
  expect(report.dataset.rows_in).toBe(541_909);
  expect(report.dataset.grain).toBe('transaction');
  expect(report.dataset.date_format).toBe('YYYY-MM-DD hh:mm:ss');
  expect(report.dataset.columns).toContainEqual({ name: 'CustomerID', type: 'number', role: 'customer' });
  expect(report.quality).toMatchObject({
    bad_date: 0, duplicates: 5268, missing_amount: 0, returns_rows: 10589, returns_value: -916103.85,
    zero_rows: 1174, missing_customer: 132186, rows_clean: 522091,
    returns_matched_rows: 7474, returns_matched_value: -469435.81, returns_unmatched_rows: 3115, returns_unmatched_value: -446668.04,
  });
  expect(report.quality.checks.length).toBeGreaterThan(3);
  expect(report.kpis).toMatchObject({
    gross_sales: 10642110.8, returns: -916103.85, net_sales: 9726006.95, sales_value: 10169115.65, transactions: 19802, customers: 4327,
    aov: 513.54, first_date: '2010-12-01', last_date: '2011-12-09', days: 305,
  });
  expect(typeof report.app.version).toBe('string');
});

test('changing a role re-runs the analysis without reloading', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.setInputFiles('[data-testid=file-input]', UCI);
  await expect(page.locator('header')).toContainText('online_retail_uci.csv.gz', { timeout: 90_000 });
  await waitReady(page);
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByLabel('Role of InvoiceNo').selectOption('ignore');
  await page.getByTestId('apply-mapping').click();
  await page.getByRole('button', { name: 'Overview' }).click();
  // without invoice numbers every sale line is its own transaction
  await expect(page.locator('[data-kpi=transactions] .value')).toHaveText('522,091');
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('button', { name: 'Reset to detected' }).click();
  await page.getByTestId('apply-mapping').click();
  await page.getByRole('button', { name: 'Overview' }).click();
  await expect(page.locator('[data-kpi=transactions] .value')).toHaveText('19,802');
  // rule 4b switched off: orders cancelled in full count as transactions again
  await page.getByRole('button', { name: 'Data quality' }).click();
  await page.locator('[data-rule=netReturns] input[type=checkbox]').uncheck();
  await page.getByRole('button', { name: 'Overview' }).click();
  await expect(page.locator('[data-kpi=transactions] .value')).toHaveText('19,960');
});

test('a file dropped on the page is loaded', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.evaluate(() => {
    const csv = 'order_id,customer,date,amount\nA1,c1,2024-01-02,10.50\nA2,c2,2024-01-03,4.50\nA3,c1,2024-02-01,5.00\n';
    const dt = new DataTransfer();
    dt.items.add(new File([csv], 'dropped.csv', { type: 'text/csv' }));
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await expect(page.locator('header')).toContainText('dropped.csv');
  await waitReady(page);
  expect(await kpiExact(page, 'gross_sales')).toBe('20.00');
  expect(await kpiValue(page, 'customers')).toBe('2');
});

test('?data=<url> loads that CSV', async ({ page }) => {
  await page.route((url) => url.pathname === '/shop-export.csv', (route) =>
    route.fulfill({ status: 200, contentType: 'text/csv', body: 'Customer ID;Order Date;Total\nx;01.02.2024;1.234,50\ny;13.02.2024;10,00\n' }),
  );
  await page.goto('/?data=./shop-export.csv');
  await waitReady(page);
  expect(await kpiExact(page, 'gross_sales')).toBe('1,244.50');
  await page.getByRole('button', { name: 'Columns' }).click();
  await expect(page.getByTestId('date-format')).toContainText('D.M.YYYY');
});

test('Cancel stops a load and keeps the previous data', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'big-'));
  const path = join(dir, 'big.csv');
  const lines = ['customer,date,amount'];
  for (let i = 0; i < 1_500_000; i++) lines.push(`c${i % 5000},2024-0${1 + (i % 9)}-1${i % 10},${(i % 97) + 0.5}`);
  writeFileSync(path, lines.join('\n'));
  await page.goto('/');
  await waitReady(page);
  await page.setInputFiles('[data-testid=file-input]', path);
  await expect(page.getByTestId('load-progress')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('error')).toContainText('Loading cancelled');
  await expect(page.locator('header')).toContainText('Built-in sample');
  await expect(page.locator('[data-kpi=gross_sales]')).toBeVisible();
});

const BAD: { name: string; body: Buffer; title: RegExp }[] = [
  { name: 'empty.csv', body: Buffer.alloc(0), title: /empty/i },
  { name: 'header-only.csv', body: Buffer.from('customer_id,order_date,amount\n'), title: /no data rows/i },
  { name: 'image.csv', body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]), title: /image \(PNG\)/i },
  { name: 'notes.txt', body: Buffer.from('Dear team,\nplease find the numbers attached.\nBest regards\n'), title: /does not look like a table|no customer, date or amount/i },
  { name: 'report.xlsx', body: Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]), title: /workbook|spreadsheet|zip|damaged/i },
  { name: 'pets.csv', body: Buffer.from('name,colour,legs\nRex,brown,4\nTweety,yellow,2\n'), title: /no customer, date or amount/i },
];

// one page for all of them (a step each): every test's fresh page costs a cold start
test(`bad inputs (${BAD.map((b) => b.name).join(', ')}) each get a clear message, the sample stays, Dismiss clears it`, async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  const before = await kpiExact(page, 'gross_sales');
  const error = page.getByTestId('error');
  for (const bad of BAD) {
    await test.step(bad.name, async () => {
      await page.getByRole('button', { name: 'Overview' }).click();
      await page.setInputFiles('[data-testid=file-input]', { name: bad.name, mimeType: 'text/csv', buffer: bad.body });
      await expect(error).toBeVisible();
      await expect(error.locator('strong')).toHaveText(bad.title);
      await expect(error).toContainText('Still showing: Built-in sample');
      expect(await kpiExact(page, 'gross_sales')).toBe(before);
      // the page stays usable: the Columns tab still answers
      await page.getByRole('button', { name: 'Columns' }).click();
      await expect(page.locator('table')).toBeVisible();
      // dismissed, so the next file's message is its own
      await error.getByRole('button', { name: 'Dismiss' }).click();
      await expect(error).toHaveCount(0);
    });
  }
});
