// The SQL console end to end on the built-in sample: a query runs and its grid, chart and
// CSV agree with figures worked out apart from the app (SAMPLE.md: 10 categories; the
// Electronics total summed from the CSV with Python's csv module after the documented
// cleaning rules: bad dates and exact duplicates dropped, returns and zero amounts apart); a result over 10,000
// rows shows the first 10,000 and exports all; DuckDB's errors show inline and the
// console keeps working; a long query is cancelled; history survives a reload.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test, waitReady } from './fixtures';

const CATEGORY_SQL = 'SELECT category, sum(amount) AS revenue FROM sales GROUP BY 1 ORDER BY 2 DESC';

async function openConsole(page: Page): Promise<void> {
  // the SQL tab is linkable: ?tab=sql opens it directly
  await page.goto('/?tab=sql');
  await waitReady(page);
  await expect(page.getByTestId('sql-editor')).toBeVisible();
}

async function runSql(page: Page, sql: string): Promise<void> {
  const editor = page.getByTestId('sql-editor');
  await editor.fill(sql);
  await editor.press('Control+Enter');
}

test('a SQL query runs, charts and exports; errors show inline', async ({ page }) => {
  await openConsole(page);
  await expect(page.getByRole('button', { name: 'SQL', exact: true })).toHaveAttribute('aria-current', 'page');

  // the side list: canonical tables with columns and row counts; the staging table hidden
  const schema = page.getByTestId('sql-schema');
  await expect(schema.locator('[data-table=sales]')).toContainText('view');
  await expect(schema.locator('[data-table=sales]')).toContainText('customer_id');
  await expect(schema.locator('[data-table=raw]')).toContainText('103,160 rows');
  await expect(schema.locator('[data-table=customers]')).toContainText('rows');
  await expect(schema.locator('[data-table=raw_next]')).toHaveCount(0);

  await runSql(page, CATEGORY_SQL);
  await expect(page.getByTestId('sql-status')).toContainText('10 rows');
  const grid = page.getByTestId('sql-grid');
  await expect(grid.locator('tbody tr')).toHaveCount(10);
  await expect(grid.locator('thead')).toContainText('category');
  await expect(grid.locator('thead')).toContainText('DOUBLE');
  // thousands separators on screen
  await expect(grid.locator('tbody tr').first()).toContainText('Electronics');
  // net of matched returns (scripts/reference/sample_returns.py; 1,772,454.71 gross)
  await expect(grid.locator('tbody tr').first()).toContainText('1,731,761.35');

  // one click: a ranked bar chart of revenue by category
  await page.getByTestId('sql-chart-toggle').click();
  const chart = page.getByTestId('sql-chart');
  await expect(chart).toContainText('Ranked bars');
  await expect(chart.locator('svg').first()).toBeVisible();
  await expect(chart.locator('svg [aria-roledescription=bar]')).toHaveCount(10);
  await expect(chart.locator('svg')).toContainText('revenue by category');

  // CSV: header and one line per row, values unformatted
  const download = page.waitForEvent('download');
  await page.getByTestId('sql-csv').click();
  const csv = readFileSync(await (await download).path(), 'utf8').trimEnd().split('\n');
  expect(csv[0]).toBe('category,revenue');
  expect(csv).toHaveLength(11);
  expect(csv[1]).toMatch(/^Electronics,1731761\.3[45]\d*$/);

  // a syntax error: DuckDB's message under the editor, the console still works
  await runSql(page, 'SELEC category FROM sales');
  const error = page.getByTestId('sql-error');
  await expect(error).toContainText('Parser Error: syntax error at or near "SELEC"');
  await expect(error).toContainText('LINE 1: SELEC category FROM sales');
  await expect(page.getByTestId('sql-grid')).toHaveCount(0);
  // a binder error points at the user's own line
  await runSql(page, 'SELECT\n  nope\nFROM sales');
  await expect(error).toContainText('Binder Error: Referenced column "nope" not found');
  await expect(error).toContainText('LINE 2:');
  await runSql(page, 'SELECT count(DISTINCT category) AS categories FROM sales');
  await expect(error).toHaveCount(0);
  await expect(page.getByTestId('sql-grid').locator('tbody tr').first()).toContainText('10');

  // statements that are not queries run as written and report "Done"
  await runSql(page, 'CREATE OR REPLACE TABLE top_categories AS SELECT category, sum(amount) AS revenue FROM sales GROUP BY 1 ORDER BY 2 DESC LIMIT 3');
  await expect(page.getByTestId('sql-status')).toContainText('Done');
  await expect(schema.locator('[data-table=top_categories]')).toContainText('3 rows');
});

