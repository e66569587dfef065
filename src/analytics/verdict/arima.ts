// Verdict on a fitted ARIMA forecast: are its coefficients determined by the data, does the
// chosen order beat the naive and seasonal naive forecasts on the held-out tail, and is
// autocorrelation left in its residuals. A model that ties with the naive forecast (a
// random walk is the naive forecast) does not beat it.
import type { ArimaResult, BacktestResult } from '../arima/types';
import { plusMinus, poorlyDetermined, verdictOf, type ModelVerdict, type VerdictCheck } from './types';

/** Ljung–Box p-value below which the residuals count as still autocorrelated. */
export const LJUNG_BOX_ALPHA = 0.05;

const fmt = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const baselineName = (kind: 'naive' | 'seasonal-naive'): string => (kind === 'naive' ? 'the naive forecast (last value repeated)' : 'the seasonal naive forecast (same period last season)');

/** The verdict on a forecast; `backtest` should refit the same order on the training window (see forecastJob). */
export function arimaVerdict(result: ArimaResult, backtest: BacktestResult): ModelVerdict {
  if (!result.ok) return verdictOf([{ name: 'fitted', passed: false, detail: `no model could be fitted: ${result.reason}` }]);
  const m = result.model;
  const checks: VerdictCheck[] = [];
  const loose = m.table.filter((c) => poorlyDetermined(c.value, c.se));
  const flat = m.table.filter((c) => !Number.isFinite(c.se));
  checks.push(
    !m.converged
      ? { name: 'identified', passed: false, detail: `the likelihood optimiser did not converge for ${m.label}, so its estimates are not a maximum` }
      : flat.length
        ? { name: 'identified', passed: false, detail: `the likelihood is flat or singular at the estimate of ${m.label}: no standard error for ${flat.map((c) => c.name).join(', ')}` }
        : loose.length
          ? { name: 'identified', passed: false, detail: `the data cannot pin down ${loose.map((c) => `${c.name} = ${plusMinus(c.value, c.se)}`).join(', ')} (standard error larger than the estimate)` }
          : { name: 'identified', passed: true, detail: m.table.length ? `every coefficient of ${m.label} is larger than its standard error` : `${m.label} has no estimated coefficients` },
  );
  if (!backtest.ok) {
    checks.push({ name: 'baseline', passed: false, detail: `it could not be checked against the naive forecast: ${backtest.reason}` });
  } else {
    const lost = backtest.baselines.filter((b) => !(backtest.arima.mae < b.metrics.mae));
    const vs = backtest.baselines.map((b) => `${b.kind} ${fmt(b.metrics.mae)}`).join(', ');
    checks.push(
      lost.length
        ? {
            name: 'baseline',
            passed: false,
            detail: `${backtest.model.label} does not beat ${lost.map((b) => baselineName(b.kind)).join(' or ')} on the last ${backtest.h} periods held out: mean absolute error ${fmt(backtest.arima.mae)} against ${vs}`,
          }
        : { name: 'baseline', passed: true, detail: `${backtest.model.label} beats the naive forecasts on the last ${backtest.h} periods held out: mean absolute error ${fmt(backtest.arima.mae)} against ${vs}` },
    );
  }
  const lb = result.diagnostics.atDefaultLag;
  checks.push(
    !lb
      ? { name: 'residuals', passed: null, detail: 'too few residuals for a Ljung–Box test' }
      : lb.pValue < LJUNG_BOX_ALPHA
        ? { name: 'residuals', passed: false, detail: `autocorrelation is left in the residuals (Ljung–Box Q = ${fmt(lb.q)} at lag ${lb.lag}, p = ${lb.pValue.toFixed(3)}): the model misses structure in the series` }
        : { name: 'residuals', passed: true, detail: `no autocorrelation detected in the residuals (Ljung–Box Q = ${fmt(lb.q)} at lag ${lb.lag}, p = ${lb.pValue.toFixed(3)})` },
  );
  return verdictOf(checks);
}
