// A small XML tokenizer for the SpreadsheetML parts we read: no DOM (there is none in a Web
// Worker), no DTD and no entity expansion beyond the five predefined entities and character
// references, namespace prefixes ignored (some writers use <x:row>, Strict files other URIs).

/** The predefined entities and numeric character references decoded; anything else is left as written. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (m, e: string) => {
    switch (e) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : m;
  });
}

/** Office's own escape in string content: `_x000D_` is a carriage return, `_x005F_` an underscore. */
export function decodeXstring(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Text content of an element as Excel means it: entities, then Office escapes. */
export function decodeText(raw: string): string {
  return decodeXstring(decodeEntities(raw));
}

const isNameEnd = (c: number) => c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13; // space > / tab LF CR

/** The local name (prefix dropped) of the tag whose '<' is at `lt`; '/name' for an end tag, '' for comments and declarations. */
export function tagName(xml: string, lt: number): string {
  let p = lt + 1;
  let close = false;
  if (xml.charCodeAt(p) === 47) (close = true), p++;
  const c0 = xml.charCodeAt(p);
  if (c0 === 33 || c0 === 63) return ''; // <! and <?
  let start = p;
  while (p < xml.length && !isNameEnd(xml.charCodeAt(p))) {
    if (xml.charCodeAt(p) === 58) start = p + 1; // ':' ends a prefix
    p++;
  }
  return (close ? '/' : '') + xml.slice(start, p);
}

/** The value of attribute `name` (local name, any prefix) in a tag's text, entity-decoded, or undefined. */
export function attr(tag: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const i = tag.indexOf(name + '=', from);
    if (i < 0) return undefined;
    from = i + name.length + 1;
    const before = tag.charCodeAt(i - 1);
    // preceded by white space or by a prefix colon (r:id), so "id" does not match "sheetId"
    if (!(before === 32 || before === 9 || before === 10 || before === 13 || before === 58)) continue;
    if (before === 58) {
      // the prefix itself must follow white space
      let k = i - 2;
      while (k > 0 && !isNameEnd(tag.charCodeAt(k))) k--;
      if (!isNameEnd(tag.charCodeAt(k))) continue;
    }
    const q = tag.charCodeAt(from);
    if (q !== 34 && q !== 39) continue;
    const end = tag.indexOf(q === 34 ? '"' : "'", from + 1);
    if (end < 0) return undefined;
    return decodeEntities(tag.slice(from + 1, end));
  }
}

/** One element found by `elements`: its start tag's text, and its raw inner content ('' when self-closing). */
export interface Element {
  tag: string;
  inner: string;
}

/**
 * Every element with local name `name` in document order (not nested in one another), for the small
 * parts: workbook, relationships, styles. Unclosed elements end the scan.
 */
export function elements(xml: string, name: string): Element[] {
  const out: Element[] = [];
  let p = 0;
  for (;;) {
    const lt = xml.indexOf('<', p);
    if (lt < 0) break;
    const gt = xml.indexOf('>', lt);
    if (gt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      p = end < 0 ? xml.length : end + 3;
      continue;
    }
    if (tagName(xml, lt) !== name) {
      p = gt + 1;
      continue;
    }
    const tag = xml.slice(lt, gt + 1);
    if (xml.charCodeAt(gt - 1) === 47) {
      out.push({ tag, inner: '' });
      p = gt + 1;
      continue;
    }
    // find the matching end tag of the same local name (nesting of the same name does not occur in these parts)
    let q = gt + 1;
    let end = -1;
    for (;;) {
      const l2 = xml.indexOf('</', q);
      if (l2 < 0) break;
      if (tagName(xml, l2) === '/' + name) {
        end = l2;
        break;
      }
      q = l2 + 2;
    }
    if (end < 0) break;
    out.push({ tag, inner: xml.slice(gt + 1, end) });
    p = xml.indexOf('>', end) + 1;
  }
  return out;
}

/** The concatenated text of every <t> in a string item (<si> or <is>), skipping phonetic runs (<rPh>). */
export function stringItemText(inner: string): string {
  // fast path: a single plain <t>…</t>
  if (inner.charCodeAt(0) === 60 && inner.charCodeAt(1) === 116 && (inner.charCodeAt(2) === 62 || inner.charCodeAt(2) === 32)) {
    const gt = inner.indexOf('>');
    const end = inner.indexOf('</t>', gt);
    if (end >= 0 && end + 4 === inner.length) return decodeText(inner.slice(gt + 1, end));
  }
  let out = '';
  let p = 0;
  let skipDepth = 0;
  for (;;) {
    const lt = inner.indexOf('<', p);
    if (lt < 0) break;
    const gt = inner.indexOf('>', lt);
    if (gt < 0) break;
    const name = tagName(inner, lt);
    if (name === 'rPh') {
      if (inner.charCodeAt(gt - 1) !== 47) skipDepth++;
    } else if (name === '/rPh') {
      skipDepth--;
    } else if (name === 't' && skipDepth === 0 && inner.charCodeAt(gt - 1) !== 47) {
      const end = inner.indexOf('<', gt + 1);
      if (end < 0) break;
      out += inner.slice(gt + 1, end);
      p = end;
      continue;
    }
    p = gt + 1;
  }
  return decodeText(out);
}

/**
 * A copy of a string that does not keep the (megabytes long) chunk it was cut from alive: V8 keeps
 * substrings of 13+ characters as views into their parent, so every text cell would otherwise pin
 * its whole chunk of sheet XML in memory.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Interns repeated cell texts (one copy per distinct text, detached from the XML chunk); stops interning past `max` entries. */
export class TextPool {
  private readonly map = new Map<string, string>();
  constructor(private readonly max = 200_000) {}
  get(s: string): string {
    if (s.length < 13) return s;
    const hit = this.map.get(s);
    if (hit !== undefined) return hit;
    const own = detach(s);
    if (this.map.size < this.max) this.map.set(own, own);
    return own;
  }
}
