// The service worker: makes the app open with the network off after one visit. Built by
// scripts/vite/offline.ts into dist/sw.js (only in `vite build`, never in `npm start`) with
// this build's manifest injected as __OFFLINE_MANIFEST__.
//
// - One cache per build version. Install precaches the whole shell (index.html, every JS/CSS
//   chunk and worker, the map geometry, sample.csv.gz) before the version can take over; a
//   DuckDB variant already cached by an older version is copied over (hashed names: same
//   name, same bytes), so an update does not download 34 MB again.
// - A complete new version takes over at once (skipWaiting): every later navigation gets the
//   new index.html and the new files. Pages already open keep running the version that served
//   them: each cache lists the pages it served (PAGES_KEY), their requests for files the new
//   version dropped are answered from their own version's cache, and a cache is deleted only
//   once none of its pages is open. A page is never half old, half new.
// - DuckDB-WASM files are cached on first use, a whole variant at a time (the one the
//   browser runs); the page reports what it loaded before the worker was in control.
// - Only GET requests for files of the app are answered; everything else (?data= URLs,
//   blob:, other hosts) goes to the network untouched. OPFS and IndexedDB are never touched.
// - Cached responses are the server's own, headers included (COOP/COEP, CSP), so an offline
//   reload stays cross-origin isolated.
import {
  CACHE_PREFIX,
  PAGES_KEY,
  cacheName,
  deletableCaches,
  groupOf,
  manifestKey,
  missingFromShell,
  staleCaches,
  versionOfPage,
  withPage,
  type OfflineManifest,
  type PageRegistry,
} from './manifest';

declare const __OFFLINE_MANIFEST__: OfflineManifest;
const M = __OFFLINE_MANIFEST__;
const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = cacheName(M.version);

/** Absolute URL of a manifest path. */
const abs = (p: string): string => new URL(p, sw.registration.scope).href;
/** Manifest key of an absolute URL, or null when it is not a file of this build. */
function keyOf(url: string): string | null {
  const scope = sw.registration.scope;
  if (!url.startsWith(scope)) return null;
  return manifestKey(url.slice(scope.length), M);
}

async function fromOlderCache(url: string): Promise<Response | undefined> {
  for (const name of await caches.keys()) {
    if (name === CACHE || !name.startsWith(CACHE_PREFIX)) continue;
    const hit = await (await caches.open(name)).match(url, { ignoreVary: true, ignoreSearch: true });
    if (hit) return hit;
  }
  return undefined;
}

async function readRegistry(cache: Cache): Promise<PageRegistry | null> {
  const r = await cache.match(abs(PAGES_KEY));
  return r ? ((await r.json()) as PageRegistry) : null;
}
function writeRegistry(cache: Cache, reg: PageRegistry): Promise<void> {
  return cache.put(abs(PAGES_KEY), new Response(JSON.stringify(reg), { headers: { 'Content-Type': 'application/json' } }));
}
/** Ids of the pages (window clients) open right now. */
async function openPages(): Promise<Set<string>> {
  return new Set((await sw.clients.matchAll({ type: 'window', includeUncontrolled: true })).map((c) => c.id));
}

// Registry and clean-up steps run one after another (read-modify-write of PAGES_KEY).
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(step: () => Promise<T>): Promise<T> {
  const next = queue.then(step, step);
  queue = next.catch(() => undefined);
  return next;
}

/** Notes that this version's cache served a page (dropping pages that have closed since). */
function recordPage(id: string): Promise<void> {
  return serial(() => recordPageNow(id));
}
async function recordPageNow(id: string): Promise<void> {
  const cache = await caches.open(CACHE);
  const reg = (await readRegistry(cache)) ?? { version: M.version, appVersion: M.appVersion, pages: [] };
  const open = await openPages();
  await writeRegistry(cache, withPage(reg, id, (p) => open.has(p)));
}

