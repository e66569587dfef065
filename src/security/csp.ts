// The page's Content-Security-Policy, in one place. vite.config.ts sends it as a header
// (npm start, vite preview); index.html, embed.html and bench.html carry the same policy in a
// <meta> tag; public/_headers repeats it for static hosts. tests/security/csp.test.ts checks
// that every copy equals these strings. Why each source is allowed: README, "Content-Security-Policy".

/** The directives shared by every delivery (no 'unsafe-eval', no other host). */
export const CSP_DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  // 'wasm-unsafe-eval' compiles DuckDB's WebAssembly; no eval(), no new Function()
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  // DuckDB-WASM starts its worker from a blob: URL
  ['worker-src', "'self' blob:"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  // blob:/data: are files the page made itself (downloads, registered files); no other host
  ['connect-src', "'self' blob: data:"],
  // 'unsafe-inline' for styles only: the Vega renderer writes style attributes on the chart SVG
  // (measured: see README); no inline <style> or script from data can run code
  ['style-src', "'self'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self'"],
  ['form-action', "'none'"],
];

/** The policy as a <meta> tag carries it (frame-ancestors is ignored there, so it is left out). */
export const CSP_META = CSP_DIRECTIVES.map(([k, v]) => `${k} ${v}`).join('; ');

/**
 * `npm start` only: Vite's dev server injects every CSS module as a <style> element (for hot
 * reload), so dev adds 'unsafe-inline' to style-src, in its header and in the served <meta>.
 */
export function devPolicy(policy: string): string {
  return policy.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';");
}

/** Which response a header policy is for. */
export type CspTarget = 'page' | 'embed' | 'engine-worker';

/** DuckDB-WASM's engine worker scripts (by file name), the one place that needs 'unsafe-eval'. */
export const ENGINE_WORKER = /duckdb-browser-[^/]*worker[^/]*\.js$/;

/**
 * The policy as a response header. page: the meta policy plus frame-ancestors 'none';
 * embed: the same, framable by any site (embed.html only); engine-worker: DuckDB-WASM 1.32's
 * worker is built with embind, which generates its C++→JS call glue with new Function() at
 * query time (measured: EvalError in __emval_get_method_caller), so that worker alone also gets
 * 'unsafe-eval'. A worker has no DOM; connect-src still keeps it on this origin.
 */
export function cspHeader(target: CspTarget): string {
  const directives = CSP_DIRECTIVES.map(([k, v]) => (target === 'engine-worker' && k === 'script-src' ? [k, `${v} 'unsafe-eval'`] : [k, v]));
  return `${directives.map(([k, v]) => `${k} ${v}`).join('; ')}; frame-ancestors ${target === 'embed' ? '*' : "'none'"}`;
}

/** The header policy for a request path (the dev and preview servers use this). */
export function cspForPath(path: string, dev = false): string {
  const p = path.split(/[?#]/)[0] ?? '';
  const header = cspHeader(p.endsWith('/embed.html') ? 'embed' : ENGINE_WORKER.test(p) ? 'engine-worker' : 'page');
  return dev ? devPolicy(header) : header;
}
