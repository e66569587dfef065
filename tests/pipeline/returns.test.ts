// Rule 4b (returns netted against what they return) on twelve hand-made lines
// (tests/fixtures/returns/returns.csv); every expected figure is worked out by hand:
//   C1 MUG   S1 buys 10 @ 2 (01-01 09:00); R1 returns 10 the same day → S1 leaves the sales.
//            S7 buys 1 @ 2 on 01-10, after the return → untouched.
//   C2 LAMP  S2 4 @ 10 (01-02), S3 2 @ 12 (01-05); R2 returns 3 @ 12 on 01-06 → latest first:
//            S3's 2 (leaves), then 1 of S2 → S2 net 3 units, 30 (gross 40, returned 10).
//   C3 VASE  S4 2 @ 5; R3 returns 5 @ 5 the next day → 2 matched (−10), 3 unmatched (−15); S4 leaves.
//   C4 BOWL  R4 returns 1 @ 8 on 01-01, before S5 buys 1 @ 8 on 01-02 → unmatched; S5 stays.
//   —  MUG   S6 buys 1 @ 2 without a customer; R5 returns 1 without a customer → unmatched.
// Gross 20 + 40 + 24 + 10 + 8 + 2 + 2 = 106; returns −20 − 36 − 25 − 8 − 2 = −91; net 15.
// Left in sales: S2 30, S5 8, S6 2, S7 2 = 42 (= 106 − 64 taken off purchases: 20 + 24 + 10 + 10).
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { readCsvSql } from '../../src/sql/load';
import { detectAndRefine, profileRaw, type RawProfile } from '../../src/pipeline/profile';
import { runCleaning } from '../../src/pipeline/clean';
import { computeKpis } from '../../src/pipeline/kpis';
import type { Mapping } from '../../src/mapping/detect';
import { toRows } from '../../src/engine/rows';
import { matchReturns } from '../../src/analytics/match-returns';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const FILE = resolve(__dirname, '../fixtures/returns/returns.csv');

describe('returns netted against their purchases (hand-made lines)', () => {
  let db: TestDb;
  let profile: RawProfile;
  let mapping: Mapping;
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(readCsvSql(FILE, 'raw'));
    profile = await profileRaw(db);
    mapping = await detectAndRefine(db, profile);
  });
  afterAll(() => db.close());
  const rows = async (sql: string) => toRows(await db.query(sql));

  it('detects the layout', () => {
    const roles = Object.fromEntries(mapping.columns.map((c) => [c.name, c.role]));
    expect(roles).toMatchObject({ InvoiceNo: 'tx_id', Description: 'product', Quantity: 'quantity', UnitPrice: 'unit_price', CustomerID: 'customer' });
  });

  it('matches by customer, product and time, latest purchase first', async () => {
    const { quality: q } = await runCleaning(db, profile, mapping, DEFAULT_RULES);
    expect(q).toMatchObject({ returns_rows: 5, returns_matched_rows: 3, returns_unmatched_rows: 2, purchases_returned_rows: 3, rows_clean: 4 });
    expect(q.returns_value).toBeCloseTo(-91, 9);
    expect(q.returns_matched_value).toBeCloseTo(-66, 9);
    expect(q.returns_unmatched_value).toBeCloseTo(-25, 9);
    expect(q.purchases_returned_value).toBeCloseTo(64, 9);
    expect(await rows(`SELECT tx_id, product, customer_id, quantity, amount, gross_amount, returned_amount FROM sales ORDER BY tx_id`)).toEqual([
      { tx_id: 'S2', product: 'LAMP', customer_id: 'C2', quantity: 3, amount: 30, gross_amount: 40, returned_amount: 10 },
      { tx_id: 'S5', product: 'BOWL', customer_id: 'C4', quantity: 1, amount: 8, gross_amount: 8, returned_amount: 0 },
      { tx_id: 'S6', product: 'MUG', customer_id: null, quantity: 1, amount: 2, gross_amount: 2, returned_amount: 0 },
      { tx_id: 'S7', product: 'MUG', customer_id: 'C1', quantity: 1, amount: 2, gross_amount: 2, returned_amount: 0 },
    ]);
    expect(await rows(`SELECT tx_id, amount, matched_amount FROM returns ORDER BY tx_id`)).toEqual([
      { tx_id: 'R1', amount: -20, matched_amount: -20 },
      { tx_id: 'R2', amount: -36, matched_amount: -36 },
      { tx_id: 'R3', amount: -25, matched_amount: -10 },
      { tx_id: 'R4', amount: -8, matched_amount: 0 },
      { tx_id: 'R5', amount: -2, matched_amount: 0 },
    ]);
    const k = await computeKpis(db);
    expect(k).toMatchObject({ gross_sales: 106, returns: -91, net_sales: 15, sales_value: 42, returns_matched: -66, transactions: 4, customers: 3, lines: 4 });
    expect(k.aov).toBeCloseTo(42 / 4, 12);
    // filters reach gross through `purchases`: France holds S1, S2, S3, S7 and R1, R2
    const fr = await computeKpis(db, `country = 'France'`);
    expect(fr).toMatchObject({ gross_sales: 20 + 40 + 24 + 2, returns: -56, sales_value: 32, transactions: 2 });
  });

  it('matches on value within the customer when the file has no product', async () => {
    const noProduct: Mapping = { ...mapping, columns: mapping.columns.map((c) => (c.name === 'Description' ? { ...c, role: 'ignore' } : c)) };
    const { quality: q } = await runCleaning(db, profile, noProduct, DEFAULT_RULES);
    // C2: R2's 36 takes S3's 24 (leaves) and 12 of S2's 40 → S2 net 28, 2.8 units; others as above
    expect(q).toMatchObject({ returns_matched_rows: 3, returns_unmatched_rows: 2, purchases_returned_rows: 3, rows_clean: 4 });
    expect(q.returns_matched_value).toBeCloseTo(-66, 9);
    const s2 = (await rows(`SELECT amount, quantity, gross_amount FROM sales WHERE tx_id = 'S2'`))[0];
    expect(s2?.amount).toBeCloseTo(28, 9);
    expect(s2?.quantity).toBeCloseTo(2.8, 9);
    expect(s2?.gross_amount).toBe(40);
  });

  it('keeps every purchase whole with the netting switched off', async () => {
    const { quality: q } = await runCleaning(db, profile, mapping, { ...DEFAULT_RULES, netReturns: false });
    expect(q).toMatchObject({ returns_rows: 5, returns_matched_rows: 0, returns_unmatched_rows: 5, purchases_returned_rows: 0, rows_clean: 7 });
    const k = await computeKpis(db);
    expect(k).toMatchObject({ gross_sales: 106, sales_value: 106, returns: -91, net_sales: 15, transactions: 7, customers: 4 });
    // with rule 4 off the returns stay in sales as negative lines and nothing is netted
    const off = await runCleaning(db, profile, mapping, { ...DEFAULT_RULES, returns: false });
    expect(off.quality).toMatchObject({ returns_rows: 0, returns_matched_rows: 0, rows_clean: 12 });
    expect(off.quality.not_applicable).toContain('netReturns');
  });
});

