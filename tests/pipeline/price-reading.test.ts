// Unit price or line total, decided from the values: the small fixtures of
// tests/fixtures/amount (written by scripts/reference/amount_fixtures.py, which also printed
// the expected gross sales with pandas) go through the real load pipeline on DuckDB.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows } from '../../src/engine/rows';
import { adoptStaged, analyse, type Analysis } from '../../src/pipeline/dataset';
import { withRole, type Mapping } from '../../src/mapping/detect';
import { decidePriceReading, headlines, type ColumnFigures, type GroupFigures } from '../../src/mapping/price-reading';
import { priceRolesKey } from '../../src/pipeline/price-reading';
import { profileRaw, refinePriceConvention } from '../../src/pipeline/profile';
import { priceReadingReport } from '../../src/report/report';
import { priceColumnsSql, priceGroupSql } from '../../src/sql/price-reading';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { readCsvSql } from '../../src/sql/load';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const FIX = resolve(__dirname, '../fixtures/amount');
let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

async function load(name: string): Promise<{ mapping: Mapping; analysis: Analysis }> {
  await db.exec(readCsvSql(resolve(FIX, name), 'raw_next'));
  const { profile, mapping } = await adoptStaged(db);
  return { mapping, analysis: await analyse(db, profile, mapping, DEFAULT_RULES) };
}

