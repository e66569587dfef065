// Breakdowns on the hand-made shop and customer-level file (tests/fixtures/metrics/shop.ts), figures by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows, type Row } from '../../src/engine/rows';
import { ageGroupsSql, categoricalSummarySql, histogramSql, leaderboardSql, leaderboardsSql, scatterSql } from '../../src/sql/breakdowns';
import { customersTableSql } from '../../src/sql/customers';
import { metricsSuite } from '../../src/sql/metrics-suite';
import { loadPeople, loadShop, loadTable } from '../fixtures/metrics/shop';
import { openTestDb, type TestDb } from '../helpers/duckdb';

describe('breakdowns SQL', () => {
  let db: TestDb;
  const rows = async (sql: string): Promise<Row[]> => toRows(await db.query(sql));
  const bins = async (sql: string): Promise<number[][]> => (await rows(sql)).map((r) => [Number(r.bin_start), Number(r.bin_end), Number(r.count)]);
  beforeAll(async () => {
    db = await openTestDb();
    await loadShop(db);
  });
  afterAll(() => db.close());

  describe('on the shop', () => {
    it('ranks labels by revenue or by lines, with shares of all revenue', async () => {
      // Toys 10 + 20 + 100 (T1, T2, T9; A, C) · Books 30 + 15 + 20 + 5 (T1, T5, T3, T7; A, B) · Garden 15 + 25 + 25 (T4, T6, T8; B, D)
      expect(await rows(leaderboardSql({ column: 'category' }))).toEqual([
        { label: 'Toys', revenue: 130, lines: 3, transactions: 3, customers: 2, share_revenue: 130 / 265, items: 3 },
        { label: 'Books', revenue: 70, lines: 4, transactions: 4, customers: 2, share_revenue: 70 / 265, items: 5 },
        { label: 'Garden', revenue: 65, lines: 3, transactions: 3, customers: 2, share_revenue: 65 / 265, items: 3 },
      ]);
      // by lines: Books 4; Toys and Garden 3 each → Toys first on revenue
      expect((await rows(leaderboardSql({ column: 'category', by: 'count' }))).map((r) => r.label)).toEqual(['Books', 'Toys', 'Garden']);
      // the share is of all revenue, not of the top n
      expect(await rows(leaderboardSql({ column: 'category', n: 1 }))).toMatchObject([{ label: 'Toys', share_revenue: 130 / 265 }]);
      // UK: A 80 + D 50; DE: C 100; FR: B 30; T7 has no country
      expect((await rows(leaderboardSql({ column: 'country' }))).map((r) => [r.label, r.revenue])).toEqual([
        ['UK', 130],
        ['DE', 100],
        ['FR', 30],
        ['(missing)', 5],
      ]);
      expect(await rows(leaderboardSql({ column: 'region' }))).toMatchObject([{ label: '(missing)', revenue: 265, lines: 10, share_revenue: 1 }]);
      expect((await rows(leaderboardSql({ column: 'category', where: `country = 'UK'` }))).map((r) => [r.label, r.revenue, r.share_revenue])).toEqual([
        ['Books', 50, 50 / 130],
        ['Garden', 50, 50 / 130],
        ['Toys', 30, 30 / 130],
      ]);
      expect(() => leaderboardSql({ column: 'Customer ID' })).toThrow(/invalid sales column/);
    });

    it('gives every board in one statement exactly the rows of its own statement (rank, ranking, n, filter, missing labels, the product board without service lines)', async () => {
      const boards = [
        { column: 'category', by: 'revenue' as const, n: 12 },
        { column: 'country', by: 'count' as const, n: 2 },
        { column: 'product', by: 'revenue' as const, n: 15 },
        { column: 'region', by: 'revenue' as const, n: 12 },
        { column: 'country', by: 'revenue' as const, n: 12 },
      ];
      for (const where of ['TRUE', `country = 'UK'`, `category IN ('Toys', 'Books')`, 'FALSE']) {
        const all = await rows(leaderboardsSql(boards, where));
        for (const [i, b] of boards.entries()) {
          const mine = all.filter((r) => r.board === i).sort((x, y) => Number(x.rank) - Number(y.rank));
          expect(mine.map((r) => r.rank), `${where} ${b.column}`).toEqual(mine.map((_, k) => k + 1));
          expect(mine.map(({ board: _b, rank: _r, ...rest }) => rest), `${where} ${b.column} ${b.by}`).toEqual(await rows(leaderboardSql({ ...b, where })));
        }
      }
      expect(() => leaderboardsSql([])).toThrow(/no boards/);
      expect(() => leaderboardsSql([{ column: 'Customer ID' }])).toThrow(/invalid sales column/);
    });

    it('quotes extra column names', async () => {
      const sql = leaderboardSql({ column: 'x_odd"name' });
      expect(sql).toContain('"x_odd""name"');
      await loadTable(db, 'sales', 'tx_id, amount, "x_odd""name"', `('a', 1, 'p'), ('b', 2, 'q'), ('c', 4, 'q')`, '"x_odd""name" VARCHAR');
      expect((await rows(sql)).map((r) => [r.label, r.revenue])).toEqual([
        ['q', 6],
        ['p', 1],
      ]);
      expect((await rows(categoricalSummarySql({ columns: ['x_odd"name'] }))).map((r) => [r.column, r.label, r.count])).toEqual([
        ['x_odd"name', 'q', 2],
        ['x_odd"name', 'p', 1],
      ]);
      await loadShop(db);
    });

    it('gives one visible bin for a constant column and none for no values', async () => {
      // D's two lines are both 25
      expect(await bins(histogramSql({ column: 'amount', where: `customer_id = 'D'` }))).toEqual([[24.5, 25.5, 2]]);
      expect(await rows(histogramSql({ column: 'amount', where: 'false' }))).toEqual([]);
      expect(await rows(histogramSql({ column: 'age' }))).toEqual([]);
    });

    it('gives every customer with both values one point (their mean over lines)', async () => {
      // A: amounts 10, 30, 20, 20 → 20; quantities 1, 2, 1, 1 → 1.25. C has no quantity → left out.
      expect(await rows(scatterSql({ x: 'amount', y: 'quantity' }))).toEqual([
        { x: 20, y: 1.25, customer_id: 'A' },
        { x: 15, y: 1, customer_id: 'B' },
        { x: 25, y: 1, customer_id: 'D' },
      ]);
      await db.exec(customersTableSql());
      expect(await rows(scatterSql({ x: 'spend', y: 'visits', from: 'customers' }))).toEqual([
        { x: 80, y: 3, customer_id: 'A' },
        { x: 30, y: 2, customer_id: 'B' },
        { x: 100, y: 1, customer_id: 'C' },
        { x: 50, y: 2, customer_id: 'D' },
      ]);
    });

    it('puts customers without an age in (missing), keeping the adult groups', async () => {
      expect((await rows(ageGroupsSql())).map((r) => [r.age_group, r.customers, r.revenue])).toEqual([
        ['18–24', 0, 0],
        ['25–34', 0, 0],
        ['35–44', 0, 0],
        ['45–54', 0, 0],
        ['55–64', 0, 0],
        ['65+', 0, 0],
        ['(missing)', 4, 260],
      ]);
    });
  });

  describe('on a customer-level file', () => {
    beforeAll(async () => {
      await loadPeople(db);
    });
    afterAll(async () => {
      await loadShop(db);
    });

    it('bins equal widths from min to max, interior edges going up, the maximum in the last bin', async () => {
      // ages 17, 18, 24, 25, 64.9, 65 (K none), 4 bins of (65 − 17) / 4 = 12: [17, 29) [29, 41) [41, 53) [53, 65]
      expect(await bins(histogramSql({ column: 'age', bins: 4 }))).toEqual([
        [17, 29, 4],
        [29, 41, 0],
        [41, 53, 0],
        [53, 65, 2],
      ]);
      // whole-number data get whole 1-2-5 widths from a multiple of the width (a bin count of
      // 3 asks for ≥ 61 / 3 = 20.3 a bin → 50): incomes 10, 20, …, 70 → [0, 50) 4, [50, 100) 3
      expect(await bins(histogramSql({ column: 'income', bins: 3 }))).toEqual([
        [0, 50, 4],
        [50, 100, 3],
      ]);
      // 6 bins → ≥ 10.2 a bin → 20: [0, 20) 10 · [20, 40) 20, 30 · [40, 60) 40, 50 · [60, 80) 60, 70
      expect(await bins(histogramSql({ column: 'income', bins: 6 }))).toEqual([
        [0, 20, 1],
        [20, 40, 2],
        [40, 60, 2],
        [60, 80, 2],
      ]);
      // from the customers table: spend 5 … 35 (whole), 3 bins → ≥ 10.3 a bin → 20: 5, 10, 15 | 20, 25, 30, 35
      await db.exec(customersTableSql());
      expect(await bins(histogramSql({ column: 'spend', bins: 3, from: 'customers' }))).toEqual([
        [0, 20, 3],
        [20, 40, 4],
      ]);
      expect(() => histogramSql({ column: 'income', bins: 0 })).toThrow(/invalid bins/);
    });

    it('groups ages, listing <18 and (missing) only when present', async () => {
      // E 17 (5) · F 18 (10), G 24 (15) · H 25 (20) · I 64.9 (25) · J 65 (30) · K none (35)
      expect((await rows(ageGroupsSql())).map((r) => [r.age_group, r.customers, r.revenue, r.ord])).toEqual([
        ['<18', 1, 5, 0],
        ['18–24', 2, 25, 1],
        ['25–34', 1, 20, 2],
        ['35–44', 0, 0, 3],
        ['45–54', 0, 0, 4],
        ['55–64', 1, 25, 5],
        ['65+', 1, 30, 6],
        ['(missing)', 1, 35, 7],
      ]);
    });

    it('samples scatter points deterministically down to the limit', async () => {
      const all = await rows(scatterSql({ x: 'income', y: 'score' }));
      expect(all.map((r) => [r.customer_id, r.x, r.y])).toEqual([
        ['E', 10, 90],
        ['F', 20, 80],
        ['G', 30, 70],
        ['H', 40, 60],
        ['I', 50, 50],
        ['J', 60, 40],
        ['K', 70, 30],
      ]);
      // K has no age → 6 points
      expect(await rows(scatterSql({ x: 'age', y: 'score' }))).toHaveLength(6);
      const three = await rows(scatterSql({ x: 'income', y: 'score', limit: 3 }));
      expect(three).toHaveLength(3);
      expect(await rows(scatterSql({ x: 'income', y: 'score', limit: 3 }))).toEqual(three);
      expect(three.every((p) => all.some((q) => q.customer_id === p.customer_id && q.x === p.x && q.y === p.y))).toBe(true);
    });

    it('counts the labels of every categorical column', async () => {
      // gender: F = E, G, H, K (5 + 15 + 20 + 35) · M = F, I (10 + 25) · J none (30)
      // x_member: gold = E, G, I, K (5 + 15 + 25 + 35) · silver = H, J (20 + 30) · F none (10)
      expect((await rows(categoricalSummarySql({ columns: ['gender', 'x_member'] }))).map((r) => [r.column, r.label, r.count, r.revenue, r.share])).toEqual([
        ['gender', 'F', 4, 75, 4 / 7],
        ['gender', 'M', 2, 35, 2 / 7],
        ['gender', '(missing)', 1, 30, 1 / 7],
        ['x_member', 'gold', 4, 80, 4 / 7],
        ['x_member', 'silver', 2, 50, 2 / 7],
        ['x_member', '(missing)', 1, 10, 1 / 7],
      ]);
      expect(await rows(categoricalSummarySql({ columns: [] }))).toEqual([]);
      expect((await rows(categoricalSummarySql({ columns: ['gender'], where: 'score >= 60' }))).map((r) => [r.label, r.count])).toEqual([
        ['F', 3],
        ['M', 1],
      ]);
    });
  });

  describe('metricsSuite', () => {
    const runAll = async (suite: { id: string; sql: string }[]): Promise<Record<string, number>> => {
      const counts: Record<string, number> = {};
      for (const q of suite) counts[q.id] = (await rows(q.sql)).length;
      return counts;
    };

    it('runs every query on a transaction file', async () => {
      await loadShop(db);
      const counts = await runAll(metricsSuite({ hasDates: true, hasTimes: true, hasCustomers: true, hasCategory: true, hasProduct: true, dimensions: ['country'] }));
      expect(counts).toMatchObject({ 'series-day': 69, 'series-week': 10, 'hour-heatmap': 168, 'cohort-retention': 4, 'leaderboard-category-count': 3 });
      expect(Object.keys(counts)[0]).toBe('customers-table');
      // the customers statement (several, the last dropping its temporary tables) built the table
      expect(Number((await rows('SELECT count(*) AS n FROM customers'))[0]?.n)).toBeGreaterThan(0);
      expect(await rows(`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '__customer%'`)).toEqual([]);
    });

    it('runs every query on a customer-level file without dates', async () => {
      await loadPeople(db);
      const suite = metricsSuite({ hasDates: false, hasTimes: false, hasCustomers: true, hasCategory: false, hasProduct: false, dimensions: ['gender', 'x_member'], attributes: ['age', 'income', 'score'] });
      expect(suite.some((q) => q.id.startsWith('series-') || q.id === 'cohort-retention')).toBe(false);
      const counts = await runAll(suite);
      expect(counts).toMatchObject({ 'age-groups': 8, 'histogram-age': 20, 'scatter-income-score': 7, 'categorical-summary': 6 });
      // the customers table carried the attributes named in the context
      expect(await rows(`SELECT age, gender, income FROM customers WHERE customer_id = 'E'`)).toEqual([{ age: 17, gender: 'F', income: 10 }]);
      await loadShop(db);
    });
  });
});

