// Renders a Vega-Lite spec to SVG headlessly (vega in Node, no browser), so spec tests
// check what a user would see: titles, axis titles, mark counts.
import { compile } from 'vega-lite';
import { parse, View } from 'vega';
import type { ChartSpec } from '../../src/charts/types';

/** Compiles and renders a spec to an SVG string at a fixed width. */
export async function renderSvg(spec: ChartSpec, width = 640): Promise<string> {
  const fixed = { ...(spec as unknown as Record<string, unknown>), width, autosize: { type: 'fit', contains: 'padding' } };
  const vg = compile(fixed as ChartSpec).spec;
  const view = new View(parse(vg), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** The text nodes of an SVG, in order (titles, axis titles, labels). */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'));
}
