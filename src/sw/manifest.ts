// The offline manifest: which built files the service worker precaches, which it caches on
// first use, and the pure rules (cache names, clean-up, groups) that src/sw/sw.ts follows.
// Pure functions only: used at build time (scripts/vite/offline.ts), in the service worker
// and in unit tests (tests/sw/manifest.test.ts). No DOM, no service-worker globals.

/** What one build version of the app consists of, as the service worker sees it. */
export interface OfflineManifest {
  /** Build version: a hash of every served file's name and content (same files → same version). */
  version: string;
  /** The app version from package.json, shown in the "updated" notice. */
  appVersion: string;
  /** Precached before the new version takes over; './' stands for index.html (paths relative to the worker's scope). */
  shell: string[];
  /**
   * Cached on first use, a whole group at a time: each DuckDB-WASM variant (wasm + its
   * workers, ~34 MB) — only the one the browser actually runs is ever downloaded.
   */
  groups: string[][];
}

/** Prefix of every Cache Storage cache the service worker owns (nothing else is ever deleted). */
export const CACHE_PREFIX = 'basket-lens-sw-';

/** The Cache Storage name of one build version. */
export function cacheName(version: string): string {
  return CACHE_PREFIX + version;
}

/** Our caches other than the current version's: each is deleted once no page it served is open (see openVersions). */
export function staleCaches(names: readonly string[], version: string): string[] {
  const keep = cacheName(version);
  return names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== keep);
}

/** Built files that are never served to the app: precompressed copies, the worker itself, host config, the benchmark page. */
export function isServedByApp(file: string, all: ReadonlySet<string>): boolean {
  if (/\.(br|gz)$/.test(file) && all.has(file.replace(/\.(br|gz)$/, ''))) return false; // a precompressed copy
  if (file === 'sw.js' || file === '_headers' || file === '_redirects' || file.endsWith('.map') || file.endsWith('.md')) return false;
  if (file === 'bench.html' || /^assets\/bench-[^/]*\.js$/.test(file)) return false;
  return true;
}

/** The DuckDB-WASM variant a built file belongs to (mvp, eh or coi), or null for every other file. */
export function duckdbVariant(file: string): string | null {
  const m = /(?:^|\/)duckdb-(?:browser-)?(mvp|eh|coi)[.-]/.exec(file);
  return m ? m[1]! : null;
}

/** Sorts the built files (paths relative to dist/, '/' separated) into the shell and the cache-on-use groups. */
export function planManifest(files: readonly string[], version: string, appVersion: string): OfflineManifest {
  const all = new Set(files);
  const shell: string[] = [];
  const byVariant = new Map<string, string[]>();
  for (const f of [...files].sort()) {
    if (!isServedByApp(f, all)) continue;
    const variant = duckdbVariant(f);
    if (variant) byVariant.set(variant, [...(byVariant.get(variant) ?? []), f]);
    else shell.push(f === 'index.html' ? './' : f);
  }
  const groups = [...byVariant.keys()].sort().map((k) => byVariant.get(k)!);
  return { version, appVersion, shell, groups };
}

/** The manifest path (as listed in shell/groups) a request path relative to the scope stands for, or null when not ours. */
export function manifestKey(relative: string, m: OfflineManifest): string | null {
  const path = relative.split(/[?#]/)[0]!;
  if (path === '' || path === './' || path === 'index.html') return './';
  if (m.shell.includes(path)) return path;
  for (const g of m.groups) if (g.includes(path)) return path;
  return null;
}

/** The cache-on-use group a manifest path belongs to (all of a DuckDB variant), or null for shell files. */
export function groupOf(path: string, m: OfflineManifest): string[] | null {
  return m.groups.find((g) => g.includes(path)) ?? null;
}

/**
 * The asset paths an index.html refers to that the manifest does not list. A non-empty answer
 * means the host served an index.html of another deploy: the new version must not install
 * (it would pair a new page with missing files), it is retried at the next update check.
 */
export function missingFromShell(html: string, m: OfflineManifest): string[] {
  const refs = [...html.matchAll(/(?:src|href)="(?:\.?\/)?(assets\/[^"?#]+)"/g)].map((x) => x[1]!);
  return [...new Set(refs)].filter((r) => manifestKey(r, m) === null);
}

/** The text of the notice shown once after the app switched to a new build. */
export function updatedMessage(appVersion: string, version: string): string {
  return `Basket Lens was updated to version ${appVersion} (build ${version.slice(0, 8)}).`;
}

/**
 * Whether the page should show the "updated" notice: only when an earlier visit ran another
 * build (the first visit ever shows nothing).
 */
export function shouldNotifyUpdate(previous: string | null, current: string): boolean {
  return previous !== null && previous !== '' && previous !== current;
}

/** Which pages (client ids) a version's cache has served; stored in that cache under PAGES_KEY. */
export interface PageRegistry {
  version: string;
  appVersion: string;
  pages: string[];
}

/** Key (relative to the scope) under which each version's cache keeps its PageRegistry. */
export const PAGES_KEY = '__basket-lens-pages__';

/** The registry after a page was served: ids of closed pages dropped, the new one added (once). */
export function withPage(reg: PageRegistry, id: string, isOpen: (id: string) => boolean): PageRegistry {
  const pages = reg.pages.filter((p) => p !== id && isOpen(p));
  if (id) pages.push(id);
  return { ...reg, pages };
}

/** The stale caches that can be deleted: those none of whose pages is still open. */
export function deletableCaches(stale: readonly { name: string; pages: readonly string[] }[], isOpen: (id: string) => boolean): string[] {
  return stale.filter((c) => !c.pages.some(isOpen)).map((c) => c.name);
}

/** The version that served a page (from the registries of every cache), or null when no registry lists it. */
export function versionOfPage(regs: readonly PageRegistry[], id: string): PageRegistry | null {
  return regs.find((r) => r.pages.includes(id)) ?? null;
}
