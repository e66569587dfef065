// Strict Content-Security-Policy, tested in the real browser: no 'unsafe-eval', and not one
// securitypolicyviolation while the sample and the UCI file load, every tab and chart draws,
// the SQL console charts a result and embed mode shows several views. Also: ?data= on
// another site asks first and makes no request before the user agrees.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test, waitReady } from './fixtures';
import { openTab, TAB_LABELS } from './tabs';

const UCI = fileURLToPath(new URL('../fixtures/online_retail_uci.csv.gz', import.meta.url));

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  sample: string;
}

/** Records every CSP violation of every page load (documents, and console reports from workers). */
async function watchCsp(page: Page): Promise<Violation[]> {
  const seen: Violation[] = [];
  await page.exposeBinding('__cspViolation', (_src, v: Violation) => void seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { __cspViolation: (v: unknown) => void };
      void w.__cspViolation({ directive: e.effectiveDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}`, sample: e.sample });
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push({ directive: 'console', blocked: '', source: m.location().url, sample: m.text() });
  });
  return seen;
}

/** Every chart on the page has drawn: an <svg> with at least one mark path or symbol. */
async function expectChartsDrawn(page: Page, where: string): Promise<number> {
  const figures = page.locator('figure.chart');
  const n = await figures.count();
  for (let i = 0; i < n; i++) {
    const fig = figures.nth(i);
    await expect(fig.locator('.host svg'), `${where}: chart ${i + 1} has an svg`).toHaveCount(1, { timeout: 30_000 });
    await expect(fig, `${where}: chart ${i + 1} drew`).not.toContainText('could not be drawn');
    const marks = await fig.locator('.host svg [role=graphics-symbol], .host svg .mark-text text, .host svg .mark-rect path, .host svg .mark-line path').count();
    expect(marks, `${where}: chart ${i + 1} has marks`).toBeGreaterThan(0);
  }
  return n;
}

test.describe.configure({ timeout: 240_000 });

test('no CSP violation across the sample, the UCI file, every tab and chart, the SQL console and embed mode', async ({ page, watch }) => {
  void watch;
  const violations = await watchCsp(page);
  const response = await page.goto('/');
  // the header and the <meta> policy: no 'unsafe-eval', no other host, framing closed
  const header = response?.headers()['content-security-policy'] ?? '';
  expect(header).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(header).toContain("frame-ancestors 'none'");
  const meta = (await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content')) ?? '';
  for (const policy of [header, meta]) {
    expect(policy.replace("'wasm-unsafe-eval'", '')).not.toContain('unsafe-eval');
    expect(policy).toContain("connect-src 'self' blob: data:;");
    expect(policy).toContain("object-src 'none'");
  }
  await waitReady(page);
  let charts = 0;
  for (const label of TAB_LABELS) {
    await openTab(page, label);
    charts += await expectChartsDrawn(page, `sample ${label}`);
  }
  expect(charts, 'charts drawn over all tabs').toBeGreaterThan(15);

  // a tooltip: hover a weekday bar; vega-tooltip shows it (styled by app.css, no injected <style>)
  await openTab(page, 'Trends');
  await page.locator('main .host svg path[aria-roledescription=bar]').nth(3).hover({ force: true });
  const tip = page.locator('#vg-tooltip-element.visible');
  await expect(tip).toContainText('Average revenue per day', { timeout: 10_000 });
  expect(await tip.evaluate((e) => getComputedStyle(e).position)).toBe('fixed');

  // a customer's timeline (Recommendations → look up)
  await openTab(page, 'Recommendations');
  const firstId = (await page.getByTestId('recs').locator('tbody tr td').first().textContent())?.trim() ?? '';
  await page.getByLabel('Customer id').fill(firstId);
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByTestId('lookup-recs')).toBeVisible({ timeout: 30_000 });
  await expectChartsDrawn(page, 'customer timeline');

  // the SQL console: run a query and chart it
  await openTab(page, 'SQL');
  const editor = page.getByTestId('sql-editor');
  await editor.fill("SELECT date_trunc('month', ts) AS month, sum(amount) AS revenue FROM sales GROUP BY 1 ORDER BY 1");
  await editor.press('Control+Enter');
  await expect(page.getByTestId('sql-status')).toContainText('rows', { timeout: 30_000 });
  const toggle = page.getByTestId('sql-chart-toggle');
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await expect(page.getByTestId('sql-chart-figure').locator('.host svg')).toHaveCount(1, { timeout: 30_000 });
  await expectChartsDrawn(page, 'SQL console');

  // the UCI file: a second dataset through the same views (the map has countries here)
  await page.setInputFiles('[data-testid=file-input]', UCI);
  await expect(page.locator('header .name')).toContainText('online_retail_uci.csv.gz', { timeout: 90_000 });
  await waitReady(page);
  for (const label of ['Trends', 'Breakdowns']) {
    await openTab(page, label);
    await expectChartsDrawn(page, `UCI ${label}`);
  }
  await expect(page.getByTestId('map').locator('.host svg [aria-roledescription=geoshape]').first()).toBeAttached();

  // embed mode: several views on their own, from embed.html (the page others may frame)
  for (const id of ['series', 'pareto', 'map']) {
    const r = await page.goto(`/embed.html?embed=${id}`);
    expect(r?.headers()['content-security-policy'] ?? '').toContain('frame-ancestors *');
    await expect(page.locator('[data-testid=embed][data-ready=true]')).toBeVisible({ timeout: 90_000 });
    await expect(page.locator('figure.chart .host svg').first()).toBeVisible({ timeout: 60_000 });
    await expectChartsDrawn(page, `embed ${id}`);
  }

  expect(violations, 'Content-Security-Policy violations').toEqual([]);
});

test('?data= on another site asks first and requests nothing before consent', async ({ page }) => {
  const violations = await watchCsp(page);
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).hostname === 'data.example.org') foreign.push(r.url());
  });
  // if the browser ever did ask the host, answer locally instead of touching the network
  await page.route('http://data.example.org/**', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto('/?data=http://data.example.org/shop.csv');
  // eval really is refused under this page's policy, so every chart drawn proves the interpreter
  // path. (page.evaluate itself runs exempt from CSP, so ask a blob: worker, which inherits it.)
  const evalResult = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const src = "try { new Function('return 1')(); postMessage('allowed'); } catch (e) { postMessage(e.name); }";
        const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
        w.onmessage = (e) => (resolve(String(e.data)), w.terminate());
      }),
  );
  expect(evalResult).toBe('EvalError');
  violations.length = 0;
  const dialog = page.getByTestId('data-consent');
  await expect(dialog).toContainText('This link loads data from data.example.org. Load it?');
  await expect(page.getByTestId('consent-load')).toBeFocused();
  await page.waitForTimeout(1500);
  expect(foreign, 'requests before consent').toEqual([]);

  // Load: the strict connect-src stops the request in the browser; the message names the host and the fix
  await page.getByTestId('consent-load').click();
  const error = page.getByTestId('error');
  await expect(error).toContainText('This site does not allow loading data from data.example.org', { timeout: 30_000 });
  await expect(error).toContainText('add http://data.example.org to connect-src');
  expect(foreign, 'blocked by connect-src before it left the browser').toEqual([]);
  expect(violations.map((v) => v.directive)).toContain('connect-src');

  // "Open the sample instead" loads the sample and drops ?data= from the address
  await page.goto('/?data=https://data.example.org/shop.csv');
  await page.getByTestId('consent-sample').click();
  await waitReady(page);
  expect(page.url()).not.toContain('data=');

  // a same-origin address loads at once, with no question
  await page.goto('/?data=./sample.csv.gz');
  await expect(page.getByTestId('data-consent')).toHaveCount(0);
  await waitReady(page);
  expect(foreign).toEqual([]);
});

test('another site may frame embed.html only; index.html is refused, and the app will not run framed outside embed mode', async ({ page, baseURL }) => {
  const app = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
  // another origin framing three addresses: a real server on another port (Chrome blocks a
  // route-fulfilled "public" page from framing a loopback address, measured)
  const html = `<iframe id="a" src="${app}/?tab=trends" width="900" height="200"></iframe><iframe id="b" src="${app}/embed.html?embed=pareto" width="900" height="500"></iframe><iframe id="c" src="${app}/embed.html" width="900" height="200"></iframe>`;
  const other = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html)).listen(0, '127.0.0.1');
  await once(other, 'listening');
  try {
    await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
    const embedded = page.frameLocator('#b');
    await expect(embedded.locator('[data-testid=embed][data-ready=true]')).toBeVisible({ timeout: 90_000 });
    await expect(embedded.locator('figure.chart .host svg')).toHaveCount(1, { timeout: 60_000 });
    // embed.html without ?embed=: the full app would be clickjackable, so it refuses
    await expect(page.frameLocator('#c').getByTestId('framed')).toContainText('opens in its own tab');
    await expect(page.frameLocator('#c').locator('nav')).toHaveCount(0);
    // index.html sends frame-ancestors 'none': the browser shows its error page, never the app
    const frameA = await page.locator('#a').elementHandle().then((h) => h?.contentFrame());
    expect(frameA?.url()).toMatch(/^chrome-error:/);
    await expect(page.frameLocator('#a').locator('#app')).toHaveCount(0);
  } finally {
    other.close();
  }
});
