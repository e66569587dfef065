// Chart numbers as a user reads them: no SI letters ("500m", "1.08G", "0k"), thousands separators
// in fields without a format; and the rows behind a chart for its accessible table.
import { describe, expect, it } from 'vitest';
import { expressionFunction } from 'vega';
import { barSpec } from '../../src/charts/bars';
import { chartTable, formatNumberFor, NUMBER_FORMAT_FN, readableFormats } from '../../src/charts/readable';
import { renderSvg, svgTexts } from './render';

expressionFunction(NUMBER_FORMAT_FN, formatNumberFor);

describe('readable chart numbers', () => {
  it('formats with the compact and default formats', () => {
    expect(formatNumberFor(0, 'compact|')).toBe('0');
    expect(formatNumberFor(1_500_000, 'compact|£')).toBe('£1.5M');
    expect(formatNumberFor(191665.2666, 'auto')).toBe('191,665');
    expect(formatNumberFor(1.08e9, 'auto')).toBe('1,080,000,000');
    expect(formatNumberFor(0.25, 'auto')).toBe('0.25');
    expect(formatNumberFor(-12.5, 'money|₺')).toBe('−₺12.50');
  });
  it('rewrites SI formats and leaves the data alone', () => {
    const spec = barSpec([{ p: 'A', v: 1.08e9 }, { p: 'B', v: 5e8 }], { label: 'p', value: 'v', labelTitle: 'Product', valueTitle: 'Revenue', money: true, currency: '₺', ranked: true });
    const out = readableFormats(spec);
    const text = JSON.stringify(out);
    expect(text).not.toMatch(/"format":"\$?~s"/);
    expect(text).toContain('"format":"compact|₺"');
    expect((out as { config: { numberFormatType: string } }).config.numberFormatType).toBe(NUMBER_FORMAT_FN);
    // the input spec is not changed
    expect(JSON.stringify(spec)).toMatch(/~s/);
  });
  it('copies the rows Vega writes into, shares non-row data (a topology), and never walks data for formats', async () => {
    const rows = [{ p: 'A', v: 10, format: '~s' }, { p: 'B', v: 5, format: '~s' }];
    const topology = { type: 'Topology', arcs: [[[0, 0], [1, 1]]], objects: {} };
    const spec = { ...barSpec(rows, { label: 'p', value: 'v', labelTitle: 'Product', valueTitle: 'Revenue' }), datasets: { shapes: topology as never, more: rows as never } };
    const out = readableFormats(spec) as unknown as { data: { values: Record<string, unknown>[] }; datasets: Record<string, unknown> };
    expect(out.data.values).toEqual(rows);
    expect(out.data.values[0]).not.toBe(rows[0]);
    expect(out.datasets['shapes']).toBe(topology);
    expect((out.datasets['more'] as unknown[])[0]).not.toBe(rows[0]);
    // a row's own field called "format" is data, not a chart format
    expect(out.data.values[0]!['format']).toBe('~s');
    // drawing it (Vega adds tuple ids and computed fields to the rows it is given) leaves the caller's rows alone
    await renderSvg(readableFormats(barSpec(rows, { label: 'p', value: 'v', labelTitle: 'Product', valueTitle: 'Revenue', ranked: true })));
    expect(rows.map((r) => Object.getOwnPropertySymbols(r).length + Object.keys(r).length)).toEqual([3, 3]);
  });
  it('draws axes without SI letters once rewritten', async () => {
    const rows = [{ p: 'A', v: 1.08e9 }, { p: 'B', v: 5e8 }, { p: 'C', v: 0.5e9 }];
    const spec = barSpec(rows, { label: 'p', value: 'v', labelTitle: 'Product', valueTitle: 'Revenue', money: true, currency: '₺', ranked: true });
    const before = svgTexts(await renderSvg(spec));
    expect(before.some((t) => /\dG$/.test(t))).toBe(true);
    const after = svgTexts(await renderSvg(readableFormats(spec)));
    expect(after.some((t) => /\dG$|e\+/.test(t))).toBe(false);
    expect(after).toContain('₺1B');
  });
  it('lists the rows and titled columns of a chart', () => {
    const spec = barSpec([{ p: 'A', v: 10 }, { p: 'B', v: 5 }], { label: 'p', value: 'v', labelTitle: 'Product', valueTitle: 'Revenue' });
    const t = chartTable(spec);
    expect(t.rows).toHaveLength(2);
    expect(t.columns.map((c) => c.title)).toEqual(expect.arrayContaining(['Product', 'Revenue']));
  });
});
