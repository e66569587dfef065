// The data cube answers a filter exactly as the direct SQL on `sales` does: random small
// datasets (sales, purchases, returns with NULLs in every dimension, undated rows, rows
// without a customer) × random filters (values, '(missing)', date ranges), on the real
// engine. Amounts are multiples of 0.25, exact in binary, so sums in any order are equal
// and every figure is compared exactly (toEqual), counts and sums alike.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { literal } from '../../src/sql/ident';
import { toRows } from '../../src/engine/rows';
import { computeKpis } from '../../src/pipeline/kpis';
import { additiveKpisFor, buildCube, chooseCubeDims, cubeCovers, kpisFor, leaderboardFor, pickTable, revenueSeriesFor } from '../../src/pipeline/cube';
import { leaderboardSql } from '../../src/sql/breakdowns';
import { buildCubeSql, cubeKpisSql, cubeLeaderboardSql, cubeLeaderboardsSql } from '../../src/sql/cube';
import { seriesSql } from '../../src/sql/trends';
import { loadSeries } from '../../src/analysis/trends';
import { loadBreakdowns, type BreakdownsData } from '../../src/analysis/breakdowns';
import type { DataContext } from '../../src/pipeline/context';
import { filtersWhere, MISSING_LABEL, type Filters } from '../../src/state/filters';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const CATS = ['toys', 'books'];
const COUNTRIES = ['UK', 'France', "Côte d'Ivoire"];
const PAYMENTS = ['card', 'cash'];

