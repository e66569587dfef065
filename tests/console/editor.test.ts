import { describe, expect, it } from 'vitest';
import { indentEdit, insertEdit, lineAndColumn, newlineEdit, type Edit } from '../../src/components/console/editor';

const apply = (v: string, e: Edit): string => v.slice(0, e.from) + e.text + v.slice(e.to);

describe('editor edits', () => {
  it('Tab inserts two spaces at the cursor, replacing a one-line selection', () => {
    const v = 'SELECT 1';
    const e = indentEdit(v, 6, 6, false);
    expect(apply(v, e)).toBe('SELECT   1');
    expect([e.selStart, e.selEnd]).toEqual([8, 8]);
    expect(apply('SELECT abc', indentEdit('SELECT abc', 7, 10, false))).toBe('SELECT   ');
  });
  it('Tab and Shift+Tab over several lines indent and outdent each line, keeping the selection on them', () => {
    const v = 'SELECT\na,\n b\nFROM t';
    const start = v.indexOf('a');
    const end = v.indexOf('b') + 1;
    const ind = indentEdit(v, start, end, false);
    const indented = apply(v, ind);
    expect(indented).toBe('SELECT\n  a,\n   b\nFROM t');
    expect(indented.slice(ind.selStart, ind.selEnd)).toBe('a,\n   b');
    const out = indentEdit(indented, ind.selStart, ind.selEnd, true);
    expect(apply(indented, out)).toBe(v);
    // Shift+Tab with a bare cursor outdents its line
    expect(apply('  x', indentEdit('  x', 3, 3, true))).toBe('x');
    // a selection ending at a line start leaves that line alone
    expect(apply('a\nb\nc', indentEdit('a\nb\nc', 0, 4, false))).toBe('  a\n  b\nc');
  });
  it('Enter keeps the indentation of the line', () => {
    const v = 'SELECT\n  a,';
    const e = newlineEdit(v, v.length, v.length);
    expect(apply(v, e)).toBe('SELECT\n  a,\n  ');
    expect(e.selStart).toBe(v.length + 3);
  });
  it('an inserted name does not run into the word before it', () => {
    expect(apply('SELECT * FROM', insertEdit('SELECT * FROM', 13, 13, 'sales'))).toBe('SELECT * FROM sales');
    expect(apply('SELECT * FROM ', insertEdit('SELECT * FROM ', 14, 14, 'sales'))).toBe('SELECT * FROM sales');
    expect(apply('count(', insertEdit('count(', 6, 6, '"Customer ID"'))).toBe('count("Customer ID"');
  });
  it('reports line and column', () => {
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('', 0)).toEqual({ line: 1, column: 1 });
  });
});
