// Whether a .gz file is whole: streamed through DecompressionStream('gzip') (Node 18+, Chromium),
// counting decompressed bytes and line ends, keeping the first and last bytes of the text for
// the CSV sniffer. A cut-off download ends with an error here, before any figure is shown.
// Errors seen: Node "unexpected end of file" (Z_BUF_ERROR) / Z_DATA_ERROR; Chromium TypeError
// "Compressed input was truncated." and, for a multi-member gzip (valid, e.g. from `cat a.gz b.gz`),
// "Junk found after end of compressed data." — then the file is decompressed again with fflate,
// which reads every member.
import { abortError, isAbort } from '../../engine/connector';
import { Gunzip } from 'fflate';

/** The verdict on a gzip stream. */
export type GzipCheck =
  | { complete: true; bytes: number; lines: number; head: Uint8Array; tail: Uint8Array }
  | { complete: false; bytesRead: number; linesRead: number; reason: string; head: Uint8Array; tail: Uint8Array };

/** Plain words for the ways a gzip stream breaks (Node: Z_BUF_ERROR "unexpected end of file", Z_DATA_ERROR; Chromium: TypeError). */
function reasonOf(e: unknown): string {
  const msg = String((e as Error)?.message ?? e);
  const code = String((e as { code?: string })?.code ?? '');
  if (/unexpected (end|EOF)|Z_BUF_ERROR|truncat|incomplete|premature/i.test(msg + code))
    return 'the compressed file ends early (an incomplete download or copy)';
  if (/junk|trailing/i.test(msg)) return 'the compressed file has unreadable bytes after its end';
  return 'the compressed data is damaged (not a valid gzip stream)';
}

/**
 * Decompresses `file` without keeping it: whether it is complete, its size and line count
 * (0x0A bytes; a last line without a line end is counted too), and its first `headBytes` and
 * last `tailBytes` decompressed bytes. A valid multi-member gzip counts as complete.
 */
export async function checkGzip(file: Blob, signal?: AbortSignal, headBytes = 4 * 1024 * 1024, tailBytes = 64 * 1024, decoder: 'native' | 'fflate' = 'native'): Promise<GzipCheck> {
  const first = await run(file, signal, headBytes, tailBytes, decoder === 'fflate');
  if (first.complete || !/junk/i.test(first.error)) return first.result;
  return (await run(file, signal, headBytes, tailBytes, true)).result;
}

/** Decompresses with DecompressionStream, or with fflate (multi-member) when `withFflate`. */
async function run(file: Blob, signal: AbortSignal | undefined, headBytes: number, tailBytes: number, withFflate: boolean): Promise<{ complete: boolean; error: string; result: GzipCheck }> {
  const head = new Uint8Array(headBytes);
  let headLen = 0;
  let tailChunks: Uint8Array[] = [];
  let tailLen = 0;
  let bytes = 0;
  let lines = 0;
  let last = -1;
  const snapshot = (): { head: Uint8Array; tail: Uint8Array } => {
    const t = new Uint8Array(tailLen);
    let o = 0;
    for (const c of tailChunks) (t.set(c, o), (o += c.length));
    return { head: head.slice(0, headLen), tail: t.subarray(Math.max(0, tailLen - tailBytes)) };
  };
  const take = (value: Uint8Array): void => {
    if (!value.length) return;
    bytes += value.length;
    for (let i = value.indexOf(0x0a); i >= 0; i = value.indexOf(0x0a, i + 1)) lines++;
    last = value[value.length - 1];
    if (headLen < headBytes) {
      const n = Math.min(headBytes - headLen, value.length);
      head.set(value.subarray(0, n), headLen);
      headLen += n;
    }
    tailChunks.push(value);
    tailLen += value.length;
    while (tailChunks.length > 1 && tailLen - tailChunks[0].length >= tailBytes) tailLen -= tailChunks.shift()!.length;
    if (tailChunks.length > 64) (tailChunks = [snapshot().tail]), (tailLen = tailChunks[0].length);
  };
  const aborted = abortError;
  try {
    if (withFflate) {
      const gunzip = new Gunzip((chunk) => take(chunk));
      const step = 1024 * 1024;
      for (let at = 0; at < file.size; at += step) {
        if (signal?.aborted) throw aborted();
        const buf = new Uint8Array(await file.slice(at, at + step).arrayBuffer());
        gunzip.push(buf, at + step >= file.size);
      }
    } else {
      const reader = file.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
      for (;;) {
        if (signal?.aborted) {
          await reader.cancel().catch(() => undefined);
          throw aborted();
        }
        const { done, value } = await reader.read();
        if (done) break;
        if (value) take(value);
      }
    }
  } catch (e) {
    if (isAbort(e)) throw e;
    const error = String((e as Error)?.message ?? e);
    return { complete: false, error, result: { complete: false, bytesRead: bytes, linesRead: lines, reason: reasonOf(e), ...snapshot() } };
  }
  return { complete: true, error: '', result: { complete: true, bytes, lines: lines + (last >= 0 && last !== 0x0a ? 1 : 0), ...snapshot() } };
}
