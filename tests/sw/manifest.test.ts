// The offline manifest's pure rules (src/sw/manifest.ts) and the build step that writes the
// precompressed copies (scripts/vite/offline.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  cacheName,
  deletableCaches,
  duckdbVariant,
  groupOf,
  manifestKey,
  missingFromShell,
  planManifest,
  shouldNotifyUpdate,
  staleCaches,
  updatedMessage,
  versionOfPage,
  withPage,
} from '../../src/sw/manifest';
import { buildVersion, manifestFor, precompress } from '../../scripts/vite/offline';

// the file names of a real `vite build` (hashes shortened)
const DIST = [
  '_headers',
  'SAMPLE.md',
  'bench.html',
  'index.html',
  'index.html.br',
  'index.html.gz',
  'sample.csv.gz',
  'sw.js',
  'assets/bench-Ccl0.js',
  'assets/main-Cj.js',
  'assets/main-Cj.js.br',
  'assets/main-BR.css',
  'assets/embed-DA.js',
  'assets/world-countries-co.js',
  'assets/states-10m-Cx.js',
  'assets/reader.worker-jI.js',
  'assets/duckdb-browser-coi.pthread.worker-BS.js',
  'assets/duckdb-browser-coi.worker-D2.js',
  'assets/duckdb-coi-Dr.wasm',
  'assets/duckdb-coi-Dr.wasm.br',
  'assets/duckdb-coi-Dr.wasm.gz',
  'assets/duckdb-browser-eh.worker-hQ.js',
  'assets/duckdb-eh-9u.wasm',
  'assets/duckdb-browser-mvp.worker-C9.js',
  'assets/duckdb-mvp-BP.wasm',
];

describe('planManifest', () => {
  const m = planManifest(DIST, 'v1', '0.1.0');
  it('precaches the shell: index.html as ./, every chunk, worker, stylesheet, the map geometry and the sample', () => {
    expect(m.shell).toEqual([
      'assets/embed-DA.js',
      'assets/main-BR.css',
      'assets/main-Cj.js',
      'assets/reader.worker-jI.js',
      'assets/states-10m-Cx.js',
      'assets/world-countries-co.js',
      './',
      'sample.csv.gz',
    ]);
  });
  it('keeps each DuckDB variant as one cache-on-use group, never in the shell', () => {
    expect(m.groups).toEqual([
      ['assets/duckdb-browser-coi.pthread.worker-BS.js', 'assets/duckdb-browser-coi.worker-D2.js', 'assets/duckdb-coi-Dr.wasm'],
      ['assets/duckdb-browser-eh.worker-hQ.js', 'assets/duckdb-eh-9u.wasm'],
      ['assets/duckdb-browser-mvp.worker-C9.js', 'assets/duckdb-mvp-BP.wasm'],
    ]);
  });
  it('leaves out precompressed copies, sw.js, host config, notes and the benchmark page, but not sample.csv.gz', () => {
    const listed = [...m.shell, ...m.groups.flat()];
    for (const f of ['index.html.br', 'assets/main-Cj.js.br', 'assets/duckdb-coi-Dr.wasm.gz', 'sw.js', '_headers', 'SAMPLE.md', 'bench.html', 'assets/bench-Ccl0.js'])
      expect(listed).not.toContain(f);
    expect(listed).toContain('sample.csv.gz');
  });
  it('names the variant of DuckDB files only', () => {
    expect(duckdbVariant('assets/duckdb-browser-coi.pthread.worker-BS.js')).toBe('coi');
    expect(duckdbVariant('assets/duckdb-eh-9u.wasm')).toBe('eh');
    expect(duckdbVariant('assets/duckdb-mvp-BP.wasm')).toBe('mvp');
    expect(duckdbVariant('assets/main-Cj.js')).toBeNull();
    expect(duckdbVariant('assets/my-duckdb-notes.js')).toBeNull();
  });
  it('maps request paths to manifest keys, with queries ignored, and refuses other files', () => {
    expect(manifestKey('', m)).toBe('./');
    expect(manifestKey('?tab=trends&data=x', m)).toBe('./');
    expect(manifestKey('index.html', m)).toBe('./');
    expect(manifestKey('assets/main-Cj.js', m)).toBe('assets/main-Cj.js');
    expect(manifestKey('assets/duckdb-eh-9u.wasm', m)).toBe('assets/duckdb-eh-9u.wasm');
    expect(manifestKey('bench.html', m)).toBeNull();
    expect(manifestKey('assets/main-OLD.js', m)).toBeNull();
    expect(manifestKey('data/shop.csv', m)).toBeNull();
    expect(groupOf('assets/duckdb-browser-coi.worker-D2.js', m)).toHaveLength(3);
    expect(groupOf('assets/main-Cj.js', m)).toBeNull();
  });
});

