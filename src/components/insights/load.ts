// Gathers the numbers behind the insights (a handful of small queries and one forecast).
import type { Connector } from '../../engine/connector';
import { toRows, type Row } from '../../engine/rows';
import type { DataContext } from '../../pipeline/context';
import { buildInsights, type Insight } from '../../insights/insights';
import { customerSummarySql, paretoSharesSql } from '../../sql/customers';
import { growthSql } from '../../sql/insights';
import { rfmSummarySql } from '../../sql/rfm';
import { weekdayProfileSql } from '../../sql/trends';
import { runForecast } from '../forecast/load';

/** Computes the insights for the current data and filters. */
export async function loadInsights(conn: Connector, ctx: DataContext, currency: string, where: string, signal?: AbortSignal): Promise<Insight[]> {
  const rows = async (sql: string): Promise<Row[]> => toRows(await conn.query(sql, signal));
  const n = (v: unknown): number => Number(v ?? 0);
  const out: Parameters<typeof buildInsights>[0] = { currency };
  if (ctx.hasCustomers && ctx.hasAmount) {
    const s = (await rows(paretoSharesSql()))[0];
    out.top10Share = s?.top10pct === null || s?.top10pct === undefined ? null : n(s.top10pct);
    out.top10Customers = s ? n(s.top10pct_customers) : null;
  }
  if (ctx.hasCustomers && ctx.hasDates) {
    const c = (await rows(customerSummarySql()))[0];
    if (c && n(c.customers) > 0 && ctx.hasAmount) out.repeatRate = n(c.repeat_rate);
    out.rfm = (await rows(rfmSummarySql())).map((r) => ({ segment: String(r.segment), customers: n(r.customers), revenue: n(r.revenue), share_revenue: r.share_revenue === null ? null : n(r.share_revenue) }));
  }
  if (ctx.hasDates && ctx.hasAmount) {
    out.weekdays = (await rows(weekdayProfileSql({ where }))).map((r) => ({ weekday_name: String(r.weekday_name), avg_revenue_per_day: n(r.avg_revenue_per_day) }));
    if (ctx.hasCategory) {
      out.growthDays = 90;
      out.growth = (await rows(growthSql({ days: 90, where }))).map((r) => ({ label: String(r.label), recent: n(r.recent), previous: n(r.previous), growth: r.growth === null ? null : n(r.growth) }));
    }
    try {
      const f = await runForecast(conn, { grain: 'month', h: 6, includePartial: false, spec: null }, where, signal);
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
