// Findings only where they hold: the data facts, the one declaration of what each analysis
// needs, partial periods and insights under a filter, through the real pipeline on the two
// hand-made files of tests/fixtures/holds (written by scripts/fixtures/holds_fixtures.py;
// every expected figure below is worked out by hand from the rules in that script).
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows, type Row } from '../../src/engine/rows';
import { adoptStaged, analyse, buildCustomers, type Analysis } from '../../src/pipeline/dataset';
import { availability, whyNot, type Availability } from '../../src/pipeline/availability';
import { buildSegmentTables, snapshotCustomers } from '../../src/pipeline/segments';
import type { Mapping } from '../../src/mapping/detect';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { readCsvSql } from '../../src/sql/load';
import { coverageSql, extremeDaysSql, monthOfYearSql, seriesSql, trendsSummarySql, weekdayProfileSql } from '../../src/sql/trends';
import { growthSql } from '../../src/sql/insights';
import { loadInsights } from '../../src/analysis/insights';
import { partialNote } from '../../src/analysis/trends';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const FIX = resolve(__dirname, '../fixtures/holds');
const day = (iso: string): number => Date.parse(`${iso}T00:00Z`);

let db: TestDb;
const rows = async (sql: string): Promise<Row[]> => toRows(await db.query(sql));
async function load(name: string): Promise<{ mapping: Mapping; analysis: Analysis; avail: Availability[] }> {
  await db.exec(readCsvSql(resolve(FIX, name), 'raw_next'));
  const { profile, mapping } = await adoptStaged(db);
  const analysis = await analyse(db, profile, mapping, DEFAULT_RULES);
  await buildCustomers(db, analysis.context);
  await snapshotCustomers(db);
  await buildSegmentTables(db, {});
  return { mapping, analysis, avail: availability(mapping, analysis.clean.grain, analysis.context.facts) };
}

beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

describe('a file where every customer bought exactly once', () => {
  let a: Awaited<ReturnType<typeof load>>;
  beforeAll(async () => {
    a = await load('one_purchase.csv');
  });

  it('measures the facts: 24 customers, none repeat; Jan 3 – Jun 18 2024', () => {
    // 24 invoices of 10 + 2 × 2.50 = 15 → 360
    expect(a.analysis.kpis.gross_sales).toBe(360);
    expect(a.analysis.context.facts).toEqual({
      customers: 24,
      repeat_customers: 0,
      days: 24, // each customer on a different day
      months: 6, // Jan … Jun
      complete_months: 4, // Jan starts on the 3rd, Jun ends on the 18th: Feb … May
      span_days: 168, // 29 (3–31 Jan) + 29 + 31 + 30 + 31 + 18
      categories: 2,
      products: 4, // three toys and the notebook
      baskets: 24,
      multi_baskets: 24, // every invoice holds a toy and the notebook
    });
  });

  it('rules out RFM, the win-back finding, cohorts, new vs returning, lifetime value, seasonality and growth, with one sentence each', () => {
    const off = a.avail.filter((x) => !x.ok).map((x) => x.id);
    expect(off).toEqual(['seasonality', 'new-returning', 'cohorts', 'rfm', 'win-back', 'growth', 'clv', 'demographics']);
    expect(whyNot(a.avail, 'rfm')).toBe('RFM scores and segments need at least 20% of customers buying more than once: every one of the 24 customers bought exactly once, so frequency cannot be scored 1–5.');
    expect(whyNot(a.avail, 'cohorts')).toBe('Cohort retention needs customers who buy more than once: every one of the 24 customers bought exactly once.');
    expect(whyNot(a.avail, 'seasonality')).toBe('Seasonality (month of year) needs at least 12 complete months: the data covers 4 complete months.');
    expect(whyNot(a.avail, 'baskets')).toBeNull();
    expect(whyNot(a.avail, 'weekday')).toBeNull();
  });

  it('gives no win-back finding, but says that nobody bought twice', async () => {
    const list = await loadInsights(db, a.analysis.context, '£', 'TRUE', undefined, { availability: a.avail });
    const ids = list.map((i) => i.id);
    expect(ids).not.toContain('at-risk');
    expect(ids).not.toContain('growing');
    expect(list.find((i) => i.id === 'repeat')?.figure).toBe('0.0%');
    // without the declaration, frequency quintiles split one-time buyers by id and "at risk" customers appear
    const unguarded = await loadInsights(db, a.analysis.context, '£', 'TRUE');
    expect(unguarded.map((i) => i.id)).toContain('at-risk');
  });
});

