// Shapes shared by the ARIMA modules and the worker API. Everything here is plain data
// (numbers, strings, arrays, Float64Array) so results cross a worker boundary by
// structured clone without adapters.

/** Minimal abort flag (an AbortSignal fits); the auto search checks it between fits. */
export interface AbortFlag {
  readonly aborted: boolean;
}

/**
 * A seasonal ARIMA(p,d,q)(P,D,Q)[m] specification. Invariants: all orders are
 * non-negative integers; m ≥ 1; P = D = Q = 0 when m = 1. `constant` means a mean when
 * d + D = 0 and a drift (slope per period in the levels) when d + D = 1; with two or
 * more differences it is ignored, as in R's forecast::Arima.
 */
export interface ArimaSpec {
  p: number;
  d: number;
  q: number;
  P: number;
  D: number;
  Q: number;
  m: number;
  constant: boolean;
}

/**
 * Estimated coefficients in R / statsmodels sign conventions:
 * (1 - Σ ar_i L^i)(1 - Σ sar_i L^{im}) (1-L)^d (1-L^m)^D (y_t - drift·t or mean)
 *   = (1 + Σ ma_i L^i)(1 + Σ sma_i L^{im}) e_t,  e_t ~ N(0, sigma2).
 */
export interface ArimaCoefficients {
  ar: number[];
  ma: number[];
  sar: number[];
  sma: number[];
  /** Mean of the series (d + D = 0), or null. */
  mean: number | null;
  /** Drift per period in the levels (d + D = 1), or null. */
  drift: number | null;
}

/** One named coefficient for display, with its standard error (NaN when the Hessian is not positive definite). */
export interface NamedCoefficient {
  /** R's names: ar1…, ma1…, sar1…, sma1…, mean (R: intercept) or drift. */
  name: string;
  value: number;
  se: number;
}

/** A fitted model: the specification, its estimates and the information criteria. */
export interface ArimaModel {
  spec: ArimaSpec;
  /** e.g. "ARIMA(0,1,1)(0,1,1)[12]" or "ARIMA(1,1,0) with drift". */
  label: string;
  coefficients: ArimaCoefficients;
  table: NamedCoefficient[];
  /** Maximum-likelihood innovation variance (statsmodels; R's forecast::Arima prints an unbiased one). */
  sigma2: number;
  logLik: number;
  aic: number;
  aicc: number;
  bic: number;
  /** Observations in the likelihood: n − d − D·m. */
  nobs: number;
  /** Number of estimated parameters, sigma2 included (the k of AIC). */
  nParams: number;
  /** False when the optimiser stopped at its iteration cap. */
  converged: boolean;
}

/** Point forecasts and 80% / 95% prediction intervals, h steps past the data. */
export interface ArimaForecast {
  mean: Float64Array;
  lower80: Float64Array;
  upper80: Float64Array;
  lower95: Float64Array;
  upper95: Float64Array;
  /** Forecast standard errors (sqrt of the h-step forecast variance). */
  se: Float64Array;
}

/** How the automatic search reached its model (for display and for trust). */
export interface AutoArimaSearch {
  /** Differences chosen by the tests below. */
  d: number;
  D: number;
  /** KPSS level statistics, one per tested differencing order (d = 0, 1, …). */
  kpss: { d: number; statistic: number; lags: number; pValue: number }[];
  /** STL seasonal strength of the series (null when not computed: m = 1 or too short). */
  seasonalStrength: number | null;
  /** Models were ranked by CSS fits with R's offset AICc (long series or m > 12), the winner refitted by ML. */
  approximation: boolean;
  /** Every model fitted, in order, with its AICc (Infinity when rejected: failed fit or a root inside 1.01). */
  tried: { label: string; spec: ArimaSpec; aicc: number }[];
}

/** Ljung–Box test at one lag: Q statistic and its χ² p-value (small p: autocorrelation left in the residuals). */
export interface LjungBox {
  lag: number;
  q: number;
  pValue: number;
}

/** Residual checks of a fit, as statsmodels' summary and test_serial_correlation report them. */
export interface ResidualDiagnostics {
  /** Standardized one-step forecast errors v_t / √F_t, after the d + D·m differencing burn-in (statsmodels' standardized_forecasts_error). */
  standardized: Float64Array;
  /** "Ljung-Box (L1) (Q)" and "Prob(Q)" of the statsmodels summary; null when too short. */
  lag1: LjungBox | null;
  /** At statsmodels' default lag: min(10, n // 5), or min(2m, n // 5) for a seasonal model; null when too short. */
  atDefaultLag: LjungBox | null;
}

/** Result of fitting (automatic or fixed order): model, in-sample fit and forecasts. */
export type ArimaResult =
  | {
      ok: true;
      model: ArimaModel;
      /** One-step-ahead in-sample predictions, aligned with the input; NaN for the first d + D·m points. */
      fitted: Float64Array;
      /** Input minus fitted (NaN where fitted is NaN). */
      residuals: Float64Array;
      forecast: ArimaForecast;
      /** Ljung–Box tests on the standardized residuals. */
      diagnostics: ResidualDiagnostics;
      /** Present for automatic fits only. */
      search: AutoArimaSearch | null;
      /** Plain-language remarks (e.g. seasonality skipped because the series is short). */
      notes: string[];
    }
  | { ok: false; reason: string };

/** Accuracy of h-step forecasts on the held-out tail. */
export interface AccuracyMetrics {
  mae: number;
  /** Mean absolute percentage error in percent; null when an actual value is zero. */
  mape: number | null;
  /** MAE scaled by the in-sample MAE of the (seasonal) naive one-step forecast; null when that is zero. */
  mase: number | null;
  /** Root mean squared error. */
  rmse: number;
}

/** One baseline of a backtest: its h forecasts and their accuracy. */
export interface BaselineScore {
  kind: 'seasonal-naive' | 'naive';
  lag: number;
  forecast: Float64Array;
  metrics: AccuracyMetrics;
}

/** Result of a backtest: fit on all but the last h points, forecast them, compare. */
export type BacktestResult =
  | {
      ok: true;
      h: number;
      trainLength: number;
      model: ArimaModel;
      actual: Float64Array;
      forecast: ArimaForecast;
      baseline: { kind: 'seasonal-naive' | 'naive'; lag: number; forecast: Float64Array };
      arima: AccuracyMetrics;
      baselineMetrics: AccuracyMetrics;
      /** Every baseline scored: the naive forecast always, the seasonal naive one when training holds two cycles. */
      baselines: BaselineScore[];
      /** In-sample MAE of the baseline's one-step forecasts on the training part (the MASE scale). */
      scale: number;
      /** ARIMA's MAE is strictly below every baseline's (naive and, where available, seasonal naive). */
      beatsBaseline: boolean;
      /** Held-out points inside the 80% / 95% intervals. */
      inside80: number;
      inside95: number;
      notes: string[];
    }
  | { ok: false; reason: string };
