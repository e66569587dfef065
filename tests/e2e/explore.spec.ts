// Issue 7 end to end: a click on a bar or a map region filters every view, the filters
// and tab live in the URL so a shared link reproduces them in a fresh browser, a date
// brush sets the range, ?embed= shows one chart alone, the embed snippet, insights, and
// the print stylesheet.
import { fileURLToPath } from 'node:url';
import { expect, kpiExact, test, waitReady } from './fixtures';

// the page's logic, not the engine: the single-threaded build keeps the suite short (fixtures.ts, EngineChoice)
test.use({ engine: 'single' });

const UCI = fileURLToPath(new URL('../fixtures/online_retail_uci.csv.gz', import.meta.url));
const money = (s: string): number => Number(s.replace(/[^0-9.−-]/g, '').replace('−', '-'));

test('a click on a bar filters every view, and the link reproduces it in a fresh browser', async ({ page, browser, baseURL }) => {
  await page.goto('/');
  await waitReady(page);
  const all = money(await kpiExact(page, 'gross_sales'));
  await page.getByRole('button', { name: 'Breakdowns', exact: true }).click();
  const germany = page.locator('[data-board=country] svg path[aria-roledescription="bar"][aria-label*="Germany"]').first();
  await expect(germany).toBeVisible({ timeout: 60_000 });
  await germany.click({ force: true });
  await expect(page.getByTestId('filters')).toContainText('Country: Germany');
  await expect(page).toHaveURL(/f\.country=Germany/);
  await waitReady(page);
  await page.getByRole('button', { name: 'Overview', exact: true }).click();
  await expect.poll(async () => money(await kpiExact(page, 'gross_sales'))).toBeLessThan(all);
  const filtered = await kpiExact(page, 'gross_sales');
  // the country leaderboard now holds Germany alone
  await page.getByRole('button', { name: 'Breakdowns', exact: true }).click();
  await expect(page.locator('[data-board=country] svg path[aria-roledescription="bar"][aria-label*="France"]')).toHaveCount(0, { timeout: 60_000 });

  // a fresh browser context (no shared state) opening the same address sees the same
  const context = await browser.newContext({ baseURL });
  const fresh = await context.newPage();
  await fresh.goto(page.url().replace(/^https?:\/\/[^/]+/, ''));
  await waitReady(fresh);
  await expect(fresh.getByTestId('filters')).toContainText('Country: Germany');
  await expect(fresh.getByRole('button', { name: 'Breakdowns', exact: true })).toHaveAttribute('aria-current', 'page');
  await fresh.getByRole('button', { name: 'Overview', exact: true }).click();
  expect(await kpiExact(fresh, 'gross_sales')).toBe(filtered);
  await context.close();

  // removing the chip restores the whole data
  await page.getByRole('button', { name: 'Remove Country Germany' }).click();
  await page.getByRole('button', { name: 'Overview', exact: true }).click();
  await expect.poll(async () => money(await kpiExact(page, 'gross_sales'))).toBe(all);
});

test('a click on a country of the UCI map filters every view', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.setInputFiles('[data-testid=file-input]', UCI);
  await expect(page.locator('header')).toContainText('online_retail_uci.csv.gz', { timeout: 90_000 });
  await waitReady(page);
  await page.getByRole('button', { name: 'Breakdowns', exact: true }).click();
  await expect(page.getByTestId('unmatched')).toContainText('Channel Islands', { timeout: 60_000 });
  const ireland = page.getByTestId('map').locator('svg [aria-label*="Ireland"]').first();
  await ireland.click({ force: true });
  await expect(page.getByTestId('filters')).toContainText('Country: EIRE');
  await waitReady(page);
  await page.getByRole('button', { name: 'Overview', exact: true }).click();
  // EIRE: 3 customers in the cleaned UCI data (pandas: sales with Country == "EIRE", CustomerID nunique)
  await expect(page.locator('[data-kpi=customers] .value')).toHaveText('3');
});

test('dragging across the daily series sets a date filter', async ({ page }) => {
  await page.goto('/?tab=trends');
  await waitReady(page);
  const chart = page.getByTestId('series').locator('svg').first();
  await expect(chart).toBeVisible({ timeout: 60_000 });
  // let every part of the view load first: the business figures above the chart push it
  // down when they arrive, and a drag measured before that would miss it
  await expect(page.getByTestId('best-days')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('[data-stat=b-gross]')).toBeVisible({ timeout: 60_000 });
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  if (!box) throw new Error('no chart box');
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 15 });
  await page.mouse.up();
  await expect(page.getByTestId('filters')).toContainText('Dates:', { timeout: 15_000 });
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}.*to=\d{4}-\d{2}-\d{2}|to=.*from=/);
});

test('?embed= shows one chart alone; the Embed button gives its snippet', async ({ page }) => {
  await page.goto('/?tab=trends');
  await waitReady(page);
  const series = page.getByTestId('series');
  await series.locator('figure').hover();
  await series.getByRole('button', { name: 'Embed' }).click();
  const snippet = await page.getByTestId('embed-snippet').inputValue();
  const origin = new URL(page.url()).origin;
  expect(snippet.startsWith(`<iframe src="${origin}/embed.html?tab=trends&amp;embed=series" `)).toBe(true);

  await page.goto('/?embed=leaderboard-category&f.country=France');
  await expect(page.locator('[data-testid=embed][data-ready=true]')).toBeVisible({ timeout: 90_000 });
  await expect(page.locator('figure.chart svg')).toHaveCount(1, { timeout: 60_000 });
  await expect(page.locator('header')).toHaveCount(0);
  await expect(page.locator('nav')).toHaveCount(0);
  await expect(page.getByTestId('embed')).toContainText('filtered');

  await page.goto('/?embed=nonsense');
  await expect(page.getByTestId('embed')).toContainText('Unknown view');
});

test('insights link to their views, and printing hides the page chrome', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  const insights = page.getByTestId('insights');
  await expect(insights.locator('[data-insight=concentration]')).toContainText('top 10% of customers', { timeout: 60_000 });
  await expect(insights.locator('[data-insight=weekdays]')).toContainText('strongest day of the week');
  await expect(insights.locator('[data-insight=at-risk]')).toBeVisible();
  await expect(insights.locator('[data-insight=forecast]')).toContainText('The forecast expects');
  await insights.locator('[data-insight=at-risk]').getByRole('button').click();
  await expect(page.getByTestId('rfm')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('nav')).toBeHidden();
  await expect(page.locator('header .actions')).toBeHidden();
});
