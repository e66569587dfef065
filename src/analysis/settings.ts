// Each view's settings as typed, range-checked values, parsed from the URL's text in one
// place. The views and report.json both read these, so an out-of-range or garbled value
// (?n=0, ?n=50, ?h=abc) is clamped the same way for both: the exported report always
// holds the figures the page shows. Pure: no Svelte, no engine.
import type { Grain } from '../sql/trends';
import type { RuleOptions } from '../sql/segments';
import type { ArimaSpec } from '../analytics/arima/types';

/** Recommendation settings (the Recommendations tab and the report's recommendations section). */
export interface RecommendSettings {
  /** Products per customer, 1–20. */
  n: number;
  rankBy: 'revenue' | 'count';
  excludeBought: boolean;
  coldStart: 'top' | 'trending';
  /** Days without a purchase after which a customer counts as lapsed; null = never. */
  inactiveDays: number | null;
  method: 'auto' | 'category' | 'copurchase';
}

/** Frequently-bought-together thresholds: support as a fraction (0–1) and a minimum basket count. */
export interface PairThresholds {
  minSupport: number;
  minCount: number;
}

/** An ARIMA order typed in the Forecast tab (the season length m follows from the grain). */
export type OrderSpec = Omit<ArimaSpec, 'm'>;

/** Forecast settings. */
export interface ForecastSettings {
  grain: Grain;
  /** Periods ahead, 1–60. */
  h: number;
  includePartial: boolean;
  spec: OrderSpec | null;
}

/** Lifetime-value settings. */
export interface ClvSettings {
  unit: 'days' | 'weeks';
  /** Months ahead, 1–120. */
  months: number;
  /** Monthly discount rate, 0–0.5. */
  discount: number;
  /** Calibration end date (ISO) or null for the default split. */
  split: string | null;
  /** Days ahead for the expected-purchases figure, 1–3650. */
  days: number;
}

/** Every view's settings. */
export interface ViewSettings {
  rules: RuleOptions;
  trends: { grain: Grain; measure: string };
  breakdowns: { rankBy: 'revenue' | 'count'; mapMeasure: 'revenue' | 'customers' };
  clusters: { k: number | 'auto'; features: string };
  recommend: RecommendSettings;
  pairs: PairThresholds;
  forecast: ForecastSettings;
  clv: ClvSettings;
}

/** Reads a number: the fallback when absent or not finite, else rounded (when asked) and clamped. */
export function numberSetting(text: string | undefined, fallback: number, min: number, max: number, round = true): number {
  if (text === undefined || text.trim() === '') return fallback;
  const v = Number(text);
  if (!Number.isFinite(v)) return fallback;
  const r = round ? Math.round(v) : v;
  return Math.min(max, Math.max(min, r));
}

/** Parses an order written as "p,d,q[,P,D,Q][c]" (digits only); null when it is not one. */
export function parseOrder(text: string): OrderSpec | null {
  const m = /^(\d),(\d),(\d)(?:,(\d),(\d),(\d))?(c)?$/.exec(text);
  if (!m) return null;
  const n = (i: number): number => Number(m[i] ?? 0);
  return { p: n(1), d: n(2), q: n(3), P: n(4), D: n(5), Q: n(6), constant: m[7] === 'c' };
}

/** k for k-means: 2–10, or 'auto' when absent or not a number. */
export function chosenK(param: string): number | 'auto' {
  const k = Number(param);
  return param && param !== 'auto' && Number.isFinite(k) ? Math.max(2, Math.min(10, Math.round(k))) : 'auto';
}

const grainOf = (v: string | undefined, fallback: Grain): Grain => (v === 'day' || v === 'week' || v === 'month' ? v : fallback);

/** How settings read the URL: key → text, undefined when absent. */
export type SettingsSource = (key: string) => string | undefined;

/** The segment-rule thresholds (sq = spend quantile 0.5–0.99, ft = frequency threshold). */
export function ruleSettings(get: SettingsSource): RuleOptions {
  return {
    spendQuantile: numberSetting(get('sq'), 0.9, 0.5, 0.99, false),
    ...(get('ft') ? { frequencyThreshold: numberSetting(get('ft'), 0, 0, 1_000_000, false) } : {}),
  };
}

/** The Recommendations tab's settings. */
export function recommendSettings(get: SettingsSource): RecommendSettings {
  const inactive = get('inactive');
  const method = get('method');
  return {
    n: numberSetting(get('n'), 5, 1, 20),
    rankBy: get('rank') === 'count' ? 'count' : 'revenue',
    excludeBought: get('keep') !== '1',
    coldStart: get('cold') === 'trending' ? 'trending' : 'top',
    inactiveDays: inactive === 'off' ? null : numberSetting(inactive, 180, 1, 36_500),
    method: method === 'category' || method === 'copurchase' ? method : 'auto',
  };
}

/** Pair thresholds: ms = minimum support in % (0–100), mc = minimum baskets. */
export function pairSettings(get: SettingsSource): PairThresholds {
  return { minSupport: numberSetting(get('ms'), 0.1, 0, 100, false) / 100, minCount: numberSetting(get('mc'), 3, 1, 1_000_000) };
}

/** The Forecast tab's settings. */
export function forecastSettings(get: SettingsSource): ForecastSettings {
  return { grain: grainOf(get('fgrain'), 'month'), h: numberSetting(get('h'), 6, 1, 60), includePartial: get('partial') === '1', spec: parseOrder(get('order') ?? '') };
}

/** The Lifetime value tab's settings. */
export function clvSettings(get: SettingsSource): ClvSettings {
  return {
    unit: get('unit') === 'weeks' ? 'weeks' : 'days',
    months: numberSetting(get('months'), 12, 1, 120),
    discount: numberSetting(get('discount'), 0.01, 0, 0.5, false),
    split: get('split') || null,
    days: numberSetting(get('days'), 90, 1, 3650),
  };
}

/**
 * Every view's settings. Each section is a getter that reads only its own keys, so a
 * reactive reader of one section (a Svelte $derived) does not rerun when another view's
 * setting changes.
 */
export function viewSettings(get: SettingsSource): ViewSettings {
  return {
    get rules() { return ruleSettings(get); },
    get trends() { return { grain: grainOf(get('grain'), 'day'), measure: get('measure') || 'revenue' }; },
    get breakdowns() { return { rankBy: get('rank') === 'count' ? ('count' as const) : ('revenue' as const), mapMeasure: get('map') === 'customers' ? ('customers' as const) : ('revenue' as const) }; },
    get clusters() { return { k: chosenK(get('k') ?? ''), features: get('kf') ?? '' }; },
    get recommend() { return recommendSettings(get); },
    get pairs() { return pairSettings(get); },
    get forecast() { return forecastSettings(get); },
    get clv() { return clvSettings(get); },
  };
}
