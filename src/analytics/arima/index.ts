// Public API of the ARIMA forecaster. Entry points never throw on bad data: they
// return { ok: false, reason } with a sentence for the user. The one exception is
// cancellation: a set `signal` stops the automatic search with an Error named
// "AbortError", so callers can tell "cancelled" from "failed".
import { searchArima } from './auto';
import { estimateArima, type ArimaFit } from './fit';
import { residualDiagnostics } from './diagnostics';
import { fittedValues, forecastArima } from './forecast';
import type { AbortFlag, ArimaResult, ArimaSpec, AutoArimaSearch } from './types';
import { horizonProblem, periodProblem, seriesProblem, specProblem } from './validate';

/** Result and option shapes, all structured-clone-able (see types.ts). */
export type {
  AbortFlag,
  AccuracyMetrics,
  ArimaCoefficients,
  ArimaForecast,
  ArimaModel,
  ArimaResult,
  ArimaSpec,
  AutoArimaSearch,
  BacktestResult,
  LjungBox,
  NamedCoefficient,
  ResidualDiagnostics,
} from './types';
/** Ljung–Box Q tests (acorr_ljungbox) and statsmodels' default lag. */
export { defaultLjungBoxLag, ljungBox } from './diagnostics';
/** Hold-out check against the (seasonal) naive forecast; never throws except AbortError. */
export { backtestArima, type BacktestOptions } from './backtest';
/** Shortest series any fit accepts (6). */
export { MIN_OBSERVATIONS } from './validate';

/** Default forecast horizon (periods). */
export const DEFAULT_HORIZON = 6;

/** Options for autoArima. */
export interface AutoArimaOptions {
  /** Forecast horizon in periods (default 6). */
  h?: number;
  /** Cancels the search (an AbortSignal fits); the call then throws an Error named "AbortError". */
  signal?: AbortFlag;
  /** Rank candidates by CSS fits, refitting the best by ML (default: n > 150 or m > 12, as R). */
  approximation?: boolean;
}

/**
 * Picks a seasonal ARIMA for y (regular grain, period m: 12 months, 52 weeks, 7 days; 1
 * for none) by auto.arima's stepwise AICc search, fits it by exact ML and forecasts h
 * periods with 80% / 95% intervals.
 */
export function autoArima(y: ArrayLike<number>, m: number, options: AutoArimaOptions = {}): ArimaResult {
  const h = options.h ?? DEFAULT_HORIZON;
  const problem = seriesProblem(y) ?? horizonProblem(h) ?? periodProblem(m);
  if (problem) return { ok: false, reason: problem };
  try {
    const { fit, search, notes } = searchArima(y, m, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.approximation !== undefined ? { approximation: options.approximation } : {}),
    });
    return finish(y, fit, h, search, [...notes, ...fit.notes]);
  } catch (e) {
    if (e instanceof Error && e.name === 'AbortError') throw e;
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

/** Options for fitArima. */
export interface FitArimaOptions {
  /** Forecast horizon in periods (default 6). */
  h?: number;
}

/** Fits a hand-picked order (with or without a mean / drift) by exact ML and forecasts h periods. */
export function fitArima(y: ArrayLike<number>, spec: ArimaSpec, options: FitArimaOptions = {}): ArimaResult {
  const h = options.h ?? DEFAULT_HORIZON;
  const problem = seriesProblem(y) ?? horizonProblem(h) ?? specProblem(spec, y.length);
  if (problem) return { ok: false, reason: problem };
  try {
    const fit = estimateArima(y, spec);
    return finish(y, fit, h, null, fit.notes);
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

function finish(y: ArrayLike<number>, fit: ArimaFit, h: number, search: AutoArimaSearch | null, notes: string[]): ArimaResult {
  const { fitted, residuals } = fittedValues(y, fit);
  if (!fit.model.converged) notes.push('The likelihood optimiser stopped at its iteration limit; the estimates may be slightly off.');
  if (fit.minRoot < 1.01) notes.push('The model is close to a unit root (a polynomial root within 1.01 of the unit circle); treat long-range forecasts with care.');
  return { ok: true, model: fit.model, fitted, residuals, forecast: forecastArima(y, fit, h), diagnostics: residualDiagnostics(fit), search, notes };
}
