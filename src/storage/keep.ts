// Datasets kept on this device: the ORIGINAL files' bytes (plain text gzip-packed on the way
// in) plus a small JSON manifest with what is needed to replay the same read (choices per
// file, role mapping, cleaning rules, URL settings such as filters). Reopening replays the
// reader, so every figure, rejected row and read note comes back as it was.
//
// Commit protocol (a reload or crash at any moment leaves either the whole dataset or none):
//   1. files go into a fresh folder "ds-<id>" (nothing else is touched)
//   2. manifest.json is written LAST; a folder without it is not a dataset
//   3. on the next start, folders without a manifest are deleted (unless a Web Lock shows a
//      write in progress in another tab)
// A manifest is rewritten whole (settings changes): OPFS createWritable and IndexedDB put
// both replace a file atomically.
import type { Mapping } from '../mapping/detect';
import type { CleanRules } from '../sql/clean';
import type { Source, SourceOptions } from '../pipeline/read/load';
import type { KeepBackend, KeepData } from './backend';
import { fmtBytes } from '../format';

/** One stored file of a kept dataset. */
export interface KeptFile {
  /** The name the user's file had (shown and used as the source name, so the read is the same). */
  name: string;
  /** The file's name in storage. */
  stored: string;
  /** Original size in bytes. */
  size: number;
  /** Bytes in storage. */
  storedSize: number;
  /** True when the text was gzip-packed on the way in (the reader reads .csv.gz natively). */
  packed: boolean;
}

/** How a kept dataset is read and shown again. */
export interface KeptSettings {
  /** Reading choices per file (header row, sheet, analyse a cut-off file). */
  options: SourceOptions[];
  /** The role mapping in force (null: the detected one). */
  mapping: Mapping | null;
  rules: CleanRules;
  /** URL settings (filters from/to/f.<column>, segment thresholds, view settings) as name → value. */
  view: Record<string, string>;
}

/** The manifest of a kept dataset (manifest.json in its folder). */
export interface KeptManifest extends KeptSettings {
  version: 1;
  id: string;
  name: string;
  /** ISO time it was kept and last updated. */
  created: string;
  updated: string;
  rows: number;
  firstDate: string | null;
  lastDate: string | null;
  /** Bytes in storage (all files). */
  size: number;
  files: KeptFile[];
}

/** What keeping the current dataset needs. */
export interface KeepInput extends KeptSettings {
  name: string;
  sources: Source[];
  rows: number;
  firstDate: string | null;
  lastDate: string | null;
}

/** A failure with words for the user. */
export class KeepError extends Error {
  constructor(
    readonly title: string,
    message: string,
  ) {
    super(message);
    this.name = 'KeepError';
  }
}

/** Minimal Web Locks (navigator.locks): held while a dataset is written, so another tab's start-up clean-up leaves it alone. */
export interface Locks {
  request<T>(name: string, options: { ifAvailable?: boolean }, fn: (lock: unknown) => Promise<T>): Promise<T>;
}

