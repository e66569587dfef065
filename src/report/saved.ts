// Opening a saved report.json (from "Export report" or the command line) for the read-only
// report view. The file is untrusted: it is parsed once, each section is read into a checked
// shape (src/report/saved-sections.ts), a damaged section is left out with a note, and a file
// that is not a report at all gives a plain message. Nothing here touches the page.
import type { Kpis } from '../pipeline/kpis';
import { Missing, obj, text } from './read-values';
import * as read from './saved-sections';

/** The largest report.json opened (real reports are a few hundred KB). */
export const MAX_REPORT_BYTES = 32 * 1024 * 1024;

/** A report as the viewer shows it: the header, the headline figures, and each section present and readable. */
export interface SavedReport {
  app: { version: string | null; generated_at: string | null };
  dataset: read.SavedDataset;
  kpis: Kpis | null;
  /** The headline figures the report holds, when it is an older shape without all of them. */
  kpisPresent: [string, number][];
  firstDate: string | null;
  lastDate: string | null;
  /** True when the data had an amount (money figures mean something). */
  hasAmount: boolean;
  /** The filters the figures reflect, in words or as the URL parameters; null for the whole data. */
  filters: string | null;
  quality: read.SavedQuality | null;
  insights: read.SavedInsight[] | null;
  customers: read.SavedCustomers | null;
  trends: read.SavedTrends | null;
  segments: read.SavedSegments | null;
  clusters: read.SavedClusters | null;
  recommendations: read.SavedRecommendations | null;
  forecast: read.SavedForecast | null;
  clv: read.SavedClv | null;
  /** Sections present in the file that could not be read (each left out of the view). */
  dropped: string[];
}

/** Opening a report: the report, or a message in plain words. */
export type SavedReportResult = { ok: true; report: SavedReport } | { ok: false; title: string; message: string };

const NOT_A_REPORT = 'Open a report.json made by Export report or by the basket-lens command, or drop a data file to analyse it.';

