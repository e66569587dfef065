// Distributions: histograms from pre-computed bins, and scatters of one point per
// customer (sampled upstream to at most 5,000 marks).
import { finish, titleOf, type BaseOptions, type ChartSpec } from './types';

/** A histogram bin as computed in SQL. */
export interface Bin {
  bin_start: number;
  bin_end: number;
  count: number;
}

/** A histogram from bins (the data never reaches the chart unbinned). */
export function histogramSpec(bins: readonly Bin[], o: BaseOptions & { valueTitle: string; format?: string }): ChartSpec {
  // up to two decimals, trailing zeros dropped: ratings of 3.1…5.0 must not all read "3"
  const fmt = o.format ?? ',.2~f';
  return finish({
    title: titleOf(o.title ?? `Distribution of ${o.valueTitle.toLowerCase()}`, o.subtitle),
    height: o.height ?? 200,
    data: { values: bins },
    mark: { type: 'bar', binSpacing: 1 },
    encoding: {
      x: { field: 'bin_start', type: 'quantitative', bin: { binned: true }, title: o.valueTitle, axis: { format: fmt } },
      x2: { field: 'bin_end' },
      y: { field: 'count', type: 'quantitative', title: 'Customers' },
      tooltip: [
        { field: 'bin_start', type: 'quantitative', title: 'From', format: fmt },
        { field: 'bin_end', type: 'quantitative', title: 'To', format: fmt },
        { field: 'count', type: 'quantitative', title: 'Customers', format: ',' },
      ],
    },
  }, o.currency);
}

/** Options of a scatter. */
export interface ScatterOptions extends BaseOptions {
  x: string;
  y: string;
  xTitle: string;
  yTitle: string;
  colour?: string;
  colourTitle?: string;
  xFormat?: string;
  yFormat?: string;
  xLog?: boolean;
  yLog?: boolean;
}

/** A scatter of one point per customer, optionally coloured by a category (cluster, segment). */
export function scatterSpec(rows: readonly Record<string, unknown>[], o: ScatterOptions): ChartSpec {
  if (rows.length > 5000) throw new Error(`scatterSpec: ${rows.length} points; sample to at most 5,000 first`);
  const colour = o.colour ? { color: { field: o.colour, type: 'nominal', title: o.colourTitle ?? o.colour, legend: { labelLimit: 260 } } } : {};
  return finish({
    title: titleOf(o.title ?? `${o.yTitle} vs ${o.xTitle.toLowerCase()}`, o.subtitle),
    height: o.height ?? 300,
    data: { values: rows },
    mark: { type: 'point', filled: true, opacity: 0.6, size: 28 },
    encoding: {
      x: { field: o.x, type: 'quantitative', title: o.xTitle, axis: { format: o.xFormat ?? ',.0f' }, scale: o.xLog ? { type: 'symlog' } : { zero: false } },
      y: { field: o.y, type: 'quantitative', title: o.yTitle, axis: { format: o.yFormat ?? ',.0f' }, scale: o.yLog ? { type: 'symlog' } : { zero: false } },
      ...colour,
      tooltip: [
        ...(rows[0] && 'customer_id' in rows[0] ? [{ field: 'customer_id', title: 'Customer' }] : []),
        { field: o.x, type: 'quantitative', title: o.xTitle, format: o.xFormat ?? ',.2f' },
        { field: o.y, type: 'quantitative', title: o.yTitle, format: o.yFormat ?? ',.2f' },
        ...(o.colour ? [{ field: o.colour, title: o.colourTitle ?? o.colour }] : []),
      ],
    },
  }, o.currency);
}
