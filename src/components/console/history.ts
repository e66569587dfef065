// The console's memory in the browser: the last distinct queries run (newest first) and
// the editor's unsent draft. Pure functions over a storage interface, so tests pass a
// Map and the page passes localStorage, which may be missing or throw (private modes,
// blocked storage, a full quota): then nothing is remembered and nothing breaks.

/** The part of the Web Storage API used here. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A query run from the console and when it was last run (epoch ms). */
export interface HistoryEntry {
  sql: string;
  at: number;
}

/** Storage key of the history (prefixed: the origin may host other apps). */
export const HISTORY_KEY = 'basket-lens:sql-history';
/** Storage key of the editor's text. */
export const DRAFT_KEY = 'basket-lens:sql-draft';
/** How many distinct queries are kept. */
export const HISTORY_LIMIT = 50;
/** Longer queries are not stored (a pasted dump would crowd out everything else). */
export const MAX_QUERY_CHARS = 20_000;

/** Two queries are the same when they differ only in surrounding and repeated white space. */
export function sameQuery(a: string, b: string): boolean {
  return normal(a) === normal(b);
}

const normal = (s: string): string => s.trim().replace(/\s+/g, ' ');

/** The list with `sql` moved (or added) to the front, distinct, at most `limit` long. Pure. */
export function addEntry(entries: readonly HistoryEntry[], sql: string, at: number, limit = HISTORY_LIMIT): HistoryEntry[] {
  const text = sql.trim();
  if (!text || text.length > MAX_QUERY_CHARS) return entries.slice(0, limit);
  return [{ sql: text, at }, ...entries.filter((e) => !sameQuery(e.sql, text))].slice(0, limit);
}

/** The stored history; anything unreadable counts as empty. */
export function readHistory(store: KeyValueStore | null): HistoryEntry[] {
  const raw = safe(() => store?.getItem(HISTORY_KEY) ?? null, null);
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed
    .filter((e): e is HistoryEntry => typeof e === 'object' && e !== null && typeof (e as HistoryEntry).sql === 'string' && typeof (e as HistoryEntry).at === 'number')
    .slice(0, HISTORY_LIMIT);
}

/** Records a run query and returns the new history (also when it could not be stored). */
export function recordQuery(store: KeyValueStore | null, sql: string, at: number): HistoryEntry[] {
  const next = addEntry(readHistory(store), sql, at);
  if (!write(store, HISTORY_KEY, JSON.stringify(next))) {
    // a full quota: keep the newest half rather than nothing
    write(store, HISTORY_KEY, JSON.stringify(next.slice(0, Math.ceil(next.length / 2))));
  }
  return next;
}

/** Forgets every stored query. */
export function clearHistory(store: KeyValueStore | null): void {
  safe(() => store?.removeItem(HISTORY_KEY), undefined);
}

/** The saved editor text, or null. */
export function readDraft(store: KeyValueStore | null): string | null {
  return safe(() => store?.getItem(DRAFT_KEY) ?? null, null);
}

/** Saves the editor text (skipped when too long to be worth the quota). */
export function saveDraft(store: KeyValueStore | null, sql: string): void {
  if (sql.length <= MAX_QUERY_CHARS) write(store, DRAFT_KEY, sql);
}

/** localStorage when the browser lets us use it, else null. */
export function browserStore(): KeyValueStore | null {
  try {
    const s = globalThis.localStorage;
    if (!s) return null;
    const probe = `${HISTORY_KEY}:probe`;
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

function write(store: KeyValueStore | null, key: string, value: string): boolean {
  if (!store) return false;
  return safe(() => {
    store.setItem(key, value);
    return true;
  }, false);
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}
