import { describe, expect, it } from 'vitest';
import { autoChartSpec, chartChoices, niceStep, type AutoColumn, type AutoRow } from '../../src/charts/auto';
import type { ChartSpec } from '../../src/charts/types';
import { renderSvg, svgTexts } from './render';

const marks = (svg: string, role: string): number => (svg.match(new RegExp(`aria-roledescription="${role}"`, 'g')) ?? []).length;
const data = (spec: ChartSpec): Record<string, unknown>[] => (spec as { data: { values: Record<string, unknown>[] } }).data.values;
function drawn(r: ReturnType<typeof autoChartSpec>): ChartSpec {
  if (!r.spec) throw new Error(`no chart: ${'reason' in r ? r.reason : ''}`);
  return r.spec;
}

describe('autoChartSpec picks the chart from the column types', () => {
  it('date + number → a line over time in UTC, repeated dates summed', async () => {
    const cols: AutoColumn[] = [{ name: 'month', type: 'date' }, { name: 'revenue', type: 'number' }];
    const rows: AutoRow[] = [
      { month: '2024-03-01', revenue: 30 },
      { month: '2024-01-01', revenue: 10 },
      { month: Date.UTC(2024, 1, 1), revenue: 15 },
      { month: '2024-02-01', revenue: 5 },
      { month: null, revenue: 99 },
    ];
    const r = autoChartSpec(cols, rows, { currency: '£' });
    expect(r).toMatchObject({ kind: 'line', x: 'month', y: 'revenue' });
    const spec = drawn(r);
    // sorted by time, Feb summed from an epoch-ms and an ISO value, the NULL date left out
    expect(data(spec)).toEqual([
      { x: Date.UTC(2024, 0, 1), y: 10 },
      { x: Date.UTC(2024, 1, 1), y: 20 },
      { x: Date.UTC(2024, 2, 1), y: 30 },
    ]);
    const texts = svgTexts(await renderSvg(spec));
    expect(texts).toContain('revenue by month');
    expect(texts).toContain('revenue summed per month · 1 rows without a value left out');
    expect(texts).toContain('month');
    expect(texts.some((t) => t.startsWith('£'))).toBe(true);
    // all first-of-month values: month labels, in UTC whatever the host's zone
    expect(texts.some((t) => /February|Feb/.test(t))).toBe(true);
  });

  it('DuckDB timestamp text ("2024-01-05 13:45:00") is read as UTC', () => {
    const r = autoChartSpec([{ name: 'ts', type: 'date' }, { name: 'n', type: 'number' }], [{ ts: '2024-01-05 13:45:00', n: 1 }, { ts: '2024-01-05 14:00:00', n: 2 }]);
    expect(data(drawn(r)).map((d) => d.x)).toEqual([Date.UTC(2024, 0, 5, 13, 45), Date.UTC(2024, 0, 5, 14, 0)]);
  });

  it('text + number → ranked bars, top 30 of more, labels summed', async () => {
    const cols: AutoColumn[] = [{ name: 'category', type: 'text' }, { name: 'orders', type: 'number' }];
    const rows: AutoRow[] = Array.from({ length: 40 }, (_, i) => ({ category: `c${String(i).padStart(2, '0')}`, orders: i + 1 }));
    rows.push({ category: 'c00', orders: 1000 }, { category: null, orders: 7 });
    const r = autoChartSpec(cols, rows);
    expect(r).toMatchObject({ kind: 'bar', x: 'category', y: 'orders' });
    const values = data(drawn(r));
    expect(values).toHaveLength(30);
    expect(values[0]).toEqual({ x: 'c00', y: 1001 });
    expect(values.map((v) => v.x)).not.toContain('c09');
    const svg = await renderSvg(drawn(r));
    const texts = svgTexts(svg);
    expect(texts).toContain('orders by category');
    expect(texts).toContain('top 30 of 41 · orders summed per category');
    expect(texts.indexOf('c00')).toBeLessThan(texts.indexOf('c39'));
    expect(marks(svg, 'bar')).toBe(30);
  });

  it('two numbers → a scatter of at most 5,000 evenly sampled points', async () => {
    const cols: AutoColumn[] = [{ name: 'orders', type: 'number' }, { name: 'spend', type: 'number' }];
    const rows: AutoRow[] = Array.from({ length: 12_000 }, (_, i) => ({ orders: i % 50, spend: i }));
    const r = autoChartSpec(cols, rows);
    expect(r).toMatchObject({ kind: 'scatter', x: 'orders', y: 'spend' });
    const values = data(drawn(r));
    expect(values).toHaveLength(5000);
    expect(values[0]).toEqual({ x: 0, y: 0 });
    expect(values[4999]?.y).toBe(Math.floor(4999 * 2.4));
    const small = autoChartSpec(cols, rows.slice(0, 300));
    const svg = await renderSvg(drawn(small));
    expect(svgTexts(svg)).toContain('spend vs orders');
    expect(marks(svg, 'point')).toBe(300);
    expect(svgTexts(await renderSvg(drawn(r)))).toContain('5,000 of 12,000 points (evenly sampled)');
  });

  it('one number → a histogram with nice bins; NULLs counted apart', async () => {
    const rows: AutoRow[] = [...Array.from({ length: 100 }, (_, i) => ({ basket_value: i + 0.5 })), { basket_value: null }];
    const r = autoChartSpec([{ name: 'basket_value', type: 'number' }], rows);
    expect(r).toMatchObject({ kind: 'histogram', x: 'basket_value', y: null });
    const bins = data(drawn(r)) as { bin_start: number; bin_end: number; count: number }[];
    expect(bins[0]).toEqual({ bin_start: 0, bin_end: 5, count: 5 });
    expect(bins).toHaveLength(20);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(100);
    const svg = await renderSvg(drawn(r));
    const texts = svgTexts(svg);
    expect(texts).toContain('Distribution of basket_value');
    expect(texts).toContain('100 values · 1 NULL');
    expect(texts).toContain('Rows');
    expect(marks(svg, 'bar')).toBe(20);
  });

  it('a chosen x/y overrides the pick; y = null asks for a histogram', () => {
    const cols: AutoColumn[] = [{ name: 'day', type: 'date' }, { name: 'a', type: 'number' }, { name: 'b', type: 'number' }];
    const rows: AutoRow[] = [{ day: '2024-01-01', a: 1, b: 2 }, { day: '2024-01-02', a: 3, b: 5 }];
    expect(autoChartSpec(cols, rows)).toMatchObject({ kind: 'line', x: 'day', y: 'a' });
    expect(autoChartSpec(cols, rows, { y: 'b' })).toMatchObject({ kind: 'line', x: 'day', y: 'b' });
    expect(autoChartSpec(cols, rows, { x: 'a', y: 'b' })).toMatchObject({ kind: 'scatter' });
    expect(autoChartSpec(cols, rows, { x: 'b', y: null })).toMatchObject({ kind: 'histogram', x: 'b' });
    expect(chartChoices(cols).ys.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('null with a reason when nothing can be drawn', () => {
    expect(autoChartSpec([{ name: 'name', type: 'text' }], [{ name: 'x' }])).toEqual({ spec: null, reason: 'A chart needs a numeric column; this result has none.' });
    expect(autoChartSpec([{ name: 'n', type: 'number' }], [])).toEqual({ spec: null, reason: 'The result has no rows to chart.' });
    expect(autoChartSpec([{ name: 'n', type: 'number' }], [{ n: 1 }], { x: 'zz' })).toMatchObject({ spec: null, reason: expect.stringContaining('zz') });
    expect(autoChartSpec([{ name: 't', type: 'text' }, { name: 'n', type: 'number' }], [{ t: 'a', n: 1 }], { y: 't' })).toMatchObject({ spec: null, reason: expect.stringContaining('not numeric') });
    expect(autoChartSpec([{ name: 't', type: 'text' }, { name: 'n', type: 'number' }], [{ t: 'a', n: 1 }], { x: 't', y: null })).toMatchObject({ spec: null });
    expect(autoChartSpec([{ name: 'd', type: 'date' }, { name: 'n', type: 'number' }], [{ d: null, n: 1 }])).toMatchObject({ spec: null, reason: expect.stringContaining('date') });
  });

  it('niceStep gives 1-2-5 steps', () => {
    expect(niceStep(0, 100, 20)).toBe(5);
    expect(niceStep(0, 1, 20)).toBe(0.05);
    expect(niceStep(0, 7300, 20)).toBe(500);
    expect(niceStep(42, 42, 20)).toBe(10);
  });
});