const lineArb = fc.record({
  kind: fc.constantFrom('sale', 'sale', 'sale', 'gone', 'return'),
  day: fc.option(fc.integer({ min: 1, max: 10 }), { freq: 12 }),
  hour: fc.integer({ min: 0, max: 23 }),
  customer: fc.option(fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5'), { freq: 6 }),
  tx: fc.integer({ min: 1, max: 25 }),
  category: fc.option(fc.constantFrom(...CATS), { freq: 6 }),
  country: fc.option(fc.constantFrom(...COUNTRIES), { freq: 6 }),
  payment: fc.option(fc.constantFrom(...PAYMENTS), { freq: 6 }),
  quarters: fc.integer({ min: 1, max: 400 }),
  quantity: fc.option(fc.integer({ min: 1, max: 5 }), { freq: 5 }),
});
type Line = typeof lineArb extends fc.Arbitrary<infer T> ? T : never;

const subset = <T>(xs: readonly T[]): fc.Arbitrary<T[]> => fc.subarray([...xs], { minLength: 1 });
const dayArb = fc.integer({ min: 1, max: 12 }).map((d) => new Date(Date.UTC(2024, 0, d)).toISOString().slice(0, 10));
const filtersArb: fc.Arbitrary<Filters> = fc.record({
  from: fc.option(dayArb, { freq: 2 }),
  to: fc.option(dayArb, { freq: 2 }),
  // each column filtered one time in three, so every cube table (day only, one column, a pair, all) gets picked
  dims: fc
    .tuple(fc.option(subset([...CATS, MISSING_LABEL]), { freq: 2 }), fc.option(subset([...COUNTRIES, MISSING_LABEL]), { freq: 2 }), fc.option(subset([...PAYMENTS, MISSING_LABEL]), { freq: 2 }))
    .map(([category, country, payment]) => Object.fromEntries(Object.entries({ category, country, payment }).filter(([, v]) => v !== null)) as Record<string, string[]>),
}) as fc.Arbitrary<Filters>;

const value = (v: string | number | null, type = 'VARCHAR'): string => (v === null ? `NULL::${type}` : typeof v === 'number' ? `${v}::${type}` : literal(v));

/** Creates sales, purchases (sales plus purchases returned in full) and returns from random lines. */
async function load(db: TestDb, lines: Line[]): Promise<void> {
  const row = (l: Line, i: number, sign: number): string => {
    const ts = l.day === null ? 'NULL::TIMESTAMP' : `TIMESTAMP '2024-01-01 00:00:00' + INTERVAL ${l.day - 1} DAY + INTERVAL ${l.hour} HOUR`;
    const amount = (sign * l.quarters) / 4;
    return `(${value(l.customer)}, ${ts}, ${amount}::DOUBLE, ${value(l.quantity, 'DOUBLE')}, 'T${l.tx}', 'P${i % 7}', ${value(l.category)}, ${value(l.country)}, ${value(l.payment)}, ${amount}::DOUBLE, ${amount / 2}::DOUBLE)`;
  };
  const cols = 'customer_id, ts, amount, quantity, tx_id, product, category, country, payment, gross_amount, matched_amount';
  const table = async (name: string, picked: [Line, number][], sign: number): Promise<void> => {
    const values = picked.map(([l, i]) => row(l, i, sign));
    await db.exec(`CREATE OR REPLACE TABLE ${name} AS SELECT *, NULL::VARCHAR AS region, NULL::VARCHAR AS gender FROM (VALUES ${values.length ? values.join(', ') : row(lines[0]!, 0, sign)}) t(${cols})${values.length ? '' : ' WHERE false'}`);
  };
  const indexed = lines.map((l, i) => [l, i] as [Line, number]);
  await table('sales', indexed.filter(([l]) => l.kind === 'sale'), 1);
  await table('purchases', indexed.filter(([l]) => l.kind !== 'return'), 1);
  await table('returns', indexed.filter(([l]) => l.kind === 'return'), -1);
}

describe('the data cube', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());

  it('gives the same KPIs, daily revenue series and leaderboards as the direct SQL, on random data and filters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { minLength: 1, maxLength: 120, size: 'max' }), filtersArb, async (lines, f) => {
        await load(db, lines);
        const cube = await buildCube(db, []);
        expect(cube.dims).toEqual(['payment', 'category', 'country'].filter((c) => lines.some((l) => l.kind === 'sale' && l[c as 'payment'] !== null)).sort((a, b) => countOf(lines, a) - countOf(lines, b) || a.localeCompare(b)));
        const where = filtersWhere(f);
        if (!cubeCovers(cube, f)) return;
        // KPIs: every field, distinct counts included
        expect(await kpisFor(db, cube, f)).toEqual(await computeKpis(db, where));
        const additive = await additiveKpisFor(db, cube, f);
        const direct = await computeKpis(db, where);
        expect({ ...additive, transactions: 0, customers: 0, aov: 0 }).toEqual({ ...direct, transactions: 0, customers: 0, aov: 0 });
        // the series' revenue, moving average and partial flags, at every grain
        for (const grain of ['day', 'week', 'month'] as const) {
          const fast = (await revenueSeriesFor(db, cube, grain, f)) ?? [];
          const full = toRows(await db.query(seriesSql({ grain, where, range: { from: f.from, to: f.to } })));
          const pick = (rs: typeof full): unknown[] => rs.map((r) => [r.period, r.revenue, r.revenue_ma, r.partial]);
          expect(pick(fast)).toEqual(pick(full));
        }
        // leaderboards of each cube column, by revenue and by lines
        for (const column of cube.dims) {
          for (const by of ['revenue', 'count'] as const) {
            const got = await leaderboardFor(db, cube, { column, by, n: 2 }, f);
            const want = toRows(await db.query(leaderboardSql({ column, by, n: 2, where })));
            expect(got).toEqual(want);
          }
        }
        // every cube column's board in one statement: each the same rows, in the same order, as its own statement
        const boards = cube.dims.filter((column) => cubeCovers(cube, f, [column])).map((column, i) => ({ column, by: i % 2 ? ('count' as const) : ('revenue' as const), n: 2, table: pickTable(cube, f, [column]) }));
        const together = toRows(await db.query(cubeLeaderboardsSql(boards, where)));
        for (const [i, b] of boards.entries()) {
          const alone = toRows(await db.query(cubeLeaderboardSql({ ...b, where })));
          const mine = together.filter((r) => r.board === i).sort((x, y) => Number(x.rank) - Number(y.rank));
          expect(mine.map(({ board: _b, rank: _r, ...r }) => r)).toEqual(alone);
          expect(mine.map((r) => r.rank)).toEqual(alone.map((_, k) => k + 1));
        }
      }),
      { numRuns: 20, seed: 20261206 },
    );
  }, 120_000);

  it('routes a filter on a column outside the cube to the full table, with the same answer', async () => {
    await load(db, [
      { kind: 'sale', day: 1, hour: 9, customer: 'c1', tx: 1, category: 'toys', country: 'UK', payment: 'card', quarters: 40, quantity: 2 },
      { kind: 'sale', day: 2, hour: 9, customer: 'c2', tx: 2, category: 'books', country: 'UK', payment: 'cash', quarters: 10, quantity: null },
    ]);
    const cube = await buildCube(db, []);
    const f: Filters = { from: null, to: null, dims: { product: ['P0'] } };
    expect(cubeCovers(cube, f)).toBe(false);
    expect(await additiveKpisFor(db, cube, f)).toBeNull();
    expect(await revenueSeriesFor(db, cube, 'day', f)).toBeNull();
    expect(await kpisFor(db, cube, f)).toMatchObject({ gross_sales: 10, sales_value: 10, transactions: 1, customers: 1, lines: 1, items: 2 });
    // by hand: UK revenue 10 + 2.5 over two transactions
    const uk: Filters = { from: null, to: null, dims: { country: ['UK'] } };
    expect(await kpisFor(db, cube, uk)).toMatchObject({ gross_sales: 12.5, transactions: 2, customers: 2, lines: 2, items: 2, days: 2, first_date: '2024-01-01', last_date: '2024-01-02' });
    expect(await leaderboardFor(db, cube, { column: 'payment', by: 'revenue', n: 5 }, uk)).toEqual([
      { label: 'card', revenue: 10, lines: 1, transactions: 1, customers: 1, share_revenue: 0.8, items: 2 },
      { label: 'cash', revenue: 2.5, lines: 1, transactions: 1, customers: 1, share_revenue: 0.2, items: 1 },
    ]);
  });

  it('paints the revenue series and the boards of cube columns first, then gives the full answer', async () => {
    await load(db, [
      { kind: 'sale', day: 1, hour: 9, customer: 'c1', tx: 1, category: 'toys', country: 'UK', payment: 'card', quarters: 40, quantity: 2 },
      { kind: 'sale', day: 1, hour: 10, customer: 'c2', tx: 2, category: 'toys', country: 'UK', payment: 'card', quarters: 8, quantity: 1 },
      { kind: 'sale', day: 3, hour: 9, customer: 'c2', tx: 3, category: 'books', country: 'France', payment: 'cash', quarters: 10, quantity: null },
    ]);
    const cube = await buildCube(db, []);
    const f: Filters = { from: null, to: null, dims: { payment: ['card'] } };
    const early: unknown[][] = [];
    const full = await loadSeries(db, 'day', filtersWhere(f), undefined, {}, { cube, filters: f, early: (rows) => early.push(rows) });
    expect(early).toHaveLength(1);
    // by hand: only day 1 is paid by card: 10 + 2 = 12, two transactions, two customers
    expect((early[0] as { revenue: number; transactions: unknown }[]).map((r) => [r.revenue, r.transactions])).toEqual([[12, null]]);
    expect(full.map((r) => [r.revenue, r.transactions, r.customers])).toEqual([[12, 2, 2]]);
    const ctx = { hasCategory: true, hasProduct: false, hasAmount: true, hasCustomers: false, hasDates: true, hasTimes: true, dimensions: ['country'], attributes: [], labels: {} } as unknown as DataContext;
    const previous: BreakdownsData = { boards: [], services: [], ageGroups: [], histograms: [], scatter: null };
    const first: BreakdownsData[] = [];
    const done = await loadBreakdowns(db, ctx, 'revenue', filtersWhere(f), undefined, { cube, filters: f, previous, early: (d) => first.push(d) });
    expect(first).toHaveLength(1);
    expect(first[0]!.boards.map((b) => [b.column, b.rows.map((r) => [r.label, r.revenue, r.transactions])])).toEqual([
      ['category', [['toys', 12, null]]],
      ['country', [['UK', 12, null]]],
    ]);
    expect(done.boards.map((b) => [b.column, b.rows.map((r) => [r.label, r.revenue, r.transactions])])).toEqual([
      ['category', [['toys', 12, 2]]],
      ['country', [['UK', 12, 2]]],
    ]);
  });

  it('leaves out columns with too many values and keeps the cube small', async () => {
    const values = Array.from({ length: 600 }, (_, i) => `(TIMESTAMP '2024-01-01' + INTERVAL ${i % 3} DAY, 'v${i}', 'a', 1.0)`).join(', ');
    await db.exec(`CREATE OR REPLACE TABLE sales AS SELECT *, NULL::VARCHAR AS region, NULL::VARCHAR AS gender, NULL::VARCHAR AS payment, NULL::VARCHAR AS category, 'c' AS customer_id, 't' AS tx_id, 1.0 AS quantity FROM (VALUES ${values}) t(ts, x_code, country, amount)`);
    expect(await chooseCubeDims(db, ['x_code'])).toEqual(['country']);
    await db.exec(`CREATE OR REPLACE TABLE purchases AS SELECT *, amount AS gross_amount FROM sales; CREATE OR REPLACE TABLE returns AS SELECT *, amount AS matched_amount FROM sales WHERE false`);
    await db.exec(buildCubeSql(['country']));
    expect(toRows(await db.query(`SELECT count(*) AS n FROM sales_cube`))[0]?.n).toBe(6);
    expect(toRows(await db.query(cubeKpisSql()))[0]).toMatchObject({ sales_value: 600, lines: 600, days: 3 });
  });
});

function countOf(lines: Line[], c: string): number {
  return new Set(lines.filter((l) => l.kind === 'sale' && l[c as 'payment'] !== null).map((l) => l[c as 'payment'])).size;
}