describe('price reading from the values', () => {
  it('Istanbul-like: price ÷ quantity constant per category → line total, gross as pandas', async () => {
    const { mapping, analysis } = await load('istanbul-like.csv');
    expect(mapping.columns.find((c) => c.name === 'price')?.role).toBe('unit_price');
    expect(mapping.columns.find((c) => c.name === 'category')?.role).toBe('category');
    const r = mapping.priceReading;
    expect(r?.verdict).toBe('total');
    expect(r?.basis).toBe('group');
    expect(r?.figures.grouped_by).toBe('category');
    expect(r?.evidence).toMatch(/“price” ÷ quantity is constant within 8 of 8 categories \(100\.0% of/);
    expect(r?.evidence).toMatch(/is the line total/);
    expect(mapping.priceIsTotal).toBe(true);
    // pandas (scripts/reference/amount_fixtures.py): sum(price) = 259,364.59; quantity × price would be 916,167.53
    expect(analysis.kpis.gross_sales).toBeCloseTo(259364.59, 2);
    expect(r?.both?.total.revenue).toBeCloseTo(259364.59, 2);
    expect(r?.both?.unit.revenue).toBeCloseTo(916167.53, 2);
    expect(r?.both?.unit.items).toBe(1160);
    expect(r?.both?.total.aov).toBeCloseTo(259364.59 / 400, 2);
  });

  it('UCI-like: same product, same price at any quantity → unit price', async () => {
    const { mapping, analysis } = await load('uci-like.csv');
    expect(mapping.priceReading?.verdict).toBe('unit');
    expect(mapping.priceReading?.figures.grouped_by).toBe('product');
    expect(mapping.priceReading?.evidence).toMatch(/is a unit price/);
    expect(mapping.priceIsTotal).toBe(false);
    expect(analysis.kpis.gross_sales).toBeCloseTo(21953.34, 2);
  });

  it('price = quantity × another column → that column is the unit price', async () => {
    const { mapping, analysis } = await load('price-times-column.csv');
    const r = mapping.priceReading;
    expect(r?.verdict).toBe('total');
    expect(r?.basis).toBe('column');
    expect(r?.evidence).toMatch(/“price” equals quantity × “per_item” on 100\.0% of/);
    expect(analysis.kpis.gross_sales).toBeCloseTo(28551.93, 2);
  });

  it('an amount column equal to quantity × price confirms a unit price', async () => {
    const { mapping, analysis } = await load('amount-column.csv');
    const r = mapping.priceReading;
    expect(r?.verdict).toBe('unit');
    expect(r?.basis).toBe('amount');
    expect(r?.evidence).toMatch(/amount column “amount” equals quantity × “price”/);
    expect(analysis.kpis.gross_sales).toBeCloseTo(14247.84, 2);
  });

  it('one row per customer: decided within categories, the customer table sums line totals', async () => {
    const { mapping, analysis } = await load('per-customer.csv');
    expect(analysis.clean.grain).toBe('customer');
    expect(mapping.priceReading?.verdict).toBe('total');
    expect(mapping.priceReading?.figures.grouped_by).toBe('category');
    expect(analysis.kpis.gross_sales).toBeCloseTo(11021.35, 2);
  });

  it('mixed evidence: unclear, read as unit price for now, both readings offered', async () => {
    const { mapping } = await load('mixed.csv');
    const r = mapping.priceReading;
    expect(r?.verdict).toBe('unclear');
    expect(mapping.priceIsTotal).toBe(false);
    expect(r?.evidence).toMatch(/^Mixed evidence within products/);
    // pandas: sum(price) = 11,791.00, sum(quantity × price) = 40,144.50
    expect(r?.both?.total.revenue).toBeCloseTo(11791, 2);
    expect(r?.both?.unit.revenue).toBeCloseTo(40144.5, 2);
  });
});

describe('price reading: other layouts and the user’s choice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'price-'));
  const write = (name: string, csv: string): string => {
    const path = join(dir, name);
    writeFileSync(path, csv);
    return name;
  };
  async function loadTmp(name: string): Promise<{ mapping: Mapping; analysis: Analysis }> {
    await db.exec(readCsvSql(join(dir, name), 'raw_next'));
    const { profile, mapping } = await adoptStaged(db);
    return { mapping, analysis: await analyse(db, profile, mapping, DEFAULT_RULES) };
  }

  it('an amount column equal to price: price is the line total, unit price = price ÷ quantity', async () => {
    // hand-made: amount = price on every row; unit prices 5, 7, 4 → sum of amounts 10 + 21 + 4 + 20 = 55
    const rows = ['order_id,customer,order_date,quantity,price,amount'];
    const lines: [number, number][] = [[2, 10], [3, 21], [1, 4], [4, 20]];
    for (let i = 0; i < 40; i++) {
      const [q, p] = lines[i % 4] as [number, number];
      rows.push(`O${i},c${i % 7},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${q},${p},${p}`);
    }
    const { mapping, analysis } = await loadTmp(write('amount-equals-price.csv', rows.join('\n')));
    expect(mapping.priceReading?.verdict).toBe('total');
    expect(mapping.priceReading?.basis).toBe('amount');
    expect(analysis.kpis.gross_sales).toBeCloseTo(55 * 10, 6);
    const r = toRows(await db.query('SELECT min(unit_price) AS lo, max(unit_price) AS hi FROM sales'))[0];
    expect(r?.lo).toBeCloseTo(4, 6);
    expect(r?.hi).toBeCloseTo(7, 6);
  });

  it('an invoice total repeated on each line tells which reading adds up', async () => {
    // hand-made: each order has a Pen line (unit 1.5) and a Book line (unit 12); price is the line total and
    // order_total = Σ price of the order. Order i has quantities (1 + i % 3, 1 + i % 2).
    const rows = ['order_id,customer,order_date,product,quantity,price,order_total'];
    for (let i = 0; i < 20; i++) {
      const a = 1 + (i % 3);
      const b = 1 + (i % 2);
      const total = 1.5 * a + 12 * b;
      rows.push(`O${i},c${i % 6},2024-04-${String(1 + i).padStart(2, '0')},Pen,${a},${(1.5 * a).toFixed(2)},${total.toFixed(2)}`);
      rows.push(`O${i},c${i % 6},2024-04-${String(1 + i).padStart(2, '0')},Book,${b},${(12 * b).toFixed(2)},${total.toFixed(2)}`);
    }
    const { mapping } = await loadTmp(write('invoice-total.csv', rows.join('\n')));
    expect(mapping.columns.find((c) => c.name === 'order_total')?.role).toBe('amount');
    const r = mapping.priceReading;
    expect(r).toMatchObject({ verdict: 'total', basis: 'invoice' });
    expect(r?.evidence).toMatch(/“order_total” equals the invoice’s sum of “price” on 100\.0% of \d+ invoices → “price” is the line total\. Note: “order_total” is the invoice total repeated on each line/);
    // with order_total as "Other number" the line totals add up. By hand: Σa = 7·1 + 7·2 + 6·3 = 39,
    // Σb = 10·1 + 10·2 = 30 → 1.5 × 39 + 12 × 30 = 418.50
    const fixed = await refinePriceConvention(db, withRole(mapping, 'order_total', 'attribute'));
    expect(fixed.priceReading).toMatchObject({ verdict: 'total', basis: 'invoice' });
    const profile = await profileRaw(db);
    const again = await analyse(db, profile, fixed, DEFAULT_RULES);
    expect(again.kpis.gross_sales).toBeCloseTo(418.5, 6);
  });

  it('quantity always 1: both readings agree and nothing is asked', async () => {
    const rows = ['order_id,customer,order_date,product,quantity,price'];
    for (let i = 0; i < 30; i++) rows.push(`O${i},c${i % 5},2024-02-${String(1 + (i % 28)).padStart(2, '0')},P${i % 3},1,${(i % 3) + 2}.50`);
    const { mapping } = await loadTmp(write('qty-one.csv', rows.join('\n')));
    expect(mapping.priceReading?.verdict).toBe('unit');
    expect(mapping.priceReading?.basis).toBe('quantity-one');
    expect(mapping.priceReading?.evidence).toMatch(/quantity is 1 on all 30 rows/);
  });

  it('a customer file without a price column has no price reading', async () => {
    const { mapping } = await loadTmp(write('customers.csv', 'CustomerID,Gender,Age,Annual Income (k$),Spending Score (1-100)\n1,Male,19,15,39\n2,Female,21,15,81\n3,Female,20,16,6\n'));
    expect(mapping.priceReading).toBeNull();
    expect(priceReadingReport(mapping)).toBeNull();
  });

  it('a role change is re-measured; the report records a flip as the user’s choice', async () => {
    const { mapping } = await load('istanbul-like.csv');
    // without the category, the whole file still shows price doubling with quantity
    const noCategory = withRole(mapping, 'category', 'ignore');
    expect(priceRolesKey(noCategory)).not.toBe(mapping.priceReading?.roles);
    const again = await refinePriceConvention(db, noCategory);
    // 400 rows over 8 very different categories leave the file-wide elasticity too noisy (×1.76 for doubling);
    // pandas: 311 rows with quantity ≠ 1, 32 distinct prices, 8 distinct price ÷ quantity
    // the 8 distinct values of price ÷ quantity decide
    expect(again.priceReading?.verdict).toBe('total');
    expect(again.priceReading?.basis).toBe('distinct');
    expect(again.priceReading?.evidence).toMatch(/^“price” ÷ quantity takes only 8 distinct values on 311 rows with a quantity other than 1, against 32 for “price” itself/);

    const flipped = { ...mapping, priceIsTotal: false };
    const rep = priceReadingReport(flipped);
    expect(rep).toMatchObject({ column: 'price', used: 'unit_price', chosen_by: 'you', verdict: 'total', basis: 'group' });
    expect(rep?.both?.total.revenue).toBe(259364.59);
    expect(priceReadingReport(mapping)?.chosen_by).toBe('values');
  });
});