/** Deletes the caches of older versions none of whose pages is still open. */
function cleanup(): Promise<void> {
  return serial(cleanupNow);
}
async function cleanupNow(): Promise<void> {
  const open = await openPages();
  const stale = await Promise.all(
    staleCaches(await caches.keys(), M.version).map(async (name) => ({ name, pages: (await readRegistry(await caches.open(name)))?.pages ?? [] })),
  );
  await Promise.all(deletableCaches(stale, (id) => open.has(id)).map((n) => caches.delete(n)));
}

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // revalidate (etag → 304) rather than trust the HTTP cache: index.html is not hashed
      await cache.addAll(M.shell.map((p) => new Request(abs(p), { cache: 'no-cache' })));
      const index = await cache.match(abs('./'));
      const missing = missingFromShell(index ? await index.text() : '', M);
      if (!index || missing.length) {
        await caches.delete(CACHE);
        throw new Error(`index.html of another deploy (missing ${missing.join(', ')}); retried at the next update check`);
      }
      for (const group of M.groups) {
        const old = await Promise.all(group.map((p) => fromOlderCache(abs(p))));
        if (old.every((r) => r)) await Promise.all(group.map((p, i) => cache.put(abs(p), old[i]!)));
      }
      await writeRegistry(cache, { version: M.version, appVersion: M.appVersion, pages: [] });
      // complete: take over now; open pages stay served by their own version's cache
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // the first visit's page came from the network, before any cache: it runs this version
      if (staleCaches(await caches.keys(), M.version).length === 0) for (const id of await openPages()) await recordPage(id);
      await sw.clients.claim();
      await cleanup();
    })(),
  );
});

async function cacheFirst(event: FetchEvent, key: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(abs(key), { ignoreVary: true });
  if (hit) return hit;
  const response = await fetch(event.request);
  // whole, same-origin answers only (a 206 from a range request is not the file); the page
  // gets the stream at once (the wasm compiles while it downloads), the copy is stored alongside
  if (response.status === 200 && response.type === 'basic') event.waitUntil(cache.put(abs(key), response.clone()));
  return response;
}

async function navigate(event: FetchEvent): Promise<Response> {
  const hit = await (await caches.open(CACHE)).match(abs('./'), { ignoreVary: true });
  event.waitUntil(recordPage(event.resultingClientId).then(cleanup));
  return hit ?? fetch(event.request);
}

/** A file this version does not have: a page of an older version still open asks for it. */
async function older(request: Request): Promise<Response> {
  return (await fromOlderCache(request.url)) ?? fetch(request);
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const key = keyOf(request.url);
  if (key === null) {
    // an older version's asset (hashed name) for a page it served; anything else: untouched
    if (request.url.startsWith(abs('assets/'))) event.respondWith(older(request));
    return;
  }
  if (request.mode === 'navigate') {
    if (key === './') event.respondWith(navigate(event));
    return;
  }
  event.respondWith(cacheFirst(event, key));
});

/** Caches the whole DuckDB variant(s) the page used before this worker was in control. */
async function cacheUsed(urls: readonly string[]): Promise<{ cached: string[]; network: string[] }> {
  const cache = await caches.open(CACHE);
  const groups = new Set<string[]>();
  for (const u of urls) {
    const key = keyOf(u);
    const g = key ? groupOf(key, M) : null;
    if (g) groups.add(g);
  }
  const cached: string[] = [];
  const network: string[] = [];
  for (const g of groups) {
    for (const p of g) {
      if (await cache.match(abs(p), { ignoreVary: true })) {
        cached.push(p);
        continue;
      }
      // the browser's HTTP cache first: the page just downloaded these, no second download
      let r = await fetch(abs(p), { cache: 'only-if-cached', mode: 'same-origin' }).catch(() => null);
      if (!r || r.status !== 200) {
        r = await fetch(abs(p));
        network.push(p);
      }
      if (r.status === 200) {
        await cache.put(abs(p), r);
        cached.push(p);
      }
    }
  }
  return { cached, network };
}

sw.addEventListener('message', (event) => {
  const data = event.data as { type?: string; urls?: unknown } | null;
  const port = event.ports[0];
  if (data?.type === 'version') {
    // the version that served the asking page (not necessarily this one, if it took over since)
    const id = event.source && 'id' in event.source ? event.source.id : '';
    event.waitUntil(
      (async () => {
        const regs = await Promise.all(
          (await caches.keys()).filter((n) => n.startsWith(CACHE_PREFIX)).map(async (n) => readRegistry(await caches.open(n))),
        );
        const own = versionOfPage(regs.filter((r): r is PageRegistry => r !== null), id);
        port?.postMessage(own ? { version: own.version, appVersion: own.appVersion } : null);
        await cleanup();
      })(),
    );
  } else if (data?.type === 'used' && Array.isArray(data.urls)) {
    const urls = data.urls.filter((u): u is string => typeof u === 'string');
    event.waitUntil(
      cacheUsed(urls).then(
        (r) => port?.postMessage(r),
        (e: unknown) => port?.postMessage({ error: String(e) }),
      ),
    );
  }
});
