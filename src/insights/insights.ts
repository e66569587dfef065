// Plain-language findings from the numbers, each with the figure behind it and the view
// that shows it. Pure: inputs are the rows the loader queried; wording is decided here.
// A finding appears only where the data supports it (pipeline/availability.ts declares what
// each needs) and where any model it quotes was judged reliable, and each one says which
// filters its figure reflects.
import type { ModelVerdict } from '../analytics/verdict/types';
import { fmtMoney, fmtMoneyShort, fmtNum, fmtPct } from '../format';
import { allows, type Availability } from '../pipeline/availability';

/** One finding: a sentence, the figure behind it, where to see it, and the filters its figure reflects. */
export interface Insight {
  id: string;
  text: string;
  figure: string;
  tab: string;
  embed?: string;
  /** The filters the figure was computed under, in words ('' = none: the whole data). */
  filters: string;
}

/** Everything the findings are computed from (each part optional: the data may not allow it). */
export interface InsightInputs {
  currency: string;
  top10Share?: number | null;
  top10Customers?: number | null;
  weekdays?: { weekday_name: string; avg_revenue_per_day: number }[];
  growth?: { label: string; recent: number; previous: number; growth: number | null }[];
  growthDays?: number;
  rfm?: { segment: string; customers: number; revenue: number; share_revenue: number | null }[];
  forecast?: { period: string; mean: number }[] | null;
  forecastModel?: string;
  /** The forecast's verdict: the forecast finding is made only when it is reliable (beats naive, identified). */
  forecastVerdict?: ModelVerdict | null;
  /** The CLV fit's verdict: any CLV-based finding is made only when it is reliable (see modelFindingAllowed). */
  clvVerdict?: ModelVerdict | null;
  repeatRate?: number | null;
  /** What the data supports (the one declaration); findings whose analysis it rules out are left out. */
  availability?: readonly Availability[];
  /** The active filters in words ('' when none); every figure above must have been computed under them. */
  filters?: string;
}

/** A finding may quote a model only when the model's verdict is known and reliable. */
export function modelFindingAllowed(verdict: ModelVerdict | null | undefined): boolean {
  return verdict?.reliable === true;
}

const monthName = (iso: string): string => new Date(`${iso.slice(0, 10)}T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Builds the list of findings in a fixed order, skipping what the inputs do not support. */
export function buildInsights(i: InsightInputs): Insight[] {
  const found: Omit<Insight, 'filters'>[] = [];
  const ok = (id: Parameters<typeof allows>[1]): boolean => allows(i.availability ?? [], id);
  const money = (n: number): string => fmtMoney(n, i.currency);
  if (i.top10Share !== undefined && i.top10Share !== null && Number.isFinite(i.top10Share)) {
    const strong = i.top10Share >= 0.5;
    found.push({
      id: 'concentration',
      text: `The top 10% of customers${i.top10Customers ? ` (${i.top10Customers.toLocaleString('en-US')})` : ''} bring ${fmtPct(i.top10Share)} of revenue${strong ? ': losing a few of them would show in the totals.' : '.'}`,
      figure: fmtPct(i.top10Share),
      tab: 'customers',
      embed: 'pareto',
    });
  }
  if (i.weekdays && i.weekdays.length >= 2 && ok('weekday')) {
    const sorted = [...i.weekdays].sort((a, b) => b.avg_revenue_per_day - a.avg_revenue_per_day);
    const best = sorted[0];
    const worst = sorted[sorted.length - 1];
    if (best && worst && best.avg_revenue_per_day > 0) {
      const ratio = worst.avg_revenue_per_day > 0 ? ` (${fmtNum(best.avg_revenue_per_day / worst.avg_revenue_per_day, 1)}× ${worst.weekday_name})` : '';
      found.push({
        id: 'weekdays',
        text: `${best.weekday_name} is the strongest day of the week with ${money(best.avg_revenue_per_day)} on an average ${best.weekday_name}${ratio}; ${worst.weekday_name} is the weakest${worst.avg_revenue_per_day === 0 ? ' (no sales at all)' : ` with ${money(worst.avg_revenue_per_day)}`}.`,
        figure: fmtMoneyShort(best.avg_revenue_per_day, i.currency),
        tab: 'trends',
        embed: 'weekday',
      });
    }
  }
  const g = (i.growth ?? []).filter((r) => r.growth !== null && Number.isFinite(r.growth));
  if (g.length && ok('growth')) {
    const up = [...g].sort((a, b) => (b.growth as number) - (a.growth as number))[0];
    const down = [...g].sort((a, b) => (a.growth as number) - (b.growth as number))[0];
    const days = i.growthDays ?? 90;
    if (up && (up.growth as number) > 0) {
      found.push({ id: 'growing', text: `${up.label} is growing fastest: ${money(up.recent)} in the last ${days} days, up ${fmtPct(up.growth as number)} on the ${days} days before.`, figure: `+${fmtPct(up.growth as number)}`, tab: 'breakdowns', embed: 'leaderboard-category' });
    }
    if (down && (down.growth as number) < 0) {
      found.push({ id: 'declining', text: `${down.label} is declining: ${money(down.recent)} in the last ${days} days, down ${fmtPct(-(down.growth as number))} on the ${days} days before.`, figure: `−${fmtPct(-(down.growth as number))}`, tab: 'breakdowns', embed: 'leaderboard-category' });
    }
  }
  const risk = (i.rfm ?? []).filter((r) => (r.segment === 'At Risk' || r.segment === "Can't Lose Them") && r.customers > 0);
  if (risk.length && ok('win-back')) {
    const customers = risk.reduce((s, r) => s + r.customers, 0);
    const revenue = risk.reduce((s, r) => s + r.revenue, 0);
    const share = risk.reduce((s, r) => s + (r.share_revenue ?? 0), 0);
    found.push({
      id: 'at-risk',
      text: `${customers.toLocaleString('en-US')} once-valuable ${customers === 1 ? 'customer is' : 'customers are'} slipping away (RFM “At Risk” and “Can't Lose Them”): they spent ${money(revenue)}, ${fmtPct(share)} of revenue, but have not bought for a while. A win-back campaign is worth it.`,
      figure: customers.toLocaleString('en-US'),
      tab: 'segments',
      embed: 'rfm',
    });
  }
  if (i.forecast && i.forecast.length && modelFindingAllowed(i.forecastVerdict)) {
    const best = [...i.forecast].sort((a, b) => b.mean - a.mean)[0];
    if (best) found.push({ id: 'forecast', text: `The forecast expects ${monthName(best.period)} to be the strongest of the next ${i.forecast.length} months, at about ${money(best.mean)} net sales${i.forecastModel ? ` (${i.forecastModel})` : ''}.`, figure: fmtMoneyShort(best.mean, i.currency), tab: 'forecast', embed: 'forecast' });
  }
  if (i.repeatRate !== undefined && i.repeatRate !== null && Number.isFinite(i.repeatRate)) {
    found.push({ id: 'repeat', text: `${fmtPct(i.repeatRate)} of customers bought more than once.`, figure: fmtPct(i.repeatRate), tab: 'customers' });
  }
  return found.map((x) => ({ ...x, filters: i.filters ?? '' }));
}
