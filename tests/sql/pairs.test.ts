// Frequently bought together on the garden shop (tests/fixtures/recommend/shop.ts); every
// figure by hand from the basket table written out there. The baskets as product sets:
//   T01 {atlas, novel}          T07 {atlas, novel}     T13 {atlas, hose, novel}
//   T02 {novel, rake}           T08 {poems, seeds}     T14 {poems}
//   T03 {atlas, novel, poems}   T09 {giftcard}         T15 {novel, rake}
//   T04 {hose, rake, seeds}     T10 {giftcard}         T16 {novel}
//   T05 {hose, rake}            T11 {poems, seeds}
//   T06 {hose, rake}            T12 {atlas}
// 16 baskets (the support denominator). Baskets per product: atlas 5 (T01 T03 T07 T12 T13),
// novel 7 (T01 T02 T03 T07 T13 T15 T16; T03's two novel lines count once), poems 4, hose 4,
// rake 5, seeds 3, giftcard 2. Pairs: atlas–novel 4 (T01 T03 T07 T13), hose–rake 3
// (T04 T05 T06), novel–rake 2 (T02 T15), poems–seeds 2 (T08 T11), and six pairs seen once
// (atlas–poems, novel–poems, hose–seeds, rake–seeds in T03/T04; atlas–hose, hose–novel in T13).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows, type Row } from '../../src/engine/rows';
import { alsoBoughtSql, basketStatsSql, bundlesSql, pairsSql } from '../../src/sql/pairs';
import { loadGardenShop } from '../fixtures/recommend/shop';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const close = (r: Row | undefined, expected: Record<string, number>): void => {
  for (const [k, v] of Object.entries(expected)) expect(r?.[k], k).toBeCloseTo(v, 12);
};

