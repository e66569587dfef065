// `basket-lens check` output: the data tests of cleaning (src/sql/quality.ts via
// src/pipeline/clean.ts, pass / warn / fail as on the Data quality tab) as text, JSON or
// JUnit XML, and the exit code a scheduler gates on. Pure.
import type { CheckResult } from '../pipeline/clean';

/** The verdict of a run: exit 0 (pass or only warnings), 1 (a test failed; warnings too with warnError). */
export function checkExitCode(checks: readonly CheckResult[], warnError: boolean): 0 | 1 {
  return checks.some((c) => c.status === 'fail' || (warnError && c.status === 'warn')) ? 1 : 0;
}

const pct = (c: CheckResult): string => (c.total > 0 ? `${((100 * c.failing) / c.total).toFixed(2)}%` : '0%');

/** One line per test: status, test, column, failing of total. */
export function checkText(dataset: string, checks: readonly CheckResult[], warnError: boolean): string {
  const word = (c: CheckResult): string => (c.status === 'warn' && warnError ? 'FAIL (warning)' : c.status.toUpperCase());
  const width = Math.max(4, ...checks.map((c) => word(c).length));
  const lines = checks.map((c) => `${word(c).padEnd(width)}  ${c.test} ${c.column}: ${c.description} (${c.failing.toLocaleString('en')} of ${c.total.toLocaleString('en')} rows, ${pct(c)})`);
  const count = (s: CheckResult['status']): number => checks.filter((c) => c.status === s).length;
  return `Data tests on ${dataset}\n${lines.join('\n')}\n${count('pass')} passed, ${count('warn')} warned, ${count('fail')} failed\n`;
}

/** The results as JSON (one object per test, plus the summary). */
export function checkJson(dataset: string, checks: readonly CheckResult[], warnError: boolean): string {
  return `${JSON.stringify({ dataset, warn_error: warnError, exit_code: checkExitCode(checks, warnError), checks }, null, 2)}\n`;
}

/** Text escaped for XML attributes and content (and stripped of characters XML 1.0 cannot hold). */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/**
 * JUnit XML: one testcase per data test. A failed test has a <failure>; a warning has a
 * <skipped> with the warning in words (CI systems show it apart from passes), or a
 * <failure> under --warn-error.
 */
export function checkJunit(dataset: string, checks: readonly CheckResult[], warnError: boolean, seconds = 0): string {
  const failed = (c: CheckResult): boolean => c.status === 'fail' || (warnError && c.status === 'warn');
  const failures = checks.filter(failed).length;
  const skipped = checks.filter((c) => c.status === 'warn' && !warnError).length;
  const cases = checks.map((c) => {
    const what = `${c.failing} of ${c.total} rows (${pct(c)}) fail: ${c.description}`;
    const head = `    <testcase classname="${xmlEscape(`basket_lens.${c.test}`)}" name="${xmlEscape(`${c.id} (${c.column})`)}" time="0">`;
    if (failed(c)) return `${head}\n      <failure type="${c.status}" message="${xmlEscape(what)}">${xmlEscape(`${c.test} on ${c.column}: ${what}`)}</failure>\n    </testcase>`;
    if (c.status === 'warn') return `${head}\n      <skipped message="${xmlEscape(`warning: ${what}`)}"/>\n    </testcase>`;
    return `${head}</testcase>`;
  });
  const attrs = `tests="${checks.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds.toFixed(3)}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="basket-lens check" ${attrs}>\n  <testsuite name="${xmlEscape(`data tests: ${dataset}`)}" ${attrs}>\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`;
}
