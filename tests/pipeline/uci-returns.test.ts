// Returns netted against what they return, on UCI Online Retail. Every golden comes from
// scripts/reference/uci_returns.py (pandas, written from the rule's sentence, not our SQL);
// the per-customer gross and returns from uci_clean.py (net=False) and its returns.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { readCsvSql } from '../../src/sql/load';
import { detectAndRefine, profileRaw } from '../../src/pipeline/profile';
import { runCleaning, type CleanResult } from '../../src/pipeline/clean';
import { computeKpis, type Kpis } from '../../src/pipeline/kpis';
import type { Mapping } from '../../src/mapping/detect';
import type { RawProfile } from '../../src/pipeline/profile';
import { toRows } from '../../src/engine/rows';
import { customersTableSql } from '../../src/sql/customers';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const UCI = resolve(__dirname, '../fixtures/online_retail_uci.csv.gz');

const TOP_CUSTOMERS: [string, number][] = [
  ['14646', 279_765.02],
  ['18102', 259_657.3],
  ['17450', 189_575.53],
  ['14911', 136_468.8],
  ['12415', 123_638.18],
  ['14156', 114_351.26],
  ['17511', 88_293.31],
  ['16029', 68_512.68],
  ['16684', 65_920.12],
  ['14096', 65_164.79],
];
const TOP_PRODUCTS: [string, number][] = [
  ['DOTCOM POSTAGE', 206_248.77],
  ['REGENCY CAKESTAND 3 TIER', 165_378.99],
  ['WHITE HANGING HEART T-LIGHT HOLDER', 99_625.57],
  ['PARTY BUNTING', 98_280.53],
  ['JUMBO BAG RED RETROSPOT', 92_338.17],
  ['POSTAGE', 76_376.93],
  ['RABBIT NIGHT LIGHT', 66_664.82],
  ["PAPER CHAIN KIT 50'S CHRISTMAS ", 63_834.94],
  ['ASSORTED COLOUR BIRD ORNAMENT', 58_851.56],
  ['CHILLI LIGHTS', 53_746.66],
];

describe('UCI returns netted against their purchases (pandas reference)', () => {
  let db: TestDb;
  let profile: RawProfile;
  let mapping: Mapping;
  let clean: CleanResult;
  let kpis: Kpis;
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(readCsvSql(UCI, 'raw'));
    profile = await profileRaw(db);
    mapping = await detectAndRefine(db, profile);
    clean = await runCleaning(db, profile, mapping, DEFAULT_RULES);
    kpis = await computeKpis(db);
  });
  afterAll(() => db.close());
  const rows = async (sql: string) => toRows(await db.query(sql));
  const r2 = (x: unknown): number => Math.round(Number(x) * 100) / 100;

  it('matches and counts the returns as pandas does', () => {
    const q = clean.quality;
    expect(q.returns_rows).toBe(10_589);
    expect(q.returns_matched_rows).toBe(7_474);
    expect(q.returns_matched_value).toBeCloseTo(-469_435.81, 2);
    expect(q.returns_unmatched_rows).toBe(3_115);
    expect(q.returns_unmatched_value).toBeCloseTo(-446_668.04, 2);
    expect(q.purchases_returned_rows).toBe(2_787);
    expect(q.purchases_returned_value).toBeCloseTo(472_995.15, 2);
    expect(q.rows_clean).toBe(522_091);
  });

  it('keeps gross, returns and net side by side', () => {
    expect(kpis.gross_sales).toBeCloseTo(10_642_110.8, 2);
    expect(kpis.returns).toBeCloseTo(-916_103.85, 2);
    expect(kpis.net_sales).toBeCloseTo(9_726_006.95, 2);
    expect(kpis.sales_value).toBeCloseTo(10_169_115.65, 2);
    expect(kpis.returns_matched).toBeCloseTo(-469_435.81, 2);
    // an order cancelled in full is no transaction and its customer no customer
    expect(kpis.transactions).toBe(19_802);
    expect(kpis.customers).toBe(4_327);
    expect(r2(kpis.aov)).toBe(513.54);
    expect(kpis.days).toBe(305);
  });

  it('ranks customers by net spend: 12346 (cancelled it all) and 16446 (2.90 net) are gone from the top', async () => {
    const top = await rows(`SELECT customer_id, sum(amount) AS s FROM sales WHERE customer_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`);
    expect(top.map((r) => [r.customer_id, r2(r.s)])).toEqual(TOP_CUSTOMERS);
    const two = await rows(`SELECT customer_id, sum(amount) AS s FROM sales WHERE customer_id IN ('12346', '16446') GROUP BY 1`);
    expect(two.map((r) => [r.customer_id, r2(r.s)])).toEqual([['16446', 2.9]]);
  });

  it('ranks products and days by net revenue', async () => {
    const top = await rows(`SELECT product, sum(amount) AS s FROM sales GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`);
    expect(top.map((r) => [r.product, r2(r.s)])).toEqual(TOP_PRODUCTS);
    expect(top.some((r) => String(r.product).startsWith('PAPER CRAFT'))).toBe(false);
    const day = await rows(`SELECT strftime(ts::DATE, '%Y-%m-%d') AS d, sum(amount) AS s FROM sales GROUP BY 1 ORDER BY 2 DESC LIMIT 1`);
    expect([day[0]?.d, r2(day[0]?.s)]).toEqual(['2011-11-14', 113_865.36]);
  });

  it('keeps gross, returns and net spend side by side in the customers table', async () => {
    await db.exec(customersTableSql({ attributes: [] }));
    const c = await rows(`SELECT customer_id, gross_spend, returns, spend FROM customers WHERE customer_id IN ('12346', '14646', '16446', '18102', '17450') ORDER BY customer_id`);
    expect(c.map((r) => [r.customer_id, r2(r.gross_spend), r2(r.returns), r2(r.spend)])).toEqual([
      ['14646', 280_206.02, -717, 279_765.02],
      ['16446', 168_472.5, -168_469.6, 2.9],
      // 18102's returns (−3,218.81) match no purchase in the file: they stay at the customer, unmatched
      ['17450', 194_390.79, -7_068.62, 189_575.53],
      ['18102', 259_657.3, -3_218.81, 259_657.3],
    ]);
  });

  it('gives the old gross figures with the netting switched off', async () => {
    const off = await runCleaning(db, profile, mapping, { ...DEFAULT_RULES, netReturns: false });
    expect(off.quality.rows_clean).toBe(524_878);
    expect(off.quality.returns_matched_rows).toBe(0);
    const k = await computeKpis(db);
    expect(k.gross_sales).toBeCloseTo(10_642_110.8, 2);
    expect(k.sales_value).toBeCloseTo(10_642_110.8, 2);
    expect(k.transactions).toBe(19_960);
  });
});
