// Hold-out check of the forecaster: fit on all but the last h points (choosing the
// order afresh, unless one is fixed — the app passes the order it chose on the whole
// series, so the backtest judges the model in use), forecast those h, and compare with
// the naive forecast (last value) and the seasonal naive one (same period last cycle,
// when the training part has two seasonal cycles). MAPE/MASE are shown against the
// seasonal naive one where it exists. MASE scales both MAEs by the
// in-sample MAE of that baseline's one-step forecasts on the training part (Hyndman &
// Koehler 2006), so MASE < 1 means better than the baseline did in-sample.
import { searchArima } from './auto';
import { estimateArima, type ArimaFit } from './fit';
import { forecastArima } from './forecast';
import type { AbortFlag, AccuracyMetrics, ArimaSpec, BacktestResult, BaselineScore } from './types';
import { horizonProblem, MIN_OBSERVATIONS, periodProblem, seriesProblem, specProblem } from './validate';

/** Options for backtestArima. */
export interface BacktestOptions {
  /** Held-out periods (default 6). */
  h?: number;
  /** Fixed order to test; by default the automatic search runs on the training part. */
  spec?: ArimaSpec;
  /** Cancels the automatic search (throws an Error named "AbortError"). */
  signal?: AbortFlag;
}

/** Fits on y without its last h values, forecasts them and scores against the (seasonal) naive baseline. */
export function backtestArima(y: ArrayLike<number>, m: number, options: BacktestOptions = {}): BacktestResult {
  const h = options.h ?? 6;
  const early = horizonProblem(h) ?? periodProblem(m) ?? seriesProblem(y, 1);
  if (early) return { ok: false, reason: early };
  const n = y.length;
  if (n < MIN_OBSERVATIONS + h) {
    return {
      ok: false,
      reason: `A backtest holding out ${h} periods needs at least ${MIN_OBSERVATIONS + h} observations (${MIN_OBSERVATIONS} to fit, ${h} to check); this series has ${n}.`,
    };
  }
  const nTrain = n - h;
  const train = Float64Array.from({ length: nTrain }, (_, i) => y[i] as number);
  const actual = Float64Array.from({ length: h }, (_, i) => y[nTrain + i] as number);
  const trainProblem = seriesProblem(train) ?? (options.spec ? specProblem(options.spec, nTrain) : null);
  if (trainProblem) return { ok: false, reason: `Training part (the first ${nTrain} of ${n} points): ${trainProblem}` };

  const notes: string[] = [];
  let fit: ArimaFit;
  try {
    if (options.spec) fit = estimateArima(train, options.spec);
    else {
      const outcome = searchArima(train, m, options.signal ? { signal: options.signal } : {});
      fit = outcome.fit;
      notes.push(...outcome.notes);
    }
  } catch (e) {
    if (e instanceof Error && e.name === 'AbortError') throw e;
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
  const forecast = forecastArima(train, fit, h);

  const seasonal = m > 1 && nTrain >= 2 * m;
  const lag = seasonal ? m : 1;
  if (m > 1 && !seasonal) notes.push(`The baseline is the naive forecast (last value): the training part has fewer than two seasonal cycles (${2 * m} points).`);
  const repeatLast = (k: number): Float64Array => Float64Array.from({ length: h }, (_, j) => train[nTrain + j - k * (Math.floor(j / k) + 1)] as number);
  const baseline = repeatLast(lag);
  let scale = 0;
  for (let t = lag; t < nTrain; t++) scale += Math.abs((train[t] as number) - (train[t - lag] as number));
  scale /= nTrain - lag;

  const arima = accuracy(actual, forecast.mean, scale);
  const baselineMetrics = accuracy(actual, baseline, scale);
  const baselines: BaselineScore[] = [{ kind: seasonal ? 'seasonal-naive' : 'naive', lag, forecast: baseline, metrics: baselineMetrics }];
  if (seasonal) {
    const naive = repeatLast(1);
    baselines.push({ kind: 'naive', lag: 1, forecast: naive, metrics: accuracy(actual, naive, scale) });
  }
  if (arima.mape === null) notes.push('MAPE is undefined because a held-out value is zero.');
  if (arima.mase === null) notes.push('MASE is undefined because the baseline is exact on the training part.');
  let inside80 = 0;
  let inside95 = 0;
  for (let j = 0; j < h; j++) {
    const a = actual[j] as number;
    if (a >= (forecast.lower80[j] as number) && a <= (forecast.upper80[j] as number)) inside80++;
    if (a >= (forecast.lower95[j] as number) && a <= (forecast.upper95[j] as number)) inside95++;
  }
  return {
    ok: true,
    h,
    trainLength: nTrain,
    model: fit.model,
    actual,
    forecast,
    baseline: { kind: seasonal ? 'seasonal-naive' : 'naive', lag, forecast: baseline },
    arima,
    baselineMetrics,
    baselines,
    scale,
    beatsBaseline: baselines.every((b) => arima.mae < b.metrics.mae),
    inside80,
    inside95,
    notes,
  };
}

function accuracy(actual: Float64Array, predicted: Float64Array, scale: number): AccuracyMetrics {
  let mae = 0;
  let sse = 0;
  let ape = 0;
  let zero = false;
  for (let j = 0; j < actual.length; j++) {
    const a = actual[j] as number;
    const e = Math.abs(a - (predicted[j] as number));
    mae += e;
    sse += e * e;
    if (a === 0) zero = true;
    else ape += e / Math.abs(a);
  }
  mae /= actual.length;
  return { mae, mape: zero ? null : (100 * ape) / actual.length, mase: scale > 0 ? mae / scale : null, rmse: Math.sqrt(sse / actual.length) };
}
