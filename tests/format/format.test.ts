// The formatter every view uses: thousands separators, no exponent notation, compact axes, titles from column names.
import { describe, expect, it } from 'vitest';
import { fmtCompact, fmtNum, fmtPct, humanize } from '../../src/format';

describe('fmtNum', () => {
  it('groups thousands and never writes an exponent', () => {
    expect(fmtNum(1.08e9)).toBe('1,080,000,000');
    expect(fmtNum(191665.2666)).toBe('191,665');
    expect(fmtNum(8622048.86, 2)).toBe('8,622,048.86');
    expect(fmtNum(2.5e-5)).toBe('0.000025');
    expect(fmtNum(1e-13)).toBe('0');
  });
  it('gives small numbers the decimals they need', () => {
    expect(fmtNum(6.74)).toBe('6.74');
    expect(fmtNum(0.0034)).toBe('0.0034');
    expect(fmtNum(0.5)).toBe('0.5');
    expect(fmtNum(0)).toBe('0');
    expect(fmtNum(3)).toBe('3');
  });
  it('fixes decimals on request and marks negatives with a minus sign', () => {
    expect(fmtNum(1234.5, 2)).toBe('1,234.50');
    expect(fmtNum(-12.5)).toBe('−12.5');
    expect(fmtNum(-0.00012345, 4)).toBe('−0.0001');
  });
  it('shows a dash for what is not a number', () => {
    expect(fmtNum(NaN)).toBe('—');
    expect(fmtNum(null)).toBe('—');
    expect(fmtNum(Infinity)).toBe('—');
  });
});

describe('fmtCompact', () => {
  it('abbreviates large axis values without SI letters or "0k"', () => {
    expect(fmtCompact(0)).toBe('0');
    expect(fmtCompact(950)).toBe('950');
    expect(fmtCompact(2500)).toBe('2.5K'); // one unit along a whole axis: 9K next to 10K, never 9,000 next to 10K
    expect(fmtCompact(12000)).toBe('12K');
    expect(fmtCompact(1_500_000, '£')).toBe('£1.5M');
    expect(fmtCompact(1.08e9)).toBe('1.08B');
    expect(fmtCompact(-250_000, '₺')).toBe('−₺250K');
    expect(fmtCompact(0.5)).toBe('0.5');
  });
});

describe('fmtPct', () => {
  it('shows a share as a percentage', () => {
    expect(fmtPct(0.123)).toBe('12.3%');
    expect(fmtPct(1)).toBe('100.0%');
  });
});

describe('humanize', () => {
  it('turns column names into titles and keeps units', () => {
    expect(humanize('Annual Income (k$)')).toBe('Annual income (k$)');
    expect(humanize('Spending Score (1-100)')).toBe('Spending score (1-100)');
    expect(humanize('annual_income')).toBe('Annual income');
    expect(humanize('invoice_date')).toBe('Invoice date');
    expect(humanize('UnitPrice')).toBe('Unit price');
    expect(humanize('InvoiceNo')).toBe('Invoice no');
    expect(humanize('customerID')).toBe('Customer ID');
    expect(humanize('CustomerID')).toBe('Customer ID');
    expect(humanize('purchase-amount')).toBe('Purchase amount');
    expect(humanize('Purchase Amount (USD)')).toBe('Purchase amount (USD)');
    expect(humanize('AGE')).toBe('Age');
    expect(humanize('COUNTRY_NAME')).toBe('Country name');
  });
});
