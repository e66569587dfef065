// View state that lives in the URL (tab, filters and each view's settings), so a link
// reproduces what the analyst sees. Reading happens once at start; every change replaces
// the URL without adding history entries.
import { filtersFromParams, filtersToParams, type Filters } from './filters';
import { viewSettings, type ViewSettings } from '../analysis/settings';

/** The URL-backed settings of the page. `data` and `embed` are kept as given. */
export class UrlState {
  tab = $state('overview');
  private values = $state<Record<string, string>>({});

  constructor(search: string = typeof location === 'undefined' ? '' : location.search) {
    const p = new URLSearchParams(search);
    for (const [k, v] of p) {
      if (k === 'tab') this.tab = v;
      else this.values[k] = v;
    }
  }

  /** A setting, or the fallback when absent. */
  get(key: string, fallback = ''): string {
    return this.values[key] ?? fallback;
  }

  /** A numeric setting, or the fallback when absent or not a number. */
  num(key: string, fallback: number): number {
    const v = Number(this.values[key]);
    return this.values[key] !== undefined && Number.isFinite(v) ? v : fallback;
  }

  /** Sets (or, with null/'' , removes) a setting and updates the address bar. */
  set(key: string, value: string | number | null): void {
    if (value === null || value === '') delete this.values[key];
    else this.values[key] = String(value);
    this.sync();
  }

  /** Every view's settings, typed and clamped (src/analysis/settings.ts): views and report.json read these. */
  get settings(): ViewSettings {
    return viewSettings((k) => this.values[k]);
  }

  /** The global filters (from, to, f.<column>). */
  get filters(): Filters {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(this.values)) p.set(k, v);
    return filtersFromParams(p);
  }

  /** Replaces the global filters and updates the address bar. */
  setFilters(f: Filters): void {
    for (const k of Object.keys(this.values)) if (k === 'from' || k === 'to' || k.startsWith('f.')) delete this.values[k];
    Object.assign(this.values, filtersToParams(f));
    this.sync();
  }

  /** Switches tab and updates the address bar. */
  go(tab: string): void {
    this.tab = tab;
    this.sync();
  }

  /** The query string for the current state (used for share links and embed snippets). */
  query(extra: Record<string, string> = {}): string {
    const p = new URLSearchParams();
    if (this.tab !== 'overview') p.set('tab', this.tab);
    for (const [k, v] of Object.entries({ ...this.values, ...extra })) p.set(k, v);
    const s = p.toString();
    return s ? `?${s}` : '';
  }

  private sync(): void {
    if (typeof history === 'undefined') return;
    history.replaceState(history.state, '', `${location.pathname}${this.query()}${location.hash}`);
  }
}
