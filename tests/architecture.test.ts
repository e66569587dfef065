// The layering the design holds to (../shared/DESIGN.md), checked on the import graph:
// views are handed a connector (Svelte context, set in App.svelte) and never import engine/;
// sql, pipeline, analysis and analytics never import state (the page's runes and URL);
// sql and analytics import no engine at all; only the composition roots pick the browser's
// engine (DuckDB-WASM's connector, database and files). Each rule fails with the files that break it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** Every .ts and .svelte file under src/<dir>, as paths relative to src ('/'-separated). */
function sources(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string): void => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const p = join(abs, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|svelte)$/.test(e.name)) out.push(relative(SRC, p).split(sep).join('/'));
    }
  };
  walk(join(SRC, dir));
  return out.sort();
}

/** The module specifiers a source imports: static and type imports, re-exports, side-effect and dynamic imports. */
export function specifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1] as string);
  return out;
}

/** A relative specifier as a path under src (e.g. 'engine/browser-connector'); bare packages stay as written. */
function target(file: string, spec: string): string {
  return spec.startsWith('.') ? posix.normalize(posix.join(posix.dirname(file), spec)) : spec;
}

/** "file → import" for each import of the files under `dirs` whose target starts with one of `banned`. */
function offenders(dirs: string[], banned: string[], allowed: (file: string) => boolean = () => false): string[] {
  const out: string[] = [];
  for (const dir of dirs)
    for (const file of sources(dir)) {
      if (allowed(file)) continue;
      for (const spec of specifiers(readFileSync(join(SRC, file), 'utf8'))) {
        const t = target(file, spec);
        if (banned.some((b) => t === b || t.startsWith(`${b}/`) || t.startsWith(`${b}.`))) out.push(`src/${file} → ${spec}`);
      }
    }
  return out;
}

describe('architecture: who may import what', () => {
  it('the import scanner sees every form of import (so the rules below can fail)', () => {
    const text = `import { a } from '../../engine/browser-connector';
import type { Row } from "../../engine/rows";
import {
  b,
  c,
} from '../state/filters';
export { d } from '../engine/connector';
import './side-effect.css';
const m = await import('../engine/db');
// a comment naming engine/lockdown.ts is no import`;
    expect(specifiers(text)).toEqual(['../../engine/browser-connector', '../../engine/rows', '../state/filters', '../engine/connector', './side-effect.css', '../engine/db']);
    expect(target('components/console/csv.ts', '../../engine/connector')).toBe('engine/connector');
    expect(target('components/console/csv.ts', './cells')).toBe('components/console/cells');
    // a real file that imports the engine is found
    expect(offenders(['engine'], ['engine/connector']).length).toBeGreaterThan(0);
  });

  it('components never import the engine: they get the connector from context (src/state/context.ts)', () => {
    expect(offenders(['components'], ['engine'])).toEqual([]);
  });

  it('sql, pipeline, analysis and analytics never import state', () => {
    expect(offenders(['sql', 'pipeline', 'analysis', 'analytics'], ['state'])).toEqual([]);
  });

  it('sql and analytics import no engine (SQL builders return strings; models are plain TypeScript)', () => {
    expect(offenders(['sql', 'analytics'], ['engine'])).toEqual([]);
  });

  it('nothing below the page imports components', () => {
    expect(offenders(['sql', 'pipeline', 'analysis', 'analytics', 'state', 'engine', 'cli'], ['components'])).toEqual([]);
  });

  it("only the composition roots (App.svelte, the bench page) and state pick the browser's engine", () => {
    const roots = (f: string): boolean => f === 'App.svelte' || f.startsWith('state/') || f.startsWith('bench/') || f.startsWith('engine/');
    const browserEngine = ['engine/browser-connector', 'engine/db', 'engine/files'];
    expect(offenders(['.'], browserEngine, roots)).toEqual([]);
  });
});
