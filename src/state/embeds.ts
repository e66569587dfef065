// Which tab renders each embeddable view (?embed=<id>). Ids are stable: documentation
// pages link to them.

const EMBED_TABS: Record<string, string> = {
  kpis: 'overview',
  business: 'trends',
  series: 'trends',
  'best-days': 'trends',
  'worst-days': 'trends',
  weekday: 'trends',
  seasonality: 'trends',
  'hour-heatmap': 'trends',
  'new-returning': 'trends',
  cohorts: 'trends',
  'customer-stats': 'customers',
  'top-spend': 'customers',
  'top-repeat': 'customers',
  pareto: 'customers',
  'spend-distribution': 'customers',
  'visits-distribution': 'customers',
  'customers-table': 'customers',
  'age-groups': 'breakdowns',
  'income-score': 'breakdowns',
  map: 'breakdowns',
  'rule-segments': 'segments',
  rfm: 'segments',
  clusters: 'segments',
  forecast: 'forecast',
  'forecast-table': 'forecast',
  'clv-holdout': 'clv',
  'p-alive': 'clv',
  'clv-table': 'clv',
  recommendations: 'recommend',
  pairs: 'recommend',
  insights: 'overview',
};

/** The tab of an embed id, or null when the id is unknown. Leaderboards and histograms are per column. */
export function embedTab(id: string): string | null {
  if (id.startsWith('leaderboard-') || id.startsWith('histogram-')) return 'breakdowns';
  return EMBED_TABS[id] ?? null;
}

/** All fixed embed ids (for the README and tests). */
export const EMBED_IDS = Object.keys(EMBED_TABS);
