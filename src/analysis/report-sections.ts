// The report.json sections of the dashboard views, computed at export time (with each
// view's settings from the URL) so the report is complete whichever tabs the user opened.
import type { Connector } from '../engine/connector';
import { customersReport, loadCustomers } from './customers';
import { loadTrends, trendsReport } from './trends';
import { forecastReport, runForecast } from './forecast';
import { clvReport, runClv } from './clv';
import type { DataContext } from '../pipeline/context';
import { allows, availabilityOf } from '../pipeline/availability';
import type { ViewSettings } from './settings';
import type { Filters } from '../sql/filters';
import { workerJobs, type JobRunner } from './jobs';
import { loadSegments, segmentsSection } from './segments';
import { loadPairs, loadRecommendations, recommendationsReport, runEvaluation } from './recommend';
import type { RuleOptions } from '../sql/segments';

/** What the report reads of the page's URL: each view's settings and the global filters (the page passes its UrlState). */
export interface ReportView {
  settings: ViewSettings;
  filters: Filters;
}

/** Computes the customers, trends, segments, recommendations, forecast and clv sections where the data allows them. */
export async function dashboardSections(conn: Connector, ctx: DataContext, grain: 'transaction' | 'customer', url: ReportView, where = 'TRUE', rules: RuleOptions = {}, extra: Record<string, unknown> = {}, jobs: JobRunner = workerJobs, onStage: (label: string) => void = () => undefined): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  onStage('Customers');
  if (ctx.hasCustomers) out.customers = customersReport(await loadCustomers(conn, ctx.hasAmount));
  onStage('Trends');
  if (ctx.hasDates) out.trends = trendsReport(await loadTrends(conn, ctx, where, undefined, { from: url.filters.from, to: url.filters.to }));
  // RFM only where the data supports it (repeat purchases): the one declaration decides
  if (ctx.hasCustomers) {
    onStage('Segments (rules, RFM)');
    out.segments = segmentsSection(await loadSegments(conn, rules, ctx.hasDates && allows(availabilityOf(ctx, grain), 'rfm')));
    // segments are attributes over the whole file: say so when filters are active
    if (where !== 'TRUE') out.segments = { scope: 'all data', ...(out.segments as Record<string, unknown>) };
  }
  if (ctx.hasCustomers && ctx.hasProduct) {
    const s = url.settings.recommend;
    onStage('Recommendations: lists');
    const recs = await loadRecommendations(conn, s, where);
    onStage('Recommendations: products bought together');
    const pairs = await loadPairs(conn, where, ctx.hasCategory, url.settings.pairs);
    onStage('Recommendations: leave-last-out evaluation');
    const evaluation = await runEvaluation(conn, s, where).catch(() => null);
    out.recommendations = recommendationsReport(s.n, recs, pairs, evaluation);
  }
  Object.assign(out, extra);
  if (ctx.hasDates && ctx.hasAmount) {
    onStage('Forecast (ARIMA)');
    out.forecast = forecastReport(await runForecast(conn, url.settings.forecast, where, undefined, jobs));
  }
  if (ctx.hasCustomers && ctx.hasDates && ctx.hasAmount && grain === 'transaction') {
    onStage('Lifetime value (BG/NBD, Gamma-Gamma)');
    out.clv = clvReport(await runClv(conn, url.settings.clv, where, undefined, jobs));
  }
  return out;
}
