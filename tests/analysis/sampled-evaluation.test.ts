// The leave-last-out evaluation beyond its cap (src/pipeline/recommendations.ts): a seeded
// random sample of the evaluated customers is replayed while every method still learns
// from all the training data, so the sample's hit rate estimates the full one; the result
// and report.json carry the binomial 95% interval, and the full hit rate must lie in it.
// A generated shop of 4,000 customers (favourite categories, popular products, products
// bought together), evaluated in full and on 800 of them, on native DuckDB.
import { tableFromArrays } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recommendationsReport } from '../../src/analysis/recommend';
import { createRandom } from '../../src/analytics/random';
import { openNativeDb, type NativeDb } from '../../src/cli/native-connector';
import { toRows } from '../../src/engine/rows';
import { evaluateRecommendations, hitRateMargin, type Evaluation } from '../../src/pipeline/recommendations';
import { customersTableSql } from '../../src/sql/customers';
import { CANONICAL_COLUMNS } from '../../src/sql/schema';

const CUSTOMERS = 4_000;
const CAP = 800;
/** Samples drawn (seeds 0…SEEDS−1), for the coverage check. */
const SEEDS = 6;
const METHODS = ['category', 'copurchase', 'popularity'] as const;

/** Lines of the generated shop: 4 categories × 10 products; each customer 2–5 baskets of 1–3 lines, mostly from a favourite category, with pairs (2i, 2i+1) bought together. */
function shop(): Record<string, unknown[]> {
  const rng = createRandom(11);
  const out = { tx_id: [] as string[], customer_id: [] as string[], day: [] as number[], category: [] as string[], product: [] as string[], amount: [] as number[] };
  let tx = 0;
  const pick = (fav: number): number => {
    const cat = rng.next() < 0.7 ? fav : rng.int(4);
    // popular products first: index 0 of a category most often
    const k = Math.min(9, Math.floor(-Math.log(1 - rng.next()) * 3));
    return cat * 10 + k;
  };
  for (let c = 0; c < CUSTOMERS; c++) {
    const fav = rng.int(4);
    const baskets = 2 + rng.int(4);
    for (let b = 0; b < baskets; b++) {
      tx++;
      const day = rng.int(360);
      const first = pick(fav);
      const items = new Set([first]);
      if (rng.next() < 0.5) items.add(first ^ 1); // its partner
      if (rng.next() < 0.3) items.add(pick(fav));
      for (const p of items) {
        out.tx_id.push(`T${tx}`);
        out.customer_id.push(`C${c}`);
        out.day.push(day);
        out.category.push(`Cat${Math.floor(p / 10)}`);
        out.product.push(`P${p}`);
        out.amount.push(5 + (p % 10));
      }
    }
  }
  return out;
}

describe('leave-last-out evaluation beyond its cap', () => {
  let db: NativeDb;
  let full: Evaluation;
  let part: Evaluation;
  const others: Evaluation[] = [];
  beforeAll(async () => {
    db = await openNativeDb({ threads: 2 });
    const g = shop();
    await db.insertTable('gen', tableFromArrays({ tx_id: g.tx_id as string[], customer_id: g.customer_id as string[], day: Int32Array.from(g.day as number[]), category: g.category as string[], product: g.product as string[], amount: Float64Array.from(g.amount as number[]) }));
    const cols = CANONICAL_COLUMNS.map((c) => `${c.name} ${c.type}`).join(', ');
    await db.exec(`CREATE TABLE sales (${cols});
INSERT INTO sales (tx_id, customer_id, ts, category, product, amount, quantity)
  SELECT tx_id, customer_id, TIMESTAMP '2024-01-01 10:00' + to_days(day), category, product, amount, 1 FROM gen;
CREATE VIEW purchases AS SELECT *, amount AS gross_amount, 0::DOUBLE AS returned_amount FROM sales;
CREATE TABLE returns AS SELECT *, 0::DOUBLE AS matched_amount FROM sales WHERE false`);
    await db.exec(customersTableSql());
    const o = { n: 3, minCount: 3 };
    full = await evaluateRecommendations(db, { ...o, maxCustomers: 1_000_000 });
    part = await evaluateRecommendations(db, { ...o, maxCustomers: CAP, seed: 0 });
    for (let seed = 1; seed < SEEDS; seed++) others.push(await evaluateRecommendations(db, { ...o, maxCustomers: CAP, seed }));
  });
  afterAll(() => db.close());

  it('replays exactly the cap, drawn from every evaluated customer, and says so', async () => {
    expect(full.sample).toBeUndefined();
    expect(full.methods.popularity.margin).toBeUndefined();
    expect(part.evaluated).toBe(CAP);
    expect(part.sample).toMatchObject({ size: CAP, population: full.evaluated, seed: 0 });
    expect(full.evaluated).toBe(CUSTOMERS); // everyone has two baskets or more
    // nothing of the run is left behind (the training lines were a view)
    const left = toRows(await db.query(`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'rec_eval_%' UNION ALL SELECT view_name FROM duckdb_views() WHERE view_name LIKE 'rec_eval_%'`));
    expect(left).toEqual([]);
  });

  it('puts the full hit rate of every method inside the sample’s 95% interval', () => {
    for (const m of METHODS) {
      const f = full.methods[m];
      const s = part.methods[m];
      if (!f || !s) throw new Error(`${m} was not evaluated`);
      expect(s.margin).toBeCloseTo(1.96 * Math.sqrt((s.hit_rate * (1 - s.hit_rate)) / CAP), 12);
      // the sample is not the population (the test could fail), yet the interval holds it
      expect(s.hit_rate).not.toBe(f.hit_rate);
      expect(Math.abs(s.hit_rate - f.hit_rate)).toBeLessThanOrEqual(s.margin as number);
    }
  });

  it('covers the full hit rate about 95% of the time over other seeds (no bias from the sample)', () => {
    // 12 seeds × 3 methods measured 34 of 36 covered; the interval ignores the finite population, so it is conservative
    let covered = 0;
    let bias = 0;
    for (const e of [part, ...others]) {
      for (const m of METHODS) {
        const f = full.methods[m]?.hit_rate as number;
        const s = e.methods[m];
        if (Math.abs((s?.hit_rate as number) - f) <= (s?.margin as number)) covered++;
        bias += ((s?.hit_rate as number) - f) / (SEEDS * METHODS.length);
      }
    }
    expect(covered).toBeGreaterThanOrEqual(SEEDS * METHODS.length - 2);
    // the mean error over the draws is far inside one draw's margin (≈ 3 pt / √18)
    expect(Math.abs(bias)).toBeLessThan(0.015);
  });

  it('writes the interval and the sample into report.json', () => {
    const r = recommendationsReport(3, { summary: { method: 'category' }, sample: [] }, null, part);
    const e = r.evaluation as Record<string, Record<string, unknown>>;
    expect(e.sample).toMatchObject({ customers: CAP, population: CUSTOMERS, seed: 0 });
    expect(e.popularity?.hit_rate_margin).toBeCloseTo(hitRateMargin(part.methods.popularity.hit_rate, CAP), 4);
    const plain = recommendationsReport(3, { summary: { method: 'category' }, sample: [] }, null, full).evaluation as Record<string, Record<string, unknown>>;
    expect(plain.sample).toBeUndefined();
    expect(plain.popularity).toEqual({ hit_rate: expect.any(Number), precision: expect.any(Number) });
  });
});
