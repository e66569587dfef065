import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { parse, View } from 'vega';
import { loadAtlas, shapeIds } from '../../src/geo/atlas';
import { matchRows } from '../../src/geo/match';
import { choroplethSpec, NO_DATA_FILL } from '../../src/charts/map';
import type { ChartSpec } from '../../src/charts/types';
import { renderSvg, svgTexts } from './render';

// UCI-like revenue: the UK dwarfs everything, so a linear scale would leave the rest pale
const UCI_ROWS = [
  { label: 'United Kingdom', revenue: 8187806.36, customers: 3950 },
  { label: 'Netherlands', revenue: 284661.54, customers: 9 },
  { label: 'EIRE', revenue: 263276.82, customers: 3 },
  { label: 'Germany', revenue: 221698.21, customers: 95 },
  { label: 'USA', revenue: 1730.92, customers: 4 },
  { label: 'Bahrain', revenue: 548.4, customers: 2 },
  { label: 'Channel Islands', revenue: 20086.29, customers: 9 },
  { label: 'Unspecified', revenue: 4749.79, customers: 4 },
];

/** The fill of every geoshape path in an SVG, keyed by its aria-label (which starts with the place). */
function fills(svg: string): string[] {
  return [...svg.matchAll(/<path[^>]*aria-roledescription="geoshape"[^>]*>/g)].map((m) => /fill="([^"]+)"/.exec(m[0])?.[1] ?? '');
}

function fillOf(svg: string, place: string): string | undefined {
  for (const m of svg.matchAll(/<path[^>]*aria-roledescription="geoshape"[^>]*>/g)) {
    const tag = m[0];
    if (tag.includes(`aria-label="Country: ${place};`) || tag.includes(`aria-label="State: ${place};`)) return /fill="([^"]+)"/.exec(tag)?.[1];
  }
  return undefined;
}

/** The datum of the first mark item whose label field equals `label`, as the page's click handler would receive it. */
async function datumWithLabel(spec: ChartSpec, label: string): Promise<Record<string, unknown> | undefined> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  await view.runAsync();
  const rows = view.data('data_0') as Record<string, unknown>[] | undefined;
  view.finalize();
  return (rows ?? []).find((d) => d['label'] === label);
}

describe('choropleth maps', () => {
  it('world: title, legend, matched countries coloured, the rest grey, tooltip text in the currency', async () => {
    const topo = await loadAtlas('world');
    const { matched, unmatched } = matchRows(UCI_ROWS, 'world', shapeIds(topo, 'world'));
    expect(unmatched.map((u) => u.label)).toEqual(['Channel Islands', 'Unspecified']);
    const spec = choroplethSpec(topo, matched, { kind: 'world', measure: 'revenue', currency: '£', title: 'Revenue by country' });
    const svg = await renderSvg(spec);
    const texts = svgTexts(svg);
    expect(texts).toContain('Revenue by country');
    expect(texts).toContain('Revenue');
    // log legend labelled at the powers of ten, in the chart's currency
    expect(texts).toEqual(expect.arrayContaining(['£1k', '£10k', '£100k', '£1M']));
    const all = fills(svg);
    expect(all.length).toBeGreaterThan(200);
    for (const place of ['United Kingdom', 'Netherlands', 'Ireland', 'Germany', 'United States', 'Bahrain']) {
      const f = fillOf(svg, place);
      expect(f, place).toBeDefined();
      expect(f, place).not.toBe(NO_DATA_FILL);
    }
    expect(fillOf(svg, 'France')).toBe(NO_DATA_FILL);
    // the log scale separates the small markets: Bahrain (£548) and the UK (£8.2M) differ, and so do the US and Germany
    expect(fillOf(svg, 'Bahrain')).not.toBe(fillOf(svg, 'United Kingdom'));
    expect(fillOf(svg, 'United States')).not.toBe(fillOf(svg, 'Germany'));
    expect(all.filter((f) => f !== NO_DATA_FILL)).toHaveLength(6);
    // exact tooltip figures ride on the aria label; no-data shapes say so instead of "£0.00"
    expect(svg).toContain('aria-label="Country: United Kingdom; Revenue: £8,187,806.36; Customers: 3,950"');
    expect(svg).toContain('aria-label="Country: France; Revenue: no data; Customers: no data"');
    // Antarctica is left out when it has no data
    expect(svg).not.toContain('Country: Antarctica');
  });

  it('world: a clicked shape carries the original label to filter by', async () => {
    const topo = await loadAtlas('world');
    const { matched } = matchRows(UCI_ROWS, 'world');
    const datum = await datumWithLabel(choroplethSpec(topo, matched, { kind: 'world', measure: 'revenue', currency: '£' }), 'EIRE');
    expect(datum?.['place']).toBe('Ireland');
    expect(datum?.['revenue']).toBe(263276.82);
  });

  it('US: customers by state on albersUsa, legend titled with the measure', async () => {
    const topo = await loadAtlas('us');
    const rows = [
      { label: 'Kentucky', revenue: 1200, customers: 40 },
      { label: 'CA', revenue: 9000, customers: 400 },
      { label: 'Tex.', revenue: 3000, customers: 4 },
      { label: 'Puerto Rico', revenue: 10, customers: 1 },
    ];
    const { matched, unmatched } = matchRows(rows, 'us', shapeIds(topo, 'us'));
    expect(unmatched.map((u) => [u.label, u.reason])).toEqual([['Puerto Rico', 'no-shape']]);
    const svg = await renderSvg(choroplethSpec(topo, matched, { kind: 'us', measure: 'customers', currency: '$' }));
    const texts = svgTexts(svg);
    expect(texts).toContain('Customers by state');
    expect(texts).toContain('Customers');
    const all = fills(svg);
    expect(all).toHaveLength(51);
    for (const place of ['Kentucky', 'California', 'Texas']) expect(fillOf(svg, place), place).not.toBe(NO_DATA_FILL);
    expect(fillOf(svg, 'Ohio')).toBe(NO_DATA_FILL);
    expect(new Set([fillOf(svg, 'Kentucky'), fillOf(svg, 'California'), fillOf(svg, 'Texas')]).size).toBe(3);
  });

  it('one place, zero or negative values and no rows still render', async () => {
    const topo = await loadAtlas('us');
    const one = await renderSvg(choroplethSpec(topo, [{ id: '21', name: 'Kentucky', label: 'KY', labels: ['KY'], revenue: 5, customers: 1 }], { kind: 'us', measure: 'revenue' }));
    expect(fillOf(one, 'Kentucky')).not.toBe(NO_DATA_FILL);
    const refunds = await renderSvg(choroplethSpec(topo, [{ id: '21', name: 'Kentucky', label: 'KY', labels: ['KY'], revenue: -5, customers: null }], { kind: 'us', measure: 'revenue' }));
    expect(fillOf(refunds, 'Kentucky')).toBe(NO_DATA_FILL);
    const none = await renderSvg(choroplethSpec(topo, [], { kind: 'us', measure: 'revenue' }));
    expect(new Set(fills(none))).toEqual(new Set([NO_DATA_FILL]));
  });

  it('refuses unknown kinds and measures loudly', async () => {
    const topo = await loadAtlas('us');
    expect(() => choroplethSpec(topo, [], { kind: 'mars' as never, measure: 'revenue' })).toThrow(/invalid map kind: mars/);
    expect(() => choroplethSpec(topo, [], { kind: 'us', measure: 'profit' as never })).toThrow(/invalid map measure: profit/);
    expect(() => choroplethSpec(topo, [], { kind: 'world', measure: 'revenue' })).toThrow(/no 'countries' object/);
  });
});
