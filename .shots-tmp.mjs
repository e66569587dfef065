import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 1360, height: 900 }, timezoneId: 'UTC', locale: 'en-US', acceptDownloads: true });
p.on('pageerror', (e) => console.log('PAGEERROR', e.message));
p.on('console', (m) => { if (m.type() === 'error') console.log('CONSOLE', m.text()); });
await p.goto('http://127.0.0.1:4332/');
await p.locator('main[data-ready=true]').waitFor({ timeout: 180000 });
const d = p.waitForEvent('download', { timeout: 300000 });
await p.getByRole('button', { name: 'Export report' }).click();
const file = await (await d).path();
const body = readFileSync(file, 'utf8');
writeFileSync('/tmp/viewer/sample-report2.json', body);
// drop it
const dt = await p.evaluateHandle((t) => { const x = new DataTransfer(); x.items.add(new File([t], 'report.json', { type: 'application/json' })); return x; }, body);
await p.dispatchEvent('body', 'drop', { dataTransfer: dt });
await p.getByTestId('report-banner').waitFor();
for (const label of ['Overview','Customers','Trends','Segments','Recommendations','Forecast','Lifetime value','Data quality']) {
  await p.locator('nav[aria-label=Views] button', { hasText: label }).first().click();
  await p.waitForTimeout(1500);
  await p.screenshot({ path: `/tmp/viewer/r-${label.replace(/ /g,'_')}.png`, fullPage: true });
}
await p.setViewportSize({ width: 390, height: 844 });
await p.locator('nav[aria-label=Views] button', { hasText: 'Overview' }).first().click();
await p.waitForTimeout(800);
await p.screenshot({ path: `/tmp/viewer/r-phone.png`, fullPage: true });
await b.close();
