// Steps shared by the specs that keep a dataset on this device (keep.spec.ts, offline.spec.ts).
import type { Page } from '@playwright/test';
import { expect, waitReady } from './fixtures';

/** Every KPI card's exact figure, in page order. */
export async function kpis(page: Page): Promise<string[]> {
  await expect(page.locator('[data-kpi] .exact').first()).toBeVisible();
  return (await page.locator('[data-kpi] .exact').allTextContents()).map((t) => t.trim());
}

export async function load(page: Page, file: string, name: string): Promise<void> {
  await page.setInputFiles('[data-testid=file-input]', file);
  await expect(page.locator('header .name')).toHaveText(name, { timeout: 90_000 });
  await waitReady(page);
}

export async function panel(page: Page): Promise<void> {
  if (!(await page.getByTestId('keep-panel').isVisible())) await page.getByTestId('keep-open').click();
  await expect(page.getByTestId('keep-panel')).toBeVisible();
}

/** Switches "Keep on this device" on for the data on screen and waits until it is committed. */
export async function keepIt(page: Page, name: string): Promise<void> {
  await panel(page);
  await page.getByTestId('keep-switch').click(); // click, not check(): the switch shows what is stored, so it may turn back off at once
  await expect(page.locator('[data-testid=keep-list] tr.current')).toContainText(name);
  await expect(page.getByTestId('keep-switch')).toBeChecked();
}

export async function expectReopened(page: Page, name: string, figures: string[]): Promise<void> {
  await expect(page.locator('header .name')).toHaveText(name, { timeout: 90_000 });
  await waitReady(page);
  await expect(page.getByTestId('keep-notice')).toContainText(`Reopened from this device: ${name}, kept `);
  expect(await kpis(page)).toEqual(figures);
}
