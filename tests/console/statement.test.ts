import { describe, expect, it } from 'vitest';
import { classify, duckdbMessage, errorText, firstKeyword, limitedSql, parseScript, splitStatements, unwrapLineNumbers } from '../../src/components/console/statement';

describe('splitting the console text into statements', () => {
  it('splits at top-level semicolons only', () => {
    expect(splitStatements(`SELECT 'a;b' AS "x;y"; -- a comment; still a comment\nSELECT 2 /* ; */ ;`)).toEqual([
      `SELECT 'a;b' AS "x;y"`,
      `-- a comment; still a comment\nSELECT 2 /* ; */`,
    ]);
  });
  it('handles doubled quotes, E-strings and dollar quoting', () => {
    expect(splitStatements(`SELECT 'it''s;'; SELECT E'\\';'; SELECT $$a;b$$; SELECT $t$;$t$`)).toEqual([`SELECT 'it''s;'`, `SELECT E'\\';'`, `SELECT $$a;b$$`, `SELECT $t$;$t$`]);
  });
  it('drops blank and comment-only pieces', () => {
    expect(splitStatements(`;;  \n-- only a comment\n;/* and this */`)).toEqual([]);
    expect(splitStatements(`SELECT 1; -- trailing note`)).toEqual(['SELECT 1']);
  });
  it('classifies by the first keyword after comments', () => {
    expect(firstKeyword('-- note\n  /* x */ with t AS (SELECT 1) SELECT * FROM t')).toBe('with');
    expect(classify('FROM sales LIMIT 3')).toBe('query');
    expect(classify('(SELECT 1) UNION (SELECT 2)')).toBe('query');
    expect(classify('summarize sales')).toBe('rows');
    expect(classify('DESCRIBE sales')).toBe('rows');
    expect(classify('CREATE TABLE t AS SELECT 1')).toBe('effect');
    expect(classify('SET threads = 2')).toBe('effect');
    expect(parseScript('CREATE TABLE t AS SELECT 1; SELECT * FROM t').map((s) => s.kind)).toEqual(['effect', 'query']);
  });
});

describe('wrapping and errors', () => {
  it('keeps a trailing line comment from swallowing the wrapper', () => {
    expect(limitedSql('SELECT 1 -- note', 10001)).toBe('SELECT * FROM (\nSELECT 1 -- note\n) LIMIT 10001');
  });
  it('moves LINE numbers back to the user text', () => {
    expect(unwrapLineNumbers('Binder Error: no column\n\nLINE 3: SELECT nope')).toBe('Binder Error: no column\n\nLINE 2: SELECT nope');
    // the caret stays under the same character when the number loses a digit
    expect(unwrapLineNumbers('LINE 10: x nope\n           ^')).toBe('LINE 9: x nope\n          ^');
    expect(unwrapLineNumbers('LINE 1: SELEC')).toBe('LINE 1: SELEC');
  });
  it('turns the JSON errors of streamed queries into DuckDB\'s usual text', () => {
    const json = JSON.stringify({ exception_type: 'Parser', exception_message: 'syntax error at or near "SELEC"\n\nLINE 1: SELEC 1\n        ^', error_subtype: 'SYNTAX_ERROR', position: '0' });
    expect(duckdbMessage(json)).toBe('Parser Error: syntax error at or near "SELEC"\n\nLINE 1: SELEC 1\n        ^');
    expect(duckdbMessage('{not json')).toBe('{not json');
    expect(duckdbMessage('Binder Error: x')).toBe('Binder Error: x');
  });
  it('shows a repeated LINE block once and caps the lines', () => {
    const msg = 'Parser Error: syntax error at or near "SELEC"\n\nLINE 1: SELEC 1\n        ^\n\nLINE 1: SELEC 1\n        ^';
    expect(errorText(msg)).toBe('Parser Error: syntax error at or near "SELEC"\n\nLINE 1: SELEC 1\n        ^');
    expect(errorText(Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n'), 3)).toBe('l0\nl1\nl2\n…');
  });
});
