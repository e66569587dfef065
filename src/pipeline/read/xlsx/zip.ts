// Reading the parts of an .xlsx (a zip file) without trusting it: the central directory is read
// by hand, and every entry is inflated as a stream whose output is counted, so a zip bomb (a
// tiny entry that inflates to gigabytes, or one that lies about its size) is stopped at the cap
// instead of exhausting memory. fflate does the inflating.
import { abortError } from '../../../engine/connector';
import { Inflate } from 'fflate';
import { ReadRefusal } from '../refusal';

/** One file inside the zip, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** What the directory claims; the real size is counted while inflating. */
  size: number;
  localOffset: number;
}

/** Limits on what a workbook may inflate to (whole file, and the ratio of one big entry). */
export const ZIP_LIMITS = {
  /** Total inflated bytes over all entries read. */
  maxTotal: 1.5 * 1024 ** 3,
  /** Entries inflating past this many bytes must keep the ratio below maxRatio. */
  ratioFrom: 64 * 1024 ** 2,
  maxRatio: 200,
};

const notZip = (why: string) =>
  new ReadRefusal('Damaged or unsupported file', `This file looks like a zip (an Excel workbook is one), but ${why}. Open it in Excel and save it again as .xlsx, or export the sheet as CSV.`);

/** True when the bytes start like a zip file (local file header or empty-archive signature). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

/** Opened zip: its entries by name, and a reader that streams an entry's inflated bytes under the limits. */
export class ZipReader {
  readonly entries = new Map<string, ZipEntry>();
  /** Checked between chunks by streamAsync: an aborted signal stops the read with its reason (an AbortError). */
  signal: AbortSignal | undefined;
  private inflatedTotal = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.readDirectory();
  }

  /** The entry of that name, matched case-insensitively as Excel does, or undefined. */
  get(name: string): ZipEntry | undefined {
    const n = name.replace(/^\/+/, '');
    const hit = this.entries.get(n);
    if (hit) return hit;
    const lower = n.toLowerCase();
    for (const [k, e] of this.entries) if (k.toLowerCase() === lower) return e;
    return undefined;
  }

  /** A byte counter for one entry that throws a ReadRefusal past the limits (total size, ratio of a big entry). */
  private counter(entry: ZipEntry): (n: number) => void {
    let produced = 0;
    return (n: number) => {
      produced += n;
      this.inflatedTotal += n;
      if (this.inflatedTotal > ZIP_LIMITS.maxTotal)
        throw new ReadRefusal('Workbook too large', `This workbook unpacks to more than ${Math.round((ZIP_LIMITS.maxTotal / 1024 ** 3) * 10) / 10} GB, more than a browser tab can hold. Export the sheet you need as CSV, or split it into smaller files.`);
      if (produced > ZIP_LIMITS.ratioFrom && produced > ZIP_LIMITS.maxRatio * Math.max(1, entry.compressedSize))
        throw new ReadRefusal('Suspicious workbook', `A part of this workbook ("${entry.name}") unpacks to more than ${ZIP_LIMITS.maxRatio} times its packed size, which real spreadsheets do not do (it looks like a "zip bomb"). The file was not read.`);
    };
  }

  private packed(entry: ZipEntry): Uint8Array {
    const start = this.dataStart(entry);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) throw notZip(`the part "${entry.name}" is cut off (the file may be incomplete)`);
    if (entry.method !== 0 && entry.method !== 8) throw notZip(`the part "${entry.name}" uses a compression method (${entry.method}) that Excel does not write`);
    return this.bytes.subarray(start, end);
  }

  /** Streams the inflated bytes of an entry in chunks to `onChunk` (fflate); throws a ReadRefusal past the limits. */
  stream(entry: ZipEntry, onChunk: (chunk: Uint8Array) => void): void {
    const data = this.packed(entry);
    const count = this.counter(entry);
    if (entry.method === 0) {
      count(data.length);
      onChunk(data);
      return;
    }
    let finished = false;
    const inflater = new Inflate((chunk, final) => {
      count(chunk.length);
      if (chunk.length) onChunk(chunk);
      if (final) finished = true;
    });
    const STEP = 1 << 20;
    try {
      for (let p = 0; p < data.length; p += STEP) inflater.push(data.subarray(p, Math.min(data.length, p + STEP)), p + STEP >= data.length);
      if (data.length === 0) inflater.push(new Uint8Array(0), true);
    } catch (e) {
      if (e instanceof ReadRefusal) throw e;
      throw notZip(`the part "${entry.name}" is damaged (${e instanceof Error ? e.message : 'inflate failed'})`);
    }
    if (!finished && data.length > 0) throw notZip(`the part "${entry.name}" ends early (the file may be incomplete)`);
  }

  /**
   * Like `stream`, with the platform's native inflater (DecompressionStream 'deflate-raw', two to three
   * times faster than fflate) where there is one; fflate otherwise.
   */
  async streamAsync(entry: ZipEntry, onChunk: (chunk: Uint8Array) => void): Promise<void> {
    if (entry.method !== 8 || typeof DecompressionStream === 'undefined') return this.stream(entry, onChunk);
    let ds: DecompressionStream;
    try {
      ds = new DecompressionStream('deflate-raw');
    } catch {
      return this.stream(entry, onChunk);
    }
    const data = this.packed(entry);
    const count = this.counter(entry);
    const writer = ds.writable.getWriter();
    const reader = ds.readable.getReader();
    const STEP = 1 << 20;
    const writing = (async () => {
      for (let p = 0; p < data.length; p += STEP) await writer.write(data.subarray(p, Math.min(data.length, p + STEP)) as Uint8Array<ArrayBuffer>);
      await writer.close();
    })();
    writing.catch(() => undefined); // a failed write surfaces as a failed read below
    const stop = () => {
      void reader.cancel().catch(() => undefined);
      void writer.abort().catch(() => undefined);
    };
    for (;;) {
      if (this.signal?.aborted) {
        stop();
        throw this.signal.reason ?? abortError();
      }
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } catch {
        stop();
        throw notZip(`the part "${entry.name}" is damaged or ends early (the file may be incomplete)`);
      }
      if (r.done) break;
      try {
        count(r.value.length);
        if (r.value.length) onChunk(r.value);
      } catch (e) {
        stop();
        throw e;
      }
    }
  }

  /** The whole inflated entry as text (UTF-8), for the small parts (workbook, styles, relationships). */
  text(entry: ZipEntry): string {
    const dec = new TextDecoder('utf-8');
    let out = '';
    this.stream(entry, (c) => (out += dec.decode(c, { stream: true })));
    return out + dec.decode();
  }

  private dataStart(e: ZipEntry): number {
    const o = e.localOffset;
    if (o + 30 > this.bytes.length || this.view.getUint32(o, true) !== 0x04034b50) throw notZip(`the part "${e.name}" cannot be found where the directory says`);
    return o + 30 + this.view.getUint16(o + 26, true) + this.view.getUint16(o + 28, true);
  }

  private readDirectory(): void {
    const b = this.bytes;
    const v = this.view;
    // End of central directory: the last 0x06054b50 in the final 64 KiB + 22 bytes.
    let eocd = -1;
    for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
      if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw notZip('its table of contents is missing (the file may be incomplete or damaged)');
    let count = v.getUint16(eocd + 10, true);
    let dirOffset = v.getUint32(eocd + 16, true);
    // ZIP64: the locator sits just before the EOCD and points at the ZIP64 EOCD record.
    if ((count === 0xffff || dirOffset === 0xffffffff) && eocd >= 20 && v.getUint32(eocd - 20, true) === 0x07064b50) {
      const z = Number(v.getBigUint64(eocd - 12, true));
      if (z + 56 <= b.length && v.getUint32(z, true) === 0x06064b50) {
        count = Number(v.getBigUint64(z + 32, true));
        dirOffset = Number(v.getBigUint64(z + 48, true));
      }
    }
    const dec = new TextDecoder('utf-8');
    let p = dirOffset;
    for (let n = 0; n < count; n++) {
      if (p + 46 > b.length || v.getUint32(p, true) !== 0x02014b50) throw notZip('its table of contents is damaged');
      const method = v.getUint16(p + 10, true);
      let compressedSize = v.getUint32(p + 20, true);
      let size = v.getUint32(p + 24, true);
      const nameLen = v.getUint16(p + 28, true);
      const extraLen = v.getUint16(p + 30, true);
      const commentLen = v.getUint16(p + 32, true);
      let localOffset = v.getUint32(p + 42, true);
      const name = dec.decode(b.subarray(p + 46, p + 46 + nameLen));
      // ZIP64 extra field (id 1): the 64-bit values, in order, of the fields that are 0xffffffff.
      let x = p + 46 + nameLen;
      const xEnd = x + extraLen;
      while (x + 4 <= xEnd) {
        const id = v.getUint16(x, true);
        const len = v.getUint16(x + 2, true);
        if (id === 1) {
          let q = x + 4;
          if (size === 0xffffffff && q + 8 <= x + 4 + len) (size = Number(v.getBigUint64(q, true))), (q += 8);
          if (compressedSize === 0xffffffff && q + 8 <= x + 4 + len) (compressedSize = Number(v.getBigUint64(q, true))), (q += 8);
          if (localOffset === 0xffffffff && q + 8 <= x + 4 + len) localOffset = Number(v.getBigUint64(q, true));
        }
        x += 4 + len;
      }
      this.entries.set(name.replace(/\\/g, '/'), { name, method, compressedSize, size, localOffset });
      p = xEnd + commentLen;
    }
  }
}
