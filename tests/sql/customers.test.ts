// Customer metrics on the hand-made shop (tests/fixtures/metrics/shop.ts): every expected
// figure is worked out by hand from the table written out there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows, type Row } from '../../src/engine/rows';
import {
  customerSummarySql,
  customersTableSql,
  paretoSharesSql,
  paretoSql,
  purchaseHistorySql,
  topCustomersSql,
  transactionsWindowSql,
} from '../../src/sql/customers';
import { loadPeople, loadShop, loadTable } from '../fixtures/metrics/shop';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const at = (iso: string): number => Date.parse(`${iso}Z`);

describe('customer metrics SQL', () => {
  let db: TestDb;
  const rows = async (sql: string): Promise<Row[]> => toRows(await db.query(sql));
  const byId = async (): Promise<Record<string, Row>> => Object.fromEntries((await rows('SELECT * FROM customers')).map((r) => [String(r.customer_id), r]));
  beforeAll(async () => {
    db = await openTestDb();
    await loadShop(db);
  });
  afterAll(() => db.close());

  it('builds one row per known customer with visits, spend, items, dates, recency and tenure', async () => {
    await db.exec(customersTableSql());
    const c = await byId();
    // T7 has no customer: four customers, not five
    expect(Object.keys(c).sort()).toEqual(['A', 'B', 'C', 'D']);
    // A: T1 (10 + 30), T2 (20), T3 (20) → 3 visits, 80; items 1 + 2 + 1 + 1 = 5
    expect(c.A).toMatchObject({ visits: 3, spend: 80, items: 5, lines: 4, first_purchase: at('2024-01-01T10:00'), last_purchase: at('2024-02-10T11:00') });
    expect(c.A?.avg_spend).toBeCloseTo(80 / 3, 10);
    // as of 9 Mar 2024 (the last sales date): 10 Feb → 9 Mar = 19 days of Feb (leap year) + 9 = 28;
    // tenure 1 Jan → 10 Feb = 40; purchase days 1 Jan, 3 Jan, 10 Feb → gaps 2 and 38, mean 20 = 40 / (3 − 1)
    expect(c.A).toMatchObject({ recency_days: 28, tenure_days: 40, purchase_days: 3, mean_days_between: 20 });
    // B: two orders on 15 Jan → 2 visits but one purchase day: tenure 0, no gap between days;
    // recency 15 Jan → 9 Mar = 16 + 29 + 9 = 54
    expect(c.B).toMatchObject({ visits: 2, spend: 30, avg_spend: 15, items: 2, recency_days: 54, tenure_days: 0, purchase_days: 1, mean_days_between: null });
    // C: one line without a quantity → counts as one item; 5 Mar → 9 Mar = 4
    expect(c.C).toMatchObject({ visits: 1, spend: 100, items: 1, recency_days: 4, tenure_days: 0, mean_days_between: null });
    // D: 20 Jan and 9 Mar → tenure 11 + 29 + 9 = 49, one gap of 49; bought on the last day → recency 0
    expect(c.D).toMatchObject({ visits: 2, spend: 50, recency_days: 0, tenure_days: 49, mean_days_between: 49 });
  });

  it('picks favourites by lines, then spend, then name', async () => {
    const c = await byId();
    // A: Toys 2 lines (10 + 20 = 30) vs Books 2 lines (30 + 20 = 50) → tie on lines, Books spends more
    expect(c.A).toMatchObject({ favourite_category: 'Books', favourite_category_count: 2, favourite_product: 'ball', favourite_product_count: 2 });
    // B: Garden 1 line 15 vs Books 1 line 15 → tie on lines and spend → Books by name; rake vs atlas → atlas
    expect(c.B).toMatchObject({ favourite_category: 'Books', favourite_category_count: 1, favourite_product: 'atlas', favourite_product_count: 1 });
    expect(c.C).toMatchObject({ favourite_category: 'Toys', favourite_product: 'kite' });
    expect(c.D).toMatchObject({ favourite_category: 'Garden', favourite_category_count: 2, favourite_product: 'hose' });
    expect(c.A?.country).toBe('UK');
    expect(c.B?.country).toBe('FR');
  });

  it('measures recency from asOf and applies the filter without moving the reference date', async () => {
    await db.exec(customersTableSql({ asOf: '2024-03-31' }));
    // A: 10 Feb → 31 Mar = 19 + 31 = 50
    expect((await byId()).A?.recency_days).toBe(50);
    await db.exec(customersTableSql({ where: `category <> 'Books'` }));
    const c = await byId();
    // without Books A keeps T1 (ball 10) and T2 (20): last purchase 3 Jan → 9 Mar = 28 + 29 + 9 = 66
    expect(c.A).toMatchObject({ visits: 2, spend: 30, recency_days: 66, favourite_category: 'Toys' });
    expect(c.B).toMatchObject({ visits: 1, spend: 15, favourite_category: 'Garden' });
    await db.exec(customersTableSql());
  });

  it('gives a customer their ranked history with gaps and running spend', async () => {
    // A: T1 1 Jan (40, 3 items), T2 3 Jan (20), T3 10 Feb (20): rank by time, gaps 2 and 38 days, running 40/60/80
    expect(await rows(purchaseHistorySql('A'))).toEqual([
      { tx_id: 'T1', ts: at('2024-01-01T10:00'), amount: 40, items: 3, purchase_rank: 1, days_since_prev: null, running_spend: 40 },
      { tx_id: 'T2', ts: at('2024-01-03T15:30'), amount: 20, items: 1, purchase_rank: 2, days_since_prev: 2, running_spend: 60 },
      { tx_id: 'T3', ts: at('2024-02-10T11:00'), amount: 20, items: 1, purchase_rank: 3, days_since_prev: 38, running_spend: 80 },
    ]);
    // B: two orders the same day → a 0-day gap
    const b = await rows(purchaseHistorySql('B'));
    expect(b.map((r) => [r.tx_id, r.purchase_rank, r.days_since_prev, r.running_spend])).toEqual([
      ['T4', 1, null, 15],
      ['T5', 2, 0, 30],
    ]);
    expect(await rows(purchaseHistorySql(`O'Brien`))).toEqual([]);
    // the filter applies before ranking: without Books, A's T3 is gone and T1 is 10
    const f = await rows(purchaseHistorySql('A', { where: `category <> 'Books'` }));
    expect(f.map((r) => [r.tx_id, r.amount, r.running_spend])).toEqual([
      ['T1', 10, 10],
      ['T2', 20, 30],
    ]);
  });

  it('gives every customer transaction the window columns, ordered by customer and rank, paged', async () => {
    const all = await rows(transactionsWindowSql());
    // 8 transactions with a customer (T7 is anonymous)
    expect(all.map((r) => [r.customer_id, r.tx_id, r.purchase_rank, r.days_since_prev, r.running_spend])).toEqual([
      ['A', 'T1', 1, null, 40],
      ['A', 'T2', 2, 2, 60],
      ['A', 'T3', 3, 38, 80],
      ['B', 'T4', 1, null, 15],
      ['B', 'T5', 2, 0, 30],
      ['C', 'T9', 1, null, 100],
      ['D', 'T6', 1, null, 25],
      ['D', 'T8', 2, 49, 50],
    ]);
    const page = await rows(transactionsWindowSql({ limit: 3, offset: 2 }));
    expect(page.map((r) => r.tx_id)).toEqual(['T3', 'T4', 'T5']);
  });

  it('ranks top customers with the other measure as tie-breaker', async () => {
    const spend = await rows(topCustomersSql({ by: 'spend', n: 3 }));
    expect(spend.map((r) => [r.customer_id, r.spend, r.visits])).toEqual([
      ['C', 100, 1],
      ['A', 80, 3],
      ['D', 50, 2],
    ]);
    expect(spend[0]).toMatchObject({ avg_spend: 100, recency_days: 4, favourite_category: 'Toys' });
    // visits: A 3; D and B both 2 → D first on spend (50 > 30); then C
    const visits = await rows(topCustomersSql({ by: 'visits' }));
    expect(visits.map((r) => r.customer_id)).toEqual(['A', 'D', 'B', 'C']);
  });

  it('summarises customers with pandas-style medians', async () => {
    // repeat: A (3), B (2), D (2) of 4; recency 0, 4, 28, 54 → median (4 + 28) / 2 = 16;
    // spend 30, 50, 80, 100 → mean 65, median (50 + 80) / 2 = 65; mean days between (20 + 49) / 2
    expect((await rows(customerSummarySql()))[0]).toEqual({
      customers: 4,
      repeat_customers: 3,
      repeat_rate: 0.75,
      median_recency_days: 16,
      mean_spend: 65,
      median_spend: 65,
      mean_visits: 2,
      mean_days_between: 34.5,
    });
  });

  it('draws the Lorenz curve from the origin, downsampled evenly', async () => {
    // ranked C 100, A 80, D 50, B 30 (total 260): cumulative 100, 180, 230, 260
    const full = await rows(paretoSql());
    expect(full.map((r) => r.customer_share)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(full.map((r) => r.revenue_share)).toEqual([0, 100 / 260, 180 / 260, 230 / 260, 1]);
    // 3 points over ranks 0..4: round(j × 4 / 2) = 0, 2, 4
    const three = await rows(paretoSql({ points: 3 }));
    expect(three.map((r) => [r.customers, r.revenue_share])).toEqual([
      [0, 0],
      [2, 180 / 260],
      [4, 1],
    ]);
    expect(() => paretoSql({ points: 1 })).toThrow(/invalid Pareto points/);
  });

  it('measures the top 1/10/20% as the ceil(n × p) largest spenders', async () => {
    // 11 customers spending 100, 50, 20, 10, 5, 5, 4, 3, 1, 1, 1 (total 200):
    // top 1% = ceil(0.11) = 1 → 100/200; top 10% = ceil(1.1) = 2 → 150/200; top 20% = ceil(2.2) = 3 → 170/200
    await db.exec(`CREATE OR REPLACE TABLE customers AS SELECT 'c' || lpad(i::VARCHAR, 2, '0') AS customer_id, spend
      FROM (SELECT unnest([100, 50, 20, 10, 5, 5, 4, 3, 1, 1, 1]::DOUBLE[]) AS spend, unnest(range(11)) AS i)`);
    expect((await rows(paretoSharesSql()))[0]).toEqual({
      top1pct: 0.5,
      top10pct: 0.75,
      top20pct: 0.85,
      top1pct_customers: 1,
      top10pct_customers: 2,
      top20pct_customers: 3,
    });
    // 12 points (origin + 11) fit in 200; with 4: round(j × 11 / 3) = 0, 4, 7, 11 → 0, 180/200, 194/200, 1
    expect(await rows(paretoSql())).toHaveLength(12);
    const four = await rows(paretoSql({ points: 4 }));
    expect(four.map((r) => [r.customers, r.revenue_share])).toEqual([
      [0, 0],
      [4, 0.9],
      [7, 0.97],
      [11, 1],
    ]);
    // 70 equal customers: 10% is exactly 7 (a float 70 × 0.1 = 7.000000000000001 would ceil to 8)
    await db.exec(`CREATE OR REPLACE TABLE customers AS SELECT 'c' || i AS customer_id, 1.0 AS spend FROM range(70) r(i)`);
    expect((await rows(paretoSharesSql()))[0]).toMatchObject({ top10pct_customers: 7, top10pct: 0.1, top20pct_customers: 14, top1pct_customers: 1 });
  });

  it('gives each customer the attribute value of most lines, ties to the smallest value, NULLs ignored', async () => {
    // P: UK on 2 lines, FR on 1 → UK. Q: FR 1, DE 1 → tie → DE (smallest, as pandas' Series.mode()[0]).
    // R: NULL on 2 lines, ES on 1 → ES (NULLs never win). S: only NULL → NULL.
    // Ages: P 30, 30, 31 → 30; Q 41, 40 → 40 (tie → smallest number, not first seen)
    await loadTable(
      db,
      'sales',
      'tx_id, customer_id, ts, product, amount, quantity, country, age',
      `('t1', 'P', TIMESTAMP '2024-01-01 10:00', 'a', 1, 1, 'UK', 30), ('t1', 'P', TIMESTAMP '2024-01-01 10:00', 'b', 1, 1, 'UK', 30),
       ('t2', 'P', TIMESTAMP '2024-01-02 10:00', 'a', 1, 1, 'FR', 31),
       ('t3', 'Q', TIMESTAMP '2024-01-01 10:00', 'a', 1, 1, 'FR', 41), ('t4', 'Q', TIMESTAMP '2024-01-05 10:00', 'a', 1, 1, 'DE', 40),
       ('t5', 'R', TIMESTAMP '2024-01-01 10:00', 'a', 1, 1, NULL, NULL), ('t5', 'R', TIMESTAMP '2024-01-01 10:00', 'b', 1, 1, NULL, NULL),
       ('t6', 'R', TIMESTAMP '2024-01-03 10:00', 'a', 1, 1, 'ES', NULL),
       ('t7', 'S', TIMESTAMP '2024-01-03 10:00', 'a', 1, 1, NULL, NULL)`,
    );
    await loadTable(db, 'returns', 'tx_id', `('r')`);
    await db.exec(customersTableSql());
    const c = await byId();
    expect(c.P).toMatchObject({ country: 'UK', age: 30, visits: 2, lines: 3, purchase_days: 2 });
    expect(c.Q).toMatchObject({ country: 'DE', age: 40, visits: 2, purchase_days: 2 });
    expect(c.R).toMatchObject({ country: 'ES', age: null, visits: 2, lines: 3 });
    expect(c.S).toMatchObject({ country: null, age: null, visits: 1 });
    await loadShop(db);
  });

  it('works on a customer-level file without dates', async () => {
    await loadPeople(db);
    await db.exec(customersTableSql({ extras: ['x_member'] }));
    const c = await byId();
    expect(Object.keys(c)).toHaveLength(7);
    expect(c.E).toMatchObject({ visits: 1, spend: 5, items: 1, age: 17, gender: 'F', income: 10, score: 90, x_member: 'gold' });
    expect(c.E).toMatchObject({ first_purchase: null, last_purchase: null, recency_days: null, tenure_days: null, mean_days_between: null });
    expect((await rows(customerSummarySql()))[0]).toMatchObject({ customers: 7, repeat_customers: 0, repeat_rate: 0, median_recency_days: null, median_spend: 20 });
    await loadShop(db);
  });
});
