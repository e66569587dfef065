// Gathers the numbers behind the insights (a handful of small queries and one forecast), all
// under the active filters: the customers table is the filtered one, RFM segments count only
// the filtered customers with their filtered spend.
import type { Connector } from '../engine/connector';
import { toRows, type Row } from '../engine/rows';
import type { DataContext } from '../pipeline/context';
import { allows, type Availability } from '../pipeline/availability';
import { buildInsights, type Insight } from '../insights/insights';
import { customerSummarySql, paretoSharesSql } from '../sql/customers';
import { growthSql } from '../sql/insights';
import { rfmSummarySql } from '../sql/rfm';
import { weekdayProfileSql, type DateRange } from '../sql/trends';
import { runForecast } from './forecast';
import { workerJobs, type JobRunner } from './jobs';

/** What the findings are gated on and labelled with. */
export interface InsightScope {
  /** The one declaration of what the data supports (empty: everything allowed). */
  availability?: readonly Availability[];
  /** The active filters in words ('' when none). */
  filters?: string;
  /** The date filter, so periods it cuts count as partial (growth windows, weekday profile). */
  range?: DateRange;
}

/** Computes the insights for the current data and filters. */
export async function loadInsights(conn: Connector, ctx: DataContext, currency: string, where: string, signal?: AbortSignal, scope: InsightScope = {}, jobs: JobRunner = workerJobs): Promise<Insight[]> {
  const rows = async (sql: string): Promise<Row[]> => toRows(await conn.query(sql, signal));
  const n = (v: unknown): number => Number(v ?? 0);
  const avail = scope.availability ?? [];
  const out: Parameters<typeof buildInsights>[0] = { currency, availability: avail, filters: scope.filters ?? '' };
  if (ctx.hasCustomers && ctx.hasAmount) {
    const s = (await rows(paretoSharesSql()))[0];
    out.top10Share = s?.top10pct === null || s?.top10pct === undefined ? null : n(s.top10pct);
    out.top10Customers = s ? n(s.top10pct_customers) : null;
  }
  if (ctx.hasCustomers && ctx.hasDates) {
    const c = (await rows(customerSummarySql()))[0];
    if (c && n(c.customers) > 0 && ctx.hasAmount) out.repeatRate = n(c.repeat_rate);
    if (allows(avail, 'win-back')) {
      out.rfm = (await rows(rfmSummarySql({ population: 'filtered' }))).map((r) => ({ segment: String(r.segment), customers: n(r.customers), revenue: n(r.revenue), share_revenue: r.share_revenue === null ? null : n(r.share_revenue) }));
    }
  }
  if (ctx.hasDates && ctx.hasAmount) {
    out.weekdays = (await rows(weekdayProfileSql({ where, range: scope.range ?? {}, ...(ctx.daysTable ? { daysTable: ctx.daysTable } : {}) }))).map((r) => ({ weekday_name: String(r.weekday_name), avg_revenue_per_day: n(r.avg_revenue_per_day) }));
    if (ctx.hasCategory && allows(avail, 'growth')) {
      out.growthDays = 90;
      out.growth = (await rows(growthSql({ days: 90, where, range: scope.range ?? {}, ...(ctx.daysTable ? { daysTable: ctx.daysTable } : {}) }))).map((r) => ({ label: String(r.label), recent: n(r.recent), previous: n(r.previous), growth: r.growth === null ? null : n(r.growth) }));
    }
    if (allows(avail, 'forecast')) try {
      const f = await runForecast(conn, { grain: 'month', h: 6, includePartial: false, spec: null }, where, signal, jobs);
      if (f.output.result.ok) {
        const r = f.output.result;
        out.forecast = f.future.map((period, i) => ({ period, mean: r.forecast.mean[i] ?? 0 }));
        out.forecastModel = r.model.label;
        out.forecastVerdict = f.output.verdict;
      }
    } catch (e) {
      if (e instanceof Error && e.name === 'AbortError') throw e;
      // no forecast insight when the series cannot be modelled
    }
  }
  return buildInsights(out);
}

/** report.json `insights`: each finding's text, figure, view and the filters it reflects ('none' = the whole data). */
export function insightsReport(list: readonly Insight[]): Record<string, unknown>[] {
  return list.map((i) => ({ id: i.id, text: i.text, figure: i.figure, tab: i.tab, filters: i.filters || 'none' }));
}
