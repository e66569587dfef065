// The one declaration of what each analysis needs (src/pipeline/availability.ts): roles,
// customer-level files, and the data facts with their thresholds, decided by hand.
import { describe, expect, it } from 'vitest';
import { allows, availability, availabilityOf, whyNot, type DataFacts } from '../../src/pipeline/availability';
import type { Mapping } from '../../src/mapping/detect';
import type { Role } from '../../src/mapping/roles';

const mapping = (roles: Role[], dated = true): Mapping =>
  ({
    columns: roles.map((role, i) => ({ name: `c${i}`, role, kind: 'text', numberFormat: null, reason: '' })),
    date: dated ? ({ family: 'iso' } as unknown as Mapping['date']) : null,
    priceIsTotal: false,
    customerDotZero: false,
  }) as Mapping;
const RETAIL: Role[] = ['tx_id', 'customer', 'date', 'amount', 'product', 'category', 'country'];
const facts = (f: Partial<DataFacts> = {}): DataFacts => ({
  customers: 100,
  repeat_customers: 40,
  days: 400,
  months: 14,
  complete_months: 12,
  span_days: 400,
  categories: 5,
  products: 50,
  baskets: 500,
  multi_baskets: 200,
  ...f,
});
const off = (a: ReturnType<typeof availability>): string[] => a.filter((x) => !x.ok).map((x) => x.id);

describe('availability', () => {
  it('allows everything a rich retail file supports (no demographics without those columns)', () => {
    expect(off(availability(mapping(RETAIL), 'transaction', facts()))).toEqual(['demographics']);
  });

  it('checks roles only until the facts are measured', () => {
    expect(off(availability(mapping(RETAIL), 'transaction', facts({ repeat_customers: 0 })))).toContain('rfm');
    expect(off(availability(mapping(RETAIL), 'transaction'))).toEqual(['demographics']);
  });

  it('scores RFM from 20% repeat customers on, not below', () => {
    // 20 of 100 = 20% → allowed; 19 of 100 → not, and the sentence gives the share
    expect(allows(availability(mapping(RETAIL), 'transaction', facts({ repeat_customers: 20 })), 'rfm')).toBe(true);
    const a = availability(mapping(RETAIL), 'transaction', facts({ repeat_customers: 19 }));
    expect(allows(a, 'rfm')).toBe(false);
    expect(allows(a, 'win-back')).toBe(false);
    expect(allows(a, 'cohorts')).toBe(true); // some customers return: retention is a real (low) figure
    expect(whyNot(a, 'rfm')).toBe('RFM scores and segments need at least 20% of customers buying more than once: only 19 of 100 customers (19.0%) bought more than once, so frequency cannot be scored 1–5.');
  });

  it('needs 12 complete months for seasonality, 180 days and 2 categories for growth, 10 multi-product baskets for pairs', () => {
    const a = availability(mapping(RETAIL), 'transaction', facts({ complete_months: 11, span_days: 179, multi_baskets: 9 }));
    expect(off(a)).toEqual(['seasonality', 'growth', 'baskets', 'demographics']);
    expect(whyNot(a, 'seasonality')).toBe('Seasonality (month of year) needs at least 12 complete months: the data covers 11 complete months.');
    expect(whyNot(a, 'baskets')).toBe('Frequently bought together needs at least 10 transactions with 2 or more products: 9 of 500 transactions hold 2 or more products.');
    expect(off(availability(mapping(RETAIL), 'transaction', facts({ categories: 1 })))).toEqual(['growth', 'demographics']);
  });

  it('says which column is missing, and rules out per-customer-purchase analyses on a customer-level file', () => {
    const noDate = availability(mapping(['customer', 'amount', 'age', 'gender'], false), 'customer', facts({ repeat_customers: 0, days: 0, months: 0, complete_months: 0, span_days: 0 }));
    expect(whyNot(noDate, 'trends')).toBe('Sales trends need a date column: give a column that role on the Columns tab.');
    expect(whyNot(noDate, 'clv')).toBe('Customer lifetime value needs a date column: give a column that role on the Columns tab.');
    expect(allows(noDate, 'demographics')).toBe(true);
    const perCustomer = availability(mapping(['customer', 'date', 'amount']), 'customer', facts());
    expect(whyNot(perCustomer, 'cohorts')).toBe('Cohort retention needs several purchases per customer: this file has one row per customer.');
  });

  it('gives the same answer from a data context as from the mapping', () => {
    const ctx = { hasDates: true, hasCustomers: true, hasAmount: true, hasCategory: true, hasProduct: true, dimensions: ['country'], attributes: [], facts: facts({ repeat_customers: 3 }) };
    expect(off(availabilityOf(ctx, 'transaction'))).toEqual(off(availability(mapping(RETAIL), 'transaction', ctx.facts)));
    expect(allows(availabilityOf(ctx, 'transaction'), 'rfm')).toBe(false);
  });
});
