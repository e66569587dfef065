// Page side of offline use: registers dist/sw.js (built pages only; `npm start` never does),
// reports the DuckDB files this first visit loaded before the worker was in control, and shows
// "Basket Lens was updated to version …" once after a visit that runs a new build.
import { shouldNotifyUpdate, updatedMessage } from './manifest';

const SEEN_KEY = 'basket-lens-build';

/** Asks the controlling service worker something over a MessageChannel (null if it does not answer in time). */
function ask<T>(worker: ServiceWorker, message: unknown, timeoutMs = 120_000): Promise<T | null> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), timeoutMs);
    channel.port1.onmessage = (e) => {
      clearTimeout(timer);
      resolve(e.data as T);
    };
    worker.postMessage(message, [channel.port2]);
  });
}

/** Resolves once the page is controlled (at once on a second visit; after install + claim on the first). */
function controller(): Promise<ServiceWorker> {
  const now = navigator.serviceWorker.controller;
  if (now) return Promise.resolve(now);
  return new Promise((resolve) => {
    navigator.serviceWorker.addEventListener('controllerchange', () => resolve(navigator.serviceWorker.controller!), { once: true });
  });
}

/** Resolves when the first dataset is on screen (main[data-ready=true]), or after a minute. */
function firstDataShown(): Promise<void> {
  return new Promise((resolve) => {
    const ready = () => document.querySelector('main[data-ready=true], [data-testid=embed][data-ready=true]') !== null;
    if (ready()) return resolve();
    const obs = new MutationObserver(() => {
      if (ready()) done();
    });
    const timer = setTimeout(() => done(), 60_000);
    function done() {
      obs.disconnect();
      clearTimeout(timer);
      resolve();
    }
    obs.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
  });
}

/** A small dismissible notice at the bottom of the page (plain DOM: it must work whatever the app shows). */
function showNotice(text: string): void {
  const box = document.createElement('div');
  box.setAttribute('role', 'status');
  box.dataset['testid'] = 'update-notice';
  box.style.cssText =
    'position:fixed;left:50%;bottom:1rem;transform:translateX(-50%);z-index:1000;display:flex;gap:.75rem;align-items:center;' +
    'padding:.5rem .75rem;border-radius:6px;background:#1f2937;color:#fff;font:14px/1.4 system-ui,sans-serif;box-shadow:0 2px 8px #0004';
  const span = document.createElement('span');
  span.textContent = text;
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Dismiss';
  close.style.cssText = 'font:inherit;color:inherit;background:transparent;border:1px solid #fff8;border-radius:4px;padding:.1rem .5rem;cursor:pointer';
  close.addEventListener('click', () => box.remove());
  box.append(span, close);
  document.body.append(box);
}

/** Shows, once per new build, that the app was updated (the first visit ever shows nothing). */
async function noticeIfUpdated(worker: ServiceWorker): Promise<void> {
  const v = await ask<{ version: string; appVersion: string }>(worker, { type: 'version' }, 10_000);
  if (!v) return;
  let previous: string | null = null;
  try {
    previous = localStorage.getItem(SEEN_KEY);
    localStorage.setItem(SEEN_KEY, v.version);
  } catch {
    return; // storage blocked: no notice rather than one on every visit
  }
  if (shouldNotifyUpdate(previous, v.version)) showNotice(updatedMessage(v.appVersion, v.version));
}

/** Registers the service worker and wires the first-visit caching and the update notice. Call once, from main.ts, in builds only. */
export function registerOffline(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  // Vite's signal that a lazy chunk failed to load: a new version was deployed while this
  // page was open (and no service worker kept the old files). Say what to do; the error itself
  // still reaches the view that asked for the chunk.
  window.addEventListener('vite:preloadError', () => {
    showNotice('A new version of Basket Lens was published while this page was open. Reload the page to continue.');
  });
  const firstVisit = navigator.serviceWorker.controller === null;
  navigator.serviceWorker.register('./sw.js').catch((e: unknown) => console.warn('offline use unavailable:', e));
  void controller().then(async (worker) => {
    void noticeIfUpdated(worker);
    if (!firstVisit) return;
    // DuckDB's worker and wasm were fetched before the service worker was in control: once
    // the data is on screen, tell it which files this page used so it keeps that variant.
    await firstDataShown();
    const urls = performance.getEntriesByType('resource').map((e) => e.name);
    const r = await ask<{ cached: string[]; network: string[] }>(worker, { type: 'used', urls });
    const html = document.documentElement.dataset;
    html['offlineReady'] = r && !('error' in r) ? 'true' : 'false';
    // files the worker had to download again because the browser's HTTP cache no longer had them
    if (r && Array.isArray(r.network)) html['offlineRefetched'] = r.network.map((p) => p.slice(p.lastIndexOf('/') + 1)).join(' ');
  });
}
