// What kind of file the user gave us, from its first bytes and its size: CSV (plain or
// gzip), Excel, Parquet or JSON go on to their reader; anything else, or a file larger
// than a tab can hold, gets a message that says what it is and what to do. Decided before
// any reader or DuckDB sees the file, so a hopeless file fails in milliseconds.

/** The verdict on a file's first bytes. */
export type FileFormat =
  | { kind: 'csv'; gzip: boolean }
  | { kind: 'xlsx' }
  | { kind: 'parquet' }
  | { kind: 'json'; ndjson: boolean }
  | { kind: 'rejected'; title: string; message: string };

const MB = 1024 * 1024;
const GB = 1024 * MB;

/**
 * Largest file per format a tab can analyse: WebAssembly memory stops at 4 GB, and the raw
 * table, the typed lines and the derived tables together take about three times the CSV;
 * decoded formats (Excel XML, JSON text) are held whole in a worker while they are parsed.
 */
export const SIZE_LIMITS: Record<'csv' | 'gzip' | 'xlsx' | 'parquet' | 'json', number> = {
  // plain CSV is read from its file handle, never held whole: up to this size a file the engine
  // cannot hold is offered as a sample of customers (src/pipeline/memory.ts) instead
  csv: 4 * GB,
  gzip: 1.2 * GB, // of uncompressed text (from the gzip trailer, or 6× the file)
  xlsx: 250 * MB,
  parquet: 600 * MB,
  json: 400 * MB,
};

const startsWith = (b: Uint8Array, sig: number[], at = 0): boolean => sig.every((v, i) => b[at + i] === v);

/** "1.2 GB", "350 MB", "12 KB": a byte size in words. */
export function byteSize(n: number): string {
  if (n >= GB) return `${(n / GB).toFixed(1)} GB`;
  if (n >= MB) return `${Math.round(n / MB)} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}

function tooLarge(name: string, size: number, limit: number, what: string): FileFormat {
  return {
    kind: 'rejected',
    title: 'This file is larger than a browser tab can analyse',
    message: `“${name}” holds about ${byteSize(size)} of ${what}; a browser tab can analyse up to about ${byteSize(limit)} (browsers give a page at most 4 GB of memory for the database). Split the file (for example by year) and load one part, or load a sample of its rows.`,
  };
}

/** The uncompressed size a gzip trailer states (modulo 4 GB): the last 4 bytes, little-endian. */
export function gzipStatedSize(tail: Uint8Array, size: number): number {
  if (tail.length < 4) return size * 6;
  const n = tail.length;
  const isize = (tail[n - 4]! | (tail[n - 3]! << 8) | (tail[n - 2]! << 16) | (tail[n - 1]! << 24)) >>> 0;
  // CSV packs 4–15× with gzip: a trailer outside 1–25× the packed size is wrapped (> 4 GB) or the
  // random bytes of a file cut short (whose check comes later): estimate from the size instead
  return isize >= size && isize <= size * 25 ? isize : size * 6;
}

/** Decides from the first few KB (the whole first MB is better), the last bytes and the size how the file is read. */
export function sniffFormat(head: Uint8Array, name: string, size: number, tail: Uint8Array = new Uint8Array(0)): FileFormat {
  const lower = name.toLowerCase();
  if (size === 0) return { kind: 'rejected', title: 'The file is empty', message: `“${name}” has 0 bytes. Export the data again and load the new file.` };
  if (startsWith(head, [0x1f, 0x8b])) {
    const stated = gzipStatedSize(tail, size);
    return stated > SIZE_LIMITS.gzip ? tooLarge(name, stated, SIZE_LIMITS.gzip, 'text once unpacked') : { kind: 'csv', gzip: true };
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    return size > SIZE_LIMITS.xlsx ? tooLarge(name, size, SIZE_LIMITS.xlsx, 'workbook') : { kind: 'xlsx' };
  }
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) {
    return size > SIZE_LIMITS.parquet ? tooLarge(name, size, SIZE_LIMITS.parquet, 'Parquet') : { kind: 'parquet' };
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46]))
    return { kind: 'rejected', title: 'This is a PDF, not a data file', message: `“${name}” is a PDF document. Load the CSV or Excel export of your transactions instead.` };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) return { kind: 'xlsx' }; // OLE container: the Excel reader says whether it is encrypted or an old .xls
  const image = imageKind(head);
  if (image)
    return { kind: 'rejected', title: `This is an image (${image}), not a data file`, message: `“${name}” is a picture, even if its name says otherwise. Load the CSV, Excel, Parquet or JSON export of your transactions.` };
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf]) || startsWith(head, [0x52, 0x61, 0x72, 0x21]) || startsWith(head, [0x42, 0x5a, 0x68]) || startsWith(head, [0xfd, 0x37, 0x7a, 0x58]) || startsWith(head, [0x28, 0xb5, 0x2f, 0xfd]))
    return { kind: 'rejected', title: 'This is a compressed archive the app cannot open', message: `“${name}” is a 7-Zip, RAR, bzip2, xz or zstd archive. Unpack it and load the CSV inside (gzip-compressed .csv.gz files load directly).` };
  const utf16 = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
  const text = utf16 ? '' : new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 4096)).replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('{') || text.startsWith('[')) {
    if (size > SIZE_LIMITS.json) return tooLarge(name, size, SIZE_LIMITS.json, 'JSON');
    return { kind: 'json', ndjson: looksNdjson(text, lower) };
  }
  if (/^<(!doctype|html|\?xml|svg)/i.test(text))
    return { kind: 'rejected', title: 'This is a web page or XML, not a CSV', message: `“${name}” starts with “${text.slice(0, 15)}”. If you downloaded it, make sure you saved the data file itself, not the page that links to it.` };
  if (size > SIZE_LIMITS.csv) return tooLarge(name, size, SIZE_LIMITS.csv, 'text');
  return { kind: 'csv', gzip: false };
}

/** NDJSON: one object per line (a first line that is a whole object followed by another object), or named so. */
function looksNdjson(text: string, lower: string): boolean {
  if (/\.(ndjson|jsonl)$/.test(lower)) return true;
  if (!text.startsWith('{')) return false;
  const nl = text.indexOf('\n');
  if (nl < 0) return false;
  const first = text.slice(0, nl).trim();
  const next = text.slice(nl + 1).trimStart();
  if (!first.endsWith('}') || !next.startsWith('{')) return false;
  try {
    JSON.parse(first);
    return true;
  } catch {
    return false;
  }
}

function imageKind(b: Uint8Array): string | null {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47])) return 'PNG';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'JPEG';
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38])) return 'GIF';
  if (startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8)) return 'WebP';
  if (startsWith(b, [0x42, 0x4d]) && startsWith(b, [0, 0, 0, 0], 6)) return 'BMP'; // "BM" alone could start a CSV header
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'TIFF';
  return null;
}
