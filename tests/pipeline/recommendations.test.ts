// The recommendation pipeline: data checks, the build, and the leave-last-out evaluation,
// first on the garden shop (tests/fixtures/recommend/shop.ts, every figure by hand), then on
// UCI Online Retail (loaded with the canonical rules as tests/pipeline/uci.test.ts does)
// against scripts/reference/recommend_uci.py (pandas/numpy, independent of this SQL).
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows, type Row } from '../../src/engine/rows';
import { runCleaning } from '../../src/pipeline/clean';
import { detectAndRefine, profileRaw } from '../../src/pipeline/profile';
import { buildRecommendations, checkRecommendations, evaluateRecommendations, RecommendationsError } from '../../src/pipeline/recommendations';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { customersTableSql } from '../../src/sql/customers';
import { readCsvSql } from '../../src/sql/load';
import { alsoBoughtSql, basketStatsSql, pairsSql } from '../../src/sql/pairs';
import { recommendationsSharedSql, recommendationsSql, topSellersSql, trendingSql } from '../../src/sql/recommend';
import { loadGardenShop } from '../fixtures/recommend/shop';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const UCI = resolve(__dirname, '../fixtures/online_retail_uci.csv.gz');

describe('recommendations pipeline on the garden shop', () => {
  let db: TestDb;
  const rows = async (sql: string): Promise<Row[]> => toRows(await db.query(sql));
  beforeAll(async () => {
    db = await openTestDb();
    await loadGardenShop(db);
    await db.exec(customersTableSql());
  });
  afterAll(() => db.close());

  it('builds the table, resolving auto to the category rule when there are categories', async () => {
    const s = await buildRecommendations(db);
    expect(s).toMatchObject({ method: 'category', customers: 7, with_recommendations: 7, rows: 25 });
    const c = await buildRecommendations(db, { method: 'copurchase', minCount: 2 });
    expect(c).toMatchObject({ method: 'copurchase', copurchase_customers: 3 });
  });

  it('the spillable build (sub-results re-read, not held in memory) and the build in parts of customers give the same lists', async () => {
    const list = `SELECT * REPLACE (round(score, 9) AS score) FROM recommendations ORDER BY ALL`;
    for (const o of [{}, { method: 'copurchase' as const, minCount: 2 }, { method: 'popularity' as const }, { coldStart: 'trending' as const, inactiveDays: 0 }]) {
      await buildRecommendations(db, o);
      const held = await rows(list);
      expect(held.length).toBeGreaterThan(0);
      await buildRecommendations(db, { ...o, spillable: true });
      expect(await rows(list), JSON.stringify(o)).toEqual(held);
      // parts straight from the SQL: part 0 creates, the others append; 7 customers in 1–5 parts
      for (const count of [2, 3, 5]) {
        for (let index = 0; index < count; index++) await db.exec(recommendationsSql({ ...o, method: o.method ?? 'category', minCount: 2, part: { count, index } }));
        expect(await rows(list), `${JSON.stringify(o)} in ${count} parts`).toEqual(held);
        // the same parts reading the shared sub-results from temp tables built once
        const opts = { ...o, method: o.method ?? ('category' as const), minCount: 2 };
        const sh = recommendationsSharedSql(opts, 'sh_test');
        for (const sql of sh.statements) await db.exec(sql);
        for (let index = 0; index < count; index++) await db.exec(recommendationsSql({ ...opts, shared: sh.shared, part: { count, index } }));
        expect(await rows(list), `${JSON.stringify(o)} in ${count} parts, shared tables`).toEqual(held);
        await db.exec(sh.drop);
      }
    }
    // which sub-results are shared: the category rankings only for the category rule, the cold list only with a cold start
    expect(Object.keys(recommendationsSharedSql({ method: 'category' }, 'x').shared).sort()).toEqual(['cold', 'cs', 'pcat']);
    expect(Object.keys(recommendationsSharedSql({ method: 'copurchase', coldStart: 'none' }, 'x').shared)).toEqual(['pcat']);
    expect(Object.keys(recommendationsSharedSql({ method: 'category', coldStart: 'none' }, 'x').shared)).toEqual(['cs']);
    // a part with shared tables scans the sales only for its customers' own products
    const partSql = recommendationsSql({ method: 'category', shared: recommendationsSharedSql({ method: 'category' }, 'x').shared, part: { count: 3, index: 1 } });
    expect(partSql).toMatch(/SELECT \* FROM "?x_cs"?/);
    expect(partSql).not.toMatch(/PARTITION BY category ORDER BY/);
    // a customers table of some customers only (the evaluation's): reading what they alone bought gives the same lists
    await db.exec(`CREATE OR REPLACE TEMP TABLE cust_some AS SELECT * FROM customers WHERE customer_id IN ('A', 'C', 'E', 'G')`);
    for (const method of ['category', 'copurchase', 'popularity'] as const) {
      const some = async (someCustomers: boolean): Promise<Row[]> => {
        await db.exec(recommendationsSql({ method, minCount: 2, customers: 'cust_some', table: 'rec_some', temp: true, someCustomers }));
        return rows(`SELECT * REPLACE (round(score, 9) AS score) FROM rec_some ORDER BY ALL`);
      };
      const all = await some(false);
      expect(new Set(all.map((r) => r.customer_id)).size, method).toBe(4);
      expect(await some(true), method).toEqual(all);
    }
    expect(recommendationsSql({ someCustomers: true, customers: 'cust_some' })).toMatch(/customer_id IN \(SELECT customer_id FROM "?cust_some"?\)/);
    // part 0 of 3 alone holds only its customers: some of the 7, not all
    await db.exec(recommendationsSql({ method: 'category', part: { count: 3, index: 0 }, table: 'rec_part', temp: true }));
    const got = (await rows(`SELECT DISTINCT customer_id FROM rec_part ORDER BY 1`)).map((r) => r.customer_id);
    const mine = (await rows(`SELECT customer_id FROM customers WHERE hash(customer_id) % 3 = 0 ORDER BY 1`)).map((r) => r.customer_id);
    expect(got).toEqual(mine);
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThan(7);
    expect(() => recommendationsSql({ part: { count: 2, index: 2 } })).toThrow(/part index/);
  });

  it('after an out-of-memory error builds the lists again in parts of customers, then in parts re-reading the shared sub-results; other errors are not retried', async () => {
    const list = `SELECT * REPLACE (round(score, 9) AS score) FROM recommendations ORDER BY ALL`;
    await buildRecommendations(db);
    const whole = await rows(list);
    // a connector whose first `failures` list builds fail as DuckDB does under a memory limit
    const sent: string[] = [];
    const tight = (failures: number) => ({
      ...db,
      query: db.query.bind(db),
      exec: async (sql: string, signal?: AbortSignal) => {
        if (/(CREATE (OR REPLACE )?(TEMP )?TABLE|INSERT INTO) "?recommendations"?/i.test(sql)) {
          sent.push(sql);
          if (sent.length <= failures) throw new Error('Out of Memory Error: failed to pin block of size 256.0 KiB (266.9 MiB/267.0 MiB used)');
        }
        return db.exec(sql, signal);
      },
    });
    // 7 customers → 2 parts (at least 2), then 8 parts re-read
    await buildRecommendations(tight(1), { stamp: 'k1' });
    expect(sent).toHaveLength(3);
    expect(sent[0]).not.toContain('hash(');
    expect(sent[1]).toMatch(/^CREATE OR REPLACE TABLE "?recommendations"?[\s\S]*hash\(customer_id\) % 2 = 0/);
    // the parts read the shared sub-results from temp tables, dropped after the build
    expect(sent[1]).toMatch(/cs AS \(\s*SELECT \* FROM "?bl_rec_shared_\d+_cs/);
    expect(toRows(await db.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'bl_rec_shared%'`))[0]?.n).toBe(0);
    expect(sent[1]).not.toContain('bought AS NOT MATERIALIZED');
    expect(sent[2]).toMatch(/^INSERT INTO "?recommendations"?[\s\S]*hash\(customer_id\) % 2 = 1/);
    // the stamp goes with the last part only
    expect(sent[1]).not.toContain('k1');
    expect(sent[2]).toContain('k1');
    expect(await rows(list)).toEqual(whole);
    sent.length = 0;
    await buildRecommendations(tight(2));
    expect(sent).toHaveLength(2 + 8);
    expect(sent[2]).toContain('bought AS NOT MATERIALIZED (SELECT DISTINCT customer_id, product');
    expect(sent[9]).toMatch(/hash\(customer_id\) % 8 = 7/);
    expect(await rows(list)).toEqual(whole);
    // out of memory every time: the last error reaches the caller
    sent.length = 0;
    await expect(buildRecommendations(tight(100))).rejects.toThrow(/Out of Memory/);
    expect(sent).toHaveLength(1 + 1 + 1);
    // any other error is not retried
    sent.length = 0;
    const broken = { ...tight(0), exec: async (sql: string, signal?: AbortSignal) => (/TABLE "?recommendations"?/i.test(sql) ? Promise.reject(new Error('Binder Error: no such column')) : db.exec(sql, signal)) };
    await expect(buildRecommendations(broken)).rejects.toThrow(/Binder Error/);
  });

  it('evaluates leave-last-out by hand', async () => {
    // Hidden (last transaction of each customer with two or more): A T11 {poems, seeds},
    // B T12 {atlas}, D T10 {giftcard}, E T08 {poems, seeds}, F T14 {poems}; C and G have one
    // transaction → 5 evaluated. Training = the other 11 baskets:
    //   T01 A atlas novel · T02 B novel rake · T03 - atlas novel novel poems · T04 C hose rake seeds ·
    //   T05 A hose rake · T06 - hose rake · T07 E atlas novel · T09 D giftcard · T13 F atlas novel hose ·
    //   T15 G novel rake · T16 - novel
    // Training revenue: hose 100, novel 80 (8 lines), atlas 80 (4 lines), rake 50, giftcard 25,
    // poems 5, seeds 5 → popularity order hose, novel, atlas, rake, giftcard, poems, seeds.
    //
    // (c) popularity@2, not bought:  A (atlas novel hose rake) → giftcard, poems → hit poems
    //   B (novel rake) → hose, atlas → hit · D (giftcard) → hose, novel → miss
    //   E (atlas novel) → hose, rake → miss · F (atlas novel hose) → rake, giftcard → miss
    //   hit rate 2/5, precision (½ + ½) / 5 = 0.2
    // (a) category@2 on training favourites: A Books 2 lines 30 vs Garden 2 lines 35 → Garden:
    //   seeds (hose, rake bought) → hit · B novel 10 vs rake 10 → Books by name: atlas, poems → hit
    //   D no category → nothing · E Books → poems → hit · F Books 2 vs 1 → poems → hit
    //   (Books on training: novel 80 with 8 lines before atlas 80 with 4, then poems)
    //   hit rate 4/5, precision 4 × ½ / 5 = 0.4
    // (b) co-purchase@2, training pairs ≥ 3 baskets: atlas–novel 4, hose–rake 3 (11 baskets;
    //   atlas 4, novel 7, hose 4, rake 5): atlas→novel 1, novel→atlas 4/7, hose→rake 3/4,
    //   rake→hose 3/5, all lift > 1. A and E own both ends of every rule → nothing; B (novel,
    //   rake) → hose 0.6, atlas 0.571 → hit; D nothing; F → rake → miss.
    //   hit rate 1/5, precision ½ / 5 = 0.1
    const e = await evaluateRecommendations(db, { n: 2 });
    expect(e).toMatchObject({ evaluated: 5, n: 2, best: 'category' });
    expect(e.methods.popularity).toEqual({ hit_rate: 0.4, precision: 0.2, covered: 5, hits: 2 });
    expect(e.methods.category).toEqual({ hit_rate: 0.8, precision: 0.4, covered: 4, hits: 4 });
    expect(e.methods.copurchase).toEqual({ hit_rate: 0.2, precision: 0.1, covered: 2, hits: 1 });
    // the temporary tables are gone
    expect(await rows(`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'rec_eval%'`)).toEqual([]);
  });

  it('gives null for a method the data cannot support and refuses what it cannot do, in words', async () => {
    await db.exec(`CREATE OR REPLACE TABLE sales_backup AS SELECT * FROM sales`);
    try {
      await db.exec(`UPDATE sales SET category = NULL`);
      const e = await evaluateRecommendations(db, { n: 2 });
      expect(e.methods.category).toBeNull();
      expect(e.methods.copurchase).not.toBeNull();
      await expect(buildRecommendations(db, { method: 'category' })).rejects.toThrow(/category column/);

      // without customers: pairs still work, per-customer recommendations do not
      await db.exec(`UPDATE sales SET customer_id = NULL`);
      const a = await checkRecommendations(db);
      expect(a).toEqual({ ok: false, reason: expect.stringMatching(/customer column.*pairs still work/) });
      await expect(buildRecommendations(db)).rejects.toBeInstanceOf(RecommendationsError);
      expect((await rows(pairsSql())).map((r) => `${r.a}+${r.b}`)).toEqual(['hose+rake', 'atlas+novel']);

      await db.exec(`UPDATE sales SET product = NULL`);
      expect(await checkRecommendations(db)).toEqual({ ok: false, reason: expect.stringMatching(/need a product column/) });
      await expect(evaluateRecommendations(db)).rejects.toThrow(/need a product column/);
      expect(await checkRecommendations(db, 'FALSE')).toEqual({ ok: false, reason: expect.stringMatching(/No sales rows/) });
    } finally {
      await db.exec(`CREATE OR REPLACE TABLE sales AS SELECT * FROM sales_backup; DROP TABLE sales_backup`);
    }
  });

  it('refuses to evaluate without repeat customers, and cleans up', async () => {
    await expect(evaluateRecommendations(db, { where: `customer_id IN ('C', 'G')` })).rejects.toThrow(/at least two transactions/);
    expect(await rows(`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'rec_eval%'`)).toEqual([]);
  });
});

describe('recommendations on UCI Online Retail', () => {
  let db: TestDb;
  const rows = async (sql: string): Promise<Row[]> => toRows(await db.query(sql));
  const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
    const t0 = performance.now();
    const out = await run();
    return [out, performance.now() - t0];
  };
  const report: string[] = [];
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(readCsvSql(UCI, 'raw'));
    const profile = await profileRaw(db);
    const mapping = await detectAndRefine(db, profile);
    await runCleaning(db, profile, mapping, DEFAULT_RULES);
    // as buildCustomers does for UCI (country is its only customer attribute)
    await db.exec(customersTableSql({ attributes: ['country'] }));
  });
  afterAll(() => {
    console.log(`recommendations on UCI (wasm, Node):\n${report.join('\n')}`);
    db.close();
  });

  it('counts pairs in one pass and matches pandas', async () => {
    expect((await rows(basketStatsSql()))[0]).toMatchObject({ baskets: 19_643, products: 4_007, candidate_pairs: 28_258_193, max_products_per_basket: 1_106 });
    const [byLift, ms] = await timed(() => rows(pairsSql({ limit: 200 })));
    const [byCount, ms2] = await timed(() => rows(pairsSql({ limit: 200, orderBy: 'count' })));
    report.push(`pair counting (28.3M candidate pairs → 339,853 kept): ${ms.toFixed(0)} ms by lift, ${ms2.toFixed(0)} ms by count`);
    // scripts/reference/recommend_uci.py
    expect(byLift[0]).toMatchObject({ a: 'BLUE KNITTED EGG COSY', b: 'PINK KNITTED EGG COSY', count: 25, count_a: 28, count_b: 29, baskets: 19_643 });
    expect(byLift[0]?.support).toBeCloseTo(0.001272718017, 11);
    expect(byLift[0]?.confidence_ab).toBeCloseTo(0.892857142857, 11);
    expect(byLift[0]?.confidence_ba).toBeCloseTo(0.862068965517, 11);
    expect(byLift[0]?.lift).toBeCloseTo(604.772167488, 8);
    expect(byCount.slice(0, 3).map((r) => [r.a, r.b, r.count])).toEqual([
      ['JUMBO BAG PINK POLKADOT', 'JUMBO BAG RED RETROSPOT', 814],
      ['GREEN REGENCY TEACUP AND SAUCER', 'ROSES REGENCY TEACUP AND SAUCER ', 761],
      ['JUMBO BAG RED RETROSPOT', 'JUMBO STORAGE BAG SUKI', 718],
    ]);
    expect(byCount[0]?.support).toBeCloseTo(0.04143969862, 11);
    expect(byCount[0]?.confidence_ab).toBeCloseTo(0.671617161716, 11);
    expect(byCount[0]?.confidence_ba).toBeCloseTo(0.392857142857, 11);
    expect(byCount[0]?.lift).toBeCloseTo(6.367073314, 8);
    // the same pair from the one-product query
    const [also, ms3] = await timed(() => rows(alsoBoughtSql('JUMBO BAG PINK POLKADOT')));
    report.push(`also bought (one product): ${ms3.toFixed(0)} ms`);
    expect(also[0]).toMatchObject({ product: 'JUMBO BAG RED RETROSPOT', count: 814, count_x: 1_212 });
    expect(also[0]?.lift).toBeCloseTo(6.367073314, 8);
  });

  it('recommends five unbought, existing products to every customer', async () => {
    const [s, ms] = await timed(() => buildRecommendations(db));
    report.push(`build (auto → co-purchase, n 5): ${ms.toFixed(0)} ms; ${JSON.stringify(s)}`);
    // no category column: co-purchase drives the lists (12346, who cancelled all, is no customer)
    expect(s).toMatchObject({ method: 'copurchase', customers: 4_327, with_recommendations: 4_327, rows: 4_327 * 5, category_rows: 0 });
    const check = (await rows(`SELECT
      (SELECT count(*) FROM recommendations r WHERE NOT EXISTS (SELECT 1 FROM sales s WHERE s.product = r.product)) AS unknown,
      (SELECT count(*) FROM recommendations r WHERE EXISTS (SELECT 1 FROM sales s WHERE s.customer_id = r.customer_id AND s.product = r.product)) AS bought,
      (SELECT count(*) FROM (SELECT customer_id FROM recommendations GROUP BY ALL HAVING count(*) <> 5 OR max(rank) <> 5 OR count(DISTINCT product) <> 5)) AS not_five,
      (SELECT count(*) FROM recommendations WHERE reason IS NULL OR method NOT IN ('copurchase', 'cold-start-top')) AS odd,
      (SELECT count(*) FROM recommendations WHERE product IN ('POSTAGE', 'DOTCOM POSTAGE', 'Manual', 'CARRIAGE', 'AMAZON FEE')) AS services`))[0];
    expect(check).toEqual({ unknown: 0, bought: 0, not_five: 0, odd: 0, services: 0 });
    // without the service lines the top sellers by net revenue are merchandise; the cancelled
    // 80,995-unit PAPER CRAFT , LITTLE BIRDIE order no longer makes it #2 (scripts/reference/uci_returns.py)
    expect((await rows(topSellersSql({ n: 2 }))).map((r) => r.product)).toEqual(['REGENCY CAKESTAND 3 TIER', 'WHITE HANGING HEART T-LIGHT HOLDER']);
    const [t, ms2] = await timed(() => buildRecommendations(db, { coldStart: 'trending', n: 3 }));
    report.push(`build with trending cold start (n 3): ${ms2.toFixed(0)} ms; top trending: ${JSON.stringify((await rows(trendingSql({ n: 3 }))).map((r) => [r.product, r.recent, r.previous, r.growth]))}`);
    expect(t.cold_start_trending_rows).toBeGreaterThan(0);
  });

  it('evaluates leave-last-out: co-purchase beats popularity, as pandas finds', async () => {
    const [e, ms] = await timed(() => evaluateRecommendations(db));
    report.push(
      `leave-last-out (n 5), ${e.evaluated} customers: ${ms.toFixed(0)} ms in all; steps ${JSON.stringify(Object.fromEntries(Object.entries(e.timings).map(([k, v]) => [k, Math.round(v)])))}`,
      `  popularity hit rate@5 ${e.methods.popularity.hit_rate.toFixed(4)}, precision@5 ${e.methods.popularity.precision.toFixed(4)}`,
      `  co-purchase hit rate@5 ${e.methods.copurchase?.hit_rate.toFixed(4)}, precision@5 ${e.methods.copurchase?.precision.toFixed(4)}`,
      `  category: ${e.methods.category === null ? 'n/a (no category column)' : JSON.stringify(e.methods.category)}; best ${e.best}`,
    );
    // scripts/reference/recommend_uci.py
    expect(e.evaluated).toBe(2_807);
    expect(e.methods.category).toBeNull();
    expect(e.methods.popularity).toMatchObject({ hits: 490, covered: 2_807 });
    expect(e.methods.popularity.hit_rate).toBeCloseTo(0.15710723192, 12);
    expect(e.methods.popularity.precision).toBeCloseTo(0.034912718204, 11);
    expect(e.methods.copurchase).toMatchObject({ hits: 577, covered: 2_798 });
    expect(e.methods.copurchase?.hit_rate).toBeCloseTo(0.171357320983, 12);
    expect(e.methods.copurchase?.precision).toBeCloseTo(0.041111506947, 11);
    expect(e.best).toBe('copurchase');
  });
});
