// Caps of the stages whose models are TypeScript over typed arrays (k-means, BG/NBD) or
// whose evaluation replays customers (leave-last-out), and how a stage says it used a
// sample beyond its cap. Below a cap nothing is sampled and nothing here shows up in a
// result. The caps, bounds and measurements are written up in the README ("Beyond what
// fits in memory"). Every cap can be lowered per call (tests pass a small one).

import { fmtInt } from '../format';

/**
 * Most customers k-means is fitted on. The job holds about 200 bytes per customer
 * (id, d feature columns twice, the standardised n × d matrix, labels and Hamerly bounds),
 * 40 MB at the cap; the scan of k = 2…10 with ≥ 10 restarts each is the real cost (≈ 40 s at
 * 200,000 × 3 on this 2-core machine, linear in customers). Beyond it: fit on a seeded
 * uniform sample of this many, then every customer is assigned to the nearest centre in SQL.
 */
export const CLUSTER_MAX_CUSTOMERS = 200_000;

/**
 * Most customers BG/NBD and Gamma-Gamma are fitted on. The fit holds a de-duplicating map
 * of (frequency, recency, T) rows (≈ 150 bytes per distinct row) and evaluates the
 * likelihood over them a few thousand times (3 starts, Nelder–Mead, a numerical Hessian).
 * Beyond it: fit on a seeded uniform sample, predict for every customer (one pass over
 * typed arrays, 8 doubles per customer).
 */
export const CLV_MAX_CUSTOMERS = 200_000;

/** A stage that used a sample of customers: how many, of how many, and the bound it states. */
export interface SampleInfo {
  /** Customers the model was fitted on (or the evaluation replayed). */
  size: number;
  /** Customers there are. */
  population: number;
  /** Seed of the hash that chose them (src/sql/sample.ts seededCustomerSampleSql). */
  seed: number;
  /** The stated error bound, in words. */
  bound: string;
}

/** "a random 200,000 of 1,412,345 customers" (the page's and the report viewer's wording). */
export function sampleWords(s: Pick<SampleInfo, 'size' | 'population'>): string {
  return `a random ${fmtInt(s.size)} of ${fmtInt(s.population)} customers`;
}

/** report.json form of a sample (what it was, and its bound). */
export function sampleReport(s: SampleInfo): Record<string, unknown> {
  return { customers: s.size, population: s.population, seed: s.seed, bound: s.bound };
}
