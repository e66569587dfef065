// Sales trends on the hand-made shop (tests/fixtures/metrics/shop.ts), figures by hand.
// Sales days of the shop: Mon 1 Jan 40 (T1) · Wed 3 Jan 20 (T2) · Mon 15 Jan 30 (T4, T5; B) ·
// Sat 20 Jan 25 (T6) · Sat 10 Feb 25 (T3 A 20 + T7 anonymous 5) · Tue 5 Mar 100 (T9, midnight) ·
// Sat 9 Mar 25 (T8). Calendar 1 Jan – 9 Mar 2024 = 31 + 29 + 9 = 69 days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows, type Row } from '../../src/engine/rows';
import {
  cohortRetentionSql,
  extremeDaysSql,
  hasTimesSql,
  hourHeatmapSql,
  monthlySql,
  monthOfYearSql,
  newVsReturningSql,
  seriesSql,
  trendsSummarySql,
  weekdayProfileSql,
} from '../../src/sql/trends';
import { loadPeople, loadShop, loadTable } from '../fixtures/metrics/shop';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const day = (iso: string): number => Date.parse(`${iso}T00:00Z`);

describe('trends SQL', () => {
  let db: TestDb;
  const rows = async (sql: string): Promise<Row[]> => toRows(await db.query(sql));
  beforeAll(async () => {
    db = await openTestDb();
    await loadShop(db);
  });
  afterAll(() => db.close());

  it('gives a gap-free daily series with zero days and a 7-row moving average', async () => {
    const s = await rows(seriesSql({ grain: 'day' }));
    expect(s).toHaveLength(69);
    expect(s[0]?.period).toBe(day('2024-01-01'));
    expect(s[68]?.period).toBe(day('2024-03-09'));
    expect(s.every((r, i) => r.period === day('2024-01-01') + i * 86_400_000)).toBe(true);
    expect(s.reduce((a, r) => a + Number(r.revenue), 0)).toBe(265);
    const at = (iso: string): Row | undefined => s.find((r) => r.period === day(iso));
    // 2 Jan: no sales → zeros, no ticket; the average so far covers 1–2 Jan: (40 + 0) / 2
    expect(at('2024-01-02')).toMatchObject({ revenue: 0, customers: 0, transactions: 0, atv: null, revenue_ma: 20, partial: false });
    // 7 Jan: full window 1–7 Jan = 40 + 0 + 20 + 0 + 0 + 0 + 0 = 60
    expect(at('2024-01-07')?.revenue_ma).toBeCloseTo(60 / 7, 12);
    // 8 Jan: window 2–8 Jan = 20
    expect(at('2024-01-08')?.revenue_ma).toBeCloseTo(20 / 7, 12);
    // 15 Jan: window 9–15 Jan holds B's two orders (30) → 30/7, transactions 2/7, customers 1/7
    expect(at('2024-01-15')).toMatchObject({ revenue: 30, transactions: 2, customers: 1, atv: 15 });
    expect(at('2024-01-15')?.transactions_ma).toBeCloseTo(2 / 7, 12);
    expect(at('2024-01-15')?.customers_ma).toBeCloseTo(1 / 7, 12);
    // 10 Feb: T3 (A) and T7 (anonymous): 2 transactions, 1 customer, ticket 25 / 2
    expect(at('2024-02-10')).toMatchObject({ revenue: 25, transactions: 2, customers: 1, atv: 12.5 });
    // 9 Mar: window 3–9 Mar = 100 + 25
    expect(at('2024-03-09')?.revenue_ma).toBeCloseTo(125 / 7, 12);
  });

  it('starts weeks on Monday, with a 4-week average and partial last week', async () => {
    const w = await rows(seriesSql({ grain: 'week' }));
    // 1 Jan (Mon) … 4 Mar (Mon): 63 days / 7 + 1 = 10 weeks
    expect(w.map((r) => r.period)).toEqual(Array.from({ length: 10 }, (_, i) => day('2024-01-01') + i * 7 * 86_400_000));
    // week revenue: 1 Jan 60 · 8 Jan 0 · 15 Jan 30 + 25 = 55 · 22 Jan 0 · 29 Jan 0 · 5 Feb 25 · 12/19/26 Feb 0 · 4 Mar 125
    expect(w.map((r) => r.revenue)).toEqual([60, 0, 55, 0, 0, 25, 0, 0, 0, 125]);
    expect(w[2]).toMatchObject({ transactions: 3, customers: 2 });
    // 22 Jan: (60 + 0 + 55 + 0) / 4; 4 Mar: (0 + 0 + 0 + 125) / 4
    expect(w[3]?.revenue_ma).toBe(28.75);
    expect(w[9]?.revenue_ma).toBe(31.25);
    // the data starts on the Monday 1 Jan, and ends Sat 9 Mar, before Sun 10 Mar
    expect(w.map((r) => r.partial)).toEqual([false, false, false, false, false, false, false, false, false, true]);
    // only D (Sat 20 Jan, Sat 9 Mar): the calendar runs Mon 15 Jan … Mon 4 Mar (8 weeks); partial
    // refers to the whole data set, which covers the week of 15 Jan fully
    const d = await rows(seriesSql({ grain: 'week', where: `customer_id = 'D'` }));
    expect(d).toHaveLength(8);
    expect(d[0]).toMatchObject({ period: day('2024-01-15'), revenue: 25, partial: false });
    expect(d[7]).toMatchObject({ period: day('2024-03-04'), revenue: 25, partial: true });
  });

  it('marks both weeks partial when the data runs from a Sunday to a Wednesday', async () => {
    await loadTable(db, 'sales', 'tx_id, ts, amount', `('a', TIMESTAMP '2024-01-07 12:00', 5), ('b', TIMESTAMP '2024-01-10 12:00', 7)`);
    const w = await rows(seriesSql({ grain: 'week' }));
    // Sun 7 Jan belongs to the week of Mon 1 Jan; Wed 10 Jan to the week of Mon 8 Jan
    expect(w).toEqual([
      { period: day('2024-01-01'), revenue: 5, customers: 0, transactions: 1, atv: 5, revenue_ma: 5, transactions_ma: 1, customers_ma: 0, partial: true },
      { period: day('2024-01-08'), revenue: 7, customers: 0, transactions: 1, atv: 7, revenue_ma: 6, transactions_ma: 1, customers_ma: 0, partial: true },
    ]);
    await loadShop(db);
  });

  it('gives months with a 3-month average, partial flag, and the report table', async () => {
    const m = await rows(seriesSql({ grain: 'month' }));
    // Jan 40 + 20 + 30 + 25 = 115 (T1, T2, T4, T5, T6; A, B, D) · Feb 25 (T3, T7; A) · Mar 125 (T9, T8; C, D)
    expect(m.map((r) => [r.period, r.revenue, r.transactions, r.customers, r.partial])).toEqual([
      [day('2024-01-01'), 115, 5, 3, false],
      [day('2024-02-01'), 25, 2, 1, false],
      [day('2024-03-01'), 125, 2, 2, true],
    ]);
    expect(m.map((r) => r.revenue_ma)).toEqual([115, 70, 265 / 3]);
    expect(await rows(monthlySql())).toEqual([
      { month: '2024-01', revenue: 115, customers: 3, transactions: 5, partial: false },
      { month: '2024-02', revenue: 25, customers: 1, transactions: 2, partial: false },
      { month: '2024-03', revenue: 125, customers: 2, transactions: 2, partial: true },
    ]);
  });

  it('lists the best and worst sales days, ties to the earlier day', async () => {
    expect(await rows(extremeDaysSql({ n: 3, order: 'best' }))).toEqual([
      { day: day('2024-03-05'), revenue: 100, transactions: 1, customers: 1, weekday: 'Tuesday' },
      { day: day('2024-01-01'), revenue: 40, transactions: 1, customers: 1, weekday: 'Monday' },
      { day: day('2024-01-15'), revenue: 30, transactions: 2, customers: 1, weekday: 'Monday' },
    ]);
    // 20 (3 Jan), then three days of 25: 20 Jan, 10 Feb, 9 Mar (all Saturdays); zero days never count
    const worst = await rows(extremeDaysSql({ n: 4, order: 'worst' }));
    expect(worst.map((r) => [r.day, r.revenue, r.weekday])).toEqual([
      [day('2024-01-03'), 20, 'Wednesday'],
      [day('2024-01-20'), 25, 'Saturday'],
      [day('2024-02-10'), 25, 'Saturday'],
      [day('2024-03-09'), 25, 'Saturday'],
    ]);
    expect((await rows(trendsSummarySql()))[0]).toEqual({
      days: 7,
      best_day: '2024-03-05',
      best_revenue: 100,
      worst_day: '2024-01-03',
      worst_revenue: 20,
      first_date: '2024-01-01',
      last_date: '2024-03-09',
    });
  });

  it('profiles weekdays over the calendar, days without sales included', async () => {
    // 69 days from Mon 1 Jan = 9 full weeks + Mon–Sat → 10 of each weekday except 9 Sundays
    expect((await rows(weekdayProfileSql())).map((r) => [r.weekday, r.weekday_name, r.revenue, r.transactions, r.days, r.avg_revenue_per_day])).toEqual([
      [0, 'Monday', 70, 3, 10, 7], // 1 Jan 40 + 15 Jan 30; T1, T4, T5
      [1, 'Tuesday', 100, 1, 10, 10],
      [2, 'Wednesday', 20, 1, 10, 2],
      [3, 'Thursday', 0, 0, 10, 0],
      [4, 'Friday', 0, 0, 10, 0],
      [5, 'Saturday', 75, 4, 10, 7.5], // 25 × 3; T6, T3, T7, T8
      [6, 'Sunday', 0, 0, 9, 0],
    ]);
  });

  it('fills the weekday × hour grid and detects times of day', async () => {
    const h = await rows(hourHeatmapSql());
    expect(h).toHaveLength(168);
    const nonzero = h.filter((r) => Number(r.revenue) > 0).map((r) => [r.weekday, r.hour, r.revenue, r.transactions]);
    expect(nonzero).toEqual([
      [0, 9, 15, 1], // Mon 15 Jan 09:00 T4
      [0, 10, 40, 1], // Mon 1 Jan 10:00 T1
      [0, 18, 15, 1], // Mon 15 Jan 18:00 T5
      [1, 0, 100, 1], // Tue 5 Mar midnight T9
      [2, 15, 20, 1], // Wed 3 Jan 15:30 T2
      [5, 11, 25, 2], // Sat 10 Feb 11:00 T3 + T7
      [5, 12, 25, 1], // Sat 20 Jan 12:00 T6
      [5, 16, 25, 1], // Sat 9 Mar 16:00 T8
    ]);
    expect(h[0]).toMatchObject({ weekday: 0, weekday_name: 'Monday', hour: 0 });
    expect((await rows(hasTimesSql()))[0]).toEqual({ has_times: true });
    // one fixed non-midnight time (12:00) is a date, not a time of day
    await loadTable(db, 'sales', 'tx_id, ts, amount', `('a', TIMESTAMP '2024-01-07 12:00', 5), ('b', TIMESTAMP '2024-01-10 12:00', 7), ('c', TIMESTAMP '2024-01-11', 1)`);
    expect((await rows(hasTimesSql()))[0]).toEqual({ has_times: false });
    await loadShop(db);
  });

  it('averages each month of the year over the complete months the calendar holds', async () => {
    const shop = await rows(monthOfYearSql());
    expect(shop).toHaveLength(12);
    // the shop ends on 9 March: March is partial and left out (no year of it, no average)
    expect(shop.slice(0, 4).map((r) => [r.month, r.month_name, r.revenue, r.transactions, r.years, r.avg_revenue])).toEqual([
      [1, 'January', 115, 5, 1, 115],
      [2, 'February', 25, 2, 1, 25],
      [3, 'March', 0, 0, 0, null],
      [4, 'April', 0, 0, 0, null],
    ]);
    // 15 Dec 2022 … 5 Jan 2024: Dec 2022 and Jan 2024 are partial and left out, so the
    // complete months run Jan 2023 … Dec 2023, each once: December 20 (2023 only),
    // January 0 (Jan 2023 had no sales; the 7 of 5 Jan 2024 is in a partial month)
    await loadTable(
      db,
      'sales',
      'tx_id, ts, amount',
      `('a', TIMESTAMP '2022-12-15', 10), ('b', TIMESTAMP '2023-06-01', 30), ('c', TIMESTAMP '2023-12-20', 20), ('d', TIMESTAMP '2024-01-05', 7)`,
    );
    const m = Object.fromEntries((await rows(monthOfYearSql())).map((r) => [r.month_name, [r.revenue, r.years, r.avg_revenue]]));
    expect(m).toMatchObject({ December: [20, 1, 20], January: [0, 1, 0], June: [30, 1, 30], February: [0, 1, 0] });
    await loadShop(db);
  });

  it('splits months into new and returning customers', async () => {
    // Jan: A, B, D all new (60 + 30 + 25); Feb: A returns (T3 20; anonymous T7 left out);
    // Mar: C new (100), D returns (25)
    expect(await rows(newVsReturningSql())).toEqual([
      { month: day('2024-01-01'), new_customers: 3, returning_customers: 0, new_revenue: 115, returning_revenue: 0, partial: false },
      { month: day('2024-02-01'), new_customers: 0, returning_customers: 1, new_revenue: 0, returning_revenue: 20, partial: false },
      // the shop ends on 9 March: March is flagged
      { month: day('2024-03-01'), new_customers: 1, returning_customers: 1, new_revenue: 100, returning_revenue: 25, partial: true },
    ]);
  });

  it('computes cohort retention shares up to the last month of data', async () => {
    // cohort Jan = A, B, D (3); Feb active: A → 1/3; Mar active: D → 1/3. Cohort Mar = C (1).
    const c = await rows(cohortRetentionSql());
    expect(c.map((r) => [r.cohort_label, r.offset, r.customers, r.cohort_size, r.share])).toEqual([
      ['2024-01', 0, 3, 3, 1],
      ['2024-01', 1, 1, 3, 1 / 3],
      ['2024-01', 2, 1, 3, 1 / 3],
      ['2024-03', 0, 1, 1, 1],
    ]);
    expect(c[0]?.cohort).toBe(day('2024-01-01'));
    expect((await rows(cohortRetentionSql({ maxOffset: 1 }))).map((r) => [r.cohort_label, r.offset])).toEqual([
      ['2024-01', 0],
      ['2024-01', 1],
      ['2024-03', 0],
    ]);
    // without Garden, D's lines are gone: cohort Jan = A, B; Feb: A → 1/2; Mar: nobody → 0
    const f = await rows(cohortRetentionSql({ where: `category <> 'Garden'` }));
    expect(f.map((r) => [r.cohort_label, r.offset, r.customers, r.share])).toEqual([
      ['2024-01', 0, 2, 1],
      ['2024-01', 1, 1, 0.5],
      ['2024-01', 2, 0, 0],
      ['2024-03', 0, 1, 1],
    ]);
  });

  it('returns empty trends for files without dates', async () => {
    await loadPeople(db);
    expect(await rows(seriesSql({ grain: 'month' }))).toEqual([]);
    expect(await rows(hourHeatmapSql())).toEqual([]);
    expect(await rows(cohortRetentionSql())).toEqual([]);
    expect(await rows(newVsReturningSql())).toEqual([]);
    expect((await rows(hasTimesSql()))[0]).toEqual({ has_times: false });
    expect((await rows(trendsSummarySql()))[0]).toMatchObject({ days: 0, best_day: null, first_date: null });
    expect((await rows(weekdayProfileSql())).map((r) => r.avg_revenue_per_day)).toEqual([null, null, null, null, null, null, null]);
    await loadShop(db);
    expect(() => seriesSql({ grain: 'year' as 'day' })).toThrow(/invalid grain/);
  });
});
