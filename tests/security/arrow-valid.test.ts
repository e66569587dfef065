// The build swaps apache-arrow's generated null test (new Function) for a closure: same answers.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ARROW_IS_VALID_SOURCE, patchArrowValid } from '../../scripts/build/arrow-without-eval';

// arrow's package exports hide its internals: read the file the bundler resolves
const url = new URL('../../node_modules/apache-arrow/builder/valid.mjs', import.meta.url);
const file = fileURLToPath(url);
type IsValidFactory = (nullValues?: readonly unknown[]) => (x: unknown) => boolean;
const { createIsValidFunction } = (await import(/* @vite-ignore */ url.href)) as { createIsValidFunction: IsValidFactory };

describe('arrowWithoutEval', () => {
  it('rewrites builder/valid.mjs so it no longer generates code, and leaves other files alone', () => {
    const out = patchArrowValid(readFileSync(file, 'utf8'), file);
    expect(out).not.toBeNull();
    expect(out).not.toContain('new Function');
    expect(out).toContain(ARROW_IS_VALID_SOURCE);
    expect(patchArrowValid('x', '/node_modules/apache-arrow/builder.mjs')).toBeNull();
    expect(() => patchArrowValid('export function other() {}', file)).toThrow(/changed/);
  });

  it('answers like arrow’s generated function for every null list and value', () => {
    // the closure, built from its source (Node has no CSP); the original from arrow itself
    const closure = new Function(`${ARROW_IS_VALID_SOURCE.replace('export ', '')}; return createIsValidFunction;`)() as IsValidFactory;
    const lists: unknown[][] = [[], [null, undefined], [null], [NaN], [null, 'N/A', NaN], [0], [-0], [1n], ['', 'null'], [true]];
    const values: unknown[] = [null, undefined, NaN, 0, -0, 1, 1n, 2n, '', 'N/A', 'null', 'x', true, false, {}, [], Infinity];
    for (const list of lists) {
      const a = createIsValidFunction(list);
      const b = closure(list);
      for (const v of values) expect(b(v), `${String(list)} ∋ ${String(v)}`).toBe(a(v));
    }
  });
});
