// Types of the reader worker's API (shared by the worker and the page).
import type { DecodedFormat, DecodeOptions, DecodedMeta } from '../pipeline/read/decode';

/** A decode either gives Arrow IPC bytes (transferred) and what the reader noticed, or a refusal in words. */
export type DecodeResult = { ok: true; ipc: Uint8Array; meta: DecodedMeta } | { ok: false; title: string; message: string; name: string };

/** What the reader worker does: Excel, Parquet and JSON files into Arrow, off the page's thread. */
export interface ReaderApi {
  decode(file: Blob, format: DecodedFormat, options: DecodeOptions): Promise<DecodeResult>;
}
