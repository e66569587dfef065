// The Forecast view's data: the net-sales series from SQL, the ARIMA fit, forecast and
// backtest from the analytics worker, and the chart rows that join them.
import { transfer } from 'comlink';
import type { Connector } from '../engine/connector';
import { toRows } from '../engine/rows';
import { isoDate } from '../format';
import type { ArimaSpec } from '../analytics/arima';
import type { ForecastOutput } from '../analytics/jobs';
import type { ForecastPoint } from '../charts/forecast';
import { netSeriesSql } from '../sql/forecast';
import type { Grain } from '../sql/trends';
import { workerJobs, type JobRunner } from './jobs';
import { memo } from '../pipeline/memo';

/** Season length per grain. */
export const SEASON: Record<Grain, number> = { day: 7, week: 52, month: 12 };

/** What the user chose. */
export interface ForecastOptions {
  grain: Grain;
  h: number;
  /** Keep incomplete first/last periods in the fit (off by default). */
  includePartial: boolean;
  /** A hand-picked order, or null for automatic. */
  spec: Omit<ArimaSpec, 'm'> | null;
}

/** A period of the series. */
export interface SeriesRow {
  period: string;
  net: number;
  partial: boolean;
}

/** Everything the view shows. */
export interface ForecastView {
  options: ForecastOptions;
  series: SeriesRow[];
  /** The periods the model was fitted on (partial ones dropped unless included). */
  fitted: SeriesRow[];
  /** Periods after the fitted range, one per forecast step. */
  future: string[];
  output: ForecastOutput;
  excluded: SeriesRow[];
}

/** Adds n grain steps to an ISO date (UTC calendar). */
export function addPeriods(iso: string, grain: Grain, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (grain === 'day') d.setUTCDate(d.getUTCDate() + n);
  else if (grain === 'week') d.setUTCDate(d.getUTCDate() + 7 * n);
  else d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}

/** Loads the series, drops partial ends, and runs the forecast job in the worker (superseding any older run). */
export function runForecast(conn: Connector, o: ForecastOptions, where = 'TRUE', signal?: AbortSignal, jobs: JobRunner = workerJobs): Promise<ForecastView> {
  // a fit is seconds of work: the same data, filter and options give the kept result
  return memo(conn, 'forecast', where, o, () => fitForecast(conn, o, where, signal, jobs), signal);
}

async function fitForecast(conn: Connector, o: ForecastOptions, where: string, signal: AbortSignal | undefined, jobs: JobRunner): Promise<ForecastView> {
  const series: SeriesRow[] = toRows(await conn.query(netSeriesSql({ grain: o.grain, where }), signal)).map((r) => ({
    period: isoDate(r.period as number) ?? '',
    net: Number(r.net),
    partial: Boolean(r.partial),
  }));
  let fitted = series;
  if (!o.includePartial) {
    let a = 0;
    let b = series.length;
    if (series[0]?.partial) a = 1;
    if (series.length > 1 && series[series.length - 1]?.partial) b = series.length - 1;
    fitted = series.slice(a, b);
  }
  const excluded = series.filter((s) => !fitted.includes(s));
  const values = Float64Array.from(fitted.map((s) => s.net));
  const m = SEASON[o.grain];
  const spec: ArimaSpec | null = o.spec ? { ...o.spec, m: o.spec.P + o.spec.D + o.spec.Q > 0 ? m : 1 } : null;
  const output = await jobs('forecast', (api) => api.forecast(transfer({ values, m, h: o.h, spec }, [values.buffer])), undefined, signal);
  const last = fitted[fitted.length - 1]?.period;
  const future = last ? Array.from({ length: o.h }, (_, i) => addPeriods(last, o.grain, i + 1)) : [];
  return { options: o, series, fitted, future, output, excluded };
}

/** Chart rows: actual history (partial periods marked), fitted values, forecast with bands. */
export function chartRows(v: ForecastView): ForecastPoint[] {
  const r = v.output.result;
  const fittedAt = new Map<string, number>();
  if (r.ok) v.fitted.forEach((s, i) => fittedAt.set(s.period, r.fitted[i] ?? Number.NaN));
  const rows: ForecastPoint[] = v.series.map((s) => ({ period: s.period, actual: s.net, fitted: fittedAt.get(s.period) ?? null, partial: !v.fitted.includes(s) }));
  if (r.ok) {
    v.future.forEach((period, i) => {
      const f = r.forecast;
      rows.push({ period, mean: f.mean[i] ?? null, lo80: f.lower80[i] ?? null, hi80: f.upper80[i] ?? null, lo95: f.lower95[i] ?? null, hi95: f.upper95[i] ?? null });
    });
  }
  return rows;
}

/** report.json `forecast` section (`history`: each period's net sales, partial ones flagged). */
export function forecastReport(v: ForecastView): Record<string, unknown> {
  const r = v.output.result;
  const b = v.output.backtest;
  const round = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 100) / 100);
  const verdict = { reliable: v.output.verdict.reliable, reasons: v.output.verdict.reasons, checks: v.output.verdict.checks };
  // the series the model saw, so a saved report can draw the chart (partial = not fitted)
  const history = v.series.map((x) => ({ period: x.period, net: round(x.net), partial: !v.fitted.includes(x) }));
  if (!r.ok) return { grain: v.options.grain, horizon: v.options.h, error: r.reason, verdict, history };
  const s = r.model.spec;
  const lb = (t: { lag: number; q: number; pValue: number } | null): Record<string, number> | null => (t ? { lag: t.lag, q: Math.round(t.q * 10_000) / 10_000, p_value: Math.round(t.pValue * 10_000) / 10_000 } : null);
  return {
    verdict,
    grain: v.options.grain,
    order: [s.p, s.d, s.q],
    seasonal_order: [s.P, s.D, s.Q, s.m],
    label: r.model.label,
    aicc: round(r.model.aicc),
    horizon: v.options.h,
    points: v.future.map((period, i) => ({
      period,
      mean: round(r.forecast.mean[i]),
      lo80: round(r.forecast.lower80[i]),
      hi80: round(r.forecast.upper80[i]),
      lo95: round(r.forecast.lower95[i]),
      hi95: round(r.forecast.upper95[i]),
    })),
    excluded_partial_periods: v.excluded.map((e) => e.period),
    history,
    residuals: { ljung_box_lag1: lb(r.diagnostics.lag1), ljung_box: lb(r.diagnostics.atDefaultLag) },
    backtest: b.ok
      ? {
          h: b.h,
          model: b.model.label,
          mae: round(b.arima.mae),
          rmse: round(b.arima.rmse),
          mape: round(b.arima.mape),
          mase: round(b.arima.mase),
          baseline: b.baseline.kind,
          baseline_mape: round(b.baselineMetrics.mape),
          baseline_mase: round(b.baselineMetrics.mase),
          baselines: b.baselines.map((x) => ({ kind: x.kind, mae: round(x.metrics.mae), rmse: round(x.metrics.rmse), mape: round(x.metrics.mape) })),
          beats_baseline: b.beatsBaseline,
        }
      : { error: b.reason },
  };
}
