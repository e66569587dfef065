// report.json for a loaded dataset: the one entry the page's Export and the command line
// both call, so the two reports cannot drift. Findings, clusters (written back as the
// `clusters` table, so the lifetime-value section can total by cluster), then every
// dashboard section, then the core report (dataset, quality, KPIs).
import { tableToIPC, type Table } from 'apache-arrow';
import type { Connector } from '../engine/connector';
import type { Mapping } from '../mapping/detect';
import { detectCurrency } from '../mapping/currency';
import { availability } from '../pipeline/availability';
import type { Analysis } from '../pipeline/dataset';
import type { RawProfile } from '../pipeline/profile';
import type { ReadReport } from '../pipeline/read/load';
import { buildReport, type Report } from '../report/report';
import { describeFilters } from '../insights/filters';
import { filtersWhere, NO_FILTERS } from '../sql/filters';
import { viewSettings } from './settings';
import type { RuleOptions } from '../sql/segments';
import { ident } from '../sql/ident';
import { chosenFeatures, clustersArrow, clustersReport, featureOptions, runClusters } from './clusters';
import { insightsReport, loadInsights } from './insights';
import type { JobRunner } from './jobs';
import { dashboardSections, type ReportView } from './report-sections';

/** A loaded dataset, as the page's DatasetState or the command line holds it. */
export interface LoadedDataset {
  name: string;
  profile: RawProfile;
  mapping: Mapping;
  analysis: Analysis;
  read: ReadReport | null;
}

/** How the report is computed: the view settings and filters (a page's URL), and where it runs. */
export interface FullReportOptions {
  /** App version written into the report. */
  version: string;
  /** Settings and filters; default: what a fresh URL gives (no filters). */
  view?: ReportView;
  /** The filter predicate over `sales` (default: from view.filters). */
  where?: string;
  /** Segment-rule thresholds (default: the view's). */
  rules?: RuleOptions;
  /** Currency symbol for the findings' text (default: detected from the data). */
  currency?: string;
  /** Replaces table `name` with an Arrow table (default: DROP + the connector's insertArrow). */
  replaceTable?: (name: string, table: Table) => Promise<void>;
  /** Called as each part starts (for a progress line). */
  onStage?: (label: string) => void;
}

/** The settings a fresh URL gives (no query string): what the command line uses. */
export function defaultView(): ReportView {
  return { settings: viewSettings(() => undefined), filters: NO_FILTERS };
}

/** Computes report.json for a loaded dataset, every section the data allows. */
export async function fullReport(conn: Connector, jobs: JobRunner, ds: LoadedDataset, o: FullReportOptions): Promise<Report> {
  const view = o.view ?? defaultView();
  const where = o.where ?? filtersWhere(view.filters);
  const ctx = ds.analysis.context;
  const grain = ds.analysis.clean.grain;
  const currency = o.currency ?? detectCurrency(ds.mapping, ds.profile.columns);
  const replace =
    o.replaceTable ??
    (async (name: string, table: Table) => {
      if (!conn.insertArrow) throw new Error('This connector cannot create tables from Arrow.');
      await conn.exec(`DROP TABLE IF EXISTS ${ident(name)}`);
      await conn.insertArrow(name, tableToIPC(table, 'stream'));
    });
  const extra: Record<string, unknown> = where !== 'TRUE' ? { filters: view.filters } : {};
  // the findings as the Overview shows them, each with the filters its figure reflects
  o.onStage?.('Findings');
  extra.insights = insightsReport(
    await loadInsights(
      conn,
      ctx,
      currency,
      where,
      undefined,
      {
        availability: availability(ds.mapping, grain, ctx.facts),
        filters: where !== 'TRUE' ? describeFilters(view.filters, ctx.labels) : '',
        range: { from: view.filters.from, to: view.filters.to },
      },
      jobs,
    ),
  );
  if (ctx.hasCustomers) {
    // clusters first, so the lifetime-value section can total by cluster
    const chosen = chosenFeatures(featureOptions(ctx, grain), view.settings.clusters.features);
    if (chosen.length) {
      o.onStage?.('Clusters (k-means)');
      const v = await runClusters(conn, chosen, view.settings.clusters.k, ctx.hasAmount, (c, l, n) => replace('clusters', clustersArrow(c, l, n)), () => undefined, undefined, jobs);
      extra.clusters = clustersReport(v);
    }
  }
  const sections = await dashboardSections(conn, ctx, grain, view, where, o.rules ?? view.settings.rules, extra, jobs, o.onStage);
  return buildReport({ version: o.version, name: ds.name, profile: ds.profile, mapping: ds.mapping, analysis: ds.analysis, read: ds.read, sections, currency });
}
