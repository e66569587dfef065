// RFM scores and segments on hand-made customers tables (tests/fixtures/segments/customers.ts,
// every expected score worked out there by hand) and on UCI Online Retail against pandas
// with ntile reproduced exactly (scripts/reference/segments_uci.py).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows, type Row } from '../../src/engine/rows';
import { RFM_SEGMENTS, rfmGridSql, rfmSegmentOf, rfmSql, rfmSummarySql, rfmSupported } from '../../src/sql/rfm';
import { loadCustomers, RFM_GRID, TIES } from '../fixtures/segments/customers';
import { loadUciCustomers } from '../fixtures/segments/uci';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const NAMES = ['Champions', 'Loyal', 'Potential Loyalist', 'New', 'Promising', 'Need Attention', 'About to Sleep', 'At Risk', "Can't Lose Them", 'Hibernating', 'Lost'];

// The regex map of the usual RFM tutorials over the two-digit "RF" string, Lost carved
// out of the Hibernating corner first (the choice documented in src/sql/rfm.ts).
const TUTORIAL_MAP: [RegExp, string][] = [
  [/^11$/, 'Lost'],
  [/^[1-2][1-2]$/, 'Hibernating'],
  [/^[1-2][3-4]$/, 'At Risk'],
  [/^[1-2]5$/, "Can't Lose Them"],
  [/^3[1-2]$/, 'About to Sleep'],
  [/^33$/, 'Need Attention'],
  [/^[3-4][4-5]$/, 'Loyal'],
  [/^41$/, 'Promising'],
  [/^51$/, 'New'],
  [/^[4-5][2-3]$/, 'Potential Loyalist'],
  [/^5[4-5]$/, 'Champions'],
];

