// Column names an export uses for its order number: "OrderRef", "Order reference", "Invoice Ref"
// (a shop export seen in a hand check, 2026-12-07, had OrderRef; it was ignored, so every line
// counted as a transaction).
import { describe, expect, it } from 'vitest';
import { nameScores, normaliseName } from '../../src/mapping/roles';

const best = (name: string): string | undefined => [...nameScores(normaliseName(name)).entries()].sort((a, b) => b[1] - a[1])[0]?.[0];

describe('order-number names', () => {
  it('reads a reference as the transaction id', () => {
    for (const name of ['OrderRef', 'Order reference', 'order_ref', 'Invoice Ref', 'Transaction reference', 'Order ID', 'InvoiceNo']) expect(best(name), name).toBe('tx_id');
  });
  it('leaves other references alone', () => {
    expect(best('Customer Ref')).toBe('customer');
    expect(best('Product code')).toBe('product');
  });
});
