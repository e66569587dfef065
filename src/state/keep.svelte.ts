// Datasets kept on this device, as runes state: the list, storage used and quota, whether the
// browser promised not to evict them, and which kept dataset is on screen. Keeping never
// touches the dataset on screen; opening a kept one is an ordinary load (DatasetState.loadSources)
// with the saved reading choices, mapping, rules and URL settings, so a failed or interrupted
// open leaves the previous data in place and storage unchanged.
import type { DatasetState, UserMessage } from './dataset.svelte';
import type { UrlState } from './url.svelte';
import type { Source } from '../pipeline/read/load';
import { filtersFromParams, NO_FILTERS } from './filters';
import { browserKeepStore } from '../storage/browser';
import { KeepError, type KeepStore, type KeptManifest } from '../storage/keep';

/** URL settings that belong to the page, not to a dataset. */
const NOT_VIEW = new Set(['tab', 'data', 'embed']);

/** The dataset's URL settings (filters, thresholds, view settings) as name → value. */
export function viewOf(query: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(query)) if (!NOT_VIEW.has(k)) out[k] = v;
  return out;
}

/** Kept datasets and the switch for the one on screen; one instance per page. */
export class KeepState {
  /** False when the browser offers no storage for it (then the switch is not shown). */
  available = $state(true);
  list = $state.raw<KeptManifest[]>([]);
  /** navigator.storage.estimate(): bytes used by this site and its quota. */
  usage = $state.raw<{ usage: number; quota: number } | null>(null);
  /** navigator.storage.persisted(): true when the browser will not evict kept data under storage pressure. */
  persisted = $state<boolean | null>(null);
  /** Where kept data lives: 'opfs' or 'indexeddb'. */
  kind = $state('');
  /** What is being done ("Keeping …"), or null. */
  working = $state<string | null>(null);
  message = $state.raw<UserMessage | null>(null);
  /** Why the kept dataset marked for start could not be reopened (shown on the page), or null. */
  startFailure = $state.raw<UserMessage | null>(null);
  /** The kept dataset this page opened on start (for the notice), or null. */
  reopened = $state.raw<KeptManifest | null>(null);
  /** The kept dataset on screen, with the sources object it was loaded from. */
  private current = $state.raw<{ id: string; sources: Source[] } | null>(null);
  private store: KeepStore | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly ds: DatasetState,
    private readonly url: UrlState,
  ) {}

  /** The id of the kept dataset on screen (null when the data on screen is not kept). */
  get currentId(): string | null {
    const c = this.current;
    const l = this.ds.loaded;
    return c && l && l.sources === c.sources ? c.id : null;
  }

  /** Opens the storage, deletes half-written datasets, and reopens the one marked for start; true when it did. */
  async start(reopen = true): Promise<boolean> {
    try {
      this.store = await browserKeepStore();
      if (!this.store) {
        this.available = false;
        return false;
      }
      this.kind = this.store.backend.kind;
      await this.store.cleanup();
      await this.refresh();
      const id = reopen ? await this.store.openOnStartId() : null;
      return id ? await this.open(id, true) : false;
    } catch (e) {
      this.message = words(e, 'The data kept on this device could not be read');
      return false;
    }
  }

  /** Reads the list and the storage figures again. */
  async refresh(): Promise<void> {
    if (!this.store) return;
    this.list = await this.store.list();
    const est = await navigator.storage?.estimate?.().catch(() => null);
    this.usage = est && typeof est.usage === 'number' && typeof est.quota === 'number' ? { usage: est.usage, quota: est.quota } : null;
    this.persisted = (await navigator.storage?.persisted?.().catch(() => null)) ?? null;
  }

  /** Keeps the dataset on screen (files, reading choices, mapping, rules, URL settings); asks the browser not to evict it. */
  async keep(): Promise<void> {
    const l = this.ds.loaded;
    const a = this.ds.analysis;
    if (!this.store || !l || !a || this.working || this.currentId) return;
    this.working = `Keeping ${this.ds.name} on this device…`;
    this.message = null;
    try {
      const m = await this.store.save({
        name: this.ds.name,
        sources: l.sources,
        options: l.options,
        mapping: this.ds.mapping,
        rules: this.ds.rules,
        view: viewOf(this.url.query()),
        rows: a.clean.quality.rows_in,
        firstDate: a.kpis.first_date,
        lastDate: a.kpis.last_date,
      });
      await this.store.setOpenOnStart(m.id);
      // the data on screen may have changed while the files were written: it is kept only if it is still the same
      if (this.ds.loaded?.sources === l.sources) this.current = { id: m.id, sources: l.sources };
      // ask once something is kept: without it the browser may evict kept data when the disk runs low
      await navigator.storage?.persist?.().catch(() => false);
    } catch (e) {
      this.message = words(e, 'The data could not be kept');
    } finally {
      this.working = null;
      await this.refresh().catch(() => undefined);
    }
  }

  /** Opens a kept dataset in place of the one on screen; true when it is now shown. */
  async open(id: string, atStart = false): Promise<boolean> {
    if (!this.store || this.ds.busy) return false;
    this.message = null;
    const m = await this.store.manifest(id);
    if (!m) {
      if (atStart) await this.store.setOpenOnStart(null);
      else this.message = { title: 'This kept dataset is gone', message: 'It is no longer in this browser’s storage (deleted in another tab, or cleared by the browser).' };
      await this.refresh();
      return false;
    }
    try {
      const sources = await this.store.sources(m);
      // a link's own settings win over the saved ones at start
      const useSaved = !atStart || Object.keys(viewOf(this.url.query())).length === 0;
      const params = new URLSearchParams(m.view);
      if (useSaved) {
        this.ds.ruleOptions = { spendQuantile: num(params.get('sq'), 0.9), ...(params.has('ft') ? { frequencyThreshold: num(params.get('ft'), 0) } : {}) };
        if (!this.ds.analysis) this.applyView(m.view);
      }
      const ok = await this.ds.loadSources(sources, m.options, `Reopening ${m.name} from this device`, { mapping: m.mapping, rules: m.rules, sizes: m.files.map((f) => f.size) });
      if (!ok) {
        // the saved filters were set for this dataset only: whatever opens instead starts without them
        if (useSaved && !this.ds.analysis) this.url.setFilters(NO_FILTERS);
        if (atStart && this.ds.error) this.startFailure = { title: `“${m.name}” could not be reopened from this device`, message: this.ds.error.message };
        return false;
      }
      this.current = { id: m.id, sources };
      if (useSaved) this.applyView(m.view);
      if (atStart) this.reopened = m;
      await this.store.setOpenOnStart(m.id);
      return true;
    } catch (e) {
      const msg = words(e, `“${m.name}” could not be reopened from this device`);
      if (atStart) this.startFailure = msg;
      else this.message = msg;
      return false;
    }
  }

  /** Deletes a kept dataset from this device (the data on screen stays until something else is loaded). */
  async forget(id: string): Promise<void> {
    if (!this.store) return;
    try {
      await this.store.forget(id);
      if (this.current?.id === id) this.current = null;
      if (this.reopened?.id === id) this.reopened = null;
    } catch (e) {
      this.message = words(e, 'The kept data could not be deleted');
    } finally {
      await this.refresh().catch(() => undefined);
    }
  }

  /** Deletes every kept dataset. */
  async forgetAll(): Promise<void> {
    if (!this.store) return;
    try {
      await this.store.forgetAll();
      this.current = null;
      this.reopened = null;
    } catch (e) {
      this.message = words(e, 'The kept data could not be deleted');
    } finally {
      await this.refresh().catch(() => undefined);
    }
  }

  /** Saves the on-screen settings (reading choices, mapping, rules, URL settings) of a kept dataset, a moment after they change. */
  saveSoon(): void {
    const id = this.currentId;
    const l = this.ds.loaded;
    if (!this.store || !id || !l || this.ds.busy) return;
    const settings = { options: l.options, mapping: this.ds.mapping, rules: this.ds.rules, view: viewOf(this.url.query()) };
    // only what differs from the manifest is written (switching tabs changes nothing kept)
    const saved = this.list.find((x) => x.id === id);
    if (saved && JSON.stringify([saved.options, saved.mapping, saved.rules, saved.view]) === JSON.stringify([settings.options, settings.mapping, settings.rules, settings.view])) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.store
        ?.update(id, settings)
        .then((m) => {
          if (m) this.list = this.list.map((x) => (x.id === id ? m : x));
        })
        .catch((e: unknown) => (this.message = words(e, 'The changed settings could not be kept')));
    }, 250);
  }

  private applyView(view: Record<string, string>): void {
    const p = new URLSearchParams(view);
    this.url.setFilters(filtersFromParams(p));
    for (const [k, v] of p) if (k !== 'from' && k !== 'to' && !k.startsWith('f.')) this.url.set(k, v);
  }
}

function num(v: string | null, fallback: number): number {
  const n = Number(v);
  return v !== null && Number.isFinite(n) ? n : fallback;
}

function words(e: unknown, title: string): UserMessage {
  if (e instanceof KeepError) return { title: e.title, message: e.message };
  return { title, message: `${e instanceof Error ? e.message : String(e)}. The data on screen is unchanged.` };
}
