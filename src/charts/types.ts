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

/** Wraps a spec body with the shared config (locale currency = `currency`), responsive width and schema. */
export function finish(body: Record<string, unknown>, currency = ''): ChartSpec {
  const config = { ...CHART_CONFIG, locale: { number: { decimal: '.', thousands: ',', grouping: [3], currency: [currency, ''] } } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    autosize: { type: 'fit-x', contains: 'padding' },
    config,
    ...body,
  } as ChartSpec;
}
