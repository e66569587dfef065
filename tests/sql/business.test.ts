// Business KPIs on the hand-made shop (tests/fixtures/metrics/shop.ts), figures by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows, type Row } from '../../src/engine/rows';
import { businessKpisSql } from '../../src/sql/business';
import { loadPeople, loadShop } from '../fixtures/metrics/shop';
import { openTestDb, type TestDb } from '../helpers/duckdb';

describe('business KPIs SQL', () => {
  let db: TestDb;
  const one = async (sql: string): Promise<Row> => toRows(await db.query(sql))[0] ?? {};
  beforeAll(async () => {
    db = await openTestDb();
    await loadShop(db);
  });
  afterAll(() => db.close());

  it('compares a period with the equally long period just before it', async () => {
    const k = await one(businessKpisSql({ from: '2024-02-01', to: '2024-03-09' }));
    // 1 Feb – 9 Mar = 29 + 9 = 38 days → previous period 38 days ending 31 Jan: 25 Dec 2023 – 31 Jan 2024
    expect(k).toMatchObject({ period_from: '2024-02-01', period_to: '2024-03-09', prev_from: '2023-12-25', prev_to: '2024-01-31' });
    // period: T3 A 20, T7 anonymous 5, T9 C 100, T8 D 25 → gross 150, 4 transactions, customers A, C, D;
    // items 1 + 1 + 1 (C: no quantity → one) + 1 = 4; nobody buys twice → repeat 0; return R1 −10
    expect(k).toMatchObject({ gross_sales: 150, returns: -10, net_sales: 140, transactions: 4, customers: 3, aov: 37.5, items_per_tx: 1, repeat_rate: 0 });
    // previous: lines 1–6 = 10 + 30 + 20 + 15 + 15 + 25 = 115 over T1, T2, T4, T5, T6; customers A, B, D;
    // items 1 + 2 + 1 + 1 + 1 + 1 = 7 → 1.4 per transaction; A (T1, T2) and B (T4, T5) repeat → 2/3; return R2 −5
    expect(k).toMatchObject({ prev_gross_sales: 115, prev_returns: -5, prev_net_sales: 110, prev_transactions: 5, prev_customers: 3, prev_aov: 23 });
    expect(k.prev_items_per_tx).toBeCloseTo(1.4, 12);
    expect(k.prev_repeat_rate).toBeCloseTo(2 / 3, 12);
  });

  it('covers everything, dated or not, when no range is given, with prev_* NULL', async () => {
    const k = await one(businessKpisSql());
    // 265 over 9 transactions; customers A–D; repeaters A, B, D → 3/4; returns −15; items 5 + 2 + 1 + 2 + 1 = 11
    expect(k).toMatchObject({ gross_sales: 265, returns: -15, net_sales: 250, transactions: 9, customers: 4, repeat_rate: 0.75 });
    expect(k.aov).toBeCloseTo(265 / 9, 12);
    expect(k.items_per_tx).toBeCloseTo(11 / 9, 12);
    expect(k).toMatchObject({ prev_gross_sales: null, prev_transactions: null, prev_repeat_rate: null, prev_from: null, period_from: '2024-01-01', period_to: '2024-03-09' });
  });

  it('fills an open end from the data and applies the filter to sales and returns', async () => {
    // from 1 Mar to the last date 9 Mar (9 days): T9 100 + T8 25; previous 21–29 Feb: nothing → zeros, NULL ratios
    const k = await one(businessKpisSql({ from: '2024-03-01' }));
    expect(k).toMatchObject({ period_to: '2024-03-09', prev_from: '2024-02-21', prev_to: '2024-02-29', gross_sales: 125, transactions: 2 });
    expect(k).toMatchObject({ prev_gross_sales: 0, prev_returns: 0, prev_transactions: 0, prev_customers: 0, prev_aov: null, prev_repeat_rate: null });
    // only A, 1–31 Jan (31 days; previous 1–31 Dec 2023): T1 40 + T2 20; the B return of 2 Jan is filtered out
    const a = await one(businessKpisSql({ from: '2024-01-01', to: '2024-01-31', where: `customer_id = 'A'` }));
    expect(a).toMatchObject({ gross_sales: 60, returns: 0, transactions: 2, customers: 1, repeat_rate: 1, prev_from: '2023-12-01' });
    expect(() => businessKpisSql({ from: '1/2/2024' })).toThrow(/invalid from date/);
  });

  it('works without dates (customer-level files)', async () => {
    await loadPeople(db);
    const k = await one(businessKpisSql());
    // 5 + 10 + … + 35 = 140 over 7 rows (one transaction each)
    expect(k).toMatchObject({ gross_sales: 140, returns: 0, transactions: 7, customers: 7, aov: 20, repeat_rate: 0, period_from: null });
    await loadShop(db);
  });
});
