// Property test of the Excel reader's tokenizer: random small tables (numbers, texts with XML
// special characters, quotes, unicode and spaces, booleans, empty cells) are written as a workbook
// in varied but valid XML spellings (namespace prefix or none, single or double quotes, with or
// without r= references, shared or inline strings, line breaks between attributes), then read back.
// The expected values are the generated ones.
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readXlsx, readXlsxAsync } from '../../../src/pipeline/read/xlsx';

type Cell = { k: 'n'; v: number } | { k: 's'; v: string } | { k: 'b'; v: boolean } | null;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const letters = (c: number) => {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

interface Style {
  prefix: string;
  quote: string;
  refs: boolean;
  shared: boolean;
  sep: string;
}

function workbook(header: string[], rows: Cell[][], st: Style): Uint8Array {
  const p = st.prefix;
  const q = st.quote;
  const sst: string[] = [];
  const text = (s: string, ref: string) => {
    if (st.shared) {
      sst.push(s);
      return `<${p}c${st.sep}${ref}t=${q}s${q}><${p}v>${sst.length - 1}</${p}v></${p}c>`;
    }
    return `<${p}c${st.sep}${ref}t=${q}inlineStr${q}><${p}is><${p}t xml:space=${q}preserve${q}>${esc(s)}</${p}t></${p}is></${p}c>`;
  };
  const row = (cells: Cell[], r: number) => {
    const body = cells
      .map((c, i) => {
        const ref = st.refs ? `r=${q}${letters(i)}${r}${q} ` : '';
        if (c === null) return st.refs ? '' : `<${p}c/>`;
        if (c.k === 's') return text(c.v, ref);
        if (c.k === 'b') return `<${p}c${st.sep}${ref}t=${q}b${q}><${p}v>${c.v ? 1 : 0}</${p}v></${p}c>`;
        return `<${p}c${st.sep}${ref}><${p}v>${String(c.v)}</${p}v></${p}c>`;
      })
      .join('');
    return `<${p}row${st.refs ? ` r=${q}${r}${q}` : ''}>${body}</${p}row>\n`;
  };
  const sheetRows = [row(header.map((h) => ({ k: 's', v: h })), 1), ...rows.map((r, i) => row(r, i + 2))].join('');
  const ns = p ? ` xmlns:${p.slice(0, -1)}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"` : '';
  const files: Record<string, Uint8Array> = {
    'xl/workbook.xml': strToU8(`<workbook><sheets><sheet name="T" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/worksheets/sheet1.xml': strToU8(`<?xml version="1.0"?>\n<${p}worksheet${ns}><${p}sheetData>${sheetRows}</${p}sheetData></${p}worksheet>`),
  };
  if (st.shared) files['xl/sharedStrings.xml'] = strToU8(`<sst>${sst.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`);
  return zipSync(files);
}

const textArb = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '&', '<', '>', '"', "'", 'é', '€', '日', '😀', ';', ',', '_', 'x', '0', '\n'), minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== '' && !/_x[0-9a-fA-F]{4}_/.test(s));
const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(null),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).map((v) => ({ k: 'n' as const, v: Math.round(v * 1e4) / 1e4 + 0 })),
  fc.integer({ min: -1e6, max: 1e9 }).map((v) => ({ k: 'n' as const, v })),
  textArb.map((v) => ({ k: 's' as const, v })),
  fc.boolean().map((v) => ({ k: 'b' as const, v })),
);
const styleArb = fc.record({ prefix: fc.constantFrom('', 'x:', 'main:'), quote: fc.constantFrom('"', "'"), refs: fc.boolean(), shared: fc.boolean(), sep: fc.constantFrom(' ', '\n  ', '\t') });

describe('xlsx tokenizer: random tables in varied XML spellings read back unchanged', () => {
  it('every cell comes back with its value and each column with its type', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((w) => fc.tuple(fc.constant(w), fc.array(fc.array(cellArb, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 12 }))),
        styleArb,
        ([w, rows], st) => {
          // each column has a value somewhere, and the first data row is never entirely empty (a blank row is dropped)
          fc.pre(rows.some((r) => r.some((c) => c !== null)));
          for (let c = 0; c < w; c++) fc.pre(rows.some((r) => r[c] !== null));
          const kept = rows.filter((r) => r.some((c) => c !== null));
          const header = Array.from({ length: w }, (_, i) => `col ${i} <&>`);
          const t = readXlsx(workbook(header, rows, st), { headerRow: 1 });
          expect(t.columns.map((c) => c.name)).toEqual(header);
          expect(t.rows).toBe(kept.length);
          for (let c = 0; c < w; c++) {
            const cells = kept.map((r) => r[c]);
            const filled = cells.filter((x) => x !== null);
            const type = filled.every((x) => x!.k === 'n') ? 'double' : filled.every((x) => x!.k === 'b') ? 'boolean' : 'text';
            expect(t.columns[c].type).toBe(type);
            const want = cells.map((x) => {
              if (x === null) return null;
              if (type !== 'text') return x.v;
              if (x.k === 'b') return x.v ? 'TRUE' : 'FALSE';
              if (x.k === 'n') return String(x.v); // at most 14 significant digits, never an exponent here
              return x.v;
            });
            expect(t.columns[c].values).toEqual(want);
          }
        },
      ),
      { numRuns: 300, seed: 20241206 },
    );
  });
});

describe('xlsx: a sheet larger than one scanning chunk (rows cut at chunk ends, multi-byte text across them)', () => {
  const N = 60_000;
  const style: Style = { prefix: 'x:', quote: '"', refs: true, shared: false, sep: ' ' };
  const rows: Cell[][] = Array.from({ length: N }, (_, i) => [
    { k: 'n', v: i + 1 },
    { k: 's', v: `été € ${i} <${'日'.repeat(i % 7)}>` },
    i % 10 === 0 ? null : { k: 'n', v: i / 4 },
  ]);
  const bytes = workbook(['id', 'text', 'quarter'], rows, style);
  const check = (t: ReturnType<typeof readXlsx>) => {
    expect(t.rows).toBe(N);
    const ids = t.columns[0].values as number[];
    expect(ids.every((v, i) => v === i + 1)).toBe(true);
    const texts = t.columns[1].values as string[];
    expect(texts.every((v, i) => v === `été € ${i} <${'日'.repeat(i % 7)}>`)).toBe(true);
    const q = t.columns[2].values;
    expect(q.every((v, i) => v === (i % 10 === 0 ? null : i / 4))).toBe(true);
  };
  it('readXlsx', () => check(readXlsx(bytes)));
  it('readXlsxAsync', async () => check(await readXlsxAsync(bytes)));
  it('readXlsxAsync stops with an AbortError when its signal is aborted', async () => {
    const ac = new AbortController();
    const reading = readXlsxAsync(bytes, { signal: ac.signal });
    ac.abort();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    await expect(readXlsxAsync(bytes, { signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
