// Benchmark plumbing: the data files, the built app served locally, a headless Chromium
// page on bench.html, and the printed comparison table.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';

/** Repository root. */
export const ROOT = resolve(__dirname, '../..');
/** Where generated benchmark inputs live (git-ignored). */
export const BENCH_DIR = resolve(ROOT, '.bench');

/** A timed step. */
export interface Timed {
  id: string;
  ms: number;
  rows?: number;
}

/** Path of the ~1,000,000-line transaction CSV, generating it (seeded) on first use. */
export function transactionsCsv(): string {
  return generatedCsv(1);
}

/** Path of a generated transaction CSV of about `millions` million lines (seeded), generated on first use. */
export function generatedCsv(millions: number): string {
  const path = resolve(BENCH_DIR, `transactions-${millions}m.csv`);
  if (!existsSync(path)) {
    mkdirSync(BENCH_DIR, { recursive: true });
    console.log(`generating .bench/transactions-${millions}m.csv (about ${millions.toLocaleString('en-US')},000,000 lines) …`);
    // ~1.87 lines per transaction in the generator
    execFileSync('node', ['scripts/generate-sample.mjs', '--rows', String(Math.round(535_000 * millions)), '--out', path], { cwd: ROOT, stdio: 'inherit' });
  }
  return path;
}

/** The built app served by `vite preview` on a free-ish port; stop() ends it. */
export async function serveDist(port = Number(process.env.BENCH_PORT ?? 4188)): Promise<{ url: string; stop: () => void }> {
  if (!existsSync(resolve(ROOT, 'dist/bench.html'))) throw new Error('dist/bench.html missing: run `npm run build` first (npm run bench does)');
  const url = `http://127.0.0.1:${port}`;
  // a server left over from an interrupted run would serve an old build (and headers)
  if (await fetch(`${url}/bench.html`).then(() => true, () => false)) throw new Error(`port ${port} is already serving something: stop it first`);
  // its own process group, so stop() ends vite and not only the npx wrapper
  const child: ChildProcess = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: ROOT, stdio: 'ignore', detached: true });
  const stop = (): void => {
    try {
      if (child.pid) process.kill(-child.pid);
    } catch {
      child.kill();
    }
  };
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${url}/bench.html`);
      if (r.ok) return { url, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error('vite preview did not start');
}

/** Headless Chromium (system binary when present) on the bench page, engine started. */
export async function openBenchPage(url: string): Promise<{ browser: Browser; page: Page; version: string }> {
  const browser = await launchChromium();
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('bench page error:', e.message));
  await page.goto(`${url}/bench.html`);
  await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench !== undefined);
  const version = await page.evaluate(() => (window as unknown as { __bench: { init(): Promise<string> } }).__bench.init());
  return { browser, page, version };
}

const CHROMIUM = (): string | undefined => ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-blink-features=ForceEagerMeasureMemory'];

/** Headless Chromium (the system binary when present); memory measurement answers at once. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM(), args: CHROMIUM_ARGS });
}

/**
 * Headless Chromium with an on-disk profile in `dir` (empty: a cold cache). Playwright's default
 * contexts keep the HTTP cache in memory, where Chromium does not store a 34 MB wasm at all,
 * unlike a real profile.
 */
export function launchWithProfile(dir: string, serviceWorkers: 'allow' | 'block'): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, { executablePath: CHROMIUM(), args: CHROMIUM_ARGS, serviceWorkers, viewport: { width: 1360, height: 900 } });
}

/** Prints a comparison table and returns the ratio of totals (browser / reference). */
export function printComparison(title: string, browser: Timed[], reference: Timed[], refLabel: string): number {
  const ref = new Map(reference.map((t) => [t.id, t.ms]));
  const rows = browser.map((b) => {
    const r = ref.get(b.id) ?? Number.NaN;
    return { step: b.id, browser: b.ms, reference: r, ratio: b.ms / r };
  });
  const tb = browser.reduce((s, t) => s + t.ms, 0);
  const tr = reference.reduce((s, t) => s + t.ms, 0);
  const w = Math.max(28, ...rows.map((r) => r.step.length));
  const fmt = (ms: number): string => (Number.isFinite(ms) ? `${ms.toFixed(0)} ms` : '—').padStart(10);
  console.log(`\n${title}`);
  console.log(`${'step'.padEnd(w)} ${'browser'.padStart(10)} ${refLabel.padStart(10)} ${'ratio'.padStart(7)}`);
  for (const r of rows) console.log(`${r.step.padEnd(w)} ${fmt(r.browser)} ${fmt(r.reference)} ${(Number.isFinite(r.ratio) ? r.ratio.toFixed(2) : '—').padStart(7)}`);
  console.log(`${'TOTAL'.padEnd(w)} ${fmt(tb)} ${fmt(tr)} ${(tb / tr).toFixed(2).padStart(7)}`);
  return tb / tr;
}
