// One view's asynchronous data: the latest result, loading flag and error. A new load
// aborts the previous one, whose queued queries are then skipped and whose result, if it
// still arrives, is dropped: no stale result ever replaces a newer one. Each run counts as
// pending view work (src/state/activity.ts) until it settles. Errors are shown in plain words
// (running out of memory says what to do, never the engine's text).
// A background loader (a model run that fills one panel of a tab: the recommendation
// evaluation, the k-means clusters) does not count as pending view work: the rest of its tab
// is ready and usable meanwhile, and the panel shows its own progress (Notice kind
// "background").
import { beginWork } from './activity';
import { plainFailure } from '../pipeline/memory';

/** Holds the latest value of an async computation that can be re-run. */
export class Loader<T> {
  value = $state.raw<T | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  private controller: AbortController | null = null;
  private readonly background: boolean;

  constructor(options: { background?: boolean } = {}) {
    this.background = options.background ?? false;
  }

  /** Runs `fn`, superseding any run in flight; resolves when this run has settled. `fn` may call `early` with a first answer (e.g. from the data cube) shown until its result replaces it. */
  async load(fn: (signal: AbortSignal, early: (v: T) => void) => Promise<T>): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.loading = true;
    const done = this.background ? () => undefined : beginWork();
    try {
      const early = (v: T): void => {
        if (controller.signal.aborted) return;
        this.value = v;
        this.error = null;
      };
      const v = await fn(controller.signal, early);
      if (controller.signal.aborted) return;
      this.value = v;
      this.error = null;
    } catch (e) {
      if (controller.signal.aborted || (e instanceof Error && e.name === 'AbortError')) return;
      this.error = plainFailure(e);
    } finally {
      if (this.controller === controller) this.loading = false;
      done();
    }
  }

  /** Aborts the run in flight (e.g. when the view is destroyed). */
  cancel(): void {
    this.controller?.abort();
  }
}
