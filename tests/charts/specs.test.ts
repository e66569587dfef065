import { describe, expect, it } from 'vitest';
import { barSpec } from '../../src/charts/bars';
import { histogramSpec, scatterSpec } from '../../src/charts/distribution';
import { heatmapSpec } from '../../src/charts/heatmap';
import { paretoSpec } from '../../src/charts/pareto';
import { stackedSpec } from '../../src/charts/stacked';
import { timeSeriesSpec } from '../../src/charts/time-series';
import { renderSvg, svgTexts } from './render';

describe('chart specs render with titles and axis titles', () => {
  it('time series: bars, moving average, money axis', async () => {
    const rows = [
      { period: '2024-01-01', value: 1200.5, ma: 1200.5, partial: true },
      { period: '2024-02-01', value: 3400, ma: 2300.25 },
      { period: '2024-03-01', value: 2100, ma: 2233.5 },
    ];
    const svg = await renderSvg(timeSeriesSpec(rows, { measureLabel: 'Revenue', grain: 'month', money: true, currency: '£' }));
    const texts = svgTexts(svg);
    expect(texts).toContain('Revenue by month');
    expect(texts).toContain('Month');
    expect(texts).toContain('Revenue');
    expect(texts.some((t) => t.startsWith('£'))).toBe(true);
    expect(svg.match(/<path[^>]*aria-roledescription="bar"/g)?.length ?? svg.split('role="graphics-symbol"').length - 1).toBeGreaterThanOrEqual(3);
  });

  it('ranked bars sort by value with thousands separators', async () => {
    const svg = await renderSvg(barSpec([{ k: 'Books', v: 12000 }, { k: 'Toys', v: 30000 }], { label: 'k', value: 'v', labelTitle: 'Category', valueTitle: 'Revenue', ranked: true }));
    const texts = svgTexts(svg);
    expect(texts).toContain('Category by revenue');
    expect(texts.indexOf('Toys')).toBeLessThan(texts.indexOf('Books'));
    expect(texts).toContain('30k');
  });

  it('heatmap, pareto, histogram, scatter and stacked bars render', async () => {
    const heat = await renderSvg(heatmapSpec([{ h: 9, d: 'Mon', v: 3 }, { h: 10, d: 'Tue', v: 5 }], { x: 'h', y: 'd', value: 'v', xTitle: 'Hour', yTitle: 'Weekday', valueTitle: 'Revenue', valueFormat: ',.0f', labels: true }));
    expect(svgTexts(heat)).toContain('Hour');
    const pareto = await renderSvg(paretoSpec([{ customer_share: 0, revenue_share: 0 }, { customer_share: 0.2, revenue_share: 0.7 }, { customer_share: 1, revenue_share: 1 }], { top20: 0.7 }));
    expect(svgTexts(pareto)).toContain('Share of customers');
    expect(svgTexts(pareto)).toContain('Top 20%: 70.0% of revenue');
    const hist = await renderSvg(histogramSpec([{ bin_start: 0, bin_end: 10, count: 4 }, { bin_start: 10, bin_end: 20, count: 7 }], { valueTitle: 'Age' }));
    expect(svgTexts(hist)).toContain('Distribution of age');
    const scatter = await renderSvg(scatterSpec([{ x: 1, y: 2, customer_id: 'a' }], { x: 'x', y: 'y', xTitle: 'Income', yTitle: 'Spending score' }));
    expect(svgTexts(scatter)).toContain('Spending score vs income');
    const stacked = await renderSvg(stackedSpec([{ period: '2024-01-01', part: 'New', value: 3 }, { period: '2024-01-01', part: 'Returning', value: 5 }], { valueTitle: 'Customers', partTitle: 'Customer type' }));
    expect(svgTexts(stacked)).toContain('Customer type');
  });

  it('refuses to draw more than 5,000 points', () => {
    const rows = Array.from({ length: 5001 }, (_, i) => ({ x: i, y: i }));
    expect(() => scatterSpec(rows, { x: 'x', y: 'y', xTitle: 'X', yTitle: 'Y' })).toThrow(/5,000/);
  });
});
