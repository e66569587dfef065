// apache-arrow builds the null test of its Builders with new Function() (builder/valid.mjs), which
// the page's CSP refuses (measured: tableFromArrays in clusters-load threw EvalError, so the
// clusters table was never written). This Vite plugin swaps in the same test as a closure: x is
// null when it is NaN and NaN is listed, or strictly equals a listed value (what the generated
// switch did). It fails the build if arrow's code changes shape. Tested in tests/security.
import type { Plugin } from 'vite';

/** Arrow's line that generates code; the plugin refuses to build if it is not found. */
export const ARROW_EVAL_LINE = 'return new Function(`x`, `${fnBody}\\nreturn true;`);\n}';

/** The replacement createIsValidFunction (plain JavaScript, spliced into arrow's module). */
export const ARROW_IS_VALID_SOURCE = [
  'export function createIsValidFunction(nullValues) {',
  '    if (!nullValues || nullValues.length <= 0) return function isValid() { return true; };',
  '    const nan = nullValues.some((x) => x !== x);',
  '    const listed = nullValues.filter((x) => x === x);',
  '    return function isValid(x) { return !((nan && x !== x) || listed.some((v) => v === x)); };',
  '}',
].join('\n');

const ARROW_VALID = /apache-arrow[\\/]builder[\\/]valid\.mjs$/;

/** Rewrites arrow's builder/valid.mjs source; other files pass through (null). */
export function patchArrowValid(code: string, id: string): string | null {
  if (!ARROW_VALID.test(id.split('?')[0] ?? '')) return null;
  const from = code.indexOf('export function createIsValidFunction(nullValues) {');
  const end = code.indexOf(ARROW_EVAL_LINE, from);
  if (from < 0 || end < 0) throw new Error('apache-arrow builder/valid.mjs changed: update scripts/build/arrow-without-eval.ts');
  return code.slice(0, from) + ARROW_IS_VALID_SOURCE + code.slice(end + ARROW_EVAL_LINE.length);
}

/** The Vite (and dev pre-bundle) plugin. */
export const arrowWithoutEval: Plugin = {
  name: 'arrow-valid-without-eval',
  enforce: 'pre',
  transform(code, id) {
    const out = patchArrowValid(code, id);
    return out === null ? null : { code: out, map: null };
  },
};
