// Hostile text in charts (issue 16): labels, titles and column names that are markup come
// out of the SVG export escaped (text, never elements or event attributes), and the console's
// one-click chart draws whatever its result's columns are called.
import { describe, expect, it } from 'vitest';
import { autoChartSpec, type AutoRow } from '../../src/charts/auto';
import { barSpec } from '../../src/charts/bars';
import { renderSvg, svgTexts } from './render';

const PAYLOADS = ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '"><svg onload=alert(1)>', ']]><img src=x onerror=alert(1)>', "{{constructor.constructor('alert(1)')()}}", '${alert(1)}', 'javascript:alert(1)', '=HYPERLINK("http://evil","x")', 'a\\b "c" \'d\'', '__proto__', 'constructor'];

// the elements Vega's SVG renderer writes; anything else would have come from the data
const SVG_ELEMENTS = new Set(['svg', 'g', 'path', 'rect', 'text', 'line', 'defs', 'clipPath', 'title', 'desc', 'style', 'circle', 'image', 'tspan', 'linearGradient', 'radialGradient', 'stop', 'pattern']);

/** Every start tag of an SVG string: name and attribute names. */
function tags(svg: string): { name: string; attrs: string[] }[] {
  return [...svg.matchAll(/<([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*\/?>/g)].map((m) => ({ name: m[1] as string, attrs: [...(m[2] ?? '').matchAll(/([\w:-]+)="/g)].map((a) => a[1] as string) }));
}

/** A result row as the console builds it (no prototype, so __proto__ is an ordinary key). */
const row = (entries: [string, string | number][]): AutoRow => Object.assign(Object.create(null) as AutoRow, Object.fromEntries(entries));

function expectInert(svg: string): void {
  // every "<" starts a well-formed tag or a closing tag: no raw markup from the data
  const opens = (svg.match(/</g) ?? []).length;
  const closes = (svg.match(/<\//g) ?? []).length;
  const t = tags(svg);
  expect(t.length + closes).toBe(opens);
  expect(t.filter((x) => !SVG_ELEMENTS.has(x.name)).map((x) => x.name)).toEqual([]);
  expect(t.flatMap((x) => x.attrs).filter((a) => /^on/i.test(a))).toEqual([]);
  expect(svg).not.toMatch(/href="\s*javascript:/i);
}

describe('hostile text in chart SVG', () => {
  it('escapes labels, titles and tooltips of a leaderboard', async () => {
    const rows = PAYLOADS.map((p, i) => ({ product: p, revenue: 100 - i }));
    const svg = await renderSvg(barSpec(rows, { label: 'product', value: 'revenue', labelTitle: '<b>Product</b>', valueTitle: 'Revenue', ranked: true, title: '<script>alert(1)</script> top products' }));
    expectInert(svg);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; top products');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // the ARIA description of each bar (read by screen readers, kept in the export) is escaped too
    expect(svg).toMatch(/aria-label="[^"]*&quot;&gt;&lt;svg onload=alert\(1\)&gt;/);
  });

  it('draws the console chart whatever the columns are called', async () => {
    const x = '"><svg onload=alert(1)>';
    const y = 'a.b[0] \\ <img src=x onerror=alert(1)>';
    const rows = PAYLOADS.map((p, i) => ({ [x]: p, [y]: i + 1 }));
    const chart = autoChartSpec([{ name: x, type: 'text' }, { name: y, type: 'number' }], rows);
    if (!chart.spec) throw new Error(chart.reason);
    expect(chart).toMatchObject({ kind: 'bar', x, y });
    const svg = await renderSvg(chart.spec);
    expectInert(svg);
    expect((svg.match(/aria-roledescription="bar"/g) ?? []).length).toBe(PAYLOADS.length);
    const texts = svgTexts(svg);
    expect(texts.some((t) => t.startsWith('a.b[0] \\ &lt;img'))).toBe(true);
  });

  it('draws a line and a scatter over dotted and bracketed column names', async () => {
    const line = autoChartSpec([{ name: 'day.of[sale]', type: 'date' }, { name: '__proto__', type: 'number' }], [row([['day.of[sale]', '2024-01-01'], ['__proto__', 1]]), row([['day.of[sale]', '2024-01-02'], ['__proto__', 3]])]);
    if (!line.spec) throw new Error(line.reason);
    expectInert(await renderSvg(line.spec));
    expect((line.spec as unknown as { data: { values: unknown[] } }).data.values).toHaveLength(2);
    const scatter = autoChartSpec([{ name: 'a.b', type: 'number' }, { name: 'constructor', type: 'number' }], [row([['a.b', 1], ['constructor', 2]]), row([['a.b', 2], ['constructor', 5]])]);
    if (!scatter.spec) throw new Error(scatter.reason);
    const svg = await renderSvg(scatter.spec);
    expectInert(svg);
    expect((svg.match(/aria-roledescription="point"/g) ?? []).length).toBe(2);
  });

  it('draws axes titled like Object.prototype members (a Vega bug worked around in finish)', async () => {
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty']) {
      const c = autoChartSpec([{ name: 'n', type: 'number' }, { name, type: 'number' }], [row([['n', 1], [name, 2]]), row([['n', 2], [name, 4]])]);
      if (!c.spec) throw new Error(c.reason);
      const svg = await renderSvg(c.spec);
      expect(svgTexts(svg)).toContain(`${name}\u200b`);
    }
  });
});
