// Ranked and ordered bars: leaderboards, weekday profile, month of year, peak days.
import { finish, moneyFormat, titleOf, type BaseOptions, type ChartSpec } from './types';

/** A bar: its label, value and optional extra fields for the tooltip. */
export type BarRow = Record<string, string | number | boolean | null>;

/** Options of the bar chart. */
export interface BarOptions extends BaseOptions {
  label: string;
  value: string;
  labelTitle: string;
  valueTitle: string;
  money?: boolean;
  /** Horizontal bars sorted by value (leaderboards); vertical bars keep the given order otherwise. */
  ranked?: boolean;
  /** Explicit label order for vertical bars (weekday names, months). */
  order?: string[];
  /** Extra tooltip fields: [field, title, format]. */
  extra?: [string, string, string][];
  colour?: string;
}

/** A bar chart: horizontal and value-sorted for rankings, vertical in a given order otherwise. */
export function barSpec(rows: readonly BarRow[], o: BarOptions): ChartSpec {
  const fmt = o.money ? moneyFormat(o.currency, 2) : ',.0f';
  // compact axis labels (400k, 1.2M) so long numbers never collide; tooltips stay exact
  const axisFmt = o.money ? '$~s' : '~s';
  const tooltip = [
    { field: o.label, type: 'nominal', title: o.labelTitle },
    { field: o.value, type: 'quantitative', title: o.valueTitle, format: fmt },
    ...(o.extra ?? []).map(([field, title, format]) => ({ field, type: 'quantitative', title, format })),
  ];
  const colour = o.colour ? { color: o.colour } : {};
  if (o.ranked) {
    return finish({
      title: titleOf(o.title ?? `${o.labelTitle} by ${o.valueTitle.toLowerCase()}`, o.subtitle),
      height: o.height ?? Math.max(120, rows.length * 22),
      data: { values: rows },
      mark: { type: 'bar', ...colour, cornerRadiusEnd: 2 },
      encoding: {
        y: { field: o.label, type: 'nominal', sort: '-x', title: null, axis: { labelLimit: 220 } },
        x: { field: o.value, type: 'quantitative', title: o.valueTitle, axis: { format: axisFmt } },
        tooltip,
      },
    }, o.currency);
  }
  return finish({
    title: titleOf(o.title ?? `${o.valueTitle} by ${o.labelTitle.toLowerCase()}`, o.subtitle),
    height: o.height ?? 220,
    data: { values: rows },
    mark: { type: 'bar', ...colour, cornerRadiusEnd: 2 },
    encoding: {
      x: { field: o.label, type: 'ordinal', sort: o.order ?? null, title: o.labelTitle, axis: { labelAngle: 0 } },
      y: { field: o.value, type: 'quantitative', title: o.valueTitle, axis: { format: axisFmt } },
      tooltip,
    },
  }, o.currency);
}
