// Converting a text file that DuckDB cannot read as UTF-8 (UTF-16 LE/BE, Windows-1252) into
// UTF-8 bytes, streaming over slices of the Blob so the text is never held twice as a string.
import { abortError } from '../../engine/connector';
import { decoderLabel, type TextEncoding } from './text-shape';

/** Slice size read at a time. */
const CHUNK = 4 * 1024 * 1024;

/**
 * The file's text re-encoded as UTF-8 (no BOM). TextDecoder with stream:true keeps characters
 * split across slices whole; windows-1252 maps 0x80–0x9F to € ‚ ƒ … (not latin-1's control codes).
 * Rejects with an AbortError when `signal` fires.
 */
export async function transcodeToUtf8(file: Blob, encoding: TextEncoding, signal?: AbortSignal, onProgress?: (fraction: number) => void): Promise<Uint8Array> {
  const decoder = new TextDecoder(decoderLabel(encoding)); // drops a BOM at the start
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let at = 0; at < file.size; at += CHUNK) {
    if (signal?.aborted) throw abortError();
    const bytes = new Uint8Array(await file.slice(at, Math.min(file.size, at + CHUNK)).arrayBuffer());
    const out = encoder.encode(decoder.decode(bytes, { stream: true }));
    parts.push(out);
    total += out.length;
    onProgress?.(Math.min(1, (at + CHUNK) / file.size));
  }
  if (signal?.aborted) throw abortError();
  const last = encoder.encode(decoder.decode());
  parts.push(last);
  total += last.length;
  const result = new Uint8Array(total);
  let off = 0;
  for (const p of parts) (result.set(p, off), (off += p.length));
  return result;
}
