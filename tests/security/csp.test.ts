// Every copy of the Content-Security-Policy equals src/security/csp.ts: the <meta> tags of the
// three pages, public/_headers (one CSP rule per path, none overlapping), and the dev/preview header.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSP_META, cspForPath, cspHeader } from '../../src/security/csp';

const root = new URL('../../', import.meta.url);
const read = (f: string): string => readFileSync(new URL(f, root), 'utf8');

/** public/_headers as [path, header name, value] triples. */
function headerRules(): [string, string, string][] {
  const out: [string, string, string][] = [];
  let path = '';
  for (const line of read('public/_headers').split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) path = line.trim();
    else {
      const i = line.indexOf(':');
      out.push([path, line.slice(0, i).trim(), line.slice(i + 1).trim()]);
    }
  }
  return out;
}

describe('one Content-Security-Policy everywhere', () => {
  it('has no unsafe-eval, no other host, and closes objects, base and forms', () => {
    expect(CSP_META.replace("'wasm-unsafe-eval'", '')).not.toContain('unsafe-eval');
    expect(CSP_META).not.toMatch(/https?:|\*/);
    expect(CSP_META).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(CSP_META).toContain("connect-src 'self' blob: data:");
    expect(CSP_META).toContain("object-src 'none'");
    expect(CSP_META).toContain("base-uri 'none'");
    expect(CSP_META).toContain("form-action 'none'");
    expect(CSP_META).toContain("style-src 'self';");
    // a <meta> policy cannot carry frame-ancestors (browsers ignore it there)
    expect(CSP_META).not.toContain('frame-ancestors');
  });

  it('index.html, embed.html and bench.html carry exactly that policy in <meta>', () => {
    for (const page of ['index.html', 'embed.html', 'bench.html']) {
      const metas = [...read(page).matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/g)].map((m) => m[1]);
      expect(metas, page).toEqual([CSP_META]);
    }
  });

  it('public/_headers: one CSP per path; only embed.html framable; only the DuckDB engine worker may eval', () => {
    const csp = headerRules().filter(([, name]) => name.toLowerCase() === 'content-security-policy');
    const paths = csp.map(([p]) => p);
    expect(new Set(paths).size).toBe(paths.length);
    // no CSP rule on /* (it would be joined with the per-path ones into a second policy)
    expect(paths).not.toContain('/*');
    const byPath = Object.fromEntries(csp.map(([p, , v]) => [p, v]));
    expect(byPath['/']).toBe(cspHeader('page'));
    expect(byPath['/index.html']).toBe(cspHeader('page'));
    expect(byPath['/bench.html']).toBe(cspHeader('page'));
    expect(byPath['/embed.html']).toBe(cspHeader('embed'));
    expect(byPath['/assets/duckdb-browser-*']).toBe(cspHeader('engine-worker'));
    expect(byPath['/assets/reader.worker-*']).toBe(cspHeader('page'));
    expect(byPath['/assets/analytics.worker-*']).toBe(cspHeader('page'));
    for (const [p, v] of Object.entries(byPath)) if (p !== '/assets/duckdb-browser-*') expect(v.replace("'wasm-unsafe-eval'", ''), p).not.toContain('unsafe-eval');
  });

  it('the dev and preview servers pick the policy by path', () => {
    expect(cspForPath('/')).toBe(cspHeader('page'));
    expect(cspForPath('/?embed=series')).toBe(cspHeader('page'));
    expect(cspForPath('/embed.html?embed=series')).toBe(cspHeader('embed'));
    expect(cspForPath('/assets/duckdb-browser-coi.pthread.worker-BSvKBYxk.js')).toBe(cspHeader('engine-worker'));
    expect(cspForPath('/node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?worker_file')).toBe(cspHeader('engine-worker'));
    expect(cspForPath('/assets/reader.worker-jIgiPcZ6.js')).toBe(cspHeader('page'));
    expect(cspHeader('page')).toMatch(/; frame-ancestors 'none'$/);
    expect(cspHeader('embed')).toMatch(/; frame-ancestors \*$/);
    expect(cspHeader('engine-worker')).toContain("script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'");
  });
});
