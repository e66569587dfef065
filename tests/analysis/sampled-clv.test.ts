// BG/NBD and Gamma-Gamma beyond their cap (src/analysis/clv.ts): fitted on a seeded random
// sample of customers, predicted for every customer. The bound is statistical: a fit on all
// customers lies within ±3 standard errors (from the sample fit's Hessian) of the sample's
// estimate. Customers simulated from the BG/NBD story (src/analytics/clv/simulate.ts,
// seeded), written out as dated transactions and read back through the app's SQL summary,
// on native DuckDB (the command line's engine).
import { tableFromArrays } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clvReport, clvSampleInterval, runClv, type ClvOptions, type ClvView } from '../../src/analysis/clv';
import { inProcessJobs } from '../../src/analysis/jobs';
import { simulateBgNbd } from '../../src/analytics/clv/simulate';
import { createRandom } from '../../src/analytics/random';
import { openNativeDb, type NativeDb } from '../../src/cli/native-connector';
import { CANONICAL_COLUMNS } from '../../src/sql/schema';

const N = 20_000;
const CAP = 4_000;
const TRUE_PARAMS = { r: 0.3, alpha: 25, a: 0.8, b: 2.5 };
const OPTIONS: ClvOptions = { unit: 'days', months: 12, discount: 0.01, split: null, days: 90 };

/** Dated transactions of N simulated customers over 720 days ending 2024-12-30 (repeat purchases uniform before the last, as the Poisson story has them). */
function transactions(): { customer_id: string[]; day: Int32Array; amount: Float64Array } {
  const rng = createRandom(21);
  const T = Float64Array.from({ length: N }, () => 30 + rng.int(690));
  const sim = simulateBgNbd(TRUE_PARAMS, T, rng);
  const ids: string[] = [];
  const days: number[] = [];
  const amounts: number[] = [];
  for (let i = 0; i < N; i++) {
    const first = 720 - (T[i] as number);
    const x = sim.frequency[i] as number;
    const nu = rng.gamma(3, 1 / 15); // Gamma-Gamma: each customer's spend rate
    const at = [0, ...(x > 0 ? [sim.recency[i] as number] : []), ...Array.from({ length: Math.max(0, x - 1) }, () => rng.next() * (sim.recency[i] as number))];
    for (const t of at) {
      ids.push(`C${i}`);
      days.push(first + Math.floor(t));
      amounts.push(rng.gamma(6, 1 / nu));
    }
  }
  return { customer_id: ids, day: Int32Array.from(days), amount: Float64Array.from(amounts) };
}

describe('BG/NBD beyond its cap: sample fit, predictions for all', () => {
  let db: NativeDb;
  let full: ClvView;
  let part: ClvView;
  beforeAll(async () => {
    db = await openNativeDb({ threads: 2 });
    await db.insertTable('gen', tableFromArrays(transactions()));
    const cols = CANONICAL_COLUMNS.map((c) => `${c.name} ${c.type}`).join(', ');
    await db.exec(`CREATE TABLE sales (${cols});
INSERT INTO sales (tx_id, customer_id, ts, amount, quantity) SELECT 'T' || row_number() OVER (), customer_id, TIMESTAMP '2023-01-10 12:00' + to_days(day), amount, 1 FROM gen`);
    full = await runClv(db, OPTIONS, 'TRUE', undefined, inProcessJobs, { maxCustomers: 1_000_000 });
    part = await runClv(db, OPTIONS, 'TRUE', undefined, inProcessJobs, { maxCustomers: CAP, seed: 2 });
  });
  afterAll(() => db.close());

  it('fits on a sample of the cap and predicts for every customer', () => {
    expect(full.sample).toBeUndefined();
    expect(part.sample).toMatchObject({ size: CAP, population: N, seed: 2 });
    const a = part.output.analysis;
    if (!a.ok || !a.value.ok) throw new Error('the sample fit failed');
    expect(a.bgnbd.customers).toBe(CAP);
    expect(part.customers).toHaveLength(N);
    expect(a.pAlive).toHaveLength(N);
    expect(a.value.clv).toHaveLength(N);
    expect(part.output.nextDays).toHaveLength(N);
    expect(Array.from(a.pAlive).every((p) => p >= 0 && p <= 1)).toBe(true);
    // the holdout check ran on the sample's customers too
    expect(part.output.holdout?.ok).toBe(true);
  });

  it('holds the full fit inside the sample’s ±3 SE interval', () => {
    const f = full.output.analysis;
    if (!f.ok) throw new Error('the full fit failed');
    const box = clvSampleInterval(part);
    if (!box) throw new Error('no interval');
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      const [lo, hi] = box[k];
      expect(f.bgnbd.params[k]).toBeGreaterThanOrEqual(lo);
      expect(f.bgnbd.params[k]).toBeLessThanOrEqual(hi);
      // an interval that says something where the data determine the parameter (the purchase
      // rates; dropout's a and b are weakly determined by 4,000 customers, as by lifetimes)
      if (k === 'r' || k === 'alpha') expect(hi - lo).toBeLessThan(0.5 * f.bgnbd.params[k]);
      console.log(`${k}: full ${f.bgnbd.params[k].toFixed(4)}, sample [${lo.toFixed(4)}, ${hi.toFixed(4)}]`);
    }
  });

  it('writes the sample and the interval into report.json', () => {
    const r = clvReport(part);
    expect(r.sample).toMatchObject({ customers: CAP, population: N, seed: 2 });
    const box = (r.sample as { bgnbd_interval: Record<string, [number, number]> }).bgnbd_interval;
    expect(Object.keys(box).sort()).toEqual(['a', 'alpha', 'b', 'r']);
    expect(clvReport(full).sample).toBeUndefined();
  });
});
