// A sample of customers (files beyond the engine's memory): src/sql/sample.ts draws 1 in N
// customers by a hash of the id, src/pipeline/sample.ts scales totals up with a 95% interval,
// src/pipeline/memory.ts decides from the file's size and first bytes when to offer it.
// Expected figures come from the known populations themselves (built here), not from the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { nodeReadHost } from '../helpers/read-host';
import { readSources } from '../../src/pipeline/read/load';
import { adoptStaged, analyse } from '../../src/pipeline/dataset';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { toRows } from '../../src/engine/rows';
import { scaleTotal, sampleEstimates } from '../../src/pipeline/sample';
import { customerSamplePredicate } from '../../src/sql/sample';
import { ENGINE_LIMIT_BYTES, estimateCsvMemory, keepsRaw, plainFailure, OUT_OF_MEMORY_VIEW, sampleAfterOutOfMemory } from '../../src/pipeline/memory';
import { outOfMemory } from '../../src/pipeline/messages';
import { ReadRefusal } from '../../src/pipeline/read/refusal';

/** A seeded generator (mulberry32) for the simulated populations. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the scaled total and its 95% interval', () => {
  it('covers the true total about 95% of the time on a skewed population (Poisson sampling, 1 in 10)', () => {
    const r = rng(7);
    // 4,000 customers with log-normal spend (a few large spenders): the true total is known
    const spend = Array.from({ length: 4000 }, () => {
      const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
      return Math.exp(3 + 1.2 * z);
    });
    const truth = spend.reduce((s, v) => s + v, 0);
    const trials = 2000;
    let covered = 0;
    let customersCovered = 0;
    for (let t = 0; t < trials; t++) {
      let sum = 0;
      let sq = 0;
      let n = 0;
      for (const y of spend) {
        if (r() < 0.1) {
          sum += y;
          sq += y * y;
          n++;
        }
      }
      const e = scaleTotal(sum, sq, 10);
      if (e.low <= truth && truth <= e.high) covered++;
      const c = scaleTotal(n, n, 10);
      if (c.low <= 4000 && 4000 <= c.high) customersCovered++;
    }
    // binomial spread of 2,000 trials at 95%: ±1.0 points; a wrong variance misses by far more
    expect(covered / trials).toBeGreaterThan(0.925);
    expect(covered / trials).toBeLessThan(0.975);
    expect(customersCovered / trials).toBeGreaterThan(0.925);
    expect(customersCovered / trials).toBeLessThan(0.975);
  });

  it('is exact when every unit is read (1 in 1) and scales by N', () => {
    expect(scaleTotal(100, 5000, 1)).toEqual({ sample: 100, estimate: 100, low: 100, high: 100 });
    const e = scaleTotal(100, 2500, 4);
    expect(e.estimate).toBe(400);
    // √(4·3·2500) = 173.2…; × 1.96
    expect(e.high - e.estimate).toBeCloseTo(1.959964 * Math.sqrt(30000), 4);
  });
});

describe('the customer sample in SQL (DuckDB)', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());

  it('keeps all rows of 1 in N customers and its interval covers the known totals about 95% of the time (real hash)', async () => {
    // 300 populations of 400 customers, 1–6 purchases each: a customer id is population-specific, so each population is a fresh draw of the hash
    await db.exec(`CREATE OR REPLACE TABLE pop AS
      SELECT p, c, 'P' || p || '-C' || c AS customer, (1 + (hash(p, c, k) % 997) / 10.0 * (1 + (c % 7 = 0)::INT * 9))::DOUBLE AS amount
      FROM range(300) a(p), range(400) b(c), range(1 + (hash(p, c) % 6)::INT) d(k)`);
    const pred = customerSamplePredicate({ column: 'customer', every: 5 }, ['p', 'c', 'customer', 'amount']);
    const rows = toRows(
      await db.query(`WITH t AS (SELECT p, sum(amount) AS total FROM pop GROUP BY p),
        per AS (SELECT p, customer, sum(amount) AS y, count(*) AS n FROM pop WHERE ${pred} GROUP BY p, customer),
        whole AS (SELECT customer, count(*) AS n FROM pop GROUP BY customer),
        s AS (SELECT p, sum(y) AS sy, sum(y * y) AS sq, count(*) AS customers FROM per GROUP BY p)
        SELECT t.p, t.total, s.sy, s.sq, s.customers,
          (SELECT count(*) FROM per JOIN whole USING (customer) WHERE per.n <> whole.n) AS split
        FROM t JOIN s USING (p) ORDER BY t.p`),
    );
    expect(rows.length).toBe(300);
    // a customer is in the sample with every row or not at all
    expect(Number(rows[0]!.split)).toBe(0);
    const kept = rows.reduce((s, r) => s + Number(r.customers), 0) / (300 * 400);
    expect(kept).toBeGreaterThan(0.18);
    expect(kept).toBeLessThan(0.22);
    const covered = rows.filter((r) => {
      const e = scaleTotal(Number(r.sy), Number(r.sq), 5);
      return e.low <= Number(r.total) && Number(r.total) <= e.high;
    }).length;
    // 300 trials: 95% ± 2.5 points
    expect(covered / 300).toBeGreaterThan(0.9);
    expect(covered / 300).toBeLessThan(0.99);
  });

  it('a sampled read keeps per-customer figures exact and scales the KPIs with an interval', async () => {
    // 2,000 customers, 1–4 orders of 1–3 lines; plus rows without a customer
    const r = rng(11);
    const lines = ['order_id,customer_id,order_date,product,quantity,unit_price'];
    let order = 0;
    for (let c = 1; c <= 2000; c++) {
      const orders = 1 + Math.floor(r() * 4);
      for (let o = 0; o < orders; o++) {
        order++;
        const day = 1 + Math.floor(r() * 28);
        const items = 1 + Math.floor(r() * 3);
        for (let i = 0; i < items; i++) lines.push(`T${order},${c}.0,2024-03-${String(day).padStart(2, '0')},P${1 + Math.floor(r() * 40)},${1 + Math.floor(r() * 5)},${(1 + Math.floor(r() * 2000) / 100).toFixed(2)}`);
      }
    }
    for (let g = 0; g < 300; g++) lines.push(`G${g},,2024-03-15,P1,1,2.50`);
    const text = `${lines.join('\n')}\n`;
    const full = await readSources(nodeReadHost(db), [{ name: 'shop.csv', blob: new Blob([text]) }]);
    expect(full.sources[0]!.sample).toBeUndefined();
    const a = await adoptStaged(db);
    const whole = await analyse(db, a.profile, a.mapping, DEFAULT_RULES);
    await db.exec('CREATE OR REPLACE TABLE whole_spend AS SELECT customer_id, sum(amount) AS spend, count(*) AS n FROM sales GROUP BY 1');

    const part = await readSources(nodeReadHost(db), [{ name: 'shop.csv', blob: new Blob([text]) }], [{ sampleEvery: 4 }]);
    expect(part.sources[0]!.sample).toEqual({ every: 4, column: 'customer_id' });
    const b = await adoptStaged(db);
    const sampled = await analyse(db, b.profile, b.mapping, DEFAULT_RULES);
    // about a quarter of the customers, each with exactly the figures of the whole read ('12.0' and '12' are one customer)
    expect(sampled.kpis.customers).toBeGreaterThan(400);
    expect(sampled.kpis.customers).toBeLessThan(600);
    const mismatched = toRows(
      await db.query(`SELECT count(*)::INT AS n FROM (SELECT customer_id, sum(amount) AS spend, count(*) AS n FROM sales WHERE customer_id IS NOT NULL GROUP BY 1) s
        LEFT JOIN whole_spend w USING (customer_id) WHERE w.spend IS NULL OR abs(w.spend - s.spend) > 1e-9 OR w.n <> s.n`),
    )[0]!;
    expect(mismatched.n).toBe(0);
    const e = await sampleEstimates(db, 4);
    // the whole read's figures lie in the intervals (a fixed hash: this draw is deterministic)
    expect(e.netSales.low).toBeLessThan(whole.kpis.net_sales);
    expect(e.netSales.high).toBeGreaterThan(whole.kpis.net_sales);
    expect(e.customers.low).toBeLessThan(2000);
    expect(e.customers.high).toBeGreaterThan(2000);
    expect(e.transactions.low).toBeLessThan(whole.kpis.transactions);
    expect(e.transactions.high).toBeGreaterThan(whole.kpis.transactions);
    expect(e.netSales.sample).toBeCloseTo(sampled.kpis.net_sales, 6);
  });

  it('refuses to sample a file without a customer column', async () => {
    const text = 'order_date,amount\n2024-01-01,5\n2024-01-02,6\n';
    await expect(readSources(nodeReadHost(db), [{ name: 'x.csv', blob: new Blob([text]) }], [{ sampleEvery: 3 }])).rejects.toThrow(/No customer column|no customer id/);
  });
});

describe('the memory estimate before a load', () => {
  const head = new TextEncoder().encode('order_id,customer_id,date,amount\n' + 'T1,C1,2024-01-01,10.00\n'.repeat(40_000));

  it('lets a file that fits load whole', () => {
    const e = estimateCsvMemory(100 * 2 ** 20, head);
    expect(e.fits).toBe(true);
    expect(e.sampleEvery).toBe(1);
    // 23 bytes a line → about 4.6M rows in 100 MB
    expect(e.rows).toBeGreaterThan(4_400_000);
    expect(e.rows).toBeLessThan(4_700_000);
  });

  it('offers the smallest sample that fits for a file beyond the engine', () => {
    const e = estimateCsvMemory(3 * 2 ** 30, head);
    expect(e.fits).toBe(false);
    expect(e.sampleEvery).toBeGreaterThanOrEqual(2);
    expect(e.bytes / e.sampleEvery).toBeLessThanOrEqual(ENGINE_LIMIT_BYTES);
    expect(e.bytes / (e.sampleEvery - 1)).toBeGreaterThan(ENGINE_LIMIT_BYTES * 0.8);
  });

  it('is calibrated on what the bench saw in the tab: 5M generated lines load, a sample of 6.7M lines did not', () => {
    // lines of the project's generator: 526 MB for 5,001,412 lines (105 bytes a line)
    const line = `${'x'.repeat(104)}\n`;
    const gen = new TextEncoder().encode(line.repeat(10_000));
    expect(estimateCsvMemory(526_000_000, gen).fits).toBe(true);
    // 1 in 3 customers of the 20M file: 6.7M lines ran out of memory, so that size must not be planned
    expect(estimateCsvMemory(703_000_000, gen).fits).toBe(false);
    // the 20M file (2.1 GB) is offered a sample of at most about 5M lines
    const e = estimateCsvMemory(2_110_000_000, gen);
    expect(e.rows / e.sampleEvery).toBeLessThanOrEqual(5_100_000);
  });

  it('after running out of memory anyway, offers twice as few customers', () => {
    const oom = new Error('Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)');
    expect(sampleAfterOutOfMemory(oom, 1)).toBe(2);
    expect(sampleAfterOutOfMemory(oom, 3)).toBe(6);
    // the page's own words for it (src/pipeline/messages.ts)
    expect(sampleAfterOutOfMemory(outOfMemory('big.csv'), 2)).toBe(4);
    expect(sampleAfterOutOfMemory(new Error('Binder Error: column "x" not found'), 1)).toBeNull();
  });

  it('offers the sample as a choice when the file would not fit, before reading it', async () => {
    const db = await openTestDb();
    try {
      const text = `customer_id,order_date,amount\n${'C1,2024-01-01,10.00\n'.repeat(2000)}`;
      const host = { ...nodeReadHost(db), memoryLimit: 100_000 };
      const err = await readSources(host, [{ name: 'big.csv', blob: new Blob([text]) }]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ReadRefusal);
      const r = err as ReadRefusal;
      expect(r.title).toMatch(/larger than the browser can analyse/);
      expect(r.retry).toMatchObject({ option: 'sampleEvery', index: 0 });
      expect(r.retry!.label).toBe(`Analyse a sample of 1 in ${r.retry!.value} customers`);
      expect(r.retry!.value).toBeGreaterThanOrEqual(2);
      // nothing was read
      expect(toRows(await db.query("SELECT count(*)::INT AS n FROM duckdb_tables() WHERE table_name = 'raw_next'"))[0]!.n).toBe(0);
    } finally {
      db.close();
    }
  });

  it('drops raw only for large datasets', () => {
    expect(keepsRaw(541_909)).toBe(true);
    expect(keepsRaw(1_000_478)).toBe(false);
  });

  it('puts running out of memory in plain words, never the engine text', () => {
    expect(plainFailure(new Error('Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)'))).toBe(OUT_OF_MEMORY_VIEW);
    expect(plainFailure(new Error('Binder Error: Referenced column "x" not found'))).not.toMatch(/Binder Error/);
    expect(plainFailure(new Error('Recommendations need a product column.'))).toBe('Recommendations need a product column.');
  });
});
