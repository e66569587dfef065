// Rule-based segments on the hand-made boundary shop (tests/fixtures/segments/customers.ts,
// every expected figure worked out there by hand and confirmed with pandas in
// scripts/reference/segments_fixture.py) and on UCI Online Retail against pandas
// (scripts/reference/segments_uci.py).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows, type Row } from '../../src/engine/rows';
import { RULE_SEGMENTS, ruleSegmentsSql, ruleSummarySql, ruleThresholdsSql, segmentsReport } from '../../src/sql/segments';
import { RFM_SEGMENTS } from '../../src/sql/rfm';
import { loadCustomers, RULE_SHOP } from '../fixtures/segments/customers';
import { loadUciCustomers } from '../fixtures/segments/uci';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const ORDER = ['Champion', 'Big Spender', 'Frequent Buyer', 'Regular'];

/** Segment → sorted ids, from the rule_segments table. */
function members(rows: Row[]): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(ORDER.map((s) => [s, '']));
  for (const r of [...rows].sort((a, b) => String(a.customer_id).localeCompare(String(b.customer_id)))) out[String(r.segment)] += String(r.customer_id);
  return out;
}

describe('rule segments SQL', () => {
  let db: TestDb;
  const rows = async (sql: string): Promise<Row[]> => toRows(await db.query(sql));
  beforeAll(async () => {
    db = await openTestDb();
    await loadCustomers(db, RULE_SHOP);
  });
  afterAll(() => db.close());

  it('lists the four segments in a fixed order with colours and actions', () => {
    expect(RULE_SEGMENTS.map((s) => s.name)).toEqual(ORDER);
    // the flags cover the four combinations once each, so the segments partition customers
    expect(new Set(RULE_SEGMENTS.map((s) => `${s.highSpend}${s.frequent}`)).size).toBe(4);
    for (const s of RULE_SEGMENTS) {
      expect(s.colour).toMatch(/^#[0-9a-f]{6}$/);
      expect(s.action.length).toBeGreaterThan(20);
    }
    expect(RULE_SEGMENTS[0]?.action).toMatch(/VIP/);
    expect(RULE_SEGMENTS[1]?.action).toMatch(/VIP/);
    expect(RULE_SEGMENTS[2]?.action).toMatch(/[Cc]ross-sell.*loyalty/);
  });

  it('computes the spend cut by linear interpolation and the mean of visits', async () => {
    // (11 − 1) × 0.9 = 9 → the 10th smallest spend, 100; mean visits 33 / 11 = 3
    expect(await rows(ruleThresholdsSql())).toEqual([{ spend_cut: 100, frequency_threshold: 3, spend_quantile: 0.9, customers: 11 }]);
    // 0.75: position 7.5 → halfway between 99.99 and 100 = 99.995 (pandas: 99.995)
    expect((await rows(ruleThresholdsSql({ spendQuantile: 0.75 })))[0]?.spend_cut).toBeCloseTo(99.995, 10);
    // 0.95: position 9.5 → halfway between 100 and 500 = 300; a nearest-rank quantile would give 100 or 500
    expect((await rows(ruleThresholdsSql({ spendQuantile: 0.95 })))[0]?.spend_cut).toBeCloseTo(300, 10);
    // quantile 0 and 1 are the minimum and the maximum
    expect((await rows(ruleThresholdsSql({ spendQuantile: 0, frequencyThreshold: 2 })))[0]).toMatchObject({ spend_cut: 10, frequency_threshold: 2 });
    expect((await rows(ruleThresholdsSql({ spendQuantile: 1 })))[0]?.spend_cut).toBe(500);
  });

  it('puts spend at the cut in and visits at the threshold out', async () => {
    const sql = ruleSegmentsSql();
    expect(sql).toMatch(/^CREATE OR REPLACE TABLE rule_segments AS/);
    expect(sql).toContain('quantile_cont(spend, 0.9)');
    await db.exec(sql);
    const seg = await rows('SELECT * FROM rule_segments');
    expect(Object.keys(seg[0] ?? {})).toEqual(['customer_id', 'segment']);
    // G: spend = cut, visits = mean → Big Spender; F: spend = cut, visits 4 → Champion;
    // D: visits = mean, low spend → Regular; C: 99.99 just under the cut, frequent → Frequent Buyer
    expect(members(seg)).toEqual({ Champion: 'FI', 'Big Spender': 'G', 'Frequent Buyer': 'CJ', Regular: 'ABDEHK' });
  });

  it('follows the configured quantile and threshold', async () => {
    // cut 60 (position 5), visits > 2: J (60, 4) is at the cut; E (70, 1) only spends; D (40, 3) only visits;
    // H (30, 2) and A (50, 2) sit at the threshold → Regular
    await db.exec(ruleSegmentsSql({ spendQuantile: 0.5, frequencyThreshold: 2 }));
    expect(members(await rows('SELECT * FROM rule_segments'))).toEqual({ Champion: 'CFGIJ', 'Big Spender': 'E', 'Frequent Buyer': 'D', Regular: 'ABHK' });
    // cut 300: only I is high; F (100, 4) becomes a Frequent Buyer and G (100, 3) a Regular
    await db.exec(ruleSegmentsSql({ spendQuantile: 0.95 }));
    expect(members(await rows('SELECT * FROM rule_segments'))).toEqual({ Champion: 'I', 'Big Spender': '', 'Frequent Buyer': 'CFJ', Regular: 'ABDEGHK' });
  });

  it('summarises each segment with its rule in words and its action', async () => {
    const s = await rows(ruleSummarySql());
    expect(s.map((r) => [r.segment, r.customers, r.revenue, r.mean_visits, r.ord])).toEqual([
      ['Champion', 2, 600, 5.5, 0],
      ['Big Spender', 1, 100, 3, 1],
      ['Frequent Buyer', 2, 159.99, 4.5, 2],
      ['Regular', 6, 220, 10 / 6, 3],
    ]);
    expect(s.map((r) => r.share_customers)).toEqual([2 / 11, 1 / 11, 2 / 11, 6 / 11]);
    // revenue shares of 1,079.99
    expect(s[0]?.share_revenue).toBeCloseTo(600 / 1079.99, 12);
    expect(s[3]?.share_revenue).toBeCloseTo(220 / 1079.99, 12);
    expect(s.map((r) => r.mean_spend)).toEqual([300, 100, 79.995, 220 / 6]);
    expect(s.map((r) => r.rule)).toEqual([
      'Spend ≥ 100.00 (top 10%) and more than 3 transactions (the mean)',
      'Spend ≥ 100.00 (top 10%) and at most 3 transactions (the mean)',
      'More than 3 transactions (the mean) and spend below 100.00',
      'Spend below 100.00 and at most 3 transactions (the mean)',
    ]);
    expect(s.map((r) => r.action)).toEqual(RULE_SEGMENTS.map((x) => x.action));
  });

  it('keeps empty segments and words user thresholds without "the mean"', async () => {
    // cut 300, threshold 2.5: Champion I; no Big Spender; C, F, J, D (3), G (3) visit more than 2.5
    const s = await rows(ruleSummarySql({ spendQuantile: 0.95, frequencyThreshold: 2.5 }));
    expect(s.map((r) => [r.segment, r.customers, r.revenue, r.share_revenue, r.mean_spend])).toEqual([
      ['Champion', 1, 500, 500 / 1079.99, 500],
      ['Big Spender', 0, 0, 0, null],
      ['Frequent Buyer', 5, 399.99, 399.99 / 1079.99, 79.998],
      ['Regular', 5, 180, 180 / 1079.99, 36],
    ]);
    expect(s[0]?.rule).toBe('Spend ≥ 300.00 (top 5%) and more than 2.50 transactions');
    expect(s[1]).toMatchObject({ share_customers: 0, mean_visits: null });
  });

  it('words thresholds so that whole visits read true: truncated, thousands separated', async () => {
    // 4.996 → "4.99": visits > 4.99 and visits > 4.996 both mean 5 or more; rounding would say 5.00
    const t = async (frequencyThreshold: number): Promise<string> => String((await rows(ruleSummarySql({ frequencyThreshold })))[0]?.rule);
    expect(await t(4.996)).toContain('more than 4.99 transactions');
    expect(await t(4.27)).toContain('more than 4.27 transactions');
    expect(await t(1234)).toContain('more than 1,234 transactions');
    await loadCustomers(db, [['X', 1, 1234567.891, null]]);
    expect((await rows(ruleSummarySql({ spendQuantile: 0.975 })))[0]?.rule).toBe('Spend ≥ 1,234,567.89 (top 2.5%) and more than 1 transaction (the mean)');
    expect((await rows(ruleSummarySql({ spendQuantile: 1 })))[0]?.rule).toMatch(/^Spend ≥ 1,234,567.89 \(the highest\)/);
    await loadCustomers(db, RULE_SHOP);
  });

  it('never counts a customer without spend as high, and survives an empty table', async () => {
    // L has no spend and 9 visits: the cut ignores it (still 100) but the mean is now 42 / 12 = 3.5
    await loadCustomers(db, [...RULE_SHOP, ['L', 9, null, 5]]);
    expect((await rows(ruleThresholdsSql()))[0]).toMatchObject({ spend_cut: 100, frequency_threshold: 3.5, customers: 12 });
    await db.exec(ruleSegmentsSql());
    expect(members(await rows('SELECT * FROM rule_segments'))).toEqual({ Champion: 'FI', 'Big Spender': 'G', 'Frequent Buyer': 'CJL', Regular: 'ABDEHK' });
    // L's missing spend is not revenue: Frequent Buyer revenue stays 159.99
    expect((await rows(ruleSummarySql()))[2]).toMatchObject({ customers: 3, revenue: 159.99, mean_spend: 79.995 });

    await loadCustomers(db, []);
    expect(await rows(ruleThresholdsSql())).toEqual([{ spend_cut: null, frequency_threshold: null, spend_quantile: 0.9, customers: 0 }]);
    const s = await rows(ruleSummarySql());
    expect(s.map((r) => [r.segment, r.customers, r.share_customers, r.revenue, r.share_revenue, r.rule])).toEqual(ORDER.map((n) => [n, 0, null, 0, null, null]));
    await loadCustomers(db, RULE_SHOP);
  });

  it('refuses invalid options loudly', () => {
    expect(() => ruleSummarySql({ spendQuantile: 1.5 })).toThrow('invalid spend quantile: 1.5');
    expect(() => ruleSegmentsSql({ spendQuantile: Number.NaN })).toThrow('invalid spend quantile');
    expect(() => ruleThresholdsSql({ frequencyThreshold: -1 })).toThrow('invalid frequency threshold: -1');
    expect(() => ruleThresholdsSql({ quantileMethod: 'nearest' as 'linear' })).toThrow('invalid quantile method: nearest');
  });

  it('assembles the report section with every segment', async () => {
    const thresholds = (await rows(ruleThresholdsSql()))[0];
    const summary = await rows(ruleSummarySql());
    const rfm = [{ segment: 'Champions', customers: 3 }, { segment: 'Lost', customers: 1 }];
    const report = segmentsReport(thresholds, summary, rfm);
    expect(report.rules).toEqual({ spend_quantile: 0.9, spend_cut: 100, frequency_threshold: 3, counts: { Champion: 2, 'Big Spender': 1, 'Frequent Buyer': 2, Regular: 6 } });
    expect(Object.keys(report.rfm?.counts ?? {})).toEqual(RFM_SEGMENTS.map((s) => s.name));
    expect(report.rfm?.counts).toMatchObject({ Champions: 3, Lost: 1, Loyal: 0, "Can't Lose Them": 0 });
    expect(segmentsReport(undefined, [], null)).toEqual({
      rules: { spend_quantile: null, spend_cut: null, frequency_threshold: null, counts: { Champion: 0, 'Big Spender': 0, 'Frequent Buyer': 0, Regular: 0 } },
      rfm: null,
    });
  });
});

describe('rule segments on UCI Online Retail (pandas: scripts/reference/segments_uci.py)', () => {
  let db: TestDb;
  const rows = async (sql: string): Promise<Row[]> => toRows(await db.query(sql));
  beforeAll(async () => {
    db = await openTestDb();
    await loadUciCustomers(db);
  });
  afterAll(() => db.close());

  it('cuts at pandas quantile(0.9) of spend and the mean of visits', async () => {
    const t = (await rows(ruleThresholdsSql()))[0];
    expect(t).toMatchObject({ customers: 4_327, spend_quantile: 0.9 });
    expect(t?.spend_cut).toBeCloseTo(3_539.512, 6);
    expect(t?.frequency_threshold).toBeCloseTo(4.24636, 6);
  });

  it('counts the segments as pandas does, with their revenue', async () => {
    const s = await rows(ruleSummarySql());
    expect(s.map((r) => [r.segment, r.customers])).toEqual([
      ['Champion', 387],
      ['Big Spender', 46],
      ['Frequent Buyer', 712],
      ['Regular', 3_182],
    ]);
    const revenue = [4_775_921.27, 289_059.73, 1_380_452.17, 1_968_780.57];
    const share = [0.567602, 0.034354, 0.164062, 0.233983];
    const visits = [18.100775, 2.934783, 7.178371, 1.924261];
    s.forEach((r, i) => {
      expect(r.revenue).toBeCloseTo(revenue[i] ?? NaN, 2);
      expect(r.share_revenue).toBeCloseTo(share[i] ?? NaN, 6);
      expect(r.mean_visits).toBeCloseTo(visits[i] ?? NaN, 6);
    });
    expect(s[0]?.rule).toBe('Spend ≥ 3,539.51 (top 10%) and more than 4.24 transactions (the mean)');
    await db.exec(ruleSegmentsSql());
    expect((await rows(`SELECT count(*) AS n FROM rule_segments WHERE segment = 'Champion'`))[0]?.n).toBe(387);
  });

  it('moves with a user quantile and threshold as pandas does', async () => {
    // top 20% (quantile 0.8) and more than 10 transactions
    expect((await rows(ruleThresholdsSql({ spendQuantile: 0.8 })))[0]?.spend_cut).toBeCloseTo(2_020.496, 6);
    const s = await rows(ruleSummarySql({ spendQuantile: 0.8, frequencyThreshold: 10 }));
    expect(s.map((r) => r.customers)).toEqual([322, 544, 11, 3_450]);
  });
});