/** What the store needs from its surroundings (the browser's, or fakes in tests). */
export interface KeepDeps {
  locks?: Locks;
  now?: () => Date;
  newId?: () => string;
  /** navigator.storage.estimate(). */
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
  /** gzip-packs a stream (CompressionStream in the browser). */
  gzip?: (s: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>;
}

/** The manifest's file name, written last. */
export const MANIFEST = 'manifest.json';
/** The top-level file naming the dataset to reopen on start. */
export const OPEN_ON_START = 'open-on-start.json';
const PREFIX = 'ds-';
const LOCK = 'basket-lens-keep-';
/** Packed text takes about this share of its size (CSV packs 4–15×): used to check for room before writing. */
const PACKED_SHARE = 0.35;

/** The message for a dataset that does not fit. */
export function quotaMessage(name: string, needed: number, free: number | null): KeepError {
  return new KeepError(
    'Not enough room to keep this data',
    `“${name}” needs about ${fmtBytes(needed)}${free !== null ? ` and this browser allows ${fmtBytes(Math.max(0, free))} more for this site` : ''}. Nothing was kept and the data on screen is unchanged. Forget another kept dataset, or free space on the disk, then try again.`,
  );
}

const isQuota = (e: unknown): boolean =>
  (e instanceof DOMException || (e instanceof Error && 'name' in e)) && ((e as Error).name === 'QuotaExceededError' || /quota/i.test((e as Error).message));

/** True when the first bytes say the file is already compressed (gzip, zip/xlsx, Parquet): stored as is. */
export function alreadyPacked(head: Uint8Array): boolean {
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  const zip = head[0] === 0x50 && head[1] === 0x4b;
  const parquet = head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31;
  return gzip || zip || parquet;
}

/** A manifest read back, or null when it is not one (checked field by field: storage can be edited by hand). */
export function parseManifest(text: string): KeptManifest | null {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return null;
  }
  if (!m || typeof m !== 'object') return null;
  const r = m as Partial<KeptManifest>;
  const ok =
    r.version === 1 &&
    typeof r.id === 'string' &&
    typeof r.name === 'string' &&
    typeof r.created === 'string' &&
    typeof r.rows === 'number' &&
    typeof r.size === 'number' &&
    Array.isArray(r.files) &&
    r.files.length > 0 &&
    r.files.every((f) => f && typeof f.name === 'string' && typeof f.stored === 'string' && /^file-\d+$/.test(f.stored) && typeof f.packed === 'boolean') &&
    Array.isArray(r.options) &&
    r.rules !== null &&
    typeof r.rules === 'object' &&
    r.view !== null &&
    typeof r.view === 'object';
  return ok ? (r as KeptManifest) : null;
}

/** The kept datasets in a KeepBackend. */
export class KeepStore {
  constructor(
    readonly backend: KeepBackend,
    private readonly deps: KeepDeps = {},
  ) {}

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  private newId(): string {
    return this.deps.newId?.() ?? (typeof crypto !== 'undefined' && crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`);
  }

  /** Runs fn holding the dataset's lock (when Web Locks exist). */
  private locked<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return this.deps.locks ? this.deps.locks.request(LOCK + id, {}, fn) : fn();
  }

  /** The committed kept datasets, newest first. */
  async list(): Promise<KeptManifest[]> {
    const out: KeptManifest[] = [];
    for (const dir of await this.backend.dirs()) {
      if (!dir.startsWith(PREFIX)) continue;
      const m = await this.manifest(dir.slice(PREFIX.length));
      if (m) out.push(m);
    }
    return out.sort((a, b) => b.created.localeCompare(a.created));
  }

  /** A kept dataset's manifest, or null. */
  async manifest(id: string): Promise<KeptManifest | null> {
    const blob = await this.backend.read(PREFIX + id, MANIFEST);
    const m = blob ? parseManifest(await blob.text()) : null;
    return m && m.id === id ? m : null;
  }

  /** Deletes folders left by a write that never committed (a reload while keeping); returns their names. */
  async cleanup(): Promise<string[]> {
    const removed: string[] = [];
    for (const dir of await this.backend.dirs()) {
      if (dir.startsWith(PREFIX) && (await this.backend.files(dir)).includes(MANIFEST)) continue;
      if (!dir.startsWith(PREFIX)) continue;
      const id = dir.slice(PREFIX.length);
      const remove = async (): Promise<void> => {
        await this.backend.removeDir(dir);
        removed.push(dir);
      };
      // a write in progress (this or another tab) holds the lock: leave it alone
      if (this.deps.locks) await this.deps.locks.request(LOCK + id, { ifAvailable: true }, async (lock) => (lock ? remove() : undefined));
      else await remove();
    }
    const pointer = await this.openOnStartId();
    if (pointer && !(await this.manifest(pointer))) await this.setOpenOnStart(null);
    return removed;
  }

  /** Stores the files and settings; the manifest is committed last. Throws KeepError (nothing kept) when it fails. */
  async save(input: KeepInput): Promise<KeptManifest> {
    const id = this.newId();
    const dir = PREFIX + id;
    const packedFlags = await Promise.all(input.sources.map(async (s) => !alreadyPacked(new Uint8Array(await s.blob.slice(0, 4).arrayBuffer())) && !!this.deps.gzip));
    const needed = input.sources.reduce((n, s, i) => n + (packedFlags[i] ? Math.ceil(s.blob.size * PACKED_SHARE) : s.blob.size), 0);
    const free = await this.free();
    if (free !== null && needed > free) throw quotaMessage(input.name, needed, free);
    return this.locked(id, async () => {
      try {
        const files: KeptFile[] = [];
        for (let i = 0; i < input.sources.length; i++) {
          const s = input.sources[i]!;
          const stored = `file-${i}`;
          const data: KeepData = packedFlags[i] ? this.deps.gzip!(s.blob.stream()) : s.blob;
          const storedSize = await this.backend.write(dir, stored, data);
          files.push({ name: s.name, stored, size: s.blob.size, storedSize, packed: packedFlags[i]! });
        }
        const now = this.now();
        const manifest: KeptManifest = {
          version: 1,
          id,
          name: input.name,
          created: now,
          updated: now,
          rows: input.rows,
          firstDate: input.firstDate,
          lastDate: input.lastDate,
          size: files.reduce((n, f) => n + f.storedSize, 0),
          files,
          options: input.options,
          mapping: input.mapping,
          rules: input.rules,
          view: input.view,
        };
        // the commit: until this write completes, the folder is not a dataset
        await this.backend.write(dir, MANIFEST, new Blob([JSON.stringify(manifest)], { type: 'application/json' }));
        return manifest;
      } catch (e) {
        await this.backend.removeDir(dir).catch(() => undefined);
        if (isQuota(e)) throw quotaMessage(input.name, needed, await this.free());
        throw new KeepError('The data could not be kept', `Storing “${input.name}” on this device failed (${e instanceof Error ? e.message : String(e)}). Nothing was kept and the data on screen is unchanged.`);
      }
    });
  }

  /** Replaces a kept dataset's settings (mapping, rules, URL settings, reading choices); the files stay. */
  async update(id: string, settings: Partial<KeptSettings>): Promise<KeptManifest | null> {
    return this.locked(id, async () => {
      const m = await this.manifest(id);
      if (!m) return null;
      const next: KeptManifest = { ...m, ...settings, updated: this.now() };
      await this.backend.write(PREFIX + id, MANIFEST, new Blob([JSON.stringify(next)], { type: 'application/json' }));
      return next;
    });
  }

  /** The kept files as sources to read (original names; packed text is read as gzip). */
  async sources(m: KeptManifest): Promise<Source[]> {
    const out: Source[] = [];
    for (const f of m.files) {
      const blob = await this.backend.read(PREFIX + m.id, f.stored);
      if (!blob) throw new KeepError('The kept data is incomplete', `A file of “${m.name}” is missing from this device's storage (the browser may have cleared it). Forget it and load the original file again.`);
      out.push({ name: f.name, blob });
    }
    return out;
  }

