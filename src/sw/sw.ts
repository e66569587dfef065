// The service worker: makes the app open with the network off after one visit. Built by
// scripts/vite/offline.ts into dist/sw.js (only in `vite build`, never in `npm start`) with
// this build's manifest injected as __OFFLINE_MANIFEST__.
//
// - One cache per build version. Install precaches the whole shell (index.html, every JS/CSS
//   chunk and worker, the map geometry, sample.csv.gz) before the version can take over; a
//   DuckDB variant already cached by an older version is copied over (hashed names: same
//   name, same bytes), so an update does not download 34 MB again.
// - No skipWaiting on install: a new version waits until no page of the old one is open (or
//   the only open page is reloading, see below), then deletes the older caches. A page and
//   every chunk it loads later come from one version's cache: never half old, half new.
// - DuckDB-WASM files are cached on first use, a whole variant at a time (the one the
//   browser runs); the page reports what it loaded before the worker was in control.
// - Only GET requests for files of this build are answered; everything else (?data= URLs,
//   blob:, other hosts) goes to the network untouched. OPFS and IndexedDB are never touched.
// - Cached responses are the server's own, headers included (COOP/COEP, CSP), so an offline
//   reload stays cross-origin isolated.
import { cacheName, groupOf, manifestKey, missingFromShell, staleCaches, type OfflineManifest } from './manifest';

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
    if (name === CACHE || !name.startsWith('basket-lens-sw-')) continue;
    const hit = await (await caches.open(name)).match(url, { ignoreVary: true, ignoreSearch: true });
    if (hit) return hit;
  }
  return undefined;
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
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // Activation means no page of an older version is left open: their caches can go.
      await Promise.all(staleCaches(await caches.keys(), M.version).map((n) => caches.delete(n)));
      await sw.clients.claim();
    })(),
  );
});

async function cacheFirst(request: Request, key: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(abs(key), { ignoreVary: true });
  if (hit) return hit;
  const response = await fetch(request);
  // whole, same-origin answers only (a 206 from a range request is not the file)
  if (response.status === 200 && response.type === 'basic') await cache.put(abs(key), response.clone());
  return response;
}

async function navigate(event: FetchEvent): Promise<Response> {
  // The only tab of an old version is reloading while a new version waits: let the new one
  // take over now and reload into it (the old page is being replaced, nothing of it stays).
  const waiting = sw.registration.waiting;
  if (waiting) {
    const windows = await sw.clients.matchAll({ type: 'window' });
    if (windows.length <= 1) {
      waiting.postMessage({ type: 'skip-waiting' });
      return new Response('<!doctype html><meta http-equiv="refresh" content="0"><title>Updating…</title>', {
        headers: { 'Content-Type': 'text/html; charset=utf-8', Refresh: '0', 'Cache-Control': 'no-store' },
      });
    }
  }
  const hit = await (await caches.open(CACHE)).match(abs('./'), { ignoreVary: true });
  return hit ?? fetch(event.request);
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const key = keyOf(request.url);
  if (key === null) return; // not a file of this build: the network, untouched
  if (request.mode === 'navigate') {
    if (key === './') event.respondWith(navigate(event));
    return;
  }
  event.respondWith(cacheFirst(request, key));
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
  if (data?.type === 'skip-waiting') {
    void sw.skipWaiting();
  } else if (data?.type === 'version') {
    port?.postMessage({ version: M.version, appVersion: M.appVersion });
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
