// Actual, fitted and forecast sales with 80% and 95% prediction bands.
import { finish, titleOf, type BaseOptions, type ChartSpec } from './types';

/** A point of the forecast chart: actual history, in-sample fit, or forecast with bands. */
export interface ForecastPoint {
  period: string;
  actual?: number | null;
  fitted?: number | null;
  mean?: number | null;
  lo80?: number | null;
  hi80?: number | null;
  lo95?: number | null;
  hi95?: number | null;
  /** A partial period shown but not fitted. */
  partial?: boolean;
}

const TIME_FORMAT = { day: '%-d %b %Y', week: '%-d %b %Y', month: '%b %Y' } as const;

/** History as a line, the one-step fitted values dashed, the forecast with its 80/95% bands. */
export function forecastSpec(rows: readonly ForecastPoint[], o: BaseOptions & { grain: 'day' | 'week' | 'month'; model: string }): ChartSpec {
  const fmt = TIME_FORMAT[o.grain];
  const x = { field: 'period', type: 'temporal', title: { day: 'Day', week: 'Week', month: 'Month' }[o.grain], axis: { format: fmt, labelOverlap: true } };
  const money = '$,.0f';
  const long = rows.flatMap((r) => [
    ...(r.actual !== undefined && r.actual !== null ? [{ period: r.period, series: r.partial ? 'Partial period (not fitted)' : 'Actual', value: r.actual }] : []),
    ...(r.fitted !== undefined && r.fitted !== null && Number.isFinite(r.fitted) ? [{ period: r.period, series: 'Fitted (one step ahead)', value: r.fitted }] : []),
    ...(r.mean !== undefined && r.mean !== null ? [{ period: r.period, series: 'Forecast', value: r.mean }] : []),
  ]);
  const bands = rows.filter((r) => r.mean !== undefined && r.mean !== null);
  return finish(
    {
      title: titleOf(o.title ?? 'Net sales forecast', o.subtitle ?? `${o.model}; shaded: 80% and 95% prediction intervals`),
      height: o.height ?? 300,
      layer: [
        {
          data: { values: bands },
          mark: { type: 'area', opacity: 0.15, color: '#e69f00' },
          encoding: { x, y: { field: 'lo95', type: 'quantitative' }, y2: { field: 'hi95' } },
        },
        {
          data: { values: bands },
          mark: { type: 'area', opacity: 0.3, color: '#e69f00' },
          encoding: {
            x,
            y: { field: 'lo80', type: 'quantitative' },
            y2: { field: 'hi80' },
            tooltip: [
              { field: 'period', type: 'temporal', title: 'Period', format: fmt },
              { field: 'mean', type: 'quantitative', title: 'Forecast', format: money },
              { field: 'lo80', type: 'quantitative', title: '80% low', format: money },
              { field: 'hi80', type: 'quantitative', title: '80% high', format: money },
              { field: 'lo95', type: 'quantitative', title: '95% low', format: money },
              { field: 'hi95', type: 'quantitative', title: '95% high', format: money },
            ],
          },
        },
        {
          data: { values: long },
          // one series per colour; the fitted line is drawn dashed below via its own layer
          mark: { type: 'line', point: { size: 28 }, strokeWidth: 2 },
          transform: [{ filter: "datum.series !== 'Fitted (one step ahead)'" }],
          encoding: {
            x,
            y: { field: 'value', type: 'quantitative', title: 'Net sales', axis: { format: '$~s' } },
            color: {
              field: 'series',
              type: 'nominal',
              title: null,
              scale: { domain: ['Actual', 'Partial period (not fitted)', 'Fitted (one step ahead)', 'Forecast'], range: ['#2f6fdf', '#9aa3b2', '#56b4e9', '#d55e00'] },
              legend: { orient: 'top' },
            },
            tooltip: [
              { field: 'period', type: 'temporal', title: 'Period', format: fmt },
              { field: 'series', title: 'Series' },
              { field: 'value', type: 'quantitative', title: 'Net sales', format: money },
            ],
          },
        },
        {
          data: { values: long },
          transform: [{ filter: "datum.series === 'Fitted (one step ahead)'" }],
          mark: { type: 'line', strokeDash: [5, 4], strokeWidth: 1.5, color: '#56b4e9' },
          encoding: { x, y: { field: 'value', type: 'quantitative' } },
        },
      ],
    },
    o.currency,
  );
}

/** A standardized one-step residual of a fitted model, at its period. */
export interface ResidualPoint {
  period: string;
  residual: number;
}

/** Standardized residuals over time as bars around zero, with ±2 guide lines (about 95% of them should fall inside for white noise). */
export function residualSpec(rows: readonly ResidualPoint[], o: BaseOptions & { grain: 'day' | 'week' | 'month'; model: string; ljungBox?: string }): ChartSpec {
  const fmt = TIME_FORMAT[o.grain];
  const x = { field: 'period', type: 'temporal', title: { day: 'Day', week: 'Week', month: 'Month' }[o.grain], axis: { format: fmt, labelOverlap: true } };
  const values = rows.filter((r) => Number.isFinite(r.residual)).map((r) => ({ period: r.period, residual: r.residual, outside: Math.abs(r.residual) > 2 }));
  return finish({
    title: titleOf(o.title ?? `Residuals of ${o.model}`, o.subtitle ?? `Standardized one-step errors${o.ljungBox ? ` · ${o.ljungBox}` : ''}`),
    height: o.height ?? 180,
    layer: [
      {
        data: { values },
        mark: { type: 'bar', width: { band: 0.6 } },
        encoding: {
          x,
          y: { field: 'residual', type: 'quantitative', title: 'Standardized residual', axis: { format: ',.1f' } },
          color: { field: 'outside', type: 'nominal', legend: null, scale: { domain: [false, true], range: ['#56b4e9', '#d55e00'] } },
          tooltip: [
            { field: 'period', type: 'temporal', title: 'Period', format: fmt },
            { field: 'residual', type: 'quantitative', title: 'Standardized residual', format: ',.2f' },
          ],
        },
      },
      {
        data: { values: [{ y: 0 }, { y: 2 }, { y: -2 }] },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#9aa3b2' },
        encoding: { y: { field: 'y', type: 'quantitative' } },
      },
    ],
  });
}
