// What the console does with the text it is given. The user's SQL is split into
// statements (semicolons inside strings, quoted names and comments do not count); a
// read query is wrapped so that only the first rows reach the page, other statements run
// as written. Pure: no engine here.

/** How one statement is run. */
export type StatementKind =
  /** A read query that can be wrapped in `SELECT * FROM (…) LIMIT n`. */
  | 'query'
  /** Returns rows but cannot be a subquery (DESCRIBE, SHOW, SUMMARIZE, EXPLAIN, PRAGMA, CALL): run as written. */
  | 'rows'
  /** Run for its effect (CREATE, SET, INSERT, DROP …); it may report a count. */
  | 'effect';

/** One statement of the user's text, without its semicolon. */
export interface Statement {
  sql: string;
  kind: StatementKind;
}

const QUERY_START = new Set(['select', 'with', 'from', 'values', 'table', 'pivot', 'unpivot', 'pivot_wider', 'pivot_longer', '(']);
const ROWS_START = new Set(['describe', 'desc', 'show', 'summarize', 'explain', 'pragma', 'call']);

/** Splits SQL text into statements at top-level semicolons; blank and comment-only pieces are dropped. */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = text.length;
  const push = (end: number): void => {
    const piece = text.slice(start, end);
    if (stripComments(piece).trim()) out.push(piece.trim());
  };
  while (i < n) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '-' && next === '-') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
    } else if (c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (c === "'" || c === '"') {
      // E'…' strings escape with backslashes; plain ones (and quoted names) by doubling
      const backslash = c === "'" && /[eE]/.test(text[i - 1] ?? '') && !/[\w]/.test(text[i - 2] ?? '');
      i = skipQuoted(text, i, c, backslash);
    } else if (c === '$') {
      const tag = /^\$([A-Za-z_]\w*)?\$/.exec(text.slice(i));
      if (tag && !/\w/.test(text[i - 1] ?? '')) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? n : close + tag[0].length;
      } else i++;
    } else if (c === ';') {
      push(i);
      start = i + 1;
      i++;
    } else i++;
  }
  push(n);
  return out;
}

/** The index just past a quoted string or name opened at `open` (doubled quotes inside; backslash escapes for E'' strings); the text's end when unclosed. */
export function skipQuoted(text: string, open: number, quote: string, backslash: boolean): number {
  let i = open + 1;
  while (i < text.length) {
    const c = text[i];
    if (backslash && c === '\\') i += 2;
    else if (c === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}

/** The text with comments blanked (strings and quoted names kept), for looking at keywords. */
export function stripComments(text: string): string {
  return text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/g, (m) => (m.startsWith('--') || m.startsWith('/*') ? ' ' : m));
}

/** The first keyword of a statement, lower-cased ('(' for a parenthesised query). */
export function firstKeyword(sql: string): string {
  const s = stripComments(sql).trimStart();
  if (s.startsWith('(')) return '(';
  return (/^[A-Za-z_]+/.exec(s)?.[0] ?? '').toLowerCase();
}

/** Classifies one statement by its first keyword. */
export function classify(sql: string): StatementKind {
  const k = firstKeyword(sql);
  if (QUERY_START.has(k)) return 'query';
  if (ROWS_START.has(k)) return 'rows';
  return 'effect';
}

/** The user's text as statements to run in order. */
export function parseScript(text: string): Statement[] {
  return splitStatements(text).map((sql) => ({ sql, kind: classify(sql) }));
}

/** A read query limited to its first `limit` rows; the query sits on its own lines so a trailing `--` comment cannot swallow the wrapper. */
export function limitedSql(sql: string, limit: number): string {
  return `SELECT * FROM (\n${sql}\n) LIMIT ${Math.max(0, Math.floor(limit))}`;
}

/** DuckDB's message in its usual "Parser Error: …" form (shared with the engines' error flattening, src/errors.ts). */
export { duckdbMessage } from '../../errors';

/** DuckDB's message for an error in the wrapped query, with LINE numbers moved back to the user's text. */
export function unwrapLineNumbers(message: string): string {
  const lines = message.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^(.*\bLINE )(\d+):/.exec(lines[i] as string);
    if (!m || Number(m[2]) <= 1) continue;
    const next = String(Number(m[2]) - 1);
    lines[i] = `${m[1]}${next}:${(lines[i] as string).slice(m[0].length)}`;
    // the caret line below is aligned to the old prefix: LINE 10 → LINE 9 moves the text one left
    const shift = (m[2] as string).length - next.length;
    const caret = lines[i + 1];
    if (shift > 0 && caret !== undefined && /^ +\^/.test(caret)) lines[i + 1] = caret.slice(shift);
  }
  return lines.join('\n');
}

/** The first lines of an error worth showing: DuckDB sometimes repeats the LINE/caret block, shown once here. */
export function errorText(message: string, maxLines = 12): string {
  const blocks = message.replace(/\r\n/g, '\n').split(/\n\s*\n/);
  const seen = new Set<string>();
  const kept = blocks.filter((b) => {
    const key = b.trim();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const lines = kept.join('\n\n').split('\n');
  return lines.length > maxLines ? [...lines.slice(0, maxLines), '…'].join('\n') : lines.join('\n');
}