describe('versions', () => {
  it('deletes only our own caches of other versions', () => {
    expect(staleCaches([cacheName('a'), cacheName('b'), 'someone-else', 'basket-lens-kept'], 'b')).toEqual([cacheName('a')]);
    expect(staleCaches([cacheName('b')], 'b')).toEqual([]);
  });
  it('refuses an index.html that refers to files the manifest does not have (another deploy)', () => {
    const m = planManifest(DIST, 'v1', '0.1.0');
    const html = '<script type="module" crossorigin src="./assets/main-Cj.js"></script><link rel="stylesheet" href="./assets/main-BR.css">';
    expect(missingFromShell(html, m)).toEqual([]);
    expect(missingFromShell(html.replace('main-Cj', 'main-NEW'), m)).toEqual(['assets/main-NEW.js']);
  });
  it('shows the notice only when an earlier visit ran another build', () => {
    expect(shouldNotifyUpdate(null, 'v2')).toBe(false);
    expect(shouldNotifyUpdate('v2', 'v2')).toBe(false);
    expect(shouldNotifyUpdate('v1', 'v2')).toBe(true);
    expect(updatedMessage('0.2.0', '0123456789abcdef')).toBe('Basket Lens was updated to version 0.2.0 (build 01234567).');
  });
});

describe('build step', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bl-offline-'));
  mkdirSync(join(dir, 'assets'));
  const js = 'export const x = "' + 'basket lens '.repeat(500) + '";\n';
  writeFileSync(join(dir, 'index.html'), '<script type="module" src="./assets/main-A.js"></script>' + ' '.repeat(2000));
  writeFileSync(join(dir, 'assets/main-A.js'), js);
  writeFileSync(join(dir, 'assets/tiny-B.js'), 'export{}');
  writeFileSync(join(dir, 'sample.csv.gz'), new Uint8Array(4096));

  it('versions a build by its files: same files, same version; one changed byte, a new one', () => {
    const files = ['index.html', 'assets/main-A.js'];
    const v1 = buildVersion(dir, files);
    expect(buildVersion(dir, files)).toBe(v1);
    writeFileSync(join(dir, 'index.html'), readFileSync(join(dir, 'index.html'), 'utf8') + '!');
    expect(buildVersion(dir, files)).not.toBe(v1);
    // a change to the service worker alone is a new version too
    expect(buildVersion(dir, files, ['worker v2'])).not.toBe(buildVersion(dir, files, ['worker v1']));
    expect(manifestFor(dir, '0.1.0').shell).toEqual(['assets/main-A.js', 'assets/tiny-B.js', './', 'sample.csv.gz']);
  });

  it('writes brotli and gzip copies that decompress to the same bytes, for compressible files of 1 KiB or more', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'bl-precompress-cache-'));
    const written = await precompress(dir, cache);
    expect(written).toEqual(['assets/main-A.js.br', 'assets/main-A.js.gz', 'index.html.br', 'index.html.gz']);
    expect(brotliDecompressSync(readFileSync(join(dir, 'assets/main-A.js.br'))).toString()).toBe(js);
    expect(gunzipSync(readFileSync(join(dir, 'assets/main-A.js.gz'))).toString()).toBe(js);
    expect(readFileSync(join(dir, 'assets/main-A.js.br')).length).toBeLessThan(js.length / 10);
    expect(existsSync(join(dir, 'sample.csv.gz.gz'))).toBe(false); // already compressed
    expect(existsSync(join(dir, 'assets/tiny-B.js.br'))).toBe(false); // under 1 KiB
    // the manifest never lists the copies
    const m = manifestFor(dir, '0.1.0');
    expect([...m.shell, ...m.groups.flat()].some((f) => /\.(br|gz)$/.test(f) && f !== 'sample.csv.gz')).toBe(false);
    // a second run takes brotli from the cache and writes the same bytes
    const again = readFileSync(join(dir, 'index.html.br'));
    await precompress(dir, cache);
    expect(readFileSync(join(dir, 'index.html.br')).equals(again)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });
});

describe('pages and caches of older versions', () => {
  const reg = { version: 'a', appVersion: '0.1.0', pages: ['p1', 'p2'] };
  it('records a served page once and forgets closed ones', () => {
    const open = new Set(['p2', 'p3']);
    expect(withPage(reg, 'p3', (id) => open.has(id)).pages).toEqual(['p2', 'p3']);
    expect(withPage(reg, 'p2', (id) => open.has(id)).pages).toEqual(['p2']);
    // a page just navigated to is not "open" yet: it is kept anyway
    expect(withPage(reg, 'p9', () => false).pages).toEqual(['p9']);
    expect(withPage(reg, '', () => true).pages).toEqual(['p1', 'p2']);
  });
  it('deletes an older cache only when none of its pages is open', () => {
    const stale = [
      { name: cacheName('a'), pages: ['p1'] },
      { name: cacheName('b'), pages: ['p2', 'p3'] },
      { name: cacheName('c'), pages: [] },
    ];
    expect(deletableCaches(stale, (id) => id === 'p3')).toEqual([cacheName('a'), cacheName('c')]);
    expect(deletableCaches(stale, () => false)).toEqual([cacheName('a'), cacheName('b'), cacheName('c')]);
  });
  it('finds the version that served a page, so a page never claims a newer build as its own', () => {
    const regs = [reg, { version: 'b', appVersion: '0.2.0', pages: ['p3'] }];
    expect(versionOfPage(regs, 'p3')?.version).toBe('b');
    expect(versionOfPage(regs, 'p1')?.version).toBe('a');
    expect(versionOfPage(regs, 'p0')).toBeNull();
  });
});
