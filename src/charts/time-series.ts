// Revenue (or customers, transactions, average ticket) per day/week/month with its
// moving average; periods the data only partly covers are drawn lighter and flagged.
import { ACCENT } from './theme';
import { finish, moneyFormat, titleOf, type BaseOptions, type ChartSpec } from './types';

/** A point of a series (period ISO date, value, moving average, partial flag). */
export interface SeriesPoint {
  period: string;
  value: number | null;
  ma: number | null;
  partial?: boolean;
}

/** Options of the time-series chart. */
export interface TimeSeriesOptions extends BaseOptions {
  measureLabel: string;
  grain: 'day' | 'week' | 'month';
  money?: boolean;
  maLabel?: string;
  /** Adds an x-interval selection named "brush" (the page turns it into a date filter). */
  brush?: boolean;
}

const GRAIN_WORD = { day: 'Day', week: 'Week starting', month: 'Month' } as const;
const TIME_FORMAT = { day: '%-d %b %Y', week: '%-d %b %Y', month: '%b %Y' } as const;

/** Bars (or a line for daily data) of a measure over time with a moving-average line. */
export function timeSeriesSpec(rows: readonly SeriesPoint[], o: TimeSeriesOptions): ChartSpec {
  const fmt = o.money ? moneyFormat(o.currency, o.grain === 'month' ? 0 : 2) : ',.0f';
  const ma = o.maLabel ?? { day: '7-day average', week: '4-week average', month: '3-month average' }[o.grain];
  const x = { field: 'period', type: 'temporal', title: GRAIN_WORD[o.grain], axis: { format: TIME_FORMAT[o.grain], labelOverlap: true } };
  const tooltip = [
    { field: 'period', type: 'temporal', title: GRAIN_WORD[o.grain], format: TIME_FORMAT[o.grain] },
    { field: 'value', type: 'quantitative', title: o.measureLabel, format: fmt },
    { field: 'ma', type: 'quantitative', title: ma, format: fmt },
    { field: 'partial', type: 'nominal', title: 'Partial period' },
  ];
  const main =
    o.grain === 'day'
      ? { mark: { type: 'line', strokeWidth: 1, opacity: 0.45, interpolate: 'monotone' } }
      : { mark: { type: 'bar', opacity: 0.85 }, encoding: { opacity: { condition: { test: "datum.partial === 'yes'", value: 0.35 }, value: 0.9 } } };
  return finish({
    title: titleOf(o.title ?? `${o.measureLabel} by ${o.grain}`, o.subtitle),
    height: o.height ?? 260,
    data: { values: rows.map((r) => ({ ...r, partial: r.partial ? 'yes' : 'no' })) },
    encoding: { x, tooltip },
    layer: [
      {
        ...main,
        ...(o.brush ? { params: [{ name: 'brush', select: { type: 'interval', encodings: ['x'] } }] } : {}),
        encoding: {
          ...('encoding' in main ? main.encoding : {}),
          y: { field: 'value', type: 'quantitative', title: o.measureLabel, axis: { format: o.money ? '$~s' : '~s' } },
        },
      },
      { mark: { type: 'line', color: '#e69f00', strokeWidth: 2.5, interpolate: 'monotone' }, encoding: { y: { field: 'ma', type: 'quantitative' } } },
      // a day the data covers only in part (it ends at midday) is a hollow grey point
      ...(o.grain === 'day'
        ? [{ transform: [{ filter: "datum.partial === 'yes'" }], mark: { type: 'point', color: '#6b7280', size: 60, filled: false, strokeWidth: 2 }, encoding: { y: { field: 'value', type: 'quantitative' } } }]
        : []),
    ],
  }, o.currency);
}

/** A small legend note for the moving-average colour, for the surrounding text. */
export const MA_COLOUR = '#e69f00';
export const BAR_COLOUR = ACCENT;
