// Data of the Trends view: series at the chosen grain, peak and low days, weekday and
// hour profiles, seasonality, new vs returning customers, cohorts, business KPIs.
import type { Connector } from '../engine/connector';
import type { Row } from '../engine/rows';
/** The rows these functions return (views name the type from here, not from the engine). */
export type { Row } from '../engine/rows';
import { isoDate } from '../format';
import { businessKpisSql } from '../sql/business';
import { revenueSeriesFor, type Cube } from '../pipeline/cube';
import type { Filters } from '../sql/filters';
import { salesAnswers, type SalesState } from './sales-answers';
import {
  cohortRetentionSql,
  coverageSql,
  extremeDaysSql,
  hourHeatmapSql,
  monthlySql,
  monthOfYearSql,
  newVsReturningSql,
  seriesSql,
  trendsSummarySql,
  weekdayProfileSql,
  type DateRange,
  type Grain,
} from '../sql/trends';

/** Everything the Trends view shows except the series (which follows the grain switch). */
export interface TrendsData {
  summary: Row;
  best: Row[];
  worst: Row[];
  weekdays: Row[];
  heatmap: Row[];
  months: Row[];
  newReturning: Row[];
  cohorts: Row[];
  monthly: Row[];
  /** What the whole data covers (first/last day, first/last full day, whether the first and last month are partial). */
  coverage: Row;
}

/** Loads the grain-independent parts of the Trends view. */
export async function loadTrends(conn: Connector, ctx: { hasTimes: boolean; hasCustomers: boolean; daysTable?: string }, where = 'TRUE', signal?: AbortSignal, range: DateRange = {}, state?: SalesState): Promise<TrendsData> {
  // every statement reads `sales` or its sales days: with `state`, a filter set again or cleared is answered at once
  const sales = salesAnswers(conn, state, signal);
  const rows = (sql: string): Promise<Row[]> => sales.rows(sql);
  // the sales days dataContext built: each coverage reads them instead of grouping `sales` by day again
  const dt = ctx.daysTable ? { daysTable: ctx.daysTable } : {};
  return {
    summary: (await rows(trendsSummarySql({ where, range, ...dt })))[0] ?? {},
    best: await rows(extremeDaysSql({ order: 'best', where, range, ...dt })),
    worst: await rows(extremeDaysSql({ order: 'worst', where, range, ...dt })),
    weekdays: await rows(weekdayProfileSql({ where, range, ...dt })),
    heatmap: ctx.hasTimes ? await rows(hourHeatmapSql({ where })) : [],
    months: await rows(monthOfYearSql({ where, range, ...dt })),
    newReturning: ctx.hasCustomers ? await rows(newVsReturningSql({ where, range, ...dt })) : [],
    cohorts: ctx.hasCustomers ? await rows(cohortRetentionSql({ maxOffset: 12, where, range, ...dt })) : [],
    monthly: await rows(monthlySql({ where, range, ...dt })),
    coverage: (await rows(coverageSql({ grain: 'month', range, ...dt })))[0] ?? {},
  };
}

/** A first answer from the data cube: its filters (the source of `where`) and where to send the early rows. */
export interface CubeFirst<T> {
  cube: Cube | null;
  filters: Filters;
  early: (v: T) => void;
}

/** The series at one grain (`range`: the date filter, so periods it cuts are flagged partial); with `first`, the revenue series from the cube comes first (customers and transactions NULL until the full series); `daysTable`: the context's sales days (DataContext.daysTable). */
export async function loadSeries(conn: Connector, grain: Grain, where = 'TRUE', signal?: AbortSignal, range: DateRange = {}, first?: CubeFirst<Row[]>, daysTable?: string, state?: SalesState): Promise<Row[]> {
  const sales = salesAnswers(conn, state, signal);
  const sql = seriesSql({ grain, where, range, ...(daysTable ? { daysTable } : {}) });
  const known = sales.known(sql);
  if (known) return known;
  if (first) {
    const fast = await revenueSeriesFor(conn, first.cube, grain, first.filters, signal);
    if (fast) first.early(fast);
  }
  return sales.rows(sql);
}

/** Business KPIs for a range with the previous period of the same length (categorical filters applied to both). */
export async function loadBusiness(conn: Connector, range: { from?: string; to?: string }, dimsWhere = 'TRUE', signal?: AbortSignal, state?: SalesState): Promise<Row> {
  return (await salesAnswers(conn, state, signal).rows(businessKpisSql({ ...range, where: dimsWhere })))[0] ?? {};
}

/** report.json `trends` section. */
export function trendsReport(d: TrendsData): Record<string, unknown> {
  const money = (v: unknown): number => Math.round(Number(v ?? 0) * 100) / 100;
  return {
    days: Number(d.summary.days ?? 0),
    best_day: { date: isoDate(d.summary.best_day as number | string | null), revenue: money(d.summary.best_revenue) },
    worst_day: { date: isoDate(d.summary.worst_day as number | string | null), revenue: money(d.summary.worst_revenue) },
    monthly: d.monthly.map((m) => ({ month: String(m.month), revenue: money(m.revenue), customers: Number(m.customers ?? 0), transactions: Number(m.transactions ?? 0), partial: Boolean(m.partial) })),
    partial_periods: partialNote(d.coverage),
  };
}

/** The partial first/last periods in words ("the last month (December 2011): the data ends on 9 Dec 2011"); '' when both are complete. */
export function partialNote(cov: Row): string {
  const parts: string[] = [];
  const month = (v: unknown): string => new Date(Number(v)).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const day = (v: unknown): string => new Date(Number(v)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  // obs_first/obs_last: the data within the date filter; a filter that cuts a month makes it partial too
  const cutStart = Number(cov.obs_first) !== Number(cov.first_day);
  const cutEnd = Number(cov.obs_last) !== Number(cov.last_day);
  if (cov.first_partial) parts.push(`the first month (${month(cov.obs_first)}): ${cutStart ? 'the date filter starts' : 'the data starts'} on ${day(cov.obs_first)}${!cutStart && Number(cov.first_full) !== Number(cov.obs_first) ? ', part way through the day' : ''}`);
  if (cov.last_partial) parts.push(`the last month (${month(cov.obs_last)}): ${cutEnd ? 'the date filter ends' : 'the data ends'} on ${day(cov.obs_last)}${!cutEnd && Number(cov.last_full) !== Number(cov.obs_last) ? ', part way through the day' : ''}`);
  return parts.join('; ');
}
