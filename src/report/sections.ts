// The report.json sections of the dashboard views, computed at export time (with each
// view's settings from the URL) so the report is complete whichever tabs the user opened.
import type { Connector } from '../engine/connector';
import { customersReport, loadCustomers } from '../components/customers/load';
import { loadTrends, trendsReport } from '../components/trends/load';
import { forecastReport, parseOrder, runForecast } from '../components/forecast/load';
import { clvReport, runClv } from '../components/clv/load';
import type { DataContext } from '../pipeline/context';
import type { UrlState } from '../state/url.svelte';
import type { Grain } from '../sql/trends';

/** Computes the customers, trends, forecast and clv sections where the data allows them. */
export async function dashboardSections(conn: Connector, ctx: DataContext, grain: 'transaction' | 'customer', url: UrlState, where = 'TRUE'): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  if (ctx.hasCustomers) out.customers = customersReport(await loadCustomers(conn, ctx.hasAmount));
  if (ctx.hasDates) out.trends = trendsReport(await loadTrends(conn, ctx, where));
  if (ctx.hasDates && ctx.hasAmount) {
    const g = (['day', 'week', 'month'].includes(url.get('fgrain')) ? url.get('fgrain') : 'month') as Grain;
    out.forecast = forecastReport(await runForecast(conn, { grain: g, h: Math.round(url.num('h', 6)), includePartial: url.get('partial') === '1', spec: parseOrder(url.get('order')) }, where));
  }
  if (ctx.hasCustomers && ctx.hasDates && ctx.hasAmount && grain === 'transaction') {
    out.clv = clvReport(await runClv(conn, { unit: url.get('unit') === 'weeks' ? 'weeks' : 'days', months: Math.round(url.num('months', 12)), discount: url.num('discount', 0.01), split: url.get('split') || null }, where));
  }
  return out;
}
