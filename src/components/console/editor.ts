// Text edits of the SQL editor as pure functions over (value, selection): the textarea
// applies them as one edit, so the browser's undo still works.

/** Replace value[from, to) by text, then select [selStart, selEnd). */
export interface Edit {
  from: number;
  to: number;
  text: string;
  selStart: number;
  selEnd: number;
}

const INDENT = '  ';

/** Tab (or Shift+Tab): two spaces at the cursor; over several lines, indent (or outdent) each line. */
export function indentEdit(value: string, start: number, end: number, outdent: boolean): Edit {
  const multiline = value.slice(start, end).includes('\n');
  if (!outdent && !multiline) return { from: start, to: end, text: INDENT, selStart: start + INDENT.length, selEnd: start + INDENT.length };
  const from = value.lastIndexOf('\n', start - 1) + 1;
  // a selection ending right after a line break does not take in the next line
  const last = end > start && value[end - 1] === '\n' ? end - 1 : end;
  const nl = value.indexOf('\n', last);
  const to = nl < 0 ? value.length : nl;
  const lines = value.slice(from, to).split('\n');
  let firstShift = 0;
  let total = 0;
  const changed = lines.map((line, i) => {
    const shift = outdent ? -(/^ {0,2}/.exec(line)?.[0].length ?? 0) : INDENT.length;
    if (i === 0) firstShift = shift;
    total += shift;
    return shift > 0 ? INDENT + line : line.slice(-shift);
  });
  const selStart = Math.max(from, start + firstShift);
  return { from, to, text: changed.join('\n'), selStart, selEnd: multiline ? end + total : Math.max(from, end + firstShift) };
}

/** Enter: a line break that keeps the current line's indentation. */
export function newlineEdit(value: string, start: number, end: number): Edit {
  const lineStart = value.lastIndexOf('\n', start - 1) + 1;
  const indent = /^[ \t]*/.exec(value.slice(lineStart, start))?.[0] ?? '';
  const text = `\n${indent}`;
  return { from: start, to: end, text, selStart: start + text.length, selEnd: start + text.length };
}

/** Inserting a name at the cursor: a space first when it would otherwise run into the word before. */
export function insertEdit(value: string, start: number, end: number, name: string): Edit {
  const before = value[start - 1] ?? '';
  const text = /[\w")\]]/.test(before) ? ` ${name}` : name;
  return { from: start, to: end, text, selStart: start + text.length, selEnd: start + text.length };
}

/** The 1-based line and column of a position. */
export function lineAndColumn(value: string, pos: number): { line: number; column: number } {
  const head = value.slice(0, pos);
  const lineStart = head.lastIndexOf('\n') + 1;
  return { line: (head.match(/\n/g)?.length ?? 0) + 1, column: pos - lineStart + 1 };
}
