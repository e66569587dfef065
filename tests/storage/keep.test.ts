// The kept-dataset store over an in-memory storage: atomic commit (manifest last), clean-up of
// uncommitted folders, quota exceeded as a message with nothing left behind, forget.
import { describe, expect, it } from 'vitest';
import { MemoryBackend } from '../../src/storage/backend';
import { KeepError, KeepStore, MANIFEST, OPEN_ON_START, parseManifest, type KeepInput } from '../../src/storage/keep';
import { DEFAULT_RULES } from '../../src/sql/clean';

const gzip = (s: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> => s.pipeThrough(new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
const csv = 'id,date,amount\n' + Array.from({ length: 2000 }, (_, i) => `${i % 50},2024-01-${String((i % 28) + 1).padStart(2, '0')},${(i * 1.5).toFixed(2)}`).join('\n');

function input(name = 'shop.csv', text = csv): KeepInput {
  return {
    name,
    sources: [{ name, blob: new Blob([text]) }],
    rows: 2000,
    firstDate: '2024-01-01',
    lastDate: '2024-01-28',
    options: [{ headerRow: 1 }],
    mapping: null,
    rules: DEFAULT_RULES,
    view: { 'f.country': 'UK' },
  };
}

function store(backend = new MemoryBackend(), extra: Partial<ConstructorParameters<typeof KeepStore>[1]> = {}): KeepStore {
  let n = 0;
  let t = Date.UTC(2026, 0, 1);
  return new KeepStore(backend, { gzip, newId: () => `id${++n}`, now: () => new Date((t += 1000)), ...extra });
}

describe('KeepStore', () => {
  it('stores plain text gzip-packed, commits the manifest, and gives back the same bytes unpacked', async () => {
    const b = new MemoryBackend();
    const s = store(b);
    const m = await s.save(input());
    expect(await b.files('ds-id1')).toEqual(['file-0', MANIFEST]);
    expect(m.files[0]).toMatchObject({ name: 'shop.csv', stored: 'file-0', size: csv.length, packed: true });
    expect(m.files[0]!.storedSize).toBeLessThan(csv.length / 3);
    const [src] = await s.sources(m);
    expect(src!.name).toBe('shop.csv');
    const head = new Uint8Array(await src!.blob.slice(0, 2).arrayBuffer());
    expect([head[0], head[1]]).toEqual([0x1f, 0x8b]);
    const back = await new Response(src!.blob.stream().pipeThrough(new DecompressionStream('gzip'))).text();
    expect(back).toBe(csv);
    expect((await s.list()).map((x) => [x.id, x.name, x.rows, x.view['f.country']])).toEqual([['id1', 'shop.csv', 2000, 'UK']]);
  });

  it('stores already-compressed files (gzip, zip, Parquet) as they are', async () => {
    const s = store();
    const gz = new Uint8Array(await new Response(new Blob([csv]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
    const m = await s.save({ ...input('a.csv.gz'), sources: [{ name: 'a.csv.gz', blob: new Blob([gz]) }] });
    expect(m.files[0]!.packed).toBe(false);
    expect(m.files[0]!.storedSize).toBe(gz.length);
  });

  it('a folder without a committed manifest is not listed and is removed on the next start', async () => {
    const b = new MemoryBackend();
    const s = store(b);
    const kept = await s.save(input('kept.csv'));
    // a reload in the middle of a later write: its file is there, the manifest never was
    await b.write('ds-half', 'file-0', new Blob(['partial']));
    expect((await s.list()).map((m) => m.name)).toEqual(['kept.csv']);
    expect(await s.cleanup()).toEqual(['ds-half']);
    expect(await b.dirs()).toEqual([`ds-${kept.id}`]);
    expect((await s.list()).map((m) => m.name)).toEqual(['kept.csv']);
  });

  it('leaves an uncommitted folder alone while another tab holds its write lock', async () => {
    const b = new MemoryBackend();
    await b.write('ds-busy', 'file-0', new Blob(['x']));
    const held = new Set(['basket-lens-keep-busy']);
    const locks = { request: <T>(name: string, _o: { ifAvailable?: boolean }, fn: (l: unknown) => Promise<T>) => fn(held.has(name) ? null : {}) };
    expect(await store(b, { locks }).cleanup()).toEqual([]);
    held.clear();
    expect(await store(b, { locks }).cleanup()).toEqual(['ds-busy']);
  });

  it('quota exceeded mid-write: a plain message, nothing of the new dataset left, the kept one intact', async () => {
    const b = new MemoryBackend();
    const s = store(b);
    const first = await s.save(input('first.csv'));
    b.quota = b.used() + 100; // room for almost nothing more
    const big = Array.from({ length: 3 }, (_, i) => ({ name: `part${i}.csv`, blob: new Blob([csv.slice(0, 60)]) }));
    const err = await s.save({ ...input('big'), sources: big }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeepError);
    expect((err as KeepError).title).toBe('Not enough room to keep this data');
    expect((err as KeepError).message).toMatch(/Nothing was kept and the data on screen is unchanged\. Forget another kept dataset, or free space/);
    expect(await b.dirs()).toEqual([`ds-${first.id}`]);
    expect((await s.list()).map((m) => m.name)).toEqual(['first.csv']);
  });

  it('refuses before writing when the estimate says it will not fit', async () => {
    const b = new MemoryBackend();
    const s = store(b, { estimate: async () => ({ usage: 1000, quota: 1100 }) });
    const err = await s.save(input()).catch((e: unknown) => e);
    expect((err as KeepError).message).toMatch(/this browser allows 100 B more/);
    expect(await b.dirs()).toEqual([]);
  });

  it('updates settings atomically and forgets every copy, the start-up pointer included', async () => {
    const b = new MemoryBackend();
    const s = store(b);
    const a = await s.save(input('a.csv'));
    const c = await s.save(input('c.csv'));
    await s.setOpenOnStart(a.id);
    expect(await s.openOnStartId()).toBe(a.id);
    const u = await s.update(a.id, { view: { from: '2024-01-05' } });
    expect(u!.view).toEqual({ from: '2024-01-05' });
    expect((await s.manifest(a.id))!.view).toEqual({ from: '2024-01-05' });
    await s.forget(a.id);
    expect(await s.openOnStartId()).toBe(null);
    expect(await b.files('')).toEqual([]);
    expect((await s.list()).map((m) => m.id)).toEqual([c.id]);
    await s.forgetAll();
    expect(await b.dirs()).toEqual([]);
    expect(await b.files('')).not.toContain(OPEN_ON_START);
  });

  it('a pointer to a dataset that is gone is cleared on start', async () => {
    const b = new MemoryBackend();
    const s = store(b);
    await s.setOpenOnStart('gone');
    await s.cleanup();
    expect(await s.openOnStartId()).toBe(null);
  });

  it('rejects manifests that are not ours (edited storage)', () => {
    expect(parseManifest('not json')).toBe(null);
    expect(parseManifest(JSON.stringify({ version: 1, id: 'x', name: 'n', created: 'c', rows: 1, size: 1, files: [{ name: 'a', stored: '../x', packed: false }], options: [], rules: {}, view: {} }))).toBe(null);
    expect(parseManifest(JSON.stringify({ version: 2 }))).toBe(null);
  });
});