describe('histogram with a clipped tail', () => {
  it('leaves out values above the quantile and says how many', async () => {
    const { openTestDb } = await import('../helpers/duckdb');
    const { histogramSql } = await import('../../src/sql/breakdowns');
    const { toRows } = await import('../../src/engine/rows');
    const db = await openTestDb();
    // spends 1..99 and one 10,000 (100 values): the linear 0.99 quantile sits at position
    // 99 × 0.99 = 98.01, between 99 and 10,000: 99 + 0.01 × 9,901 = 198.01. Only 10,000 lies above.
    await db.exec(`CREATE TABLE customers AS SELECT range::DOUBLE AS spend FROM range(1, 100) UNION ALL SELECT 10000`);
    const rows = toRows(await db.query(histogramSql({ column: 'spend', from: 'customers', bins: 10, clipQuantile: 0.99 })));
    // whole numbers 1..99 in bins of 10 from 0: [0, 10) holds 1..9, the rest 10 each
    expect(rows).toHaveLength(10);
    expect(rows.reduce((s, r) => s + Number(r.count), 0)).toBe(99);
    expect(rows[0]?.clipped).toBe(1);
    expect(rows[0]?.cut).toBeCloseTo(198.01, 9);
    expect(rows.map((r) => Number(r.count))).toEqual([9, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
    expect(rows[9]?.bin_end).toBe(100);
    db.close();
  });
});

describe('histogram of whole numbers', () => {
  it('puts the same number of whole values in every inner bin (no bin-width sawtooth)', async () => {
    const { openTestDb } = await import('../helpers/duckdb');
    const { histogramSql } = await import('../../src/sql/breakdowns');
    const { toRows } = await import('../../src/engine/rows');
    const db = await openTestDb();
    // one customer per age 18..70: 53 values in 20 equal widths of 2.6 held 2 or 3 ages each
    // (a sawtooth); whole bins of 5 from 15 hold 2 (18, 19), then 5 each, then 1 (70)
    await db.exec(`CREATE TABLE customers AS SELECT range::DOUBLE AS age FROM range(18, 71)`);
    const rows = toRows(await db.query(histogramSql({ column: 'age', from: 'customers' })));
    expect(rows.map((r) => [Number(r.bin_start), Number(r.bin_end)])[0]).toEqual([15, 20]);
    expect(rows.map((r) => Number(r.count))).toEqual([2, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 1]);
    for (const r of rows) expect(Number.isInteger(Number(r.bin_start)) && Number.isInteger(Number(r.bin_end))).toBe(true);
    // a fractional value anywhere keeps equal widths over min..max
    await db.exec(`INSERT INTO customers VALUES (40.5)`);
    const cont = toRows(await db.query(histogramSql({ column: 'age', from: 'customers', bins: 4 })));
    expect(cont.map((r) => [Number(r.bin_start), Number(r.bin_end)])).toEqual([[18, 31], [31, 44], [44, 57], [57, 70]]);
    db.close();
  });
});
