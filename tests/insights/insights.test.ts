import { describe, expect, it } from 'vitest';
import { buildInsights } from '../../src/insights/insights';

describe('buildInsights', () => {
  it('words each finding with its figure and view', () => {
    const list = buildInsights({
      currency: '£',
      top10Share: 0.6145,
      top10Customers: 434,
      weekdays: [
        { weekday_name: 'Thursday', avg_revenue_per_day: 40727.64 },
        { weekday_name: 'Saturday', avg_revenue_per_day: 0 },
        { weekday_name: 'Monday', avg_revenue_per_day: 30000 },
      ],
      growth: [
        { label: 'Books', recent: 1200, previous: 1000, growth: 0.2 },
        { label: 'Toys', recent: 500, previous: 1000, growth: -0.5 },
      ],
      rfm: [
        { segment: 'At Risk', customers: 596, revenue: 637000, share_revenue: 0.072 },
        { segment: "Can't Lose Them", customers: 63, revenue: 180000, share_revenue: 0.02 },
        { segment: 'Champions', customers: 632, revenue: 4e6, share_revenue: 0.487 },
      ],
      forecast: [
        { period: '2011-12-01', mean: 1.2e6 },
        { period: '2012-01-01', mean: 1.5e6 },
      ],
      forecastVerdict: { reliable: true, reasons: [], checks: [] },
      repeatRate: 0.6558,
    });
    expect(list.map((x) => x.id)).toEqual(['concentration', 'weekdays', 'growing', 'declining', 'at-risk', 'forecast', 'repeat']);
    expect(list[0]?.text).toBe('The top 10% of customers (434) bring 61.5% of revenue: losing a few of them would show in the totals.');
    expect(list[1]?.text).toContain('Thursday is the strongest day of the week with £40,727.64');
    expect(list[1]?.text).toContain('Saturday is the weakest (no sales at all)');
    expect(list[2]?.figure).toBe('+20.0%');
    expect(list[3]?.text).toContain('Toys is declining');
    expect(list[4]?.text).toContain('659 once-valuable customers');
    expect(list[4]?.text).toContain('9.2% of revenue');
    expect(list[5]?.text).toContain('January 2012');
    expect(list.every((x) => x.tab.length > 0)).toBe(true);
  });
  it('makes no forecast finding unless the forecast is reliable', () => {
    const forecast = [
      { period: '2011-12-01', mean: 1456145.8 },
      { period: '2012-01-01', mean: 1456145.8 },
    ];
    const lost = { reliable: false, reasons: ['ARIMA(0,1,0) does not beat the naive forecast'], checks: [] };
    expect(buildInsights({ currency: '£', forecast, forecastModel: 'ARIMA(0,1,0)', forecastVerdict: lost }).map((x) => x.id)).toEqual([]);
    expect(buildInsights({ currency: '£', forecast, forecastModel: 'ARIMA(0,1,0)' }).map((x) => x.id)).toEqual([]);
    expect(buildInsights({ currency: '£', forecast, forecastVerdict: { reliable: true, reasons: [], checks: [] } }).map((x) => x.id)).toEqual(['forecast']);
  });
  it('skips what the data does not allow', () => {
    expect(buildInsights({ currency: '' })).toEqual([]);
    expect(buildInsights({ currency: '', growth: [{ label: 'A', recent: 1, previous: 1, growth: 0 }] })).toEqual([]);
  });
});