describe('price reading SQL', () => {
  it('groups by the key, caps the rows and compares each other column', () => {
    const g = priceGroupSql({ table: 'raw', price: 'p0', quantity: 'q0', key: '"category"', limit: 500 });
    expect(g).toContain('SELECT "category" AS k, p0 AS p, q0 AS q FROM raw LIMIT 500');
    expect(g).toContain('min(c.x) AS mr');
    const c = priceColumnsSql({ table: 'raw', price: 'p0', quantity: 'q0', others: [{ name: 'o0', expr: 'x' }], tx: '"inv"' });
    expect(c).toContain('AS o0_total');
    expect(c).toContain('count(DISTINCT tx)');
    expect(priceColumnsSql({ table: 'raw', price: 'p0', quantity: 'q0', others: [], tx: null })).toContain('count(*)::DOUBLE AS orders');
  });
});

describe('decidePriceReading (pure)', () => {
  const cols: ColumnFigures = { rows: 100, q1_rows: 20, multi: 80, sum_qp: 300, sum_p: 100, sum_q: 300, orders: 50, others: [] };
  const group = (o: Partial<GroupFigures>): GroupFigures => ({
    by: 'product', rows: 100, groups: 5, varied_groups: 5, informative: 60, at_price: 0, at_ratio: 0, ratio_groups: 0, price_groups: 0, sxx: 10, sxy: 0, syy: 10, multi: 80, distinct_p: 40, distinct_r: 40, ...o,
  });
  it('a noisy elasticity between the readings is unclear', () => {
    expect(decidePriceReading('price', cols, group({ sxy: 5, syy: 50 }), '').verdict).toBe('unclear');
  });
  it('elasticity near 1 within categories (products of different prices) is a line total', () => {
    const r = decidePriceReading('price', cols, group({ by: 'category', sxy: 9.9, syy: 10.2, at_ratio: 10, at_price: 2 }), '');
    expect(r.verdict).toBe('total');
    expect(r.evidence).toMatch(/^Within categories, doubling the quantity multiplies “price” by 1\.99/);
  });
  it('another column equal to quantity × price makes the price a unit price', () => {
    const r = decidePriceReading('price', { ...cols, others: [{ column: 'total', isAmount: false, n: 80, total: 0, line: 79, same: 0 }] }, null, '');
    expect(r).toMatchObject({ verdict: 'unit', basis: 'column' });
  });
  it('headlines: revenue, items, orders and AOV under each reading', () => {
    expect(headlines(cols)).toEqual({ unit: { revenue: 300, items: 300, orders: 50, aov: 6 }, total: { revenue: 100, items: 300, orders: 50, aov: 2 } });
  });
});
