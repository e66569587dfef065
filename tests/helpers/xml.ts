// A small strict XML reader for tests (no XML package in the project): elements, attributes,
// text and the five predefined entities; throws on anything not well-formed, so a JUnit file
// that a CI system would reject fails the test.

/** An element with its attributes, children and text. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  if (/[<]/.test(s)) throw new Error(`unescaped < in ${JSON.stringify(s)}`);
  return s.replace(/&([a-z]+|#\d+|#x[0-9a-f]+);|&/gi, (_m, name: string | undefined) => {
    if (!name) throw new Error(`bare & in ${JSON.stringify(s)}`);
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    const v = ENTITIES[name];
    if (v === undefined) throw new Error(`unknown entity &${name};`);
    return v;
  });
}

/** Parses a document into its root element. */
export function parseXml(doc: string): XmlElement {
  let i = 0;
  const src = doc.replace(/^\uFEFF/, '');
  const skipWs = (): void => {
    while (i < src.length && /\s/.test(src[i] as string)) i++;
  };
  if (src.startsWith('<?xml')) i = src.indexOf('?>') + 2;
  const element = (): XmlElement => {
    skipWs();
    const open = /^<([A-Za-z_][\w.-]*)/.exec(src.slice(i));
    if (!open) throw new Error(`expected an element at ${i}`);
    i += open[0].length;
    const el: XmlElement = { name: open[1] as string, attrs: {}, children: [], text: '' };
    for (;;) {
      skipWs();
      if (src.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (src[i] === '>') {
        i++;
        break;
      }
      const attr = /^([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(src.slice(i));
      if (!attr) throw new Error(`bad attribute at ${i}: ${src.slice(i, i + 30)}`);
      if (attr[1] as string in el.attrs) throw new Error(`duplicate attribute ${attr[1]}`);
      el.attrs[attr[1] as string] = decode(attr[3] ?? attr[4] ?? '');
      i += attr[0].length;
    }
    for (;;) {
      const lt = src.indexOf('<', i);
      if (lt < 0) throw new Error(`unclosed <${el.name}>`);
      el.text += decode(src.slice(i, lt));
      i = lt;
      if (src.startsWith(`</${el.name}`, i)) {
        i = src.indexOf('>', i) + 1;
        return el;
      }
      if (src.startsWith('</', i)) throw new Error(`mismatched closing tag at ${i}`);
      el.children.push(element());
    }
  };
  const root = element();
  skipWs();
  if (i !== src.length) throw new Error('content after the root element');
  return root;
}
