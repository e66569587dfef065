// Calibration/holdout check of a BG/NBD fit, as lifetimes'
// plot_calibration_purchases_vs_holdout_purchases: customers grouped by their number of
// repeat purchases in the calibration period; per group, the mean actual holdout
// purchases against the mean of E[Y(holdout duration) | calibration summary]. Unlike
// lifetimes, which drops groups past the 7th, the last group pools everyone at or above
// it, so every customer is counted somewhere.
import { conditionalExpectedPurchases } from './bgnbd-predict';
import { checkRfm } from './data';
import type { BgNbdParams, ClvFailure, RfmArrays } from './types';

/** One group of the comparison: customers with `frequency` calibration repeat purchases (or more, for the last group). */
export interface HoldoutGroup {
  /** Calibration frequency of the group; the last group holds this and above. */
  frequency: number;
  /** "0", "1", …, "7+". */
  label: string;
  customers: number;
  /** Mean holdout purchases observed. */
  actual: number;
  /** Mean holdout purchases the model expects. */
  predicted: number;
}

/** Per-customer error of a holdout prediction. */
export interface HoldoutError {
  mae: number;
  rmse: number;
  /** Purchases predicted across the base. */
  total: number;
}

/** The comparison table (empty groups left out), the whole-base totals, and per-customer errors of the model and of the naive forecast. */
export interface HoldoutValidation {
  ok: true;
  duration: number;
  groups: HoldoutGroup[];
  totals: { customers: number; actual: number; predicted: number };
  /** The model's E[Y(duration) | calibration] against each customer's holdout purchases. */
  model: HoldoutError;
  /** The naive baseline: each customer repeats their calibration-period rate, frequency / T × duration (0 when T = 0). */
  naive: HoldoutError;
}

/** Predicted vs actual holdout purchases by calibration frequency 0, 1, …, `pooledFrom`+ (default 7). */
export function holdoutValidation(
  params: BgNbdParams,
  calibration: RfmArrays,
  holdoutFrequency: Float64Array,
  duration: number,
  pooledFrom = 7,
): HoldoutValidation | ClvFailure {
  const bad = checkRfm(calibration.frequency, calibration.recency, calibration.T);
  if (bad) return { ok: false, reason: bad };
  if (holdoutFrequency.length !== calibration.frequency.length) return { ok: false, reason: 'holdout frequencies must have one entry per calibration customer' };
  if (!(duration > 0) || !Number.isFinite(duration)) return { ok: false, reason: `the holdout period must have a positive length (got ${duration}); choose a split date before the end of the data` };
  if (!Number.isInteger(pooledFrom) || pooledFrom < 1) return { ok: false, reason: `pooledFrom must be a whole number ≥ 1 (got ${pooledFrom})` };
  const predicted = conditionalExpectedPurchases(params, duration, calibration);
  const count = new Float64Array(pooledFrom + 1);
  const actual = new Float64Array(pooledFrom + 1);
  const expected = new Float64Array(pooledFrom + 1);
  const totals = { customers: 0, actual: 0, predicted: 0 };
  const err = { model: { abs: 0, sq: 0, total: 0 }, naive: { abs: 0, sq: 0, total: 0 } };
  for (let i = 0; i < predicted.length; i++) {
    const h = holdoutFrequency[i] as number;
    const e = predicted[i] as number;
    if (!Number.isFinite(h) || h < 0) return { ok: false, reason: `customer ${i}: holdout frequency must be a number ≥ 0 (got ${h})` };
    if (!Number.isFinite(e)) return { ok: false, reason: `customer ${i}: the expected purchases could not be computed` };
    const g = Math.min(calibration.frequency[i] as number, pooledFrom);
    count[g] = (count[g] as number) + 1;
    actual[g] = (actual[g] as number) + h;
    expected[g] = (expected[g] as number) + e;
    totals.customers++;
    totals.actual += h;
    totals.predicted += e;
    const t = calibration.T[i] as number;
    const naive = t > 0 ? ((calibration.frequency[i] as number) / t) * duration : 0;
    err.model.abs += Math.abs(e - h);
    err.model.sq += (e - h) ** 2;
    err.model.total += e;
    err.naive.abs += Math.abs(naive - h);
    err.naive.sq += (naive - h) ** 2;
    err.naive.total += naive;
  }
  const score = (x: { abs: number; sq: number; total: number }): HoldoutError => ({ mae: x.abs / totals.customers, rmse: Math.sqrt(x.sq / totals.customers), total: x.total });
  const groups: HoldoutGroup[] = [];
  for (let g = 0; g <= pooledFrom; g++) {
    const c = count[g] as number;
    if (c === 0) continue;
    groups.push({ frequency: g, label: g === pooledFrom ? `${g}+` : String(g), customers: c, actual: (actual[g] as number) / c, predicted: (expected[g] as number) / c });
  }
  return { ok: true, duration, groups, totals, model: score(err.model), naive: score(err.naive) };
}
