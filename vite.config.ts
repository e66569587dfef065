import { defineConfig } from 'vitest/config';
import { readFileSync } from 'node:fs';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Connect, Plugin } from 'vite';
import { CSP_META, cspForPath, devPolicy } from './src/security/csp.ts';
import { arrowWithoutEval } from './scripts/build/arrow-without-eval.ts';
import { offline } from './scripts/vite/offline.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// Static build: every asset (DuckDB wasm + worker included) is served from our own origin.
// COOP/COEP make the page cross-origin isolated, which lets DuckDB-WASM use several threads
// (src/engine/db.ts); static hosts get the same headers from public/_headers.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
// The Content-Security-Policy header for `npm start` and `vite preview`, the same policy as the
// <meta> tags and public/_headers: only embed.html may be framed by other sites, and only
// DuckDB's engine worker may eval (src/security/csp.ts says why).
const setCsp =
  (dev: boolean): Connect.NextHandleFunction =>
  (req, res, next) => {
    res.setHeader('Content-Security-Policy', cspForPath(req.url ?? '/', dev));
    next();
  };
const csp: Plugin = {
  name: 'basket-lens-csp',
  configureServer: (server) => void server.middlewares.use(setCsp(true)),
  configurePreviewServer: (server) => void server.middlewares.use(setCsp(false)),
  // dev only: the served pages' <meta> policy also allows Vite's injected <style> elements
  transformIndexHtml: { order: 'pre', handler: (html, ctx) => (ctx.server ? html.replace(CSP_META, devPolicy(CSP_META)) : html) },
};

export default defineConfig({
  base: './',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  plugins: [
    svelte(),
    csp,
    arrowWithoutEval,
    // Offline (issue 16): dist/sw.js with this build's manifest + .br/.gz copies; builds only.
    offline(pkg.version),
  ],
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  // dev pre-bundles dependencies with rolldown: the arrow patch applies there too
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'], rolldownOptions: { plugins: [arrowWithoutEval] } },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // bench.html is the benchmark page driven by `npm run bench`; harmless on a static host.
    // embed.html is index.html for iframes (?embed=<view>), the one page other sites may frame.
    rollupOptions: { input: { main: 'index.html', embed: 'embed.html', bench: 'bench.html' } },
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