test('a large result shows its first 10,000 rows and exports them all; a long query cancels', async ({ page }) => {
  await openConsole(page);
  await runSql(page, 'SELECT range AS i, TIMESTAMP \'2024-01-01\' + INTERVAL (range) MINUTE AS at, NULL::VARCHAR AS nothing FROM range(25000)');
  await expect(page.getByTestId('sql-status')).toContainText('Showing the first 10,000 rows');
  const grid = page.getByTestId('sql-grid');
  // one page of rows in the DOM, formatted: ISO timestamps and NULL apart
  await expect(grid.locator('tbody tr')).toHaveCount(100);
  await expect(grid.locator('tbody tr').nth(1)).toContainText('2024-01-01 00:01:00');
  await expect(grid.locator('tbody tr').first().locator('td.null')).toHaveText('NULL');
  await grid.getByRole('button', { name: 'Last page' }).click();
  await expect(grid.locator('tbody tr').last()).toContainText('9,999');
  // sorting the shown rows (back to the first page)
  await grid.getByRole('button', { name: /^i\b/ }).click();
  await grid.getByRole('button', { name: /^i\b/ }).click();
  await expect(grid.locator('tbody tr').first()).toContainText('9,999');

  const download = page.waitForEvent('download');
  await page.getByTestId('sql-csv').click();
  const csv = readFileSync(await (await download).path(), 'utf8').trimEnd().split('\n');
  expect(csv[0]).toBe('i,at,nothing');
  expect(csv).toHaveLength(25_001);
  expect(csv[25_000]).toBe('24999,2024-01-18 08:39:00,');

  // a query that would run for minutes: Cancel stops it and the engine stays usable
  await runSql(page, 'SELECT sum(a.range * b.range) AS s FROM range(300000) a, range(300000) b');
  await expect(page.getByRole('status')).toContainText('Running…');
  await page.waitForTimeout(700);
  await page.getByTestId('sql-cancel').click();
  await expect(page.getByTestId('sql-status')).toContainText('Cancelled after', { timeout: 15_000 });
  await runSql(page, 'SELECT 42 AS answer');
  await expect(page.getByTestId('sql-grid').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('sql-grid')).toContainText('42');
});

test('history survives a reload; names insert from the side list', async ({ page }) => {
  await openConsole(page);
  await runSql(page, CATEGORY_SQL);
  await expect(page.getByTestId('sql-status')).toContainText('10 rows');
  await runSql(page, 'SELECT 7 AS seven');
  await expect(page.getByTestId('sql-grid')).toContainText('7');

  await page.reload();
  await waitReady(page);
  // the last query is in the link: it is back in the editor and has run again
  await expect(page.getByTestId('sql-editor')).toHaveValue('SELECT 7 AS seven');
  await expect(page.getByTestId('sql-grid').locator('tbody tr')).toHaveCount(1);
  const history = page.getByTestId('sql-history');
  await expect(history.locator('li')).toHaveCount(2);
  await expect(history.locator('li').first()).toContainText('SELECT 7 AS seven');
  await history.locator('li').nth(1).getByRole('button').click();
  await expect(page.getByTestId('sql-editor')).toHaveValue(CATEGORY_SQL);
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('sql-grid').locator('tbody tr')).toHaveCount(10);

  // another tab and back: the result and the editor text are still there
  await page.getByTestId('sql-editor').fill(`${CATEGORY_SQL}\n-- unsent edit`);
  await page.getByRole('button', { name: 'Overview', exact: true }).click();
  await expect(page.getByTestId('sql-editor')).toHaveCount(0);
  await page.getByRole('button', { name: 'SQL', exact: true }).click();
  await expect(page.getByTestId('sql-editor')).toHaveValue(`${CATEGORY_SQL}\n-- unsent edit`);
  await expect(page.getByTestId('sql-grid').locator('tbody tr')).toHaveCount(10);

  // clicking names inserts them at the cursor, quoted when they must be
  const editor = page.getByTestId('sql-editor');
  await editor.fill('SELECT count(*) FROM ');
  await editor.press('End');
  await page.getByTestId('sql-schema').locator('[data-table=raw] button.name').first().click();
  await expect(editor).toHaveValue('SELECT count(*) FROM raw');
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('sql-grid')).toContainText('103,160');
  await page.getByRole('button', { name: 'Show columns of raw' }).click();
  await editor.fill('SELECT ');
  await editor.press('End');
  await page.getByTestId('sql-schema').locator('[data-table=raw]').getByRole('button', { name: 'Transaction_ID' }).click();
  await expect(editor).toHaveValue('SELECT "Transaction_ID"');

  // an example one click away
  await page.getByLabel('Example queries').selectOption({ label: 'Monthly revenue, 3-month moving average' });
  await expect(editor).toHaveValue(/revenue_3m_avg/);
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('sql-status')).toContainText('24 rows');
  await page.getByTestId('sql-chart-toggle').click();
  await expect(page.getByTestId('sql-chart')).toContainText('Line over time');
});
