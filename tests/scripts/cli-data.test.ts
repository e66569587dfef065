// The 50M-line bench file is the 10M file copied; only id columns get the per-copy suffix.
import { describe, expect, it } from 'vitest';
import { isCopyIdColumn } from '../../scripts/bench/cli-data';

describe('isCopyIdColumn', () => {
  it('suffixes transaction ids and customer names', () => {
    for (const c of ['Transaction_ID', 'User_Name', 'customer_id', 'InvoiceNo', 'order_id']) expect(isCopyIdColumn(c), c).toBe(true);
  });
  it('never a date, time or any other column', () => {
    for (const c of ['Transaction_Date', 'InvoiceDate', 'order_time', 'Purchase_Amount', 'Country', 'Age', 'Product_Name']) expect(isCopyIdColumn(c), c).toBe(false);
  });
});
