// The UCI Online Retail figures of the foundation issue, computed independently with
// pandas (scripts/reference/uci_cleaning.py re-derives them), asserted on the real engine.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { readCsvSql } from '../../src/sql/load';
import { detectAndRefine, profileRaw } from '../../src/pipeline/profile';
import { runCleaning, type CleanResult } from '../../src/pipeline/clean';
import { computeKpis, type Kpis } from '../../src/pipeline/kpis';
import type { Mapping } from '../../src/mapping/detect';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const UCI = resolve(__dirname, '../fixtures/online_retail_uci.csv.gz');

describe('UCI Online Retail through the canonical rules', () => {
  let db: TestDb;
  let mapping: Mapping;
  let clean: CleanResult;
  let kpis: Kpis;
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(readCsvSql(UCI, 'raw'));
    const profile = await profileRaw(db);
    mapping = await detectAndRefine(db, profile);
    clean = await runCleaning(db, profile, mapping, DEFAULT_RULES);
    kpis = await computeKpis(db);
  });
  afterAll(() => db.close());

  it('maps every column without help', () => {
    const roles = Object.fromEntries(mapping.columns.map((c) => [c.name, c.role]));
    expect(roles).toEqual({
      InvoiceNo: 'tx_id',
      StockCode: 'ignore',
      Description: 'product',
      Quantity: 'quantity',
      InvoiceDate: 'date',
      UnitPrice: 'unit_price',
      CustomerID: 'customer',
      Country: 'country',
    });
    expect(mapping.date?.family).toBe('iso');
    expect(mapping.priceIsTotal).toBe(false);
    // decided from the values, within products: the price stays put as quantities change
    expect(mapping.priceReading).toMatchObject({ verdict: 'unit', basis: 'group', figures: { grouped_by: 'product' } });
    expect(Number(mapping.priceReading?.figures.elasticity)).toBeLessThan(0.3);
    expect(clean.grain).toBe('transaction');
  });

  it('gives the cleaning counts computed with pandas', () => {
    const q = clean.quality;
    expect(q.rows_in).toBe(541_909);
    expect(q.bad_date).toBe(0);
    expect(q.duplicates).toBe(5_268);
    expect(q.missing_amount).toBe(0);
    expect(q.returns_rows).toBe(10_589);
    expect(q.returns_value).toBeCloseTo(-916_103.85, 2);
    expect(q.zero_rows).toBe(1_174);
    // 2,787 purchases returned in full leave the sales (rule 4b)
    expect(q.rows_clean).toBe(522_091);
    expect(q.missing_customer).toBe(132_186);
  });

  it('gives the headline KPIs computed with pandas', () => {
    expect(kpis.gross_sales).toBeCloseTo(10_642_110.8, 2);
    // net of the returns matched to their purchases: orders cancelled in full are gone
    expect(kpis.transactions).toBe(19_802);
    expect(kpis.customers).toBe(4_327);
    expect(kpis.sales_value).toBeCloseTo(10_169_115.65, 2);
    expect(Math.round(kpis.aov * 100) / 100).toBe(513.54);
    expect(kpis.days).toBe(305);
    expect(kpis.returns).toBeCloseTo(-916_103.85, 2);
    expect(kpis.net_sales).toBeCloseTo(10_642_110.8 - 916_103.85, 2);
    expect(kpis.first_date).toBe('2010-12-01');
    expect(kpis.last_date).toBe('2011-12-09');
  });
});
