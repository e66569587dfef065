// File arguments of the command line: paths and globs ("data/*.csv", "exports/**/*.csv.gz")
// expanded in Node (the shell may have expanded them already), each opened as a Blob backed
// by the file, so nothing is read into memory before the reader asks for it.
import { openAsBlob, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import type { Source } from '../pipeline/read/load';
import { UsageError } from './args';

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
  for (const p of paths) sources.push({ name: basename(p), blob: await openAsBlob(p) });
  return { sources, paths };
}
