import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Playwright cannot download its own browser here: use the system Chromium when present
// (Debian: apt-get install chromium), else Playwright's own if one was installed.
// PW_PORT lets several checkouts run their end-to-end tests side by side.
const port = Number(process.env.PW_PORT ?? 4173);
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  // two cores: two spec files in parallel (each page runs DuckDB-WASM on up to two threads) still
  // finish sooner than one at a time
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1360, height: 900 },
    timezoneId: 'UTC',
    locale: 'en-US',
    // dist/sw.js caches the app; only tests/e2e/offline.spec.ts allows it, so no other spec
    // is served from a cache or waits for one
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: systemChromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