describe('pairs SQL', () => {
  let db: TestDb;
  const rows = async (sql: string): Promise<Row[]> => toRows(await db.query(sql));
  beforeAll(async () => {
    db = await openTestDb();
    await loadGardenShop(db);
  });
  afterAll(() => db.close());

  it('counts each distinct product once per basket with a < b, on integer ids', () => {
    const sql = pairsSql();
    expect(sql).toContain('SELECT DISTINCT tx_id, product');
    expect(sql).toContain('unnest(ps[i + 1:])');
    expect(() => pairsSql({ minSupport: 2 })).toThrow(/minSupport/);
    expect(() => pairsSql({ minCount: 0 })).toThrow(/minCount/);
    expect(() => pairsSql({ orderBy: 'support' as 'lift' })).toThrow(/pair order/);
  });

  it('describes the baskets', async () => {
    // sizes 2,2,3,3,2,2,2,2,1,1,2,1,3,1,2,1 → 30 products over 16 baskets; 11 with two or more;
    // naive pairs Σ k(k−1)/2 = 8 × 1 + 3 × 3 = 17 (= the pair counts above: 4+3+2+2+6)
    expect((await rows(basketStatsSql()))[0]).toEqual({
      baskets: 16,
      multi_line_baskets: 11,
      multi_product_baskets: 11,
      products: 7,
      mean_products_per_basket: 1.875,
      max_products_per_basket: 3,
      candidate_pairs: 17,
    });
  });

  it('gives count, support, both confidences and lift above the thresholds, by lift', async () => {
    const p = await rows(pairsSql({ minCount: 2 }));
    expect(p.map((r) => [r.a, r.b, r.count])).toEqual([
      ['poems', 'seeds', 2],
      ['hose', 'rake', 3],
      ['atlas', 'novel', 4],
      ['novel', 'rake', 2],
    ]);
    // poems–seeds: support 2/16; P(seeds|poems) = 2/4; P(poems|seeds) = 2/3; lift 2·16/(4·3) = 8/3
    close(p[0], { support: 0.125, confidence_ab: 0.5, confidence_ba: 2 / 3, lift: 8 / 3 });
    // hose–rake: 3/16; 3/4; 3/5; lift 3·16/(4·5) = 2.4
    close(p[1], { support: 0.1875, confidence_ab: 0.75, confidence_ba: 0.6, lift: 2.4 });
    // atlas–novel: 4/16; 4/5; 4/7; lift 4·16/(5·7) = 64/35
    close(p[2], { support: 0.25, confidence_ab: 0.8, confidence_ba: 4 / 7, lift: 64 / 35 });
    expect(p[2]).toMatchObject({ count_a: 5, count_b: 7, baskets: 16 });
    // novel–rake: lift 2·16/(7·5) = 32/35 < 1, listed all the same (bundles and rules drop it)
    close(p[3], { support: 0.125, confidence_ab: 2 / 7, confidence_ba: 0.4, lift: 32 / 35 });
  });

  it('orders by count, applies the default minimum of 3 baskets, the minimum support and the limit', async () => {
    const byCount = await rows(pairsSql({ minCount: 2, orderBy: 'count' }));
    // 4, 3, then the two pairs of 2 by lift: poems–seeds (8/3) before novel–rake (32/35)
    expect(byCount.map((r) => `${r.a}+${r.b}`)).toEqual(['atlas+novel', 'hose+rake', 'poems+seeds', 'novel+rake']);
    expect((await rows(pairsSql())).map((r) => `${r.a}+${r.b}`)).toEqual(['hose+rake', 'atlas+novel']);
    // support ≥ 0.2 keeps only atlas–novel (0.25; hose–rake is 0.1875)
    expect((await rows(pairsSql({ minCount: 1, minSupport: 0.2 }))).map((r) => `${r.a}+${r.b}`)).toEqual(['atlas+novel']);
    expect(await rows(pairsSql({ minCount: 1, limit: 1, orderBy: 'count' }))).toHaveLength(1);
  });

  it('applies the cross-filter to baskets and the denominator', async () => {
    // without T13: 15 baskets; atlas 4, novel 6, atlas–novel 3 → support 3/15, P(novel|atlas) 3/4,
    // lift 3·15/(4·6) = 1.875; hose now 3 (T04 T05 T06), hose–rake 3 → lift 3·15/(3·5) = 3, first
    const p = await rows(pairsSql({ minCount: 3, where: `tx_id <> 'T13'` }));
    expect(p.map((r) => [r.a, r.b, r.count, r.baskets])).toEqual([
      ['hose', 'rake', 3, 15],
      ['atlas', 'novel', 3, 15],
    ]);
    close(p[0], { lift: 3, confidence_ab: 1 });
    close(p[1], { support: 0.2, confidence_ab: 0.75, confidence_ba: 0.5, lift: 1.875 });
  });

  it('answers "who bought atlas also bought" by basket and by customer', async () => {
    // 5 baskets hold atlas: novel in 4, poems in 1 (T03), hose in 1 (T13);
    // lift = confidence / share of baskets with the product: 0.8 / (7/16), 0.2 / (4/16)
    const b = await rows(alsoBoughtSql('atlas', { minCount: 1 }));
    expect(b.map((r) => [r.product, r.count, r.count_x, r.count_product])).toEqual([
      ['novel', 4, 5, 7],
      ['hose', 1, 5, 4],
      ['poems', 1, 5, 4],
    ]);
    close(b[0], { confidence: 0.8, lift: 64 / 35 });
    close(b[1], { confidence: 0.2, lift: 0.8 });
    // the default minimum of 3 baskets keeps novel only
    expect((await rows(alsoBoughtSql('atlas'))).map((r) => r.product)).toEqual(['novel']);
    // by customer: 7 customers; atlas bought by A, B, E, F; of them novel 4 (novel buyers A B E F G = 5),
    // poems 3 (A E F; poems buyers 3), hose/rake/seeds 2 each (below 3)
    const c = await rows(alsoBoughtSql('atlas', { by: 'customer' }));
    expect(c.map((r) => [r.product, r.count, r.count_x, r.count_product])).toEqual([
      ['novel', 4, 4, 5],
      ['poems', 3, 4, 3],
    ]);
    close(c[0], { confidence: 1, lift: 1.4 });
    close(c[1], { confidence: 0.75, lift: 1.75 });
    // user values are quoted, never pasted
    expect(alsoBoughtSql(`it's`)).toContain(`'it''s'`);
    expect(await rows(alsoBoughtSql(`it's`))).toEqual([]);
  });

  it('suggests per-category bundles with lift > 1 and a frequent third product', async () => {
    // same-category pairs: Books atlas–novel (lift 64/35); Garden hose–rake (2.4). With
    // minCount 2 no triple reaches 2 baskets (poems joins atlas+novel in T03 only; seeds
    // joins hose+rake in T04 only); poems–seeds (Books × Garden) and novel–rake never count
    const b2 = await rows(bundlesSql({ minCount: 2 }));
    expect(b2.map((r) => [r.category, r.rank, r.a, r.b, r.count, r.c, r.count_abc])).toEqual([
      ['Books', 1, 'atlas', 'novel', 4, null, null],
      ['Garden', 1, 'hose', 'rake', 3, null, null],
    ]);
    close(b2[0], { lift: 64 / 35, support: 0.25 });
    // minCount 1, two per category: Books has no second pair with lift > 1 (atlas–poems
    // 1·16/(5·4) = 0.8, novel–poems 16/28); Garden adds hose–seeds 1·16/(4·3) = 4/3 ahead of
    // rake–seeds 16/15. Triples: poems (T03), seeds (T04), rake (T04), one basket each
    const b1 = await rows(bundlesSql({ minCount: 1, perCategory: 2 }));
    expect(b1.map((r) => [r.category, r.rank, r.a, r.b, r.c, r.count_abc])).toEqual([
      ['Books', 1, 'atlas', 'novel', 'poems', 1],
      ['Garden', 1, 'hose', 'rake', 'seeds', 1],
      ['Garden', 2, 'hose', 'seeds', 'rake', 1],
    ]);
    close(b1[2], { lift: 4 / 3, confidence_ab: 0.25, confidence_ba: 1 / 3 });
  });
});
