// Data facts (src/sql/facts.ts) on the hand-made shop (tests/fixtures/metrics/shop.ts), by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows } from '../../src/engine/rows';
import { dataFactsSql } from '../../src/sql/facts';
import { loadPeople, loadShop } from '../fixtures/metrics/shop';
import { openTestDb, type TestDb } from '../helpers/duckdb';

describe('data facts SQL', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
    await loadShop(db);
  });
  afterAll(() => db.close());

  it('counts repeat customers, days, complete months, categories and baskets', async () => {
    expect(toRows(await db.query(dataFactsSql()))[0]).toEqual({
      customers: 4, // A, B, C, D (T7 has no customer)
      repeat_customers: 3, // A: T1 T2 T3, B: T4 T5, D: T6 T8; C only T9
      days: 7,
      months: 3,
      complete_months: 2, // the shop ends on 9 March
      span_days: 69, // 1 Jan – 9 Mar 2024
      categories: 3, // Toys, Books, Garden
      products: 6, // ball, novel, rake, atlas, hose, kite
      baskets: 9,
      multi_baskets: 1, // T1: ball and novel
    });
    // France only: B (two transactions) → one customer, one repeat
    expect(toRows(await db.query(dataFactsSql({ where: `country = 'FR'` })))[0]).toMatchObject({ customers: 1, repeat_customers: 1, days: 1, months: 1, categories: 2 });
  });

  it('is all zeros for a file without dates or products', async () => {
    await loadPeople(db);
    expect(toRows(await db.query(dataFactsSql()))[0]).toMatchObject({ days: 0, months: 0, complete_months: 0, span_days: 0, products: 0, baskets: 0, multi_baskets: 0 });
    await loadShop(db);
  });
});
