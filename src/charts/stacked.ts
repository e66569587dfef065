// Stacked bars over months: new versus returning customers (or their revenue).
import { finish, titleOf, type BaseOptions, type ChartSpec } from './types';

/** A month split into named parts. */
export interface StackRow {
  period: string;
  part: string;
  value: number;
  /** The data covers this month only in part: drawn lighter, flagged in the tooltip. */
  partial?: boolean;
}

/** Stacked monthly bars with a legend for the parts. */
export function stackedSpec(rows: readonly StackRow[], o: BaseOptions & { valueTitle: string; partTitle: string; format?: string; partOrder?: string[] }): ChartSpec {
  const fmt = o.format ?? ',.0f';
  return finish({
    title: titleOf(o.title ?? `${o.valueTitle} by month`, o.subtitle),
    height: o.height ?? 240,
    data: { values: rows.map((r) => ({ ...r, partial: r.partial ? 'yes' : 'no' })) },
    mark: { type: 'bar' },
    encoding: {
      opacity: { condition: { test: "datum.partial === 'yes'", value: 0.35 }, value: 0.9 },
      x: { field: 'period', type: 'temporal', timeUnit: 'yearmonth', title: 'Month', axis: { format: '%b %Y', labelOverlap: true } },
      y: { field: 'value', type: 'quantitative', stack: 'zero', title: o.valueTitle, axis: { format: '~s' } },
      color: { field: 'part', type: 'nominal', title: o.partTitle, sort: o.partOrder ?? null },
      order: { field: 'part', sort: 'descending' },
      tooltip: [
        { field: 'period', type: 'temporal', timeUnit: 'yearmonth', title: 'Month', format: '%B %Y' },
        { field: 'part', title: o.partTitle },
        { field: 'value', type: 'quantitative', title: o.valueTitle, format: fmt },
        { field: 'partial', type: 'nominal', title: 'Partial month' },
      ],
    },
  }, o.currency);
}
