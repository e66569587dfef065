// The win-back finding under a filter counts only the filtered customers, with their filtered
// spend, against the filtered revenue (issue 13, finding 7: France showed the whole file's
// "659 once-valuable customers"). Five customers with one score each, worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows } from '../../src/engine/rows';
import { buildInsights } from '../../src/insights/insights';
import { describeFilters } from '../../src/insights/filters';
import { rfmSql, rfmSummarySql } from '../../src/sql/rfm';
import { openTestDb, type TestDb } from '../helpers/duckdb';

// ntile(5) over five customers gives each its own score: recency 300 → R1 … 10 → R5; visits 5 → F5 … 1 → F1
//  U1 R1 F5 Can't Lose Them  spend 500 FR (in France 450)
//  U2 R2 F4 At Risk          spend 400 UK
//  U3 R3 F3 Need Attention   spend 300 FR
//  U4 R4 F2 Potential Loyal. spend 200 UK
//  U5 R5 F1 New              spend 100 FR
const ALL = `('U1', 300, 5, 500.0), ('U2', 200, 4, 400.0), ('U3', 100, 3, 300.0), ('U4', 50, 2, 200.0), ('U5', 10, 1, 100.0)`;
const FRANCE = `('U1', 300, 4, 450.0), ('U3', 100, 3, 300.0), ('U5', 10, 1, 100.0)`;

describe('win-back finding under a filter', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(`CREATE TABLE customers_all (customer_id VARCHAR, recency_days BIGINT, visits BIGINT, spend DOUBLE); INSERT INTO customers_all VALUES ${ALL}`);
    await db.exec(rfmSql({ from: 'customers_all' }));
  });
  afterAll(() => db.close());

  const risk = async (population: 'all' | 'filtered') =>
    toRows(await db.query(rfmSummarySql({ population }))).map((r) => ({ segment: String(r.segment), customers: Number(r.customers), revenue: Number(r.revenue), share_revenue: r.share_revenue === null ? null : Number(r.share_revenue) }));

  it('uses the whole file without a filter: U1 and U2, 900 of 1,500 = 60.0%', async () => {
    await db.exec('CREATE OR REPLACE TABLE customers AS SELECT * FROM customers_all');
    const list = buildInsights({ currency: '€', rfm: await risk('filtered') });
    expect(list[0]?.text).toBe('2 once-valuable customers are slipping away (RFM “At Risk” and “Can\'t Lose Them”): they spent €900.00, 60.0% of revenue, but have not bought for a while. A win-back campaign is worth it.');
    expect(list[0]?.filters).toBe('');
  });

  it('uses the filtered customers and spend under Country = France: U1 only, 450 of 850 = 52.9%', async () => {
    await db.exec(`CREATE OR REPLACE TABLE customers (customer_id VARCHAR, recency_days BIGINT, visits BIGINT, spend DOUBLE); INSERT INTO customers VALUES ${FRANCE}`);
    const filters = describeFilters({ from: null, to: null, dims: { country: ['France'] } });
    expect(filters).toBe('Country = France');
    const list = buildInsights({ currency: '€', rfm: await risk('filtered'), filters });
    expect(list[0]).toMatchObject({ id: 'at-risk', figure: '1', filters: 'Country = France' });
    expect(list[0]?.text).toContain('1 once-valuable customer is slipping away');
    expect(list[0]?.text).toContain('€450.00, 52.9% of revenue');
    // the unfiltered population (the old behaviour) would still say 2 and 60.0%
    expect(buildInsights({ currency: '€', rfm: await risk('all') })[0]?.text).toContain('60.0% of revenue');
  });
});
