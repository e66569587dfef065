// Simulated customers drawn from the BG/NBD and Gamma-Gamma generative stories, for
// parameter-recovery tests and demos. Follows the models literally (and lifetimes'
// generator): purchases after the first come at Poisson rate λ; after each repeat
// purchase the customer leaves for good with probability p.
import type { Random } from '../random';
import type { BgNbdParams, GammaGammaParams, RfmArrays } from './types';

/** Simulated summaries plus what a real data set hides: whether each customer is still active at T, and purchases in a holdout after T. */
export interface SimulatedCustomers extends RfmArrays {
  /** 1 when the customer had not dropped out by T. */
  alive: Uint8Array;
  /** Repeat purchases in (T, T + holdout]. */
  holdoutFrequency: Float64Array;
}

/** Draws one customer per entry of `T` (time from first purchase to end of calibration), optionally continued for `holdout` more periods. */
export function simulateBgNbd({ r, alpha, a, b }: BgNbdParams, T: Float64Array, rng: Random, holdout = 0): SimulatedCustomers {
  const n = T.length;
  const frequency = new Float64Array(n);
  const recency = new Float64Array(n);
  const alive = new Uint8Array(n);
  const holdoutFrequency = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lambda = rng.gamma(r, 1 / alpha);
    const p = rng.beta(a, b);
    const end = T[i] as number;
    let t = 0;
    let x = 0;
    let last = 0;
    let later = 0;
    let active = true;
    for (;;) {
      // A rate that underflowed to 0 means no further purchase ever.
      const next = lambda > 0 ? t + rng.exponential(lambda) : Number.POSITIVE_INFINITY;
      if (!(next < end + holdout)) break;
      t = next;
      if (t < end) {
        x++;
        last = t;
      } else {
        later++;
      }
      if (rng.next() < p) {
        active = false;
        break;
      }
    }
    frequency[i] = x;
    recency[i] = last;
    // Dropping out happens right after a purchase, so a customer whose last flip was after T was still active at T.
    alive[i] = active || t >= end ? 1 : 0;
    holdoutFrequency[i] = later;
  }
  return { frequency, recency, T: Float64Array.from(T), alive, holdoutFrequency };
}

/** Average repeat-purchase value per customer (0 when frequency is 0): ν ~ Gamma(q, rate γ), each spend ~ Gamma(p, rate ν). */
export function simulateSpend({ p, q, gamma }: GammaGammaParams, frequency: Float64Array, rng: Random): Float64Array {
  const out = new Float64Array(frequency.length);
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i] as number;
    if (x === 0) continue;
    const nu = rng.gamma(q, 1 / gamma);
    let sum = 0;
    for (let k = 0; k < x; k++) sum += rng.gamma(p, 1 / nu);
    out[i] = sum / x;
  }
  return out;
}
