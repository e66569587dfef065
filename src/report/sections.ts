// The report.json sections of the dashboard views, computed at export time so the report
// is complete whichever tabs the user opened.
import type { Connector } from '../engine/connector';
import { customersReport, loadCustomers } from '../components/customers/load';
import { loadTrends, trendsReport } from '../components/trends/load';
import type { DataContext } from '../pipeline/context';

/** Computes the `customers` and `trends` sections where the data allows them. */
export async function dashboardSections(conn: Connector, ctx: DataContext): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  if (ctx.hasCustomers) out.customers = customersReport(await loadCustomers(conn, ctx.hasAmount));
  if (ctx.hasDates) out.trends = trendsReport(await loadTrends(conn, ctx));
  return out;
}
