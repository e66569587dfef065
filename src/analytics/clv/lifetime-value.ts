// Customer lifetime value over a horizon, computed as lifetimes'
// customer_lifetime_value does: for each month k = 1..H, the BG/NBD expected purchases
// in that month, E[Y(k·f)] − E[Y((k−1)·f)], times the Gamma-Gamma expected spend,
// discounted by (1 + d)^k. f is lifetimes' month length in the summary's unit: 30 days,
// or 4.345 weeks.
import { conditionalExpectedPurchases } from './bgnbd-predict';
import { conditionalExpectedSpend } from './gamma-gamma';
import type { BgNbdParams, ClvFailure, ClvTimeUnit, GammaGammaParams, RfmArrays } from './types';

/** Length of a month in each time unit, as lifetimes uses them ({ D: 30, W: 4.345 }). */
export const PERIODS_PER_MONTH: Readonly<Record<ClvTimeUnit, number>> = { days: 30, weeks: 4.345 };

/** Options of customerLifetimeValue. */
export interface LifetimeValueOptions {
  /** Unit of recency and T in the summary. */
  unit: ClvTimeUnit;
  /** Horizon in months (whole number, default 12). */
  months?: number;
  /** Discount rate per month (default 0.01). */
  monthlyDiscount?: number;
}

/** Per-customer CLV and its two factors; arrays are indexed like the input summary. */
export interface LifetimeValueResult {
  ok: true;
  /** Discounted value over the horizon. */
  clv: Float64Array;
  /** Expected (undiscounted) purchases over the horizon. */
  expectedPurchases: Float64Array;
  /** Expected spend per purchase (Gamma-Gamma conditional mean). */
  expectedSpend: Float64Array;
  months: number;
  monthlyDiscount: number;
  periodsPerMonth: number;
}

/** CLV per customer over `months`; { ok: false, reason } for bad options or a spend model without a finite mean (q ≤ 1). */
export function customerLifetimeValue(
  bgnbd: BgNbdParams,
  spendModel: GammaGammaParams,
  data: RfmArrays & { monetary: Float64Array },
  options: LifetimeValueOptions,
): LifetimeValueResult | ClvFailure {
  const months = options.months ?? 12;
  const d = options.monthlyDiscount ?? 0.01;
  if (!Number.isInteger(months) || months < 1 || months > 600) return { ok: false, reason: `horizon must be a whole number of months between 1 and 600 (got ${months})` };
  if (!Number.isFinite(d) || d <= -1) return { ok: false, reason: `monthly discount rate must be a number above −1 (got ${d})` };
  const f = PERIODS_PER_MONTH[options.unit];
  if (f === undefined) return { ok: false, reason: `unknown time unit ${String(options.unit)}` };
  const n = data.frequency.length;
  if (data.recency.length !== n || data.T.length !== n || data.monetary.length !== n) return { ok: false, reason: 'summary arrays must have the same length' };

  const spend = conditionalExpectedSpend(spendModel, data.frequency, data.monetary);
  if (!spend.ok) return spend;
  const clv = new Float64Array(n);
  let previous: Float64Array = new Float64Array(n);
  for (let k = 1; k <= months; k++) {
    const cumulative = conditionalExpectedPurchases(bgnbd, k * f, data);
    const discount = Math.pow(1 + d, k);
    for (let i = 0; i < n; i++) clv[i] = (clv[i] as number) + ((spend.spend[i] as number) * ((cumulative[i] as number) - (previous[i] as number))) / discount;
    previous = cumulative;
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(clv[i] as number)) return { ok: false, reason: `customer ${i}: expected purchases could not be computed (hypergeometric series failed)` };
  }
  return { ok: true, clv, expectedPurchases: previous, expectedSpend: spend.spend, months, monthlyDiscount: d, periodsPerMonth: f };
}
