// Unit price or line total, decided from the values: the small fixtures of
// tests/fixtures/amount (written by scripts/reference/amount_fixtures.py, which also printed
// the expected gross sales with pandas) go through the real load pipeline on DuckDB.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adoptStaged, analyse, type Analysis } from '../../src/pipeline/dataset';
import type { Mapping } from '../../src/mapping/detect';
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