/** True when a file's first characters look like a report.json (an object starting with "app" or holding "generated_at"). */
export function looksLikeReport(head: string): boolean {
  const s = head.replace(/^\uFEFF/, '').trimStart();
  if (!s.startsWith('{')) return false;
  return /^\{\s*"app"\s*:/.test(s) || (/"generated_at"\s*:/.test(s) && /"app"\s*:/.test(s));
}

const SECTION_LABELS = {
  quality: 'Data quality',
  insights: 'Insights',
  customers: 'Customers',
  trends: 'Trends',
  segments: 'Segments',
  clusters: 'Clusters',
  recommendations: 'Recommendations',
  forecast: 'Forecast',
  clv: 'Lifetime value',
} as const;

/** The refusal of a report over MAX_REPORT_BYTES (size in bytes or characters). */
export function tooLarge(size: number): SavedReportResult {
  return { ok: false, title: 'This report is too large to open', message: `It holds ${Math.round(size / 1e6)} MB; a report.json is normally well under 1 MB. ${NOT_A_REPORT}` };
}

/** Reads report.json text into a SavedReport, or says why it cannot be shown. */
export function parseSavedReport(textIn: string): SavedReportResult {
  if (textIn.length > MAX_REPORT_BYTES) return tooLarge(textIn.length);
  let raw: unknown;
  try {
    raw = JSON.parse(textIn.replace(/^\uFEFF/, ''));
  } catch {
    const cut = looksLikeReport(textIn.slice(0, 4096));
    return cut
      ? { ok: false, title: 'This report is damaged', message: 'The file ends early or has broken JSON, so it cannot be read: it may have been cut short while downloading or copying. Export the report again, or open another file.' }
      : { ok: false, title: 'This file is not a report', message: `It is not valid JSON. ${NOT_A_REPORT}` };
  }
  const o = obj(raw);
  const missingTop = o ? ['app', 'dataset', 'kpis', 'quality'].filter((k) => !obj(o[k])) : [];
  if (!o || missingTop.length === 4) return { ok: false, title: 'This file is not a report', message: `It holds JSON but not a report: a report.json has app, dataset, kpis and quality at the top. ${NOT_A_REPORT}` };
  if (missingTop.length) return { ok: false, title: 'This report is incomplete', message: `It lacks ${missingTop.join(', ')}, which every report holds, so it cannot be shown. Export the report again.` };

  let dataset: read.SavedDataset;
  let kpis: ReturnType<typeof read.readKpis>;
  try {
    dataset = read.readDataset(o.dataset);
    kpis = read.readKpis(o.kpis);
  } catch (e) {
    const what = e instanceof Missing ? e.message : 'its header';
    return { ok: false, title: 'This report is incomplete', message: `It lacks ${what}, so it cannot be shown. Export the report again.` };
  }
  const app = obj(o.app);
  const generated = text(app?.generated_at, 40);
  const dropped: string[] = [];
  const section = <T>(key: keyof typeof SECTION_LABELS, reader: (v: unknown) => T): T | null => {
    if (o[key] === undefined || o[key] === null) return null;
    try {
      return reader(o[key]);
    } catch {
      dropped.push(SECTION_LABELS[key]);
      return null;
    }
  };
  const roles = new Set(dataset.columns.map((c) => c.role));
  const filters = o.filters === undefined || o.filters === null ? null : (text(o.filters, 500) ?? filtersText(o.filters));
  return {
    ok: true,
    report: {
      app: { version: text(app?.version, 40), generated_at: generated !== null && Number.isFinite(Date.parse(generated)) ? generated : null },
      dataset,
      kpis: kpis.full,
      kpisPresent: kpis.present,
      firstDate: kpis.first_date,
      lastDate: kpis.last_date,
      hasAmount: dataset.columns.length ? roles.has('amount') || roles.has('unit_price') : kpis.present.some(([k, v]) => k === 'gross_sales' && v !== 0),
      filters,
      quality: section('quality', read.readQuality),
      insights: section('insights', read.readInsights),
      customers: section('customers', read.readCustomers),
      trends: section('trends', read.readTrends),
      segments: section('segments', read.readSegments),
      clusters: section('clusters', read.readClusters),
      recommendations: section('recommendations', read.readRecommendations),
      forecast: section('forecast', read.readForecast),
      clv: section('clv', read.readClv),
      dropped,
    },
  };
}

/** The filters object of a report ({from, to, dims}) in words; '' when it cannot be read. */
function filtersText(v: unknown): string {
  const f = obj(v);
  if (!f) return '';
  const parts: string[] = [];
  const from = text(f.from, 40);
  const to = text(f.to, 40);
  if (from || to) parts.push(`dates ${from ?? '…'} to ${to ?? '…'}`);
  const dims = obj(f.dims);
  for (const [k, vals] of Object.entries(dims ?? {}).slice(0, 20)) {
    const vs = Array.isArray(vals) ? vals.slice(0, 10).map((x) => text(x, 80)).filter((x) => x !== null) : [];
    parts.push(`${text(k, 80)} = ${vs.join(', ')}`);
  }
  return parts.join('; ');
}

/** The tabs a saved report can show, in the page's order; a tab appears only when its section is present. */
export function reportTabs(r: SavedReport): { id: string; label: string }[] {
  const tabs = [
    { id: 'overview', label: 'Overview', has: true },
    { id: 'customers', label: 'Customers', has: r.customers !== null },
    { id: 'trends', label: 'Trends', has: r.trends !== null },
    { id: 'segments', label: 'Segments', has: r.segments !== null || r.clusters !== null },
    { id: 'recommend', label: 'Recommendations', has: r.recommendations !== null },
    { id: 'forecast', label: 'Forecast', has: r.forecast !== null },
    { id: 'clv', label: 'Lifetime value', has: r.clv !== null },
    { id: 'quality', label: 'Data quality', has: true },
  ];
  return tabs.filter((t) => t.has).map(({ id, label }) => ({ id, label }));
}
