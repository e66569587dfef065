import { defineConfig } from 'vitest/config';
import { readFileSync } from 'node:fs';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { offline } from './scripts/vite/offline.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// Static build: every asset (DuckDB wasm + worker included) is served from our own origin.
// COOP/COEP make the page cross-origin isolated, which lets DuckDB-WASM use several threads
// (src/engine/db.ts); static hosts get the same headers from public/_headers.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
export default defineConfig({
  base: './',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  plugins: [
    svelte(),
    // Offline (issue 16): dist/sw.js with this build's manifest + .br/.gz copies; builds only.
    offline(pkg.version),
  ],
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // bench.html is the benchmark page driven by `npm run bench`; harmless on a static host
    rollupOptions: { input: { main: 'index.html', bench: 'bench.html' } },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { TZ: 'UTC' },
  },
});
