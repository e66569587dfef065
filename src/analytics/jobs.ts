// The analytics worker's jobs: each composes models from src/analytics into one call that
// takes typed arrays and returns plain data. Pure and synchronous, so Node tests call
// them directly; the worker entry only exposes them.
import { autoArima, backtestArima, fitArima, type ArimaResult, type ArimaSpec, type BacktestResult } from './arima';
import { analyseClv, fitBgNbd, holdoutValidation, type ClvAnalysis, type ClvFailure, type ClvTimeUnit, type HoldoutValidation } from './clv';

/** Input of the forecast job: a regular series, its season length, horizon, and an optional hand-picked order. */
export interface ForecastInput {
  values: Float64Array;
  /** Season length: 12 months, 52 weeks, 7 days. */
  m: number;
  h: number;
  /** A fixed order, or null for the automatic search. */
  spec: ArimaSpec | null;
}

/** The fit with its forecast, and the backtest on the last h periods. */
export interface ForecastOutput {
  result: ArimaResult;
  backtest: BacktestResult;
  ms: number;
}

/** Fits (auto or fixed order), forecasts h periods, and backtests the same way on the last h. */
export function forecastJob(input: ForecastInput): ForecastOutput {
  const t = performance.now();
  const { values, m, h, spec } = input;
  const result = spec ? fitArima(values, spec, { h }) : autoArima(values, m, { h });
  const backtest = backtestArima(values, m, { h, ...(spec ? { spec } : {}) });
  return { result, backtest, ms: performance.now() - t };
}

/** Per-customer summary arrays (lifetimes' frequency / recency / T / monetary_value). */
export interface ClvSummaryArrays {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  monetary: Float64Array;
}

/** Input of the CLV job: the full-period summary and, optionally, a calibration/holdout split. */
export interface ClvInput {
  summary: ClvSummaryArrays;
  unit: ClvTimeUnit;
  months: number;
  monthlyDiscount: number;
  holdout: { calibration: ClvSummaryArrays; holdoutFrequency: Float64Array; duration: number } | null;
}

/** The fitted models with per-customer figures, and the holdout check. */
export interface ClvOutput {
  analysis: ClvAnalysis | ClvFailure;
  holdout: HoldoutValidation | ClvFailure | null;
  ms: number;
}

/** Fits BG/NBD + Gamma-Gamma on the whole period; refits BG/NBD on the calibration period for the holdout check. */
export function clvJob(input: ClvInput): ClvOutput {
  const t = performance.now();
  const analysis = analyseClv(input.summary, { unit: input.unit, months: input.months, monthlyDiscount: input.monthlyDiscount });
  let holdout: HoldoutValidation | ClvFailure | null = null;
  if (input.holdout) {
    const cal = input.holdout.calibration;
    const fit = fitBgNbd({ frequency: cal.frequency, recency: cal.recency, T: cal.T });
    holdout = fit.ok ? holdoutValidation(fit.params, cal, input.holdout.holdoutFrequency, input.holdout.duration) : { ok: false, reason: `calibration period: ${fit.reason}` };
  }
  return { analysis, holdout, ms: performance.now() - t };
}
