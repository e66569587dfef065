// Where kept datasets live: a tiny file-system-like interface (folders of files, plus files at
// the top) with three implementations — the origin-private file system (OPFS) where the
// browser can write to it with createWritable, IndexedDB (Blobs) where it cannot, and an
// in-memory one for tests. Each write of one file is atomic: OPFS writes into a swap file that
// replaces the file only when the stream closes; an IndexedDB put is one transaction.

/** Bytes to store: a Blob (a File is streamed from disk, never read whole) or a stream. */
export type KeepData = Blob | ReadableStream<Uint8Array>;

/** The storage a KeepStore writes to. Folder '' is the top level. */
export interface KeepBackend {
  readonly kind: 'opfs' | 'indexeddb' | 'memory';
  /** Folder names at the top level. */
  dirs(): Promise<string[]>;
  /** File names in a folder ('' for the top level); [] when the folder does not exist. */
  files(dir: string): Promise<string[]>;
  /** Writes a whole file (creating its folder); returns the bytes stored. Throws QuotaExceededError when full. */
  write(dir: string, name: string, data: KeepData): Promise<number>;
  /** A stored file, or null. */
  read(dir: string, name: string): Promise<Blob | null>;
  /** Deletes one file (no error when absent). */
  removeFile(dir: string, name: string): Promise<void>;
  /** Deletes a folder and everything in it (no error when absent). */
  removeDir(dir: string): Promise<void>;
  /** Deletes the storage itself once nothing is in it (IndexedDB: the database), so no trace is left. */
  drop?(): Promise<void>;
}

const isNotFound = (e: unknown): boolean => e instanceof DOMException && (e.name === 'NotFoundError' || e.name === 'TypeMismatchError');

/** OPFS: navigator.storage.getDirectory(); files written with createWritable (streamed, committed on close). */
export class OpfsBackend implements KeepBackend {
  readonly kind = 'opfs';
  constructor(private readonly root: FileSystemDirectoryHandle) {}

