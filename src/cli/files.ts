// File arguments of the command line: paths and globs ("data/*.csv", "exports/**/*.csv.gz")
// expanded in Node (the shell may have expanded them already), each opened as a Blob backed
// by the file, so nothing is read into memory before the reader asks for it.
import { createReadStream, openAsBlob, readdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { Source } from '../pipeline/read/load';
import { UsageError } from './args';

/**
 * Files from this size on are opened as a FileRangeBlob: Node 20's fs.openAsBlob gives a file
 * of 4 GiB or more its size modulo 2^32 and slices it there (measured on Node 20.20: a 5.44 GB
 * CSV reported 1.15 GB, so the report said so and the reader's look at the file's end read a
 * line from its middle). From 2 GiB, to stay clear of any 31-bit limit.
 */
export const LARGE_FILE_BYTES = 2 ** 31;

/** A Blob over a byte range of a file, read with positioned reads (only what the readers use: size, slice, arrayBuffer, text, stream). */
export class FileRangeBlob extends Blob {
  readonly #path: string;
  readonly #start: number;
  readonly #end: number;
  constructor(path: string, start: number, end: number) {
    super([]);
    this.#path = path;
    this.#start = start;
    this.#end = end;
  }
  override get size(): number {
    return this.#end - this.#start;
  }
  override slice(start?: number, end?: number): Blob {
    const size = this.size;
    const at = (x: number | undefined, d: number): number => (x === undefined ? d : x < 0 ? Math.max(size + x, 0) : Math.min(x, size));
    const s = at(start, 0);
    return new FileRangeBlob(this.#path, this.#start + s, this.#start + Math.max(at(end, size), s));
  }
  override async arrayBuffer(): Promise<ArrayBuffer> {
    const out = new Uint8Array(this.size);
    const fh = await open(this.#path, 'r');
    try {
      for (let done = 0; done < out.length; ) {
        const { bytesRead } = await fh.read(out, done, out.length - done, this.#start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
    } finally {
      await fh.close();
    }
    return out.buffer;
  }
  override async text(): Promise<string> {
    return new TextDecoder().decode(await this.arrayBuffer());
  }
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    if (this.size === 0) return new Blob([]).stream();
    return Readable.toWeb(createReadStream(this.#path, { start: this.#start, end: this.#end - 1 })) as unknown as ReadableStream<Uint8Array<ArrayBuffer>>;
  }
}

/** The file as a Blob that reads it in place (FileRangeBlob from LARGE_FILE_BYTES on). */
export async function fileBlob(path: string): Promise<Blob> {
  const size = statSync(path).size;
  return size >= LARGE_FILE_BYTES ? new FileRangeBlob(path, 0, size) : openAsBlob(path);
}

/** True when the text holds a glob character. */
function isGlob(p: string): boolean {
  return /[*?[]/.test(p);
}

/** A glob segment as a regular expression (*, ?, [abc]). */
function segmentRegex(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i] as string;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${seg.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Files matching a glob, sorted; `**` matches any depth of folders. */
export function expandGlob(pattern: string): string[] {
  const parts = resolve(pattern).split(sep);
  let fixed = 0;
  while (fixed < parts.length && !isGlob(parts[fixed] as string)) fixed++;
  const root = parts.slice(0, fixed).join(sep) || sep;
  const rest = parts.slice(fixed);
  const out: string[] = [];
  const walk = (dir: string, i: number): void => {
    if (i === rest.length) {
      out.push(dir);
      return;
    }
    const seg = rest[i] as string;
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    if (seg === '**') {
      walk(dir, i + 1);
      for (const e of entries) if (!e.startsWith('.') && statSync(join(dir, e), { throwIfNoEntry: false })?.isDirectory()) walk(join(dir, e), i);
      return;
    }
    const re = isGlob(seg) ? segmentRegex(seg) : null;
    for (const e of entries) {
      if (re ? !re.test(e) || e.startsWith('.') : e !== seg) continue;
      walk(join(dir, e), i + 1);
    }
  };
  walk(root, 0);
  return [...new Set(out)].filter((p) => statSync(p, { throwIfNoEntry: false })?.isFile()).sort();
}

/** The files of the command line (globs expanded), each as a Source backed by the file; throws UsageError for a missing file. */
export async function openSources(args: readonly string[]): Promise<{ sources: Source[]; paths: string[] }> {
  const paths: string[] = [];
  for (const a of args) {
    if (isGlob(a) && !statSync(a, { throwIfNoEntry: false })) {
      const found = expandGlob(a);
      if (found.length === 0) throw new UsageError(`No file matches “${a}”. Check the pattern (quote it so the shell passes it on).`);
      paths.push(...found);
      continue;
    }
    const st = statSync(a, { throwIfNoEntry: false });
    if (!st) throw new UsageError(`There is no file “${a}”. Check the path.`);
    if (st.isDirectory()) throw new UsageError(`“${a}” is a folder. Give the files in it (for example "${join(a, '*.csv')}").`);
    paths.push(resolve(a));
  }
  const sources: Source[] = [];
  for (const p of paths) sources.push({ name: basename(p), blob: await fileBlob(p) });
  return { sources, paths };
}
