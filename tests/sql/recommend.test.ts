// Per-customer recommendations on the garden shop (tests/fixtures/recommend/shop.ts); every
// list is worked out by hand from the tables there. The facts used throughout:
//   top sellers by revenue: atlas 100 (5 lines) #1, hose 100 (4 lines) #2, novel 80 #3,
//     rake 50 (5 lines) #4, giftcard 50 (2 lines) #5, poems 20 #6, seeds 15 #7
//   by lines: novel 8 #1, atlas 5 (100) #2, rake 5 (50) #3, hose 4 (100) #4, poems 4 (20) #5,
//     seeds 3 #6, giftcard 2 #7
//   within Books by revenue: atlas 100, novel 80, poems 20; Garden: hose 100, rake 50, seeds 15
//   customers (last date 1 Dec 2024):
//     A  atlas novel | hose rake | poems seeds   Books 3 lines 35 vs Garden 3 lines 40 → Garden
//                                                (tie on lines, broken by spend); recency 61
//     B  novel rake | atlas                      Books 2 lines vs Garden 1 → Books; recency 47
//     C  hose rake seeds                         Garden; 10 Feb → 1 Dec = 295 days: inactive
//     D  giftcard | giftcard                     no category; recency 91
//     E  atlas novel | poems seeds               Books 3 of 4; recency 153
//     F  atlas novel hose | poems                Books 3 of 4; recency 0
//     G  novel rake                              Books 1 line 10 vs Garden 1 line 10 → Books
//                                                (tie on lines and spend, broken by name); 11
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows, type Row } from '../../src/engine/rows';
import { customersTableSql } from '../../src/sql/customers';
import {
  customerRecommendationsSql,
  recommendationsAvailabilitySql,
  recommendationsSql,
  recommendationsSummarySql,
  topSellersSql,
  trendingSql,
  type RecommendOptions,
} from '../../src/sql/recommend';
import { loadGardenShop } from '../fixtures/recommend/shop';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const TOP = (rank: number, by = 'by revenue'): string => `Best seller overall (#${rank} ${by})`;

