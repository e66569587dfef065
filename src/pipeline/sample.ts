// A sample of customers for files beyond the engine's memory (src/sql/sample.ts draws it):
// each customer is in it with probability p = 1/N, independently (a hash of the id behaves as
// a coin), all of their purchases with them. A total over the whole file is then estimated by
// N·Σy over the sampled units (Horvitz–Thompson), with variance Σ(1−p)/p²·y² = N(N−1)·Σy²
// (unbiased for this Poisson sampling), so the 95% interval is N·Σy ± 1.96·√(N(N−1)·Σy²).
// Per-customer figures (spend, orders, segments, recommendations) are exact for the customers
// in the sample. tests/pipeline/sample.test.ts checks the interval's coverage on a known population.
import type { Connector } from '../engine/connector';
import { toRows } from '../engine/rows';
import { sampleTotalsSql } from '../sql/sample';

/** z of a two-sided 95% normal interval. */
const Z95 = 1.959963984540054;

/** A total scaled up from a sample, with its 95% confidence interval. */
export interface ScaledTotal {
  /** The figure in the sample. */
  sample: number;
  estimate: number;
  low: number;
  high: number;
}

/** Scales a sample total Σy (with Σy² over its units) to the whole file, 1 in `every` units sampled. */
export function scaleTotal(sum: number, sumSq: number, every: number): ScaledTotal {
  const estimate = every * sum;
  const half = Z95 * Math.sqrt(Math.max(0, every * (every - 1) * sumSq));
  return { sample: sum, estimate, low: estimate - half, high: estimate + half };
}

/** The headline totals of a sample scaled to the whole file. */
export interface SampleEstimates {
  every: number;
  netSales: ScaledTotal;
  transactions: ScaledTotal;
  customers: ScaledTotal;
  lines: ScaledTotal;
}

/** Scales the sample's net sales, transactions, customers and sales lines (under `where`) to the whole file. */
export async function sampleEstimates(conn: Connector, every: number, where = 'TRUE', signal?: AbortSignal): Promise<SampleEstimates> {
  const r = toRows(await conn.query(sampleTotalsSql(where), signal))[0] ?? {};
  const n = (k: string): number => Number(r[k] ?? 0);
  return {
    every,
    netSales: scaleTotal(n('net_sum'), n('net_sq'), every),
    transactions: scaleTotal(n('tx_sum'), n('tx_sq'), every),
    // a customer counts 1: Σy = Σy² = the customers in the sample
    customers: scaleTotal(n('customers'), n('customers'), every),
    lines: scaleTotal(n('lines_sum'), n('lines_sq'), every),
  };
}
