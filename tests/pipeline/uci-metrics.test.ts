// The customer, business and trend figures on UCI Online Retail, loaded with the canonical
// rules as tests/pipeline/uci.test.ts does, against figures computed independently with
// pandas (scripts/reference/uci_metrics.py). Runs the whole metricsSuite once, timed.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows, type Row } from '../../src/engine/rows';
import { runCleaning } from '../../src/pipeline/clean';
import { detectAndRefine, profileRaw } from '../../src/pipeline/profile';
import { businessKpisSql } from '../../src/sql/business';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { transactionsWindowSql, purchaseHistorySql } from '../../src/sql/customers';
import { readCsvSql } from '../../src/sql/load';
import { metricsSuite } from '../../src/sql/metrics-suite';
import { hasTimesSql } from '../../src/sql/trends';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const UCI = resolve(__dirname, '../fixtures/online_retail_uci.csv.gz');
const day = (iso: string): number => Date.parse(`${iso}T00:00Z`);

describe('UCI Online Retail metrics and trends', () => {
  let db: TestDb;
  const rows = async (sql: string): Promise<Row[]> => toRows(await db.query(sql));
  const out = new Map<string, Row[]>();
  const get = (id: string): Row[] => {
    const r = out.get(id);
    if (!r) throw new Error(`suite ran no query ${id}`);
    return r;
  };
  let totalMs = 0;

  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(readCsvSql(UCI, 'raw'));
    const profile = await profileRaw(db);
    const mapping = await detectAndRefine(db, profile);
    await runCleaning(db, profile, mapping, DEFAULT_RULES);
    const hasTimes = (await rows(hasTimesSql()))[0]?.has_times === true;
    const suite = metricsSuite({ hasDates: true, hasTimes, hasCustomers: true, hasCategory: false, hasProduct: true, dimensions: ['country'] });
    const timings: string[] = [];
    for (const q of suite) {
      const t0 = performance.now();
      const r = toRows(await db.query(q.sql));
      const ms = performance.now() - t0;
      totalMs += ms;
      out.set(q.id, r);
      timings.push(`${q.id.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms  ${r.length} rows`);
    }
    console.log(`metricsSuite on UCI (wasm, Node), ${suite.length} queries:\n${timings.join('\n')}\n${'total'.padEnd(28)} ${totalMs.toFixed(0).padStart(6)} ms`);
  });
  afterAll(() => db.close());

  // timings are printed, not asserted (speed is the benchmark's job: a timed test fails on a busy machine)
  it('runs every query of the suite', () => {
    expect(out.size).toBeGreaterThan(20);
  });

  it('applies the cross-filter to every query that reads sales, under unique ids', () => {
    const where = `country = 'EIRE'`;
    const suite = metricsSuite({ hasDates: true, hasTimes: true, hasCustomers: true, hasCategory: true, hasProduct: true, dimensions: ['country'], attributes: ['age', 'income', 'score'], where });
    expect(new Set(suite.map((q) => q.id)).size).toBe(suite.length);
    expect(suite[0]?.id).toBe('customers-table');
    // these read the customers table, which customers-table built with the filter
    const fromCustomers = /^(customer-summary|top-customers-|pareto|histogram-|scatter-)/;
    expect(suite.filter((q) => !fromCustomers.test(q.id) && !q.sql.includes(where)).map((q) => q.id)).toEqual([]);
    expect(suite.filter((q) => fromCustomers.test(q.id)).every((q) => /\bFROM customers\b/.test(q.sql) && !/\bFROM sales\b/.test(q.sql))).toBe(true);
  });

  it('counts repeat customers and the median recency as pandas does', () => {
    const s = get('customer-summary')[0];
    expect(s).toMatchObject({ customers: 4_327, repeat_customers: 2_837, median_recency_days: 50 });
    expect(s?.median_spend).toBeCloseTo(656.44, 6);
    expect(s?.repeat_rate).toBeCloseTo(0.655651, 6);
    expect(s?.mean_spend).toBeCloseTo(1944.5837, 4);
    // mean gap between distinct purchase days, over the 2,782 customers who bought on 2+ days
    expect(s?.mean_days_between).toBeCloseTo(78.7289, 4);
  });

  it('ranks the top customers by spend and by visits', () => {
    const top = get('top-customers-spend').slice(0, 3).map((r) => [r.customer_id, Math.round(Number(r.spend) * 100) / 100, r.visits, r.recency_days]);
    expect(top).toEqual([
      ['14646', 279_765.02, 73, 1],
      ['18102', 259_657.3, 60, 0],
      ['17450', 189_575.53, 45, 8],
    ]);
    expect(get('top-customers-spend')[0]).toMatchObject({ items: 196_624, favourite_product: 'SPACEBOY LUNCH BOX ' });
    expect(get('top-customers-visits').slice(0, 3).map((r) => [r.customer_id, r.visits])).toEqual([
      ['12748', 204],
      ['14911', 198],
      ['17841', 124],
    ]);
  });

  it('gives the Pareto shares of the top 1/10/20% (ceil(n × p) customers)', () => {
    const p = get('pareto-shares')[0];
    expect(p).toMatchObject({ top1pct_customers: 44, top10pct_customers: 433, top20pct_customers: 866 });
    expect(p?.top1pct).toBeCloseTo(0.303326, 6);
    expect(p?.top10pct).toBeCloseTo(0.601955, 6);
    expect(p?.top20pct).toBeCloseTo(0.738197, 6);
    const curve = get('pareto');
    expect(curve).toHaveLength(200);
    expect(curve[0]).toMatchObject({ customer_share: 0, revenue_share: 0 });
    expect(curve[199]?.customer_share).toBe(1);
    expect(curve[199]?.revenue_share).toBeCloseTo(1, 12);
  });

  it('computes the window columns over every customer transaction', async () => {
    // the suite fetches the first page; the window itself runs over every transaction
    expect(get('transactions-window')).toHaveLength(1000);
    const w = await rows(transactionsWindowSql());
    expect(w).toHaveLength(18_374);
    const gaps = w.filter((r) => r.days_since_prev !== null).map((r) => Number(r.days_since_prev));
    expect(gaps).toHaveLength(14_047);
    expect(gaps.reduce((a, b) => a + b, 0) / gaps.length).toBeCloseTo(40.26333, 5);
    const h = await rows(purchaseHistorySql('14646'));
    expect(h).toHaveLength(73);
    expect(h.map((r) => r.purchase_rank)).toEqual(Array.from({ length: 73 }, (_, i) => i + 1));
    expect(h[72]?.running_spend).toBeCloseTo(279_765.02, 2);
  });

  it('finds the best and worst days and the daily moving average', () => {
    // 9 Dec 2011 ends at 12:50, before 90% of days' last sale (16:08): a partial day, left out
    // (issue 13); the best full day, net of matched returns, is 14 Nov 2011 (uci_metrics.py best_full_day)
    expect(get('best-days')[0]).toMatchObject({ day: day('2011-11-14'), transactions: 106, weekday: 'Monday' });
    expect(get('best-days')[0]?.revenue).toBeCloseTo(113_865.36, 2);
    expect(get('best-days').map((r) => r.day)).not.toContain(day('2011-12-09'));
    expect(get('worst-days')[0]).toMatchObject({ day: day('2011-02-06'), transactions: 11, weekday: 'Sunday' });
    expect(get('worst-days')[0]?.revenue).toBeCloseTo(3_439.67, 2);
    expect(get('trends-summary')[0]).toMatchObject({ days: 305, best_day: '2011-11-14', worst_day: '2011-02-06', first_date: '2010-12-01', last_date: '2011-12-09' });
    const d = get('series-day');
    // 374 calendar days, 69 of them without sales
    expect(d).toHaveLength(374);
    expect(d.filter((r) => r.revenue === 0)).toHaveLength(69);
    expect(d[0]?.revenue_ma).toBeCloseTo(58_365.3, 2);
    expect(d[373]?.revenue_ma).toBeCloseTo(51_327.2514, 4);
  });

  it('gives weeks from Monday and the monthly table', () => {
    const w = get('series-week');
    expect(w).toHaveLength(54);
    expect(w[0]).toMatchObject({ period: day('2010-11-29'), partial: true });
    expect(w[0]?.revenue).toBeCloseTo(182_997.02, 2);
    const m = Object.fromEntries(get('monthly').map((r) => [r.month, r]));
    expect(Object.keys(m)).toHaveLength(13);
    expect(m['2010-12']).toMatchObject({ customers: 883, transactions: 1_552 });
    expect(m['2010-12']?.revenue).toBeCloseTo(806_724.27, 2);
    expect(m['2011-01']).toMatchObject({ customers: 739, transactions: 1_077 });
    expect(m['2011-11']).toMatchObject({ customers: 1_660, transactions: 2_755 });
    expect(m['2011-11']?.revenue).toBeCloseTo(1_485_280.95, 2);
    expect(m['2011-12']?.revenue).toBeCloseTo(468_110.37, 2);
    const series = get('series-month');
    expect(series[0]?.partial).toBe(false);
    expect(series[12]?.partial).toBe(true);
  });

  it('profiles weekdays, months of the year and hours', () => {
    const wd = Object.fromEntries(get('weekday-profile').map((r) => [r.weekday_name, r]));
    expect(wd.Thursday).toMatchObject({ weekday: 3, transactions: 4_216, days: 54 });
    expect(wd.Thursday?.revenue).toBeCloseTo(2_138_653.51, 2);
    expect(wd.Thursday?.avg_revenue_per_day).toBeCloseTo(39_604.6946, 4);
    // no sales on Saturdays, yet they are in the calendar
    expect(wd.Saturday).toMatchObject({ revenue: 0, transactions: 0, days: 53, avg_revenue_per_day: 0 });
    expect(wd.Sunday?.avg_revenue_per_day).toBeCloseTo(14_993.2481, 4);
    const dec = get('month-of-year')[11];
    // only complete months: December 2011 ends on the 9th, so December is December 2010 alone, net
    // (uci_metrics.py month_of_year_12_avg_complete; with both Decembers it would be 637,417.32)
    expect(dec).toMatchObject({ month: 12, years: 1 });
    expect(dec?.avg_revenue).toBeCloseTo(806_724.27, 2);
    const busiest = [...get('hour-heatmap')].sort((a, b) => Number(b.revenue) - Number(a.revenue))[0];
    expect(busiest).toMatchObject({ weekday: 1, hour: 15 });
    expect(busiest?.revenue).toBeCloseTo(321_541.68, 2);
  });

  it('splits new and returning customers and follows cohorts', () => {
    const nvr = Object.fromEntries(get('new-vs-returning').map((r) => [r.month, r]));
    expect(nvr[day('2011-01-01')]).toMatchObject({ new_customers: 415, returning_customers: 324 });
    expect(nvr[day('2011-01-01')]?.new_revenue).toBeCloseTo(190_391.89, 2);
    expect(nvr[day('2011-01-01')]?.returning_revenue).toBeCloseTo(268_857.14, 2);
    expect(nvr[day('2011-11-01')]).toMatchObject({ new_customers: 322, returning_customers: 1_338 });
    const cohort = (label: string, offset: number): Row | undefined => get('cohort-retention').find((r) => r.cohort_label === label && r.offset === offset);
    expect(cohort('2010-12', 1)).toMatchObject({ cohort_size: 883, customers: 324 });
    expect(cohort('2010-12', 2)).toMatchObject({ customers: 286 });
    expect(cohort('2011-01', 1)).toMatchObject({ cohort_size: 415, customers: 90 });
    expect(cohort('2011-01', 1)?.share).toBeCloseTo(0.216867, 6);
    expect(cohort('2011-01', 2)?.share).toBeCloseTo(0.26747, 6);
  });

  it('breaks revenue down by country', () => {
    const uk = get('leaderboard-country-revenue')[0];
    expect(uk).toMatchObject({ label: 'United Kingdom', lines: 477_714, transactions: 17_893, customers: 3_912 });
    expect(uk?.revenue).toBeCloseTo(8_581_204.17, 2);
    expect(uk?.share_revenue).toBeCloseTo(0.84385, 6);
    expect(get('leaderboard-country-revenue')[1]).toMatchObject({ label: 'Netherlands', customers: 9 });
  });

  it('compares November 2011 with the 30 days before', async () => {
    const k = (await rows(businessKpisSql({ from: '2011-11-01', to: '2011-11-30' })))[0];
    expect(k).toMatchObject({ transactions: 2_755, customers: 1_660, prev_from: '2011-10-02', prev_to: '2011-10-31', prev_transactions: 2_013, prev_customers: 1_358 });
    expect(k?.gross_sales).toBeCloseTo(1_503_866.78, 2);
    expect(k?.returns).toBeCloseTo(-47_720.98, 2);
    expect(k?.aov).toBeCloseTo(539.1219, 4);
    expect(k?.items_per_tx).toBeCloseTo(269.5158, 4);
    expect(k?.repeat_rate).toBeCloseTo(0.322289, 6);
    expect(k?.prev_gross_sales).toBeCloseTo(1_151_263.73, 2);
    expect(k?.prev_returns).toBeCloseTo(-81_895.5, 2);
    expect(k?.prev_aov).toBeCloseTo(548.9991, 3);
    expect(k?.prev_repeat_rate).toBeCloseTo(0.234168, 6);
  });
});