describe('recommendations SQL', () => {
  let db: TestDb;
  const rows = async (sql: string): Promise<Row[]> => toRows(await db.query(sql));
  /** Builds the table and returns each customer's list as [product, method] pairs. */
  const lists = async (o: RecommendOptions = {}): Promise<Record<string, [unknown, unknown][]>> => {
    await db.exec(recommendationsSql(o));
    const out: Record<string, [unknown, unknown][]> = {};
    for (const r of await rows('SELECT * FROM recommendations ORDER BY customer_id, rank')) (out[String(r.customer_id)] ??= []).push([r.product, r.method]);
    return out;
  };
  const reasons = async (customer: string): Promise<unknown[]> => (await rows(customerRecommendationsSql(customer))).map((r) => r.reason);
  beforeAll(async () => {
    db = await openTestDb();
    await loadGardenShop(db);
    await db.exec(customersTableSql());
  });
  afterAll(() => db.close());

  it('builds SQL with loud option checks and no pair count unless co-purchase can run', () => {
    expect(() => recommendationsSql({ n: 0 })).toThrow(/invalid n/);
    expect(() => recommendationsSql({ rankBy: 'margin' as 'revenue' })).toThrow(/rankBy/);
    expect(() => recommendationsSql({ method: 'magic' as 'auto' })).toThrow(/method/);
    expect(() => recommendationsSql({ coldStart: 'random' as 'top' })).toThrow(/coldStart/);
    expect(recommendationsSql({ method: 'category' })).not.toContain('pr_c');
    expect(recommendationsSql({ method: 'copurchase' })).toContain('unnest(ps[i + 1:])');
    expect(customerRecommendationsSql(`O'Hara`)).toContain(`'O''Hara'`);
  });

  it('lists the top sellers by revenue or by lines, ties to the other measure then name', async () => {
    expect((await rows(topSellersSql({ n: 7 }))).map((r) => [r.rank, r.product, r.category, r.score])).toEqual([
      [1, 'atlas', 'Books', 100],
      [2, 'hose', 'Garden', 100],
      [3, 'novel', 'Books', 80],
      [4, 'rake', 'Garden', 50],
      [5, 'giftcard', null, 50],
      [6, 'poems', 'Books', 20],
      [7, 'seeds', 'Garden', 15],
    ]);
    expect((await rows(topSellersSql({ n: 5, rankBy: 'count' }))).map((r) => [r.product, r.lines])).toEqual([
      ['novel', 8],
      ['atlas', 5],
      ['rake', 5],
      ['hose', 4],
      ['poems', 4],
    ]);
  });

  it('finds trending products: last 30 days against the 30 before, relative to the last date', async () => {
    // last date 1 Dec: recent = 2 Nov – 1 Dec (T14 poems 5, T15 novel 10 + rake 10, T16 novel 10),
    // previous = 3 Oct – 1 Nov (T12 atlas 20, T13 atlas 20 + novel 10 + hose 25; T11 on 1 Oct is out).
    // rake 10 vs 0 and poems 5 vs 0 have nothing before: first, by recent; novel 20 vs 10 = +100%;
    // atlas and hose fell. With the default of 3 recent orders nothing qualifies.
    expect((await rows(trendingSql({ minRecent: 1 }))).map((r) => [r.product, r.recent, r.previous, r.growth, r.recent_baskets])).toEqual([
      ['rake', 10, 0, null, 1],
      ['poems', 5, 0, null, 1],
      ['novel', 20, 10, 1, 2],
    ]);
    // by lines: poems 1 vs 0 and rake 1 vs 0 tie → name; novel 2 vs 1
    expect((await rows(trendingSql({ minRecent: 1, rankBy: 'count' }))).map((r) => [r.product, r.recent, r.previous])).toEqual([
      ['poems', 1, 0],
      ['rake', 1, 0],
      ['novel', 2, 1],
    ]);
    expect(await rows(trendingSql())).toEqual([]);
  });

  it('recommends the favourite category (ties as the customers table), leaves out bought products and backfills', async () => {
    const l = await lists();
    // A: Garden (spend tie-break) but hose, rake, seeds are all bought → only the top sellers
    // A has not bought: giftcard (#5)
    expect(l.A).toEqual([['giftcard', 'cold-start-top']]);
    // B: Books → poems (atlas, novel bought); backfill hose #2, giftcard #5, seeds #7 (4 = all B has not bought)
    expect(l.B).toEqual([
      ['poems', 'category'],
      ['hose', 'cold-start-top'],
      ['giftcard', 'cold-start-top'],
      ['seeds', 'cold-start-top'],
    ]);
    // G: Books by name → atlas (#1 in Books), poems (#3); backfill hose, giftcard, seeds
    expect(l.G).toEqual([
      ['atlas', 'category'],
      ['poems', 'category'],
      ['hose', 'cold-start-top'],
      ['giftcard', 'cold-start-top'],
      ['seeds', 'cold-start-top'],
    ]);
    // E and F: Books fully bought → top sellers they lack
    expect(l.E?.map((r) => r[0])).toEqual(['hose', 'rake', 'giftcard']);
    expect(l.F?.map((r) => r[0])).toEqual(['rake', 'giftcard', 'seeds']);
    expect(await reasons('G')).toEqual([
      'Top seller in Books (#1 by revenue), your favourite category (1 of your 2 purchases)',
      'Top seller in Books (#3 by revenue), your favourite category (1 of your 2 purchases)',
      TOP(2),
      TOP(5),
      TOP(7),
    ]);
    expect((await reasons('B'))[0]).toBe('Top seller in Books (#3 by revenue), your favourite category (2 of your 3 purchases)');
    expect((await rows(customerRecommendationsSql('B')))[0]).toMatchObject({ rank: 1, product: 'poems', category: 'Books', score: 20 });
  });

  it('keeps bought products when asked (consumables)', async () => {
    // A: Garden hose, rake, seeds, then top sellers atlas #1, (hose already listed), novel #3
    const l = await lists({ excludeBought: false });
    expect(l.A).toEqual([
      ['hose', 'category'],
      ['rake', 'category'],
      ['seeds', 'category'],
      ['atlas', 'cold-start-top'],
      ['novel', 'cold-start-top'],
    ]);
    // n = 2 cuts every list at two
    expect((await lists({ excludeBought: false, n: 2 })).A).toEqual([
      ['hose', 'category'],
      ['rake', 'category'],
    ]);
  });

  it('gives cold-start lists to inactive customers and customers without a category, saying why', async () => {
    const l = await lists();
    // C (295 days > 180): top sellers not bought: atlas #1, novel #3, giftcard #5, poems #6
    expect(l.C?.map((r) => r[0])).toEqual(['atlas', 'novel', 'giftcard', 'poems']);
    expect((await reasons('C'))[0]).toBe(`${TOP(1)}; no purchase for 295 days`);
    // D (giftcard only, no category): everything but giftcard, top first
    expect(l.D?.map((r) => r[0])).toEqual(['atlas', 'hose', 'novel', 'rake', 'poems']);
    expect((await reasons('D'))[4]).toBe(`${TOP(6)}; no favourite category yet`);
    // a 150-day threshold makes E (153 days) cold too; no threshold serves C by the category rule
    await lists({ inactiveDays: 150 });
    expect((await reasons('E'))[0]).toBe(`${TOP(2)}; no purchase for 153 days`);
    await lists({ inactiveDays: null });
    expect(await reasons('C')).toEqual([TOP(1), TOP(3), TOP(5), TOP(6)]);
  });

  it('starts cold customers on trending products, then top sellers', async () => {
    // cold list: rake, poems (new), novel (+100%), then atlas #1, hose #2, giftcard #5, seeds #7;
    // C bought hose, rake, seeds
    await lists({ coldStart: 'trending', minRecent: 1 });
    expect((await rows(customerRecommendationsSql('C'))).map((r) => [r.product, r.method, r.score, r.reason])).toEqual([
      ['poems', 'cold-start-trending', null, 'Trending now: 1 order in the last 30 days, none in the 30 before; no purchase for 295 days'],
      ['novel', 'cold-start-trending', 1, 'Trending now: +100% in the last 30 days; no purchase for 295 days'],
      ['atlas', 'cold-start-top', 100, `${TOP(1)}; no purchase for 295 days`],
      ['giftcard', 'cold-start-top', 50, `${TOP(5)}; no purchase for 295 days`],
    ]);
  });

  it('ranks by number of sales', async () => {
    // G, Books by lines: novel 8 (bought), atlas 5 #2, poems 4 #3; backfill by lines: hose #4, seeds #6, giftcard #7
    const l = await lists({ rankBy: 'count' });
    expect(l.G?.map((r) => r[0])).toEqual(['atlas', 'poems', 'hose', 'seeds', 'giftcard']);
    expect((await reasons('G'))[0]).toBe('Top seller in Books (#2 by number of sales), your favourite category (1 of your 2 purchases)');
  });

  it('scores co-purchase as the sum of confidence over the customer’s products, naming the strongest rule', async () => {
    // minCount 2 rules with lift > 1 (novel–rake, lift 32/35, is dropped):
    //   atlas→novel 0.8, novel→atlas 4/7 (lift 64/35 ≈ 1.8); hose→rake 0.75, rake→hose 0.6 (2.4);
    //   poems→seeds 0.5, seeds→poems 2/3 (8/3 ≈ 2.7)
    const l = await lists({ method: 'copurchase', minCount: 2 });
    // G (novel, rake): hose 0.6 via rake, atlas 4/7 via novel; backfill giftcard, poems, seeds
    expect(l.G).toEqual([
      ['hose', 'copurchase'],
      ['atlas', 'copurchase'],
      ['giftcard', 'cold-start-top'],
      ['poems', 'cold-start-top'],
      ['seeds', 'cold-start-top'],
    ]);
    const g = await rows(customerRecommendationsSql('G'));
    expect(g[0]).toMatchObject({ score: 0.6, reason: 'Often bought with rake (lift 2.4)' });
    expect(g[1]?.score).toBeCloseTo(4 / 7, 12);
    expect(g[1]?.reason).toBe('Often bought with novel (lift 1.8)');
    // B (novel, rake, atlas): only hose is new; D: giftcard has no rules → top sellers, not
    // called cold (it is co-purchase that found nothing); C stays cold (inactive)
    expect(l.B?.map((r) => r.join(':'))).toEqual(['hose:copurchase', 'giftcard:cold-start-top', 'poems:cold-start-top', 'seeds:cold-start-top']);
    expect(await reasons('D')).toEqual([TOP(1), TOP(2), TOP(3), TOP(4), TOP(6)]);
    expect((await reasons('C'))[0]).toBe(`${TOP(1)}; no purchase for 295 days`);
  });

  it('adds up several rules into one product and caps the rules per product', async () => {
    // minCount 1 adds hose→seeds (1/4, lift 16/12) and rake→seeds (1/5, lift 16/15).
    // F (atlas, novel, hose, poems): rake 0.75 via hose; seeds 0.5 (poems) + 0.25 (hose) = 0.75
    // → tie on score, rake first by name; the strongest rule behind seeds is poems→seeds
    await lists({ method: 'copurchase', minCount: 1 });
    const f = await rows(customerRecommendationsSql('F'));
    expect(f.map((r) => [r.product, r.score, r.reason])).toEqual([
      ['rake', 0.75, 'Often bought with hose (lift 2.4)'],
      ['seeds', 0.75, 'Often bought with poems (lift 2.7) and with 1 other product you bought'],
      ['giftcard', 50, TOP(5)],
    ]);
    // one neighbour per product: hose keeps only hose→rake, so seeds scores 0.5 from poems alone
    await lists({ method: 'copurchase', minCount: 1, neighbours: 1 });
    expect((await rows(customerRecommendationsSql('F'))).map((r) => [r.product, r.score])).toEqual([
      ['rake', 0.75],
      ['seeds', 0.5],
      ['giftcard', 50],
    ]);
  });

  it('lets co-purchase drive the lists when the data has no categories', async () => {
    await db.exec(`CREATE OR REPLACE TABLE sales_backup AS SELECT * FROM sales; UPDATE sales SET category = NULL`);
    await db.exec(customersTableSql());
    try {
      // auto → co-purchase; D (no category) is now served like anyone else, not as cold start
      const l = await lists({ minCount: 2 });
      expect(l.G?.slice(0, 2)).toEqual([
        ['hose', 'copurchase'],
        ['atlas', 'copurchase'],
      ]);
      expect(await reasons('D')).toEqual([TOP(1), TOP(2), TOP(3), TOP(4), TOP(6)]);
      expect((await rows(recommendationsAvailabilitySql()))[0]).toMatchObject({ has_products: true, has_categories: false, multi_product_baskets: 11 });
    } finally {
      await db.exec(`CREATE OR REPLACE TABLE sales AS SELECT * FROM sales_backup; DROP TABLE sales_backup`);
      await db.exec(customersTableSql());
    }
  });

  it('summarises the table', async () => {
    await lists();
    // rows: A 1, B 4, C 4, D 5, E 3, F 3, G 5 = 25; only B and G start with a category row;
    // A, E, F (category exhausted), C and D (cold) have cold-start rows only; backfill B 3 + G 3
    const s = (await rows(recommendationsSummarySql()))[0];
    expect(s).toMatchObject({
      customers: 7,
      with_recommendations: 7,
      cold_start_customers: 5,
      rows: 25,
      category_customers: 2,
      copurchase_customers: 0,
      cold_start_top_customers: 5,
      cold_start_trending_customers: 0,
      category_rows: 3,
      copurchase_rows: 0,
      cold_start_top_rows: 22,
      cold_start_trending_rows: 0,
      backfilled_rows: 6,
    });
    expect(s?.mean_per_customer).toBeCloseTo(25 / 7, 12);
  });
});
