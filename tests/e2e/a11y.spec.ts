// Accessibility of every tab on the sample data: axe-core finds no serious or critical
// violation; every chart has a keyboard-reachable "Show data as a table".
import { createRequire } from 'node:module';
import { expect, test, waitReady } from './fixtures';
import { openTab, TAB_LABELS } from './tabs';

// the page's logic, not the engine: the single-threaded build keeps the suite short (fixtures.ts, EngineChoice)
test.use({ engine: 'single' });

const require = createRequire(import.meta.url);
// axe-core is a devDependency; its browser build is injected into the page
const AXE = require.resolve('axe-core/axe.min.js');

// the page's Content-Security-Policy forbids injected scripts: let the test inject axe
test.use({ bypassCSP: true });

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

test('axe-core: no serious or critical violations on any tab', async ({ page, watch }) => {
  void watch;
  await page.goto('/');
  await waitReady(page);
  const found: string[] = [];
  for (const label of TAB_LABELS) {
    await openTab(page, label);
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
    });
    for (const v of violations as AxeViolation[]) {
      if (v.impact === 'serious' || v.impact === 'critical') found.push(`${label}: [${v.impact}] ${v.id} — ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
    }
  }
  expect(found, 'serious or critical axe violations').toEqual([]);
});

test('charts offer their data as a table, reachable by keyboard', async ({ page, watch }) => {
  void watch;
  await page.goto('/');
  await waitReady(page);
  await openTab(page, 'Trends');
  const summary = page.locator('figure.chart summary', { hasText: 'Show data as a table' }).first();
  await expect(summary).toBeVisible();
  await summary.focus();
  await page.keyboard.press('Enter');
  const table = page.locator('figure.chart details[open] table').first();
  await expect(table).toBeVisible();
  expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
  // numbers in the table carry thousands separators and no exponent
  const text = (await table.textContent()) ?? '';
  expect(text).not.toMatch(/\de[+-]\d/);
  expect(text).not.toMatch(/\d{5,}\.\d/);
});
