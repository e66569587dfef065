// The page's side of the reader worker: one worker per decode, terminated when the decode
// ends or is cancelled (Cancel stops a 50 MB workbook mid-parse at once).
import { abortError } from '../engine/connector';
import { wrap } from 'comlink';
import type { DecodedFormat, DecodeOptions, DecodedMeta } from '../pipeline/read/decode';
import { ReadRefusal } from '../pipeline/read/refusal';
import type { ReaderApi } from './reader.api';

/** Decodes a file in a fresh worker into Arrow IPC bytes; rejects with ReadRefusal (the reader's words) or AbortError. */
export function decodeInWorker(file: Blob, format: DecodedFormat, options: DecodeOptions, signal: AbortSignal): Promise<{ ipc: Uint8Array; meta: DecodedMeta }> {
  const worker = new Worker(new URL('./reader.worker.ts', import.meta.url), { type: 'module', name: 'reader' });
  const api = wrap<ReaderApi>(worker);
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      worker.terminate();
      reject(abortError());
    };
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    worker.addEventListener('error', (ev) => {
      signal.removeEventListener('abort', stop);
      worker.terminate();
      reject(new ReadRefusal('The file could not be read', `The reader stopped: ${ev.message || 'it ran out of memory or met data it cannot parse'}. Try saving the file as CSV and loading that.`));
    });
    api.decode(file, format, options).then(
      (r) => {
        signal.removeEventListener('abort', stop);
        worker.terminate();
        if (r.ok) resolve({ ipc: r.ipc, meta: r.meta });
        else reject(r.title ? new ReadRefusal(r.title, r.message) : new ReadRefusal('The file could not be read', r.message));
      },
      (e: unknown) => {
        signal.removeEventListener('abort', stop);
        worker.terminate();
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