describe('matchReturns (the rule alone)', () => {
  const line = (rid: number, isReturn: boolean, t: number | null, units: number, amount: number, key = 'k', tx = `t${rid}`) => ({ rid, isReturn, key, t, tx, units, amount });

  it('processes returns in time order, each taking the latest purchases at or before it', () => {
    // purchases 5 @ t1, 5 @ t3; returns 4 @ t2 (only t1 is eligible), 4 @ t4 (t3 first, then t1's last 1)
    const m = matchReturns([line(1, false, 1, 5, 5), line(2, false, 3, 5, 5), line(3, true, 2, 4, -4), line(4, true, 4, 4, -4)]);
    expect([...m.purchases].sort()).toEqual([
      [1, 4],
      [2, 4],
    ]);
    expect([...m.returns].sort()).toEqual([
      [3, 4],
      [4, 4],
    ]);
    // a later return first in the input changes nothing: returns are sorted by time
    const r = matchReturns([line(4, true, 4, 4, -4), line(3, true, 2, 4, -4), line(2, false, 3, 5, 5), line(1, false, 1, 5, 5)]);
    expect([...r.purchases].sort()).toEqual([...m.purchases].sort());
  });

  it('never matches across keys, and treats a missing time as at-or-before', () => {
    const m = matchReturns([line(1, false, null, 2, 2, 'a'), line(2, true, null, 3, -3, 'a'), line(3, true, null, 1, -1, 'b')]);
    expect([...m.purchases]).toEqual([[1, 2]]);
    expect([...m.returns]).toEqual([[2, 2]]);
  });

  it('breaks ties in time by transaction id, then unit price, on values only', () => {
    // two purchases at the same time: tx 'b' counts as later than 'a', so it goes first
    const m = matchReturns([line(1, false, 1, 1, 3, 'k', 'a'), line(2, false, 1, 1, 5, 'k', 'b'), line(3, true, 2, 1, -4)]);
    expect([...m.purchases]).toEqual([[2, 1]]);
  });
});
