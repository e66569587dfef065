// Screenshots of every tab at desktop and phone width, for looking at the page as a user would.
// Usage: npx vite build && npx vite preview --port 4207 --strictPort &
//        node scripts/screenshots.mjs http://127.0.0.1:4207 /tmp/shots [sample|uci] [1360,390] [tab,tab]
import { chromium } from '@playwright/test';

const [base = 'http://127.0.0.1:4173', out = '/tmp/shots', which = 'sample', widths = '1360,390', only = ''] = process.argv.slice(2);
const TABS = ['overview', 'customers', 'trends', 'breakdowns', 'segments', 'recommend', 'forecast', 'clv', 'sql', 'columns', 'quality'];
const tabs = only ? only.split(',') : TABS;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const w of widths.split(',').map(Number)) {
  const page = await browser.newPage({ viewport: { width: w, height: 900 } });
  await page.goto(base);
  await page.locator('main[data-ready=true]').waitFor({ timeout: 120_000 });
  if (which === 'uci') {
    await page.locator('[data-testid=file-input]').setInputFiles('tests/fixtures/online_retail_uci.csv.gz');
    await page.waitForTimeout(2000);
    await page.locator('[data-testid=load-progress]').waitFor({ state: 'detached', timeout: 300_000 });
    await page.locator('main[data-ready=true]').waitFor({ timeout: 300_000 });
  }
  for (const t of tabs) {
    await page.locator('nav[aria-label=Views] button', { hasText: new RegExp(`^${{ recommend: 'Recommendations', clv: 'Lifetime value', sql: 'SQL', quality: 'Data quality' }[t] ?? t}$`, 'i') }).click();
    await page.locator('main[data-ready=true]').waitFor({ timeout: 120_000 });
    await page.waitForTimeout(3500);
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    console.log(`${which} ${w} ${t} scrollWidth=${sw}`);
    await page.screenshot({ path: `${out}/${which}-${w}-${t}.png`, fullPage: true });
  }
  await page.close();
}
await browser.close();
