// Vite plugin for the built site (`vite build` only; `npm start` never sees it):
// 1. dist/sw.js — src/sw/sw.ts bundled as one classic script with this build's manifest
//    (files to precache, DuckDB variants to cache on use, version = hash of every served file);
// 2. precompressed copies next to each compressible file ≥ 1 KiB: name.br (brotli) and
//    name.gz (gzip), for hosts that serve them (nginx gzip_static/brotli_static, Caddy
//    `precompressed`); see README "Offline". Both are cached under
//    node_modules/.cache by content hash, so rebuilds with unchanged wasm cost nothing.
// Set PRECOMPRESS=0 to skip step 2 (hosts that compress on the fly do not use the copies).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { build, type Plugin, type ResolvedConfig } from 'vite';
import { isServedByApp, planManifest, type OfflineManifest } from '../../src/sw/manifest.ts';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Every file under dir, as '/'-separated paths relative to it. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * The build version: a hash of the names and contents of every file the app is served, and of
 * `extra` (the service worker's own source), so same files → same version.
 */
export function buildVersion(dir: string, files: readonly string[], extra: readonly string[] = []): string {
  const h = createHash('sha256');
  for (const x of extra) h.update(createHash('sha256').update(x).digest('hex') + '\n');
  for (const f of [...files].sort()) h.update(f + '\0' + createHash('sha256').update(readFileSync(join(dir, f))).digest('hex') + '\n');
  return h.digest('hex').slice(0, 16);
}

/** The manifest of the site in dir (sw.js and precompressed copies are not part of it). */
export function manifestFor(dir: string, appVersion: string, workerSource: readonly string[] = []): OfflineManifest {
  const files = listFiles(dir);
  const all = new Set(files);
  const served = files.filter((f) => isServedByApp(f, all));
  return planManifest(served, buildVersion(dir, served, workerSource), appVersion);
}

const COMPRESSIBLE = /\.(js|mjs|css|html|wasm|json|svg|txt|csv|map)$/;
/** Brotli quality: 11 (smallest) is ~70 s per 34 MB wasm on one core, 9 is ~5 s and ~14% larger. */
export const brotliQuality = (size: number): number => (size > 4_000_000 ? 9 : 11);

/** Writes name.br and name.gz next to every compressible file of dir of at least minBytes. Returns the files written. */
export async function precompress(dir: string, cacheDir: string | null, minBytes = 1024): Promise<string[]> {
  const files = listFiles(dir).filter((f) => COMPRESSIBLE.test(f) && statSync(join(dir, f)).size >= minBytes);
  if (cacheDir) mkdirSync(cacheDir, { recursive: true });
  const written: string[] = [];
  const one = async (f: string) => {
    const bytes = readFileSync(join(dir, f));
    const q = brotliQuality(bytes.length);
    const key = cacheDir ? join(cacheDir, `${createHash('sha256').update(bytes).digest('hex')}.q${q}.br`) : null;
    let br: Buffer;
    if (key && existsSync(key)) br = readFileSync(key);
    else {
      br = await brotli(bytes, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: q, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      });
      if (key) writeFileSync(key, br);
    }
    writeFileSync(join(dir, f + '.br'), br);
    const gzKey = key ? key.replace(/\.q\d+\.br$/, '.gz') : null;
    let gz: Buffer;
    if (gzKey && existsSync(gzKey)) gz = readFileSync(gzKey);
    else {
      gz = await gzip(bytes, { level: 9 });
      if (gzKey) writeFileSync(gzKey, gz);
    }
    writeFileSync(join(dir, f + '.gz'), gz);
    written.push(f + '.br', f + '.gz');
  };
  // two at a time: zlib runs on libuv's thread pool
  const queue = [...files].sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size);
  await Promise.all([0, 1].map(async () => {
    for (let f = queue.shift(); f !== undefined; f = queue.shift()) await one(f);
  }));
  return written.sort();
}

/** Bundles src/sw/sw.ts into one classic script with the manifest inlined. */
async function bundleWorker(root: string, manifest: OfflineManifest): Promise<string> {
  const out = await build({
    configFile: false,
    root,
    logLevel: 'silent',
    publicDir: false,
    define: { __OFFLINE_MANIFEST__: JSON.stringify(manifest) },
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      copyPublicDir: false,
      lib: { entry: resolve(root, 'src/sw/sw.ts'), formats: ['iife'], name: 'basketLensServiceWorker', fileName: () => 'sw.js' },
    },
  });
  const outputs = Array.isArray(out) ? out : [out];
  for (const o of outputs) {
    if ('output' in o) for (const chunk of o.output) if (chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('offline plugin: the service worker bundle is empty');
}

/** The plugin: sw.js and precompressed copies after the site is written. */
export function offline(appVersion: string): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'basket-lens:offline',
    apply: 'build',
    enforce: 'post',
    configResolved(c) {
      config = c;
    },
    async writeBundle() {
      const dir = resolve(config.root, config.build.outDir);
      const source = ['src/sw/sw.ts', 'src/sw/manifest.ts'].map((f) => readFileSync(resolve(config.root, f), 'utf8'));
      const manifest = manifestFor(dir, appVersion, source);
      writeFileSync(join(dir, 'sw.js'), await bundleWorker(config.root, manifest));
      const shellKb = manifest.shell.reduce((s, f) => s + statSync(join(dir, f === './' ? 'index.html' : f)).size, 0) / 1024;
      config.logger.info(`offline: sw.js version ${manifest.version}, shell ${manifest.shell.length} files (${Math.round(shellKb)} KiB), ${manifest.groups.length} DuckDB variants cached on use`);
      if (process.env['PRECOMPRESS'] === '0') return;
      const t = Date.now();
      const written = await precompress(dir, resolve(config.root, 'node_modules/.cache/basket-lens-precompress'));
      config.logger.info(`offline: ${written.length} precompressed copies (.br, .gz) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    },
  };
}
