// One call for the analytics worker: fit BG/NBD and Gamma-Gamma on a customer summary
// and return every per-customer figure. The purchase model is required; the spend model
// is optional, so when spend cannot be modelled the user still gets P(alive) and
// expected purchases, with the reason CLV is missing.
import { conditionalExpectedPurchases, probabilityAlive } from './bgnbd-predict';
import { fitBgNbd } from './bgnbd';
import { fitGammaGamma } from './gamma-gamma';
import { customerLifetimeValue, PERIODS_PER_MONTH, type LifetimeValueResult } from './lifetime-value';
import type { BgNbdFit, ClvFailure, ClvTimeUnit, GammaGammaFit, RfmArrays } from './types';

/** Options of analyseClv. */
export interface ClvAnalysisOptions {
  unit: ClvTimeUnit;
  /** CLV and expected-purchases horizon in months (default 12). */
  months?: number;
  /** Discount rate per month (default 0.01). */
  monthlyDiscount?: number;
  /**
   * Fit both models on these customers instead (a sample of the summary's, beyond what the
   * fit can hold); the predictions are still for every customer of the summary.
   */
  fitOn?: RfmArrays & { monetary: Float64Array };
}

/** Everything per customer, indexed like the input; `value` is a failure when spend could not be modelled. */
export interface ClvAnalysis {
  ok: true;
  unit: ClvTimeUnit;
  bgnbd: BgNbdFit;
  spend: GammaGammaFit | ClvFailure;
  pAlive: Float64Array;
  /** Expected purchases over the horizon (months × periods per month). */
  expectedPurchases: Float64Array;
  value: LifetimeValueResult | ClvFailure;
}

/** Fits both models and predicts; { ok: false, reason } when the purchase model cannot be fitted. Never throws. */
export function analyseClv(summary: RfmArrays & { monetary: Float64Array }, options: ClvAnalysisOptions): ClvAnalysis | ClvFailure {
  try {
    const months = options.months ?? 12;
    const f = PERIODS_PER_MONTH[options.unit];
    if (f === undefined) return { ok: false, reason: `unknown time unit ${String(options.unit)}` };
    if (!Number.isInteger(months) || months < 1 || months > 600) return { ok: false, reason: `horizon must be a whole number of months between 1 and 600 (got ${months})` };
    const fitData = options.fitOn ?? summary;
    const bgnbd = fitBgNbd(fitData);
    if (!bgnbd.ok) return bgnbd;
    const spend = fitGammaGamma(fitData.frequency, fitData.monetary);
    const value: LifetimeValueResult | ClvFailure = spend.ok
      ? customerLifetimeValue(bgnbd.params, spend.params, summary, { unit: options.unit, months, monthlyDiscount: options.monthlyDiscount ?? 0.01 })
      : { ok: false, reason: `no CLV: ${spend.reason}` };
    return {
      ok: true,
      unit: options.unit,
      bgnbd,
      spend,
      pAlive: probabilityAlive(bgnbd.params, summary),
      expectedPurchases: value.ok ? value.expectedPurchases : conditionalExpectedPurchases(bgnbd.params, months * f, summary),
      value,
    };
  } catch (e) {
    // The models return failures for every case we know of; this keeps the promise for the rest.
    return { ok: false, reason: `unexpected error: ${e instanceof Error ? e.message : String(e)}` };
  }
}