  /** Deletes a kept dataset (its folder; and the start-up pointer when it pointed there). */
  async forget(id: string): Promise<void> {
    await this.locked(id, () => this.backend.removeDir(PREFIX + id));
    if ((await this.openOnStartId()) === id) await this.setOpenOnStart(null);
    await this.dropIfEmpty();
  }

  private async dropIfEmpty(): Promise<void> {
    if (!this.backend.drop) return;
    if ((await this.backend.dirs()).length === 0 && (await this.backend.files('')).length === 0) await this.backend.drop();
  }

  /** Deletes every kept dataset and the start-up pointer. */
  async forgetAll(): Promise<void> {
    for (const dir of await this.backend.dirs()) if (dir.startsWith(PREFIX)) await this.backend.removeDir(dir);
    await this.setOpenOnStart(null);
    await this.dropIfEmpty();
  }

  /** The id of the dataset to reopen on start, or null. */
  async openOnStartId(): Promise<string | null> {
    const blob = await this.backend.read('', OPEN_ON_START);
    if (!blob) return null;
    try {
      const v = JSON.parse(await blob.text()) as { id?: unknown };
      return typeof v.id === 'string' ? v.id : null;
    } catch {
      return null;
    }
  }

  /** Marks a dataset to reopen on start (null: open the sample). */
  async setOpenOnStart(id: string | null): Promise<void> {
    if (id === null) await this.backend.removeFile('', OPEN_ON_START);
    else await this.backend.write('', OPEN_ON_START, new Blob([JSON.stringify({ id })], { type: 'application/json' }));
  }

  /** Bytes this site may still store, or null when unknown. */
  async free(): Promise<number | null> {
    const e = await this.deps.estimate?.().catch(() => null);
    return e && typeof e.quota === 'number' && typeof e.usage === 'number' ? e.quota - e.usage : null;
  }
}