describe('a file whose last month and last day are partial', () => {
  let a: Awaited<ReturnType<typeof load>>;
  beforeAll(async () => {
    a = await load('partial_month.csv');
  });

  it('finds the last day (ends 11:00, every other day runs to 17:00) and March partial, January complete', async () => {
    expect(await rows(coverageSql({ grain: 'month' }))).toEqual([
      { first_day: day('2024-01-01'), last_day: day('2024-03-05'), obs_first: day('2024-01-01'), obs_last: day('2024-03-05'), first_full: day('2024-01-01'), last_full: day('2024-03-04'), first_partial: false, last_partial: true },
    ]);
    // day grain: only 5 March is partial; week: Mon 4 Mar – Sun 10 Mar is partial
    expect((await rows(coverageSql({ grain: 'day' })))[0]).toMatchObject({ first_partial: false, last_partial: true });
    const days = await rows(seriesSql({ grain: 'day' }));
    expect(days.filter((r) => r.partial).map((r) => r.period)).toEqual([day('2024-03-05')]);
    const months = await rows(seriesSql({ grain: 'month' }));
    expect(months.map((r) => [r.period, r.revenue, r.partial])).toEqual([
      [day('2024-01-01'), 930, false], // 31 × 30
      [day('2024-02-01'), 870, false], // 29 × 30
      [day('2024-03-01'), 630, true], // 4 × 30 + 10 + 500
    ]);
    expect(a.analysis.context.facts).toMatchObject({ customers: 3, repeat_customers: 2, months: 3, complete_months: 2, span_days: 65 });
  });

  it('says which periods are partial, and treats months a date filter cuts as partial too', async () => {
    expect(partialNote((await rows(coverageSql({ grain: 'month' })))[0] ?? {})).toBe('the last month (March 2024): the data ends on 5 Mar 2024, part way through the day');
    // dates 10 Jan – 20 Feb: January starts and February ends inside the filter
    const range = { from: '2024-01-10', to: '2024-02-20' };
    const where = `ts >= DATE '2024-01-10' AND ts < DATE '2024-02-21'`;
    const cov = (await rows(coverageSql({ grain: 'month', range })))[0] ?? {};
    expect(cov).toMatchObject({ obs_first: day('2024-01-10'), obs_last: day('2024-02-20'), first_full: day('2024-01-10'), last_full: day('2024-02-20'), first_partial: true, last_partial: true });
    expect(partialNote(cov)).toBe('the first month (January 2024): the date filter starts on 10 Jan 2024; the last month (February 2024): the date filter ends on 20 Feb 2024');
    expect((await rows(seriesSql({ grain: 'month', where, range }))).map((r) => [r.period, r.revenue, r.partial])).toEqual([
      [day('2024-01-01'), 660, true], // 10–31 Jan: 22 × 30
      [day('2024-02-01'), 600, true], // 1–20 Feb: 20 × 30
    ]);
    // no complete month under this filter: seasonality has nothing to average
    expect((await rows(monthOfYearSql({ where, range }))).every((r) => r.avg_revenue === null)).toBe(true);
    // a filter from 1 Feb to 4 Mar leaves February complete
    expect((await rows(seriesSql({ grain: 'month', where: `ts >= DATE '2024-02-01'`, range: { from: '2024-02-01', to: '2024-03-04' } }))).map((r) => r.partial)).toEqual([false, true]);
  });

  it('leaves the partial day out of best and weakest days, and the partial month out of seasonality', async () => {
    // every full day makes 30; the 510 of 5 March would be the best day if it counted
    expect((await rows(extremeDaysSql({ n: 2, order: 'best' }))).map((r) => [r.day, r.revenue])).toEqual([
      [day('2024-01-01'), 30],
      [day('2024-01-02'), 30],
    ]);
    expect((await rows(trendsSummarySql()))[0]).toMatchObject({ days: 65, best_day: '2024-01-01', best_revenue: 30, worst_revenue: 30 });
    const m = Object.fromEntries((await rows(monthOfYearSql())).map((r) => [r.month_name, [r.revenue, r.years, r.avg_revenue]]));
    expect(m).toMatchObject({ January: [930, 1, 930], February: [870, 1, 870], March: [0, 0, null] });
    // weekday profile over 1 Jan – 4 Mar (64 days, 9 weeks + Mon): every day 30; 5 March left out
    const w = await rows(weekdayProfileSql());
    expect(w.map((r) => r.avg_revenue_per_day)).toEqual([30, 30, 30, 30, 30, 30, 30]);
    expect(w.map((r) => r.days)).toEqual([10, 9, 9, 9, 9, 9, 9]);
  });

  it('reads the sales days dataContext built (sales_days) for every coverage, with the same answers as grouping sales by day', async () => {
    expect(a.analysis.context.daysTable).toBe('sales_days');
    expect(await rows('SELECT count(*)::INTEGER AS n FROM sales_days')).toEqual([{ n: 65 }]);
    const dt = { daysTable: 'sales_days' };
    const cases = [
      { where: 'TRUE', range: {} },
      { where: `ts >= DATE '2024-01-10' AND ts < DATE '2024-02-21'`, range: { from: '2024-01-10', to: '2024-02-20' } },
      { where: `category = 'Toys'`, range: {} },
    ];
    for (const { where, range } of cases) {
      const builders: [string, (o: { daysTable?: string }) => string][] = [
        ['coverage', (o) => coverageSql({ grain: 'month', range, ...o })],
        ['series', (o) => seriesSql({ grain: 'week', where, range, ...o })],
        ['best days', (o) => extremeDaysSql({ order: 'best', where, range, ...o })],
        ['weekdays', (o) => weekdayProfileSql({ where, range, ...o })],
        ['months', (o) => monthOfYearSql({ where, range, ...o })],
        ['summary', (o) => trendsSummarySql({ where, range, ...o })],
        ['growth', (o) => growthSql({ days: 30, where, range, ...o })],
      ];
      for (const [name, sql] of builders) {
        expect(sql(dt), name).not.toMatch(/min\(ts::TIME\)/);
        expect(await rows(sql(dt)), `${name} ${where}`).toEqual(await rows(sql({})));
      }
    }
  });

  it('ends the growth windows on the last full day', async () => {
    // 30 days to 4 March (4 Feb – 4 Mar) against 5 Jan – 3 Feb: Toys 300 vs 300, Books 600 vs 600.
    // Counting 5 March would make Toys 800 (5 Feb – 5 Mar) against 300.
    const g = await rows(growthSql({ days: 30 }));
    expect(g.map((r) => [r.label, r.recent, r.previous, r.growth]).sort()).toEqual([
      ['Books', 600, 600, 0],
      ['Toys', 300, 300, 0],
    ]);
  });

  it('computes insights under a filter from the filtered rows, and says so', async () => {
    const france = `country = 'France'`;
    await buildCustomers(db, a.analysis.context, france);
    const list = await loadInsights(db, a.analysis.context, '£', france, undefined, { availability: a.avail, filters: 'Country = France' });
    // France: 20002 (64 purchases) and 20003 (one) → 1 of 2 bought more than once (whole file: 2 of 3)
    expect(list.find((i) => i.id === 'repeat')).toMatchObject({ figure: '50.0%', filters: 'Country = France' });
    // top 10% of 2 customers = 1 customer (ceil): 20002 with 64 × 20 = 1,280 of 1,780 = 71.9%
    expect(list.find((i) => i.id === 'concentration')?.figure).toBe('71.9%');
    expect(list.every((i) => i.filters === 'Country = France')).toBe(true);
    await buildCustomers(db, a.analysis.context);
    const all = await loadInsights(db, a.analysis.context, '£', 'TRUE', undefined, { availability: a.avail });
    expect(all.find((i) => i.id === 'repeat')).toMatchObject({ figure: '66.7%', filters: '' });
  });
});
