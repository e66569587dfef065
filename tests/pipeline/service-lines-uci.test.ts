// Service lines on UCI Online Retail: the product board and favourites leave them out,
// "Service and fees" lists them. Golden figures from pandas (scripts/reference/service_lines_uci.py),
// on the canonical cleaning with returns netted against their purchases.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows, type Row } from '../../src/engine/rows';
import { runCleaning } from '../../src/pipeline/clean';
import { detectAndRefine, profileRaw } from '../../src/pipeline/profile';
import { leaderboardSql, serviceLinesSql } from '../../src/sql/breakdowns';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { customersTableSql } from '../../src/sql/customers';
import { readCsvSql } from '../../src/sql/load';
import { isServiceSql } from '../../src/sql/products';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const UCI = resolve(__dirname, '../fixtures/online_retail_uci.csv.gz');

describe('UCI Online Retail: service lines', () => {
  let db: TestDb;
  const rows = async (sql: string): Promise<Row[]> => toRows(await db.query(sql));
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(readCsvSql(UCI, 'raw'));
    const profile = await profileRaw(db);
    const mapping = await detectAndRefine(db, profile);
    await runCleaning(db, profile, mapping, DEFAULT_RULES);
  }, 120_000);
  afterAll(() => db.close());

  it('ranks merchandise only: DOTCOM POSTAGE is no longer #1, POSTAGE and Manual not #1/#2 under France', async () => {
    const top = (await rows(leaderboardSql({ column: 'product', n: 5 }))).map((r) => [r.label, Number(r.revenue)]);
    expect(top.map((r) => r[0])).toEqual(['REGENCY CAKESTAND 3 TIER', 'WHITE HANGING HEART T-LIGHT HOLDER', 'PARTY BUNTING', 'JUMBO BAG RED RETROSPOT', 'RABBIT NIGHT LIGHT']);
    expect(top[0][1]).toBeCloseTo(165378.99, 2);
    const france = (await rows(leaderboardSql({ column: 'product', n: 3, where: `country = 'France'` }))).map((r) => [r.label, Number(r.revenue)]);
    expect(france.map((r) => r[0])).toEqual(['RABBIT NIGHT LIGHT', 'REGENCY CAKESTAND 3 TIER', 'RED TOADSTOOL LED NIGHT LIGHT']);
    expect(france[0][1]).toBeCloseTo(7275.12, 2);
  });

  it('lists the service lines once, with their total', async () => {
    const s = await rows(serviceLinesSql());
    expect(s.slice(0, 3).map((r) => [r.label, Math.round(Number(r.revenue) * 100) / 100])).toEqual([
      ['DOTCOM POSTAGE', 206248.77],
      ['POSTAGE', 76376.93],
      ['Manual', 51567.94],
    ]);
    expect(s).toHaveLength(14);
    expect(Number(s[0].total_revenue)).toBeCloseTo(367014.98, 2);
    expect(Number((await rows(serviceLinesSql({ where: `country = 'France'` })))[0].total_revenue)).toBeCloseTo(15277.95, 2);
  });

  it('never makes a service line a favourite product (259 customers had one)', async () => {
    await db.exec(customersTableSql());
    expect(await rows(`SELECT count(*)::INT AS n FROM customers WHERE ${isServiceSql('favourite_product')}`)).toEqual([{ n: 0 }]);
    const c = Object.fromEntries((await rows(`SELECT customer_id, favourite_product FROM customers WHERE customer_id IN ('12348', '12349', '12350')`)).map((r) => [r.customer_id, r.favourite_product]));
    expect(c).toEqual({ '12348': 'DOUGHNUT LIP GLOSS ', '12349': '16 PIECE CUTLERY SET PANTRY DESIGN', '12350': 'BLUE POLKADOT PASSPORT COVER' });
  });
});
