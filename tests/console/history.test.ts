import { describe, expect, it } from 'vitest';
import { addEntry, clearHistory, HISTORY_KEY, HISTORY_LIMIT, readDraft, readHistory, recordQuery, saveDraft, type KeyValueStore } from '../../src/components/console/history';

function memory(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}
const throwing: KeyValueStore = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
};

describe('query history', () => {
  it('keeps distinct queries newest first, moving a re-run query to the front', () => {
    let h = addEntry([], 'SELECT 1', 1);
    h = addEntry(h, 'SELECT 2', 2);
    h = addEntry(h, '  SELECT   1 \n', 3);
    expect(h).toEqual([{ sql: 'SELECT   1', at: 3 }, { sql: 'SELECT 2', at: 2 }]);
    expect(addEntry(h, '   ', 4)).toEqual(h);
  });
  it('keeps at most 50', () => {
    let h: ReturnType<typeof addEntry> = [];
    for (let i = 0; i < 60; i++) h = addEntry(h, `SELECT ${i}`, i);
    expect(h).toHaveLength(HISTORY_LIMIT);
    expect(h[0]?.sql).toBe('SELECT 59');
    expect(h.at(-1)?.sql).toBe('SELECT 10');
  });
  it('round-trips through storage under a prefixed key, and clears', () => {
    const s = memory();
    recordQuery(s, 'SELECT 1', 10);
    const h = recordQuery(s, 'SELECT 2', 20);
    expect(readHistory(s)).toEqual(h);
    expect([...s.data.keys()]).toEqual([HISTORY_KEY]);
    expect(HISTORY_KEY.startsWith('basket-lens:')).toBe(true);
    clearHistory(s);
    expect(readHistory(s)).toEqual([]);
  });
  it('survives missing, throwing and corrupt storage', () => {
    expect(readHistory(null)).toEqual([]);
    expect(recordQuery(null, 'SELECT 1', 1)).toEqual([{ sql: 'SELECT 1', at: 1 }]);
    expect(readHistory(throwing)).toEqual([]);
    expect(recordQuery(throwing, 'SELECT 1', 1)).toHaveLength(1);
    expect(() => clearHistory(throwing)).not.toThrow();
    const s = memory();
    s.data.set(HISTORY_KEY, '{not json');
    expect(readHistory(s)).toEqual([]);
    s.data.set(HISTORY_KEY, JSON.stringify([{ sql: 'ok', at: 1 }, { sql: 3 }, null, 'x']));
    expect(readHistory(s)).toEqual([{ sql: 'ok', at: 1 }]);
  });
  it('keeps the newest half when the quota is full', () => {
    const s = memory();
    let writes = 0;
    const tight: KeyValueStore = { ...s, setItem: (k, v) => (writes++ === 0 ? (() => { throw new Error('QuotaExceededError'); })() : s.setItem(k, v)) };
    for (let i = 0; i < 4; i++) s.setItem(HISTORY_KEY, JSON.stringify(Array.from({ length: 3 }, (_, j) => ({ sql: `q${j}`, at: j }))));
    recordQuery(tight, 'new', 9);
    expect(readHistory(s).map((e) => e.sql)).toEqual(['new', 'q0']);
  });
  it('saves and reads the draft', () => {
    const s = memory();
    expect(readDraft(s)).toBeNull();
    saveDraft(s, 'SELECT 42');
    expect(readDraft(s)).toBe('SELECT 42');
    expect(readDraft(throwing)).toBeNull();
    expect(() => saveDraft(throwing, 'x')).not.toThrow();
  });
});
