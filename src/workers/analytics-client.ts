// The page's side of the analytics worker. Work runs in lanes (one worker each): a new
// job in a lane cancels the one running there by terminating its worker, so a stale
// k-means run never finishes after a newer one started, and a long forecast does not
// wait behind clustering. Workers start lazily and are reused.
import { proxy, wrap, type Remote } from 'comlink';
import type { AnalyticsApi, ProgressFn } from './analytics.api';

/** Independent queues of analytics work. */
export type Lane = 'segments' | 'forecast' | 'clv' | 'recommend' | 'misc' | 'background';

interface LaneState {
  worker: Worker;
  api: Remote<AnalyticsApi>;
  busy: number;
  reject: ((e: Error) => void) | null;
}

const lanes = new Map<Lane, LaneState>();
let jobCounter = 0;

function spawn(): { worker: Worker; api: Remote<AnalyticsApi> } {
  const worker = new Worker(new URL('./analytics.worker.ts', import.meta.url), { type: 'module', name: 'analytics' });
  return { worker, api: wrap<AnalyticsApi>(worker) };
}

function cancelledError(): Error {
  const e = new Error('Superseded by a newer request');
  e.name = 'AbortError';
  return e;
}

/**
 * Runs `job` on the lane's worker. If the lane is busy, its worker is terminated first
 * (the older job rejects with AbortError). `signal` cancels this job the same way.
 */
export async function runInLane<T>(lane: Lane, job: (api: Remote<AnalyticsApi>, progress: ProgressFn) => Promise<T>, onProgress?: ProgressFn, signal?: AbortSignal): Promise<T> {
  let state = lanes.get(lane);
  if (state && state.busy) {
    state.worker.terminate();
    state.reject?.(cancelledError());
    lanes.delete(lane);
    state = undefined;
  }
  if (!state) {
    state = { ...spawn(), busy: 0, reject: null };
    lanes.set(lane, state);
  }
  const current = state;
  const id = ++jobCounter;
  current.busy = id;
  // returns nothing: whatever the callback returns would be cloned back to the worker
  const progress = proxy((f: number, m?: string): void => {
    onProgress?.(f, m);
  });
  return new Promise<T>((resolve, reject) => {
    current.reject = reject;
    const onAbort = (): void => {
      if (current.busy !== id) return;
      current.worker.terminate();
      lanes.delete(lane);
      reject(cancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    job(current.api, progress).then(
      (v) => {
        if (current.busy === id) current.busy = 0;
        signal?.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        if (current.busy === id) current.busy = 0;
        signal?.removeEventListener('abort', onAbort);
        const err = e instanceof Error ? e : new Error(String(e));
        reject(err);
      },
    );
  });
}
