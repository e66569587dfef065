// Every chart family renders the same through vega-interpreter (what the page uses, so its CSP
// needs no 'unsafe-eval') as through Vega's default code generation: same SVG (marks, axis labels
// from our blnum number format, d3 time formats, aria text) and the same tooltip values.
import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { expressionFunction, parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { autoChartSpec } from '../../src/charts/auto';
import { barSpec } from '../../src/charts/bars';
import { histogramSpec, scatterSpec } from '../../src/charts/distribution';
import { forecastSpec, residualSpec } from '../../src/charts/forecast';
import { heatmapSpec } from '../../src/charts/heatmap';
import { holdoutSpec } from '../../src/charts/holdout';
import { kScanSpec } from '../../src/charts/kscan';
import { choroplethSpec } from '../../src/charts/map';
import { paretoSpec } from '../../src/charts/pareto';
import { formatNumberFor, NUMBER_FORMAT_FN, readableFormats } from '../../src/charts/readable';
import { stackedSpec } from '../../src/charts/stacked';
import { timeSeriesSpec } from '../../src/charts/time-series';
import { timelineSpec } from '../../src/charts/timeline';
import type { ChartSpec } from '../../src/charts/types';
import { loadAtlas, shapeIds } from '../../src/geo/atlas';
import { matchRows } from '../../src/geo/match';

expressionFunction(NUMBER_FORMAT_FN, formatNumberFor);

/** SVG and every item's tooltip, rendered with the interpreter or with generated code. */
async function render(spec: ChartSpec, interpret: boolean): Promise<{ svg: string; tooltips: string[] }> {
  const fixed = { ...(readableFormats(spec) as unknown as Record<string, unknown>), width: 600 };
  const vg = compile(fixed as ChartSpec).spec;
  const view = new View(parse(vg, undefined, { ast: interpret }), { renderer: 'none', ...(interpret ? { expr: expressionInterpreter } : {}) });
  await view.runAsync();
  const tooltips: string[] = [];
  const walk = (node: unknown): void => {
    const n = node as { items?: unknown[]; tooltip?: unknown } | null;
    if (!n) return;
    if (n.tooltip !== undefined) tooltips.push(JSON.stringify(n.tooltip));
    for (const c of n.items ?? []) walk(c);
  };
  walk((view.scenegraph() as unknown as { root: unknown }).root);
  // clip-path and gradient ids count up across views: number them per drawing
  const ids = new Map<string, number>();
  const svg = (await view.toSVG()).replace(/clip\d+|gradient_\d+/g, (m) => `${m.replace(/\d+$/, '')}${ids.get(m) ?? ids.set(m, ids.size).size - 1}`);
  view.finalize();
  return { svg, tooltips };
}

const months = ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01'];

async function families(): Promise<[string, ChartSpec][]> {
  const world = await loadAtlas('world');
  const { matched } = matchRows([{ label: 'United Kingdom', revenue: 8187806.36, customers: 3950 }, { label: 'France', revenue: 197403.9, customers: 87 }, { label: 'EIRE', revenue: -12.5, customers: null }], 'world', shapeIds(world, 'world'));
  const autos = [
    autoChartSpec([{ name: 'month', type: 'date' }, { name: 'revenue', type: 'number' }], months.map((m, i) => ({ month: m, revenue: 1000 * (i + 1) + 0.5 }))),
    autoChartSpec([{ name: 'category', type: 'text' }, { name: 'revenue', type: 'number' }], [{ category: 'Books', revenue: 1.5e6 }, { category: '<b>Toys</b>', revenue: 2300 }]),
    autoChartSpec([{ name: 'a', type: 'number' }, { name: 'b', type: 'number' }], [{ a: 1, b: 2 }, { a: 3, b: 5 }, { a: 4, b: 1 }]),
    autoChartSpec([{ name: 'basket_value', type: 'number' }], Array.from({ length: 50 }, (_, i) => ({ basket_value: (i * 37) % 101 }))),
  ];
  const list: [string, ChartSpec][] = [
    ['time series (brush)', timeSeriesSpec(months.map((p, i) => ({ period: p, value: 1200.5 * (i + 1), ma: 1100 * (i + 1), partial: i === 5 })), { measureLabel: 'Revenue', grain: 'month', money: true, currency: '£', brush: true })],
    ['bars', barSpec([{ k: 'Books', v: 12000 }, { k: 'Toys', v: 30000.25 }], { label: 'k', value: 'v', labelTitle: 'Category', valueTitle: 'Revenue', ranked: true, extra: [['v', 'Again', '$,.2f']] })],
    ['heatmap', heatmapSpec([{ h: 9, d: 'Mon', v: 3 }, { h: 10, d: 'Tue', v: 5 }], { x: 'h', y: 'd', value: 'v', xTitle: 'Hour', yTitle: 'Weekday', valueTitle: 'Revenue', valueFormat: ',.0f', labels: true })],
    ['pareto', paretoSpec([{ customer_share: 0, revenue_share: 0 }, { customer_share: 0.2, revenue_share: 0.7 }, { customer_share: 1, revenue_share: 1 }], { top20: 0.7 })],
    ['histogram', histogramSpec([{ bin_start: 0, bin_end: 10, count: 4 }, { bin_start: 10, bin_end: 20, count: 7 }], { valueTitle: 'Age' })],
    ['scatter', scatterSpec([{ x: 1, y: 2, customer_id: 'a', cluster: 'A' }, { x: 5, y: 9, customer_id: 'b', cluster: 'B' }], { x: 'x', y: 'y', xTitle: 'Income', yTitle: 'Score', colour: 'cluster', colourTitle: 'Cluster', xLog: true })],
    ['stacked', stackedSpec(months.flatMap((p, i) => [{ period: p, part: 'New', value: 3 + i }, { period: p, part: 'Returning', value: 5 * i, partial: i === 5 }]), { valueTitle: 'Customers', partTitle: 'Customer type' })],
    ['timeline', timelineSpec([{ date: '2024-01-03', amount: 20.5, running: 20.5 }, { date: '2024-03-09', amount: 100, running: 120.5 }], { currency: '€' })],
    ['forecast', forecastSpec([...months.map((p, i) => ({ period: p, actual: 1000 + 100 * i, fitted: i ? 990 + 100 * i : null })), { period: '2024-07-01', mean: 1650, lo80: 1500, hi80: 1800, lo95: 1400, hi95: 1900 }], { grain: 'month', model: 'ARIMA(1,1,0)' })],
    ['residuals', residualSpec(months.map((p, i) => ({ period: p, residual: (i % 3) - 1.2 })), { grain: 'month', model: 'ARIMA(1,1,0)', ljungBox: 'Ljung–Box p = 0.42 (lag 3)' })],
    ['holdout', holdoutSpec([{ label: '0', frequency: 0, customers: 100, actual: 0.2, predicted: 0.25 }, { label: '1', frequency: 1, customers: 40, actual: 0.8, predicted: 0.7 }], { unit: 'week', duration: 26 })],
    ['k scan', kScanSpec([{ k: 2, inertia: 1e6, silhouette: 0.41 }, { k: 3, inertia: 6e5, silhouette: 0.52 }, { k: 4, inertia: 4e5, silhouette: null }], { measure: 'inertia', chosen: 3, auto: 3 })],
    ['map', choroplethSpec(world, matched, { kind: 'world', measure: 'revenue', currency: '£' })],
  ];
  for (const [i, a] of autos.entries()) if (a.spec) list.push([`auto ${a.kind} ${i}`, a.spec]);
  return list;
}

describe('vega-interpreter renders every chart family like generated code', () => {
  it('same SVG and tooltips for each family', async () => {
    const all = await families();
    expect(all.filter(([n]) => n.startsWith('auto')).length).toBe(4);
    for (const [name, spec] of all) {
      const a = await render(spec, true);
      const b = await render(spec, false);
      expect(a.svg.length, name).toBeGreaterThan(500);
      expect(a.svg, name).toBe(b.svg);
      expect(a.tooltips, name).toEqual(b.tooltips);
    }
  });

  it('our number format runs inside the interpreter (axis labels and tooltips use it)', async () => {
    const { svg, tooltips } = await render(barSpec([{ k: 'Books', v: 1234567.891 }], { label: 'k', value: 'v', labelTitle: 'Category', valueTitle: 'Revenue' }), true);
    expect(svg).toContain('>1.2M<');
    expect(tooltips).toEqual(['{"Category":"Books","Revenue":"1,234,568"}']);
  });
});
