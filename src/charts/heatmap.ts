// Two-way grids coloured by a value: weekday × hour of sales, cohort retention.
import { finish, titleOf, type BaseOptions, type ChartSpec } from './types';

/** Options of a heatmap. */
export interface HeatmapOptions extends BaseOptions {
  x: string;
  y: string;
  value: string;
  xTitle: string;
  yTitle: string;
  valueTitle: string;
  valueFormat: string;
  xOrder?: (string | number)[];
  yOrder?: (string | number)[];
  /** Print the value in each cell (for small grids such as cohorts). */
  labels?: boolean;
  scheme?: string;
  xType?: 'ordinal' | 'nominal';
}

/** A rect heatmap with a sequential colour scale and optional cell labels. */
export function heatmapSpec(rows: readonly Record<string, unknown>[], o: HeatmapOptions): ChartSpec {
  const enc = {
    x: { field: o.x, type: o.xType ?? 'ordinal', title: o.xTitle, sort: o.xOrder ?? null, axis: { labelAngle: 0 } },
    y: { field: o.y, type: 'ordinal', title: o.yTitle, sort: o.yOrder ?? null },
  };
  const layer: Record<string, unknown>[] = [
    {
      mark: { type: 'rect', stroke: '#fff', strokeWidth: 1 },
      encoding: {
        color: { field: o.value, type: 'quantitative', title: o.valueTitle, scale: { scheme: o.scheme ?? 'blues' }, legend: { format: o.valueFormat } },
        tooltip: [
          { field: o.y, title: o.yTitle },
          { field: o.x, title: o.xTitle },
          { field: o.value, type: 'quantitative', title: o.valueTitle, format: o.valueFormat },
        ],
      },
    },
  ];
  if (o.labels) {
    layer.push({
      mark: { type: 'text', fontSize: 10 },
      encoding: {
        text: { field: o.value, type: 'quantitative', format: o.valueFormat },
        color: { condition: { test: `datum['${o.value}'] > 0.5 * (datum.__max || 1)`, value: '#ffffff' }, value: '#1d2330' },
      },
    });
  }
  const max = rows.reduce((m, r) => Math.max(m, Number(r[o.value] ?? 0)), 0);
  return finish({
    title: titleOf(o.title ?? `${o.valueTitle} by ${o.yTitle.toLowerCase()} and ${o.xTitle.toLowerCase()}`, o.subtitle),
    height: o.height ?? 240,
    data: { values: rows.map((r) => ({ ...r, __max: max })) },
    encoding: enc,
    layer,
  }, o.currency);
}
