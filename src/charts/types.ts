// The type every spec builder returns, and helpers shared by builders.
import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from './theme';

/** A complete Vega-Lite spec, data inline (charts receive aggregated rows only). */
export type ChartSpec = TopLevelSpec;

/** Options every builder accepts. */
export interface BaseOptions {
  title?: string;
  subtitle?: string;
  /** Currency symbol for money axes and tooltips ('' for none). */
  currency?: string;
  height?: number;
}

/** Title block for a spec (title + optional subtitle). */
export function titleOf(title: string, subtitle?: string): { text: string; subtitle?: string } {
  return subtitle ? { text: title, subtitle } : { text: title };
}

/** A d3 money format: `$` stands for the currency symbol that finish() puts in the chart's locale. */
export function moneyFormat(_currency = '', decimals = 2): string {
  return `$,.${decimals}f`;
}

/**
 * A title Vega can draw. Measured with vega 6 / vega-lite 6: an axis or legend title equal to a
 * name of Object.prototype ("constructor", "toString", "valueOf", …, e.g. a column called so)
 * stops the whole chart ("Operator not defined"); a zero-width space after it looks the same
 * and draws. Any other text is returned unchanged.
 */
export function drawableTitle(title: string): string {
  return Object.prototype.hasOwnProperty.call(Object.prototype, title) && title !== '__proto__' ? `${title}\u200b` : title;
}

/** The spec with every `title` string made drawable (data rows are left alone). */
function drawableTitles(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(drawableTitles);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'data' || k === 'datasets') out[k] = v;
    else if (k === 'title' && typeof v === 'string') out[k] = drawableTitle(v);
    else out[k] = drawableTitles(v);
  }
  return out;
}

/** Wraps a spec body with the shared config (locale currency = `currency`), responsive width and schema. */
export function finish(input: Record<string, unknown>, currency = ''): ChartSpec {
  const body = drawableTitles(input) as Record<string, unknown>;
  const config = { ...CHART_CONFIG, locale: { number: { decimal: '.', thousands: ',', grouping: [3], currency: [currency, ''] } } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    autosize: { type: 'fit-x', contains: 'padding' },
    config,
    ...body,
  } as ChartSpec;
}
