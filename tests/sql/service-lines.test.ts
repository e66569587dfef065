// Service lines are one concept (src/sql/products.ts): out of the product board, the
// customers' favourite product and product growth; listed once by serviceLinesSql. A tiny
// shop by hand: customer A buys 3 × POSTAGE (the most lines) and 2 × mug; B buys a CARRIAGE
// worth more than any product.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows, type Row } from '../../src/engine/rows';
import { leaderboardSql, leaderboardsSql, serviceLinesSql } from '../../src/sql/breakdowns';
import { customersTableSql } from '../../src/sql/customers';
import { growthSql } from '../../src/sql/insights';
import { loadTable } from '../fixtures/metrics/shop';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const COLUMNS = 'customer_id, tx_id, ts, amount, quantity, product';
const SALES = [
  `('A', 'T1', TIMESTAMP '2024-01-02 10:00', 4, 1, 'POSTAGE')`,
  `('A', 'T1', TIMESTAMP '2024-01-02 10:00', 10, 1, 'mug')`,
  `('A', 'T2', TIMESTAMP '2024-02-02 10:00', 4, 1, 'POSTAGE')`,
  `('A', 'T2', TIMESTAMP '2024-02-02 10:00', 10, 1, 'mug')`,
  `('A', 'T3', TIMESTAMP '2024-03-02 10:00', 4, 1, 'DOTCOM POSTAGE')`,
  `('A', 'T3', TIMESTAMP '2024-03-02 10:00', 4, 1, 'POSTAGE')`,
  `('B', 'T4', TIMESTAMP '2024-03-03 10:00', 50, 1, 'CARRIAGE')`,
  `('B', 'T4', TIMESTAMP '2024-03-03 10:00', 8, 2, 'BIRD FEEDER')`,
  `('C', 'T5', TIMESTAMP '2024-03-04 10:00', -2, 1, 'Manual')`,
].join(', ');

describe('service lines', () => {
  let db: TestDb;
  const rows = async (sql: string): Promise<Row[]> => toRows(await db.query(sql));
  beforeAll(async () => {
    db = await openTestDb();
    await loadTable(db, 'sales', COLUMNS, SALES);
    // no returns in this shop (the customers table reads them beside sales)
    await db.exec(`CREATE OR REPLACE TABLE returns AS SELECT *, 0::DOUBLE AS matched_amount FROM sales WHERE FALSE`);
  });
  afterAll(() => db.close());

  it('are left out of the product board, by revenue and by count; shares are of merchandise', async () => {
    // mug 20 (2 lines), BIRD FEEDER 8 (1 line); CARRIAGE 50 and POSTAGE 12 would lead otherwise
    expect((await rows(leaderboardSql({ column: 'product' }))).map((r) => [r.label, r.revenue, r.share_revenue])).toEqual([
      ['mug', 20, 20 / 28],
      ['BIRD FEEDER', 8, 8 / 28],
    ]);
    expect((await rows(leaderboardSql({ column: 'product', by: 'count' }))).map((r) => r.label)).toEqual(['mug', 'BIRD FEEDER']);
    // the same in the statement of every board (Breakdowns' one read per filter)
    expect((await rows(leaderboardsSql([{ column: 'product' }, { column: 'product', by: 'count' }]))).sort((a, b) => Number(a.board) - Number(b.board) || Number(a.rank) - Number(b.rank)).map((r) => [r.board, r.rank, r.label, r.revenue, r.share_revenue])).toEqual([
      [0, 1, 'mug', 20, 20 / 28],
      [0, 2, 'BIRD FEEDER', 8, 8 / 28],
      [1, 1, 'mug', 20, 20 / 28],
      [1, 2, 'BIRD FEEDER', 8, 8 / 28],
    ]);
  });

  it('are listed once on their own, with their total and share of all revenue', async () => {
    // all revenue: 14·2 + 4 + 4 + 58 − 2 = 92; services 50 + 12 + 4 − 2 = 64
    const s = await rows(serviceLinesSql());
    expect(s.map((r) => [r.label, r.revenue, r.lines, r.customers])).toEqual([
      ['CARRIAGE', 50, 1, 1],
      ['POSTAGE', 12, 3, 1],
      ['DOTCOM POSTAGE', 4, 1, 1],
      ['Manual', -2, 1, 1],
    ]);
    expect(s[0].total_revenue).toBe(64);
    expect(s[0].share_revenue).toBeCloseTo(50 / 92, 12);
    expect(await rows(serviceLinesSql({ where: `customer_id = 'B'` }))).toMatchObject([{ label: 'CARRIAGE', total_revenue: 50, share_revenue: 50 / 58 }]);
  });

  it('are never a customer’s favourite product; their money stays in spend', async () => {
    await db.exec(customersTableSql());
    const c = Object.fromEntries((await rows(`SELECT customer_id, favourite_product, spend FROM customers`)).map((r) => [r.customer_id, r]));
    expect(c.A).toMatchObject({ favourite_product: 'mug', spend: 36 });
    expect(c.B).toMatchObject({ favourite_product: 'BIRD FEEDER', spend: 58 });
    expect(c.C).toMatchObject({ favourite_product: null, spend: -2 });
  });

  it('are not ranked as growing or declining products', async () => {
    const labels = (await rows(growthSql({ column: 'product', days: 30 }))).map((r) => r.label);
    expect(labels).not.toContain('POSTAGE');
  });
});