  private async dir(dir: string, create: boolean): Promise<FileSystemDirectoryHandle | null> {
    if (!dir) return this.root;
    try {
      return await this.root.getDirectoryHandle(dir, { create });
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async dirs(): Promise<string[]> {
    const out: string[] = [];
    for await (const [name, h] of entries(this.root)) if (h.kind === 'directory') out.push(name);
    return out;
  }

  async files(dir: string): Promise<string[]> {
    const d = await this.dir(dir, false);
    if (!d) return [];
    const out: string[] = [];
    for await (const [name, h] of entries(d)) if (h.kind === 'file') out.push(name);
    return out;
  }

  async write(dir: string, name: string, data: KeepData): Promise<number> {
    const d = (await this.dir(dir, true))!;
    const fh = await d.getFileHandle(name, { create: true });
    const w = await fh.createWritable();
    // pipeTo closes (commits) the writable at the end and aborts it (discarding the swap file) on an error
    await (data instanceof Blob ? data.stream() : data).pipeTo(w);
    return (await fh.getFile()).size;
  }

  async read(dir: string, name: string): Promise<Blob | null> {
    const d = await this.dir(dir, false);
    if (!d) return null;
    try {
      return await (await d.getFileHandle(name)).getFile();
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async removeFile(dir: string, name: string): Promise<void> {
    const d = await this.dir(dir, false);
    if (!d) return;
    await d.removeEntry(name).catch((e: unknown) => {
      if (!isNotFound(e)) throw e;
    });
  }

  async removeDir(dir: string): Promise<void> {
    if (!dir) throw new Error('refusing to remove the top level');
    await this.root.removeEntry(dir, { recursive: true }).catch((e: unknown) => {
      if (!isNotFound(e)) throw e;
    });
  }
}

/** Async iteration over a directory handle (typed loosely: the DOM lib's types lag behind). */
function entries(d: FileSystemDirectoryHandle): AsyncIterable<[string, FileSystemHandle]> {
  return (d as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries();
}

/** True when this browser can write OPFS files from the page (createWritable; Safari before 26 cannot). */
export function opfsWritable(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function' && typeof FileSystemFileHandle !== 'undefined' && 'createWritable' in FileSystemFileHandle.prototype;
}

/** The IndexedDB database that holds kept files where OPFS is missing. */
export const IDB_NAME = 'basket-lens-keep';
const STORE = 'files';

/** IndexedDB: one object store of Blobs keyed "folder/name". */
export class IdbBackend implements KeepBackend {
  readonly kind = 'indexeddb';
  private db: Promise<IDBDatabase | null> | null = null;

  /** The database; without `create`, null when it does not exist (reading never creates it, so a forgotten one stays gone). */
  private open(create: boolean): Promise<IDBDatabase | null> {
    const cached = this.db;
    if (cached) return cached.then((db) => db ?? (create ? ((this.db = null), this.open(true)) : null));
    const p = new Promise<IDBDatabase | null>((resolve, reject) => {
      const req = indexedDB.open(IDB_NAME, 1);
      let aborted = false;
      req.onupgradeneeded = () => {
        if (create) req.result.createObjectStore(STORE);
        else {
          aborted = true;
          req.transaction?.abort();
        }
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => (aborted ? resolve(null) : reject(req.error));
    });
    this.db = p;
    return p.then((db) => {
      if (!db) this.db = null;
      return db;
    });
  }

  private async run<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
    const db = await this.open(mode === 'readwrite');
    if (!db) return undefined;
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req ? req.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }

  private async keys(): Promise<string[]> {
    return ((await this.run('readonly', (s) => s.getAllKeys())) ?? []).map(String);
  }

  async dirs(): Promise<string[]> {
    return [...new Set((await this.keys()).filter((k) => !k.startsWith('/')).map((k) => k.split('/')[0]!))];
  }

  async files(dir: string): Promise<string[]> {
    return (await this.keys()).filter((k) => k.startsWith(`${dir}/`)).map((k) => k.slice(dir.length + 1));
  }

  async write(dir: string, name: string, data: KeepData): Promise<number> {
    const blob = data instanceof Blob ? data : await new Response(data).blob();
    await this.run('readwrite', (s) => s.put(blob, `${dir}/${name}`));
    return blob.size;
  }

  async read(dir: string, name: string): Promise<Blob | null> {
    return ((await this.run('readonly', (s) => s.get(`${dir}/${name}`))) as Blob | undefined) ?? null;
  }

  async removeFile(dir: string, name: string): Promise<void> {
    if (!(await this.open(false))) return;
    await this.run('readwrite', (s) => s.delete(`${dir}/${name}`));
  }

  async removeDir(dir: string): Promise<void> {
    if (!(await this.open(false))) return;
    // keys "dir/…": the range from "dir/" up to "dir0" ('0' follows '/')
    await this.run('readwrite', (s) => s.delete(IDBKeyRange.bound(`${dir}/`, `${dir}0`, false, true)));
  }

  /** Deletes the whole database (when nothing is kept any more), so no empty database is left behind. */
  async drop(): Promise<void> {
    const db = await this.db?.catch(() => null);
    db?.close();
    this.db = null;
    await new Promise<void>((resolve) => {
      const req = indexedDB.deleteDatabase(IDB_NAME);
      req.onsuccess = req.onerror = req.onblocked = () => resolve();
    });
  }
}

/** In memory, for tests: `quota` bytes in all (then writes throw QuotaExceededError, keeping nothing of the file). */
export class MemoryBackend implements KeepBackend {
  readonly kind = 'memory';
  readonly data = new Map<string, Map<string, Blob>>();
  /** Bytes written so far by all writes, to make a write fail midway in tests. */
  constructor(public quota = Infinity) {}

  used(): number {
    let n = 0;
    for (const d of this.data.values()) for (const b of d.values()) n += b.size;
    return n;
  }

  async dirs(): Promise<string[]> {
    return [...this.data.keys()].filter((k) => k !== '');
  }

  async files(dir: string): Promise<string[]> {
    return [...(this.data.get(dir)?.keys() ?? [])];
  }

  async write(dir: string, name: string, data: KeepData): Promise<number> {
    const blob = data instanceof Blob ? data : await new Response(data).blob();
    const old = this.data.get(dir)?.get(name)?.size ?? 0;
    if (this.used() - old + blob.size > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const d = this.data.get(dir) ?? new Map<string, Blob>();
    this.data.set(dir, d);
    d.set(name, blob);
    return blob.size;
  }

  async read(dir: string, name: string): Promise<Blob | null> {
    return this.data.get(dir)?.get(name) ?? null;
  }

  async removeFile(dir: string, name: string): Promise<void> {
    this.data.get(dir)?.delete(name);
    if (dir === '' && this.data.get('')?.size === 0) this.data.delete('');
  }

  async removeDir(dir: string): Promise<void> {
    this.data.delete(dir);
  }
}
