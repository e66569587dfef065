// Readable numbers in every chart: SI formats ("500m", "1.08G", "0k") become our compact
// format, and fields without a format go through fmtNum (thousands separators, no exponent).
// Applied by VegaChart at embed time; NUMBER_FORMAT_FN is registered with vega-embed under that name.
import type { ChartSpec } from './types';
import { fmtCompact, fmtNum } from '../format';

/** Name of the Vega expression function that formats numbers (registered by VegaChart). */
export const NUMBER_FORMAT_FN = 'blnum';

/** The formatter behind NUMBER_FORMAT_FN: "compact|£" → £1.5M; "auto" (or anything else) → fmtNum. */
export function formatNumberFor(value: unknown, format: unknown): string {
  const n = typeof value === 'number' ? value : Number(value);
  if (value === null || value === undefined || !Number.isFinite(n)) return value === null || value === undefined ? '' : String(value);
  const f = typeof format === 'string' ? format : 'auto';
  if (f.startsWith('compact')) return fmtCompact(n, f.split('|')[1] ?? '');
  if (f.startsWith('money')) return `${n < 0 ? '−' : ''}${f.split('|')[1] ?? ''}${fmtNum(Math.abs(n), 2)}`;
  return fmtNum(n);
}

const SI = /^(\$)?,?(\.\d+)?~?s$/;

/**
 * A copy of the spec for drawing: the spec's own objects are copied, its data are not walked
 * (they hold no formats). Inline rows are copied one level (Vega writes tuple ids and computed
 * fields into the objects it is given, and the views keep the rows they pass); other inline data
 * (a map's topology, read by Vega's loaders and never written to) are shared: a deep copy of the
 * world map's arcs was a fifth of a filter change's main-thread time.
 */
function drawingCopy(o: unknown, key = ''): unknown {
  if (key === 'values') return Array.isArray(o) ? o.map(row) : o;
  if (key === 'datasets' && o && typeof o === 'object') return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Array.isArray(v) ? v.map(row) : v]));
  if (Array.isArray(o)) return o.map((x) => drawingCopy(x));
  if (!o || typeof o !== 'object') return o;
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, drawingCopy(v, k)]));
}
const row = (r: unknown): unknown => (r && typeof r === 'object' && !Array.isArray(r) && !(r instanceof Date) ? { ...r } : r);

/** A copy of the spec whose SI number formats and default number format use NUMBER_FORMAT_FN. */
export function readableFormats(spec: ChartSpec): ChartSpec {
  const s = drawingCopy(spec) as Record<string, unknown>;
  const config = { ...((s.config as Record<string, unknown> | undefined) ?? {}) };
  const currency = ((config.locale as { number?: { currency?: string[] } } | undefined)?.number?.currency?.[0] ?? '').trim();
  config.customFormatTypes = true;
  config.numberFormatType = NUMBER_FORMAT_FN;
  config.numberFormat = 'auto';
  s.config = config;
  const walk = (o: unknown): void => {
    if (Array.isArray(o)) {
      for (const x of o) walk(x);
      return;
    }
    if (!o || typeof o !== 'object') return;
    const r = o as Record<string, unknown>;
    if (typeof r.format === 'string' && r.formatType === undefined) {
      const m = SI.exec(r.format);
      if (m) {
        r.format = `compact|${m[1] ? currency : ''}`;
        r.formatType = NUMBER_FORMAT_FN;
      }
    }
    for (const [k, v] of Object.entries(r)) if (k !== 'config' && k !== 'values' && k !== 'datasets') walk(v);
  };
  walk(s);
  return s as unknown as ChartSpec;
}

/** One column of a chart's data table: the field, its title and whether it holds dates. */
export interface ChartColumn {
  field: string;
  title: string;
  temporal: boolean;
}

/** The rows a chart draws and the columns worth showing, for its accessible data table. */
export function chartTable(spec: ChartSpec): { columns: ChartColumn[]; rows: Record<string, unknown>[] } {
  const rows: Record<string, unknown>[] = [];
  const cols = new Map<string, ChartColumn>();
  const visit = (o: unknown): void => {
    if (Array.isArray(o)) {
      for (const x of o) visit(x);
      return;
    }
    if (!o || typeof o !== 'object') return;
    const r = o as Record<string, unknown>;
    const data = r.data as { values?: unknown } | undefined;
    if (rows.length === 0 && data && Array.isArray(data.values)) rows.push(...(data.values as Record<string, unknown>[]));
    const enc = r.encoding as Record<string, unknown> | undefined;
    if (enc) {
      for (const ch of Object.values(enc)) {
        for (const d of Array.isArray(ch) ? ch : [ch]) {
          const def = d as { field?: unknown; title?: unknown; type?: unknown; aggregate?: unknown } | null;
          if (!def || typeof def.field !== 'string' || def.aggregate || cols.has(def.field)) continue;
          const title = typeof def.title === 'string' ? def.title : Array.isArray(def.title) ? def.title.join(' ') : def.field;
          cols.set(def.field, { field: def.field, title, temporal: def.type === 'temporal' });
        }
      }
    }
    for (const [k, v] of Object.entries(r)) if (k === 'layer' || k === 'hconcat' || k === 'vconcat' || k === 'concat' || k === 'spec') visit(v);
  };
  visit(spec);
  const first = rows[0] ?? {};
  const columns = [...cols.values()].filter((c) => c.field in first);
  return { columns: columns.length ? columns : Object.keys(first).slice(0, 8).map((f) => ({ field: f, title: f, temporal: false })), rows };
}
