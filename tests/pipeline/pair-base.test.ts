// The shared pair counts (src/pipeline/pair-base.ts) must give exactly what counting pairs
// directly gives: the reference here is the direct count (src/sql/pairs.ts without `base`,
// and the same count run on the evaluation's training table), which the pandas reference
// tests of pairs and recommendations already pin to independent figures. Random baskets
// (fast-check) include anonymous lines, a tx_id shared by two customers, service lines,
// NULL products and filters.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { literal } from '../../src/sql/ident';
import { pairBaseSql, pairsSql } from '../../src/sql/pairs';
import { evalCleanupSql, evalTables, holdoutSql, trainPairBaseSql } from '../../src/sql/recommend-eval';
import { dropPairBases, ensurePairBase } from '../../src/pipeline/pair-base';
import { toRows } from '../../src/engine/rows';
import { openTestDb, type TestDb } from '../helpers/duckdb';

interface Line {
  customer: string | null;
  tx: number;
  day: number;
  product: string | null;
  category: string;
}

const PRODUCTS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'POSTAGE', null];
const lineArb = fc.record({
  customer: fc.option(fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6'), { freq: 8 }),
  tx: fc.integer({ min: 1, max: 30 }),
  day: fc.integer({ min: 1, max: 28 }),
  product: fc.constantFrom(...PRODUCTS),
  category: fc.constantFrom('x', 'y'),
});

async function loadSales(db: TestDb, lines: Line[]): Promise<void> {
  const values = lines
    .map((l) => `(${l.customer === null ? 'NULL' : literal(l.customer)}, ${literal(`T${l.tx}`)}, TIMESTAMP '2024-01-01' + INTERVAL ${l.day} DAY + INTERVAL ${l.tx} MINUTE, 1.5, 1, ${l.product === null ? 'NULL' : literal(l.product)}, ${literal(l.category)}, ${literal(l.category === 'x' ? 'UK' : 'FR')})`)
    .join(',\n');
  await db.exec(`CREATE OR REPLACE TABLE sales (customer_id VARCHAR, tx_id VARCHAR, ts TIMESTAMP, amount DOUBLE, quantity DOUBLE, product VARCHAR, category VARCHAR, country VARCHAR);
INSERT INTO sales VALUES ${values}`);
}

const sorted = (rows: Record<string, unknown>[]): string[] => rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))).sort();

describe('shared pair counts equal a direct count', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());

  it('pairs view: any thresholds at or above the base least count, any filter', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { minLength: 5, maxLength: 120 }), fc.constantFrom(1, 2, 3), fc.constantFrom(0, 0.05, 0.2), fc.constantFrom('TRUE', "country = 'UK'"), async (lines, minCount, minSupport, where) => {
        await loadSales(db, lines);
        await dropPairBases(db);
        const base = await ensurePairBase(db, where, 1);
        const direct = toRows(await db.query(pairsSql({ minCount, minSupport, where, limit: 10_000 })));
        const shared = toRows(await db.query(pairsSql({ minCount, minSupport, where, limit: 10_000, base })));
        expect(sorted(shared)).toEqual(sorted(direct));
      }),
      { numRuns: 40, seed: 20261206 },
    );
  });

  it('evaluation: training counts derived from the full counts equal counting the training table', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { minLength: 5, maxLength: 150 }), fc.constantFrom('TRUE', "country = 'UK'"), async (lines, where) => {
        // a tx_id shared by two customers: the hidden one's basket keeps the other's lines in training
        await loadSales(db, [...lines, { customer: 'c1', tx: 99, day: 27, product: 'A', category: 'x' }, { customer: 'c2', tx: 99, day: 27, product: 'B', category: 'x' }, { customer: 'c1', tx: 98, day: 2, product: 'C', category: 'x' }]);
        await dropPairBases(db);
        const full = await ensurePairBase(db, where, 1);
        const t = evalTables('prop');
        await db.exec(holdoutSql(t, { where }));
        await db.exec(trainPairBaseSql(t, full, { where }));
        const direct = { products: 'direct_products', counts: 'direct_counts', baskets: 'direct_baskets' };
        await db.exec(pairBaseSql(direct, { minCount: 1, source: t.train, temp: true }));
        const named = (b: typeof direct) =>
          `SELECT ka.product AS a, kb.product AS b, c.cnt FROM ${b.counts} c JOIN ${b.products} ka ON ka.pid = c.pa JOIN ${b.products} kb ON kb.pid = c.pb WHERE c.cnt >= 1`;
        expect(sorted(toRows(await db.query(named(t.pairs))))).toEqual(sorted(toRows(await db.query(named(direct)))));
        expect(sorted(toRows(await db.query(`SELECT product, cnt FROM ${t.pairs.products} WHERE cnt >= 1`)))).toEqual(sorted(toRows(await db.query(`SELECT product, cnt FROM ${direct.products}`))));
        expect(Number(toRows(await db.query(`SELECT baskets FROM ${t.pairs.baskets}`))[0]?.baskets)).toBe(Number(toRows(await db.query(`SELECT baskets FROM ${direct.baskets}`))[0]?.baskets));
        await db.exec(evalCleanupSql(t));
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});

describe('reuse and invalidation', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
    await loadSales(db, [
      { customer: 'c1', tx: 1, day: 1, product: 'A', category: 'x' },
      { customer: 'c1', tx: 1, day: 1, product: 'B', category: 'x' },
      { customer: 'c2', tx: 2, day: 2, product: 'A', category: 'y' },
      { customer: 'c2', tx: 2, day: 2, product: 'B', category: 'y' },
    ]);
  });
  afterAll(() => db.close());
  const sets = async (): Promise<number> => Number(toRows(await db.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'pair_base_%_counts'`))[0]?.n);

  it('one build per filter, shared by concurrent callers, reused for a larger least count', async () => {
    await dropPairBases(db);
    const [a, b] = await Promise.all([ensurePairBase(db, 'TRUE', 2), ensurePairBase(db, 'TRUE', 2)]);
    expect(a).toEqual(b);
    expect(await sets()).toBe(1);
    await ensurePairBase(db, 'TRUE', 5); // built with 2: serves 5
    expect(await sets()).toBe(1);
    await ensurePairBase(db, 'TRUE', 1); // needs a lower least count: rebuilt under the same names
    expect(await sets()).toBe(1);
    expect(Number(toRows(await db.query(`SELECT min_count FROM pair_base_meta`))[0]?.min_count)).toBe(1);
  });

  it('keeps the two newest filters; a label table change is a new key', async () => {
    await dropPairBases(db);
    await ensurePairBase(db, "country = 'UK'");
    await ensurePairBase(db, "country = 'FR'");
    await ensurePairBase(db, 'TRUE');
    expect(await sets()).toBe(2);
    await db.exec(`CREATE OR REPLACE TABLE rule_segments AS SELECT 'c1' AS customer_id, 'Champion' AS segment`);
    const where = `customer_id IN (SELECT customer_id FROM rule_segments WHERE segment IN ('Champion'))`;
    const first = await ensurePairBase(db, where);
    await db.exec(`CREATE OR REPLACE TABLE rule_segments AS SELECT 'c2' AS customer_id, 'Champion' AS segment`);
    const second = await ensurePairBase(db, where);
    expect(second).not.toEqual(first);
  });

  it('dropPairBases removes every set and the meta table', async () => {
    await ensurePairBase(db, 'TRUE');
    await dropPairBases(db);
    expect(await sets()).toBe(0);
    expect(Number(toRows(await db.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'pair_base%'`))[0]?.n)).toBe(0);
  });
});
