// The KeepStore of this browser: OPFS when the page can write to it, else IndexedDB; null when neither exists.
import { IdbBackend, OpfsBackend, opfsWritable } from './backend';
import { KeepStore } from './keep';

/** Opens the storage for kept datasets (OPFS, IndexedDB as fallback), or null when the browser offers neither. */
export async function browserKeepStore(): Promise<KeepStore | null> {
  const deps = {
    locks: typeof navigator !== 'undefined' && navigator.locks ? (navigator.locks as unknown as import('./keep').Locks) : undefined,
    estimate: () => navigator.storage.estimate(),
    gzip: typeof CompressionStream === 'function' ? (s: ReadableStream<Uint8Array>) => s.pipeThrough(new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>) : undefined,
  };
  if (opfsWritable()) {
    try {
      return new KeepStore(new OpfsBackend(await navigator.storage.getDirectory()), deps);
    } catch {
      // private windows in some browsers refuse OPFS: fall back to IndexedDB
    }
  }
  if (typeof indexedDB !== 'undefined') return new KeepStore(new IdbBackend(), deps);
  return null;
}
