// Work the views on screen are waiting for (their queries, their charts being drawn). The
// count is the `data-pending` attribute of <html>, and each time it falls back to 0 the page
// sets the performance mark "bl:settled": e2e tests and the benchmark read these to know
// when every visible view shows the current data. Deliberately not reactive state: views
// start and end work from inside their effects.

let pending = 0;

function show(): void {
  if (typeof document !== 'undefined') document.documentElement.dataset.pending = String(pending);
}

/** Counts one piece of view work as started; the returned function ends it (once). */
export function beginWork(): () => void {
  pending++;
  show();
  let done = false;
  return () => {
    if (done) return;
    done = true;
    pending--;
    show();
    if (pending === 0 && typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark('bl:settled');
  };
}

/**
 * Resolves once no view work has been under way for `quietMs` (or after `maxMs`, or when the
 * signal aborts). Work that should not delay what is on screen (the filtered customers table,
 * distinct counts) waits for this rather than for an idle query queue: background work (tab
 * prefetch, the data cube) keeps the queue busy for many seconds and must not hold it back.
 */
export async function whenViewsSettled(signal?: AbortSignal, quietMs = 30, maxMs = 5000): Promise<void> {
  const until = Date.now() + maxMs;
  let quietSince = pending === 0 ? Date.now() : Infinity;
  while (!signal?.aborted && Date.now() < until) {
    if (pending > 0) quietSince = Infinity;
    else if (quietSince === Infinity) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** How many pieces of view work are under way. */
export function pendingWork(): number {
  return pending;
}

/** Sets a named performance mark (e.g. "bl:file-chosen"), where marks exist. */
export function mark(name: string): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name);
}