describe('RFM SQL', () => {
  let db: TestDb;
  const rows = async (sql: string): Promise<Row[]> => toRows(await db.query(sql));
  const scores = async (): Promise<string[][]> => (await rows('SELECT customer_id, rfm_score, segment FROM rfm ORDER BY customer_id')).map((r) => [String(r.customer_id), String(r.rfm_score), String(r.segment)]);
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());

  it('maps every R×F cell to exactly one of the eleven segments, as the tutorial grid does', () => {
    expect(RFM_SEGMENTS.map((s) => s.name)).toEqual(NAMES);
    const cells = RFM_SEGMENTS.flatMap((s) => s.cells).sort((a, b) => a - b);
    expect(cells).toEqual([1, 2, 3, 4, 5].flatMap((r) => [1, 2, 3, 4, 5].map((f) => 10 * r + f)));
    for (let r = 1; r <= 5; r++) {
      for (let f = 1; f <= 5; f++) {
        const expected = TUTORIAL_MAP.find(([re]) => re.test(`${r}${f}`))?.[1];
        expect(rfmSegmentOf(r, f), `R${r} F${f}`).toBe(expected);
      }
    }
    expect(rfmSegmentOf(null, 3)).toBeNull();
    expect(rfmSegmentOf(6, 1)).toBeNull();
    for (const s of RFM_SEGMENTS) {
      expect(s.rule).toMatch(/^R [1-5]/);
      expect(s.description.length).toBeGreaterThan(10);
      expect(s.action.length).toBeGreaterThan(10);
      expect(s.colour).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it('scores by quintile: recent, frequent and big spenders get 5', async () => {
    await loadCustomers(db, RFM_GRID);
    const sql = rfmSql();
    expect(sql).toMatch(/^CREATE OR REPLACE TABLE rfm AS/);
    expect(sql).toContain('ntile(5) OVER (PARTITION BY recency_days IS NULL ORDER BY recency_days DESC, customer_id)');
    await db.exec(sql);
    const all = await rows('SELECT * FROM rfm ORDER BY customer_id');
    expect(Object.keys(all[0] ?? {})).toEqual(['customer_id', 'recency_days', 'visits', 'spend', 'r', 'f', 'm', 'rfm_score', 'segment']);
    expect(all[0]).toEqual({ customer_id: 'R1F1', recency_days: 41, visits: 11, spend: 211, r: 1, f: 1, m: 3, rfm_score: '113', segment: 'Lost' });
    // the table of tests/fixtures/segments/customers.ts, row by row
    expect(await scores()).toEqual([
      ['R1F1', '113', 'Lost'],
      ['R1F2', '124', 'Hibernating'],
      ['R1F3', '135', 'At Risk'],
      ['R1F4', '141', 'At Risk'],
      ['R1F5', '152', "Can't Lose Them"],
      ['R2F1', '214', 'Hibernating'],
      ['R2F2', '225', 'Hibernating'],
      ['R2F3', '231', 'At Risk'],
      ['R2F4', '242', 'At Risk'],
      ['R2F5', '253', "Can't Lose Them"],
      ['R3F1', '315', 'About to Sleep'],
      ['R3F2', '321', 'About to Sleep'],
      ['R3F3', '332', 'Need Attention'],
      ['R3F4', '343', 'Loyal'],
      ['R3F5', '354', 'Loyal'],
      ['R4F1', '411', 'Promising'],
      ['R4F2', '422', 'Potential Loyalist'],
      ['R4F3', '433', 'Potential Loyalist'],
      ['R4F4', '444', 'Loyal'],
      ['R4F5', '455', 'Loyal'],
      ['R5F1', '512', 'New'],
      ['R5F2', '523', 'Potential Loyalist'],
      ['R5F3', '534', 'Potential Loyalist'],
      ['R5F4', '545', 'Champions'],
      ['R5F5', '551', 'Champions'],
    ]);
  });

  it('summarises all eleven segments in order', async () => {
    const s = await rows(rfmSummarySql());
    // cells per segment in the grid: Champions 54 55, Loyal 34 35 44 45, Potential Loyalist 42 43 52 53, …
    expect(s.map((r) => [r.segment, r.customers, r.ord])).toEqual(NAMES.map((n, i) => [n, [2, 4, 4, 1, 1, 1, 2, 4, 2, 3, 1][i], i]));
    // total spend: hundreds 100 × (0+1+2+3+4) × 5 = 5,000, tens 10 × 15 × 5 = 750, units 15 × 5 = 75 → 5,825
    // Champions R5F4 (recency 4, visits 45, spend 454) and R5F5 (5, 55, 55)
    expect(s[0]).toMatchObject({ share_customers: 2 / 25, revenue: 509, mean_recency: 4.5, mean_visits: 50, mean_spend: 254.5, rule: 'R 5 and F 4–5' });
    expect(s[0]?.share_revenue).toBeCloseTo(509 / 5825, 12);
    // Lost: R1F1 alone (41, 11, 211); Hibernating R1F2 312 + R2F1 321 + R2F2 422 = 1,055
    expect(s[10]).toMatchObject({ segment: 'Lost', customers: 1, revenue: 211, mean_recency: 41, mean_visits: 11 });
    expect(s[9]).toMatchObject({ segment: 'Hibernating', revenue: 1055, mean_recency: (42 + 31 + 32) / 3 });
    expect(s.map((r) => r.description)).toEqual(RFM_SEGMENTS.map((x) => x.description));
    expect(s.map((r) => r.action)).toEqual(RFM_SEGMENTS.map((x) => x.action));
    expect(s.reduce((a, r) => a + Number(r.share_customers), 0)).toBeCloseTo(1, 12);
  });

  it('lays out the 5×5 grid with every cell', async () => {
    const g = await rows(rfmGridSql());
    expect(g).toHaveLength(25);
    expect(g[0]).toEqual({ r: 1, f: 1, customers: 1, revenue: 211, segment: 'Lost' });
    expect(g[24]).toEqual({ r: 5, f: 5, customers: 1, revenue: 55, segment: 'Champions' });
    expect(g.map((c) => c.segment)).toEqual(g.map((c) => rfmSegmentOf(Number(c.r), Number(c.f))));
    // cell (i, j) holds customer RiFj, spend 100 × ((i + j) mod 5) + 10i + j
    expect(g.map((c) => c.revenue)).toEqual(g.map((c) => 100 * ((Number(c.r) + Number(c.f)) % 5) + 10 * Number(c.r) + Number(c.f)));
    // a grid with empty cells: only the two Champions left
    await loadCustomers(db, RFM_GRID.filter(([id]) => id === 'R5F4' || id === 'R5F5'));
    await db.exec(rfmSql());
    const sparse = await rows(rfmGridSql());
    expect(sparse).toHaveLength(25);
    // two customers: ntile gives scores 1 and 2 only. R5F5 (recency 5, visits 55, spend 55) is the
    // older one → R 1, F 2, M 1; R5F4 (recency 4, visits 45, spend 454) → R 2, F 1, M 2
    expect(sparse.filter((c) => Number(c.customers) > 0).map((c) => [c.r, c.f, c.customers, c.revenue, c.segment])).toEqual([
      [1, 2, 1, 55, 'Hibernating'],
      [2, 1, 1, 454, 'Hibernating'],
    ]);
    expect(sparse.find((c) => c.r === 5 && c.f === 5)).toMatchObject({ customers: 0, revenue: 0, segment: 'Champions' });
  });

  it('splits identical customers by customer_id, the same way every time', async () => {
    await loadCustomers(db, TIES);
    await db.exec(rfmSql());
    // 7 = 5 + 2: scores hold 2, 2, 1, 1, 1 customers in id order (see the fixture)
    const expected = [
      ['a', '111', 'Lost'],
      ['b', '111', 'Lost'],
      ['c', '222', 'Hibernating'],
      ['d', '222', 'Hibernating'],
      ['e', '333', 'Need Attention'],
      ['f', '444', 'Loyal'],
      ['g', '555', 'Champions'],
    ];
    expect(await scores()).toEqual(expected);
    // the same customers in the reverse order, and a rerun: identical scores
    await loadCustomers(db, [...TIES].reverse());
    await db.exec(rfmSql());
    expect(await scores()).toEqual(expected);
    await db.exec(rfmSql());
    expect(await scores()).toEqual(expected);
  });

  it('scores 1..n with fewer than five customers', async () => {
    // recency 30, 20, 10 → R 1, 2, 3; visits 1, 2, 3 → F 1, 2, 3; spend 5, 3, 4 → M 3, 1, 2
    await loadCustomers(db, [
      ['x', 1, 5, 30],
      ['y', 2, 3, 20],
      ['z', 3, 4, 10],
    ]);
    await db.exec(rfmSql());
    expect(await scores()).toEqual([
      ['x', '113', 'Lost'],
      ['y', '221', 'Hibernating'],
      ['z', '332', 'Need Attention'],
    ]);
  });

  it('gives NULL recency scores and segments without dates, and empty summaries', async () => {
    expect(rfmSupported({ hasDates: false, hasCustomers: true })).toBe(false);
    expect(rfmSupported({ hasDates: true, hasCustomers: false })).toBe(false);
    expect(rfmSupported({ hasDates: true, hasCustomers: true })).toBe(true);
    // a customer-level file: no dates, one visit each; F and M are still scored
    await loadCustomers(db, [
      ['p', 1, 10, null],
      ['q', 1, 20, null],
    ]);
    await db.exec(rfmSql());
    expect(await rows('SELECT customer_id, r, f, m, rfm_score, segment FROM rfm ORDER BY customer_id')).toEqual([
      { customer_id: 'p', r: null, f: 1, m: 1, rfm_score: null, segment: null },
      { customer_id: 'q', r: null, f: 2, m: 2, rfm_score: null, segment: null },
    ]);
    const s = await rows(rfmSummarySql());
    expect(s.map((r) => [r.segment, r.customers, r.share_customers, r.revenue, r.share_revenue, r.mean_spend])).toEqual(NAMES.map((n) => [n, 0, null, 0, null, null]));
    const g = await rows(rfmGridSql());
    expect(g).toHaveLength(25);
    expect(g.every((c) => c.customers === 0 && c.revenue === 0)).toBe(true);
    // a no-amount file with dates: M is NULL, so no rfm_score, but the R×F segment stands
    await loadCustomers(db, [
      ['p', 1, null, 3],
      ['q', 2, null, 1],
    ]);
    await db.exec(rfmSql());
    expect(await rows('SELECT customer_id, r, f, m, rfm_score, segment FROM rfm ORDER BY customer_id')).toEqual([
      { customer_id: 'p', r: 1, f: 1, m: null, rfm_score: null, segment: 'Lost' },
      { customer_id: 'q', r: 2, f: 2, m: null, rfm_score: null, segment: 'Hibernating' },
    ]);
  });
});

describe('RFM on UCI Online Retail (pandas with ntile reproduced: scripts/reference/segments_uci.py)', () => {
  let db: TestDb;
  const rows = async (sql: string): Promise<Row[]> => toRows(await db.query(sql));
  beforeAll(async () => {
    db = await openTestDb();
    await loadUciCustomers(db);
    await db.exec(rfmSql());
  });
  afterAll(() => db.close());

  it('fills the quintiles as ntile does: 4,327 = 5 × 865 + 2', async () => {
    for (const score of ['r', 'f', 'm']) {
      const sizes = await rows(`SELECT ${score} AS s, count(*) AS n FROM rfm GROUP BY 1 ORDER BY 1`);
      expect(sizes.map((x) => x.n)).toEqual([866, 866, 865, 865, 865]);
    }
  });

  it('counts every segment exactly as pandas does', async () => {
    const s = await rows(rfmSummarySql());
    expect(s.map((r) => [r.segment, r.customers])).toEqual([
      ['Champions', 628],
      ['Loyal', 815],
      ['Potential Loyalist', 483],
      ['New', 41],
      ['Promising', 93],
      ['Need Attention', 186],
      ['About to Sleep', 349],
      ['At Risk', 593],
      ["Can't Lose Them", 64],
      ['Hibernating', 709],
      ['Lost', 366],
    ]);
    const revenue = [4_212_535.41, 2_284_943.28, 330_124.91, 15_851.08, 27_379.03, 154_984.23, 161_217.58, 601_050.28, 177_642.29, 329_072.1, 119_413.55];
    const recency = [5.359873, 32.584049, 16.225673, 6.414634, 22.322581, 51.155914, 51.859599, 151.957841, 132.65625, 185.019746, 277.587432];
    const visits = [12.383758, 6.433129, 2.010352, 1, 1, 2.322581, 1.160458, 2.863406, 8.265625, 1.155148, 1];
    s.forEach((r, i) => {
      expect(r.revenue, String(r.segment)).toBeCloseTo(revenue[i] ?? NaN, 2);
      expect(r.mean_recency, String(r.segment)).toBeCloseTo(recency[i] ?? NaN, 6);
      expect(r.mean_visits, String(r.segment)).toBeCloseTo(visits[i] ?? NaN, 6);
    });
  });

  it('scores known customers and the corners as pandas does', async () => {
    const c = Object.fromEntries(
      (await rows(`SELECT customer_id, rfm_score, segment FROM rfm WHERE customer_id IN ('12346', '12347', '14646', '16446', '18102')`)).map((r) => [r.customer_id, [r.rfm_score, r.segment]]),
    );
    // 12346 cancelled its one order (77,183.60) the same day: no net purchase, no RFM row;
    // 16446 bought 168,472.50 and returned all but 2.90 → M 1 (it scored M 5 on gross)
    expect(c).toEqual({ '12347': ['555', 'Champions'], '14646': ['555', 'Champions'], '16446': ['121', 'Hibernating'], '18102': ['555', 'Champions'] });
    expect(await rows(`SELECT count(*) FILTER (WHERE rfm_score = '555') AS top, count(*) FILTER (WHERE rfm_score = '111') AS bottom FROM rfm`)).toEqual([{ top: 344, bottom: 189 }]);
    const grid = await rows(rfmGridSql());
    expect(grid.reduce((a, g) => a + Number(g.customers), 0)).toBe(4_327);
  });
});
