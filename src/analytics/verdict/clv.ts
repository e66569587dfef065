// Verdict on a CLV fit: are the BG/NBD (and Gamma-Gamma) parameters determined by the data
// (standard error against estimate, a Hessian that can be inverted), and does the model,
// refitted on the calibration period, predict holdout purchases better than the naive
// "each customer repeats their calibration-period rate"? Prediction quality is judged by
// per-customer RMSE: the model predicts conditional means, which RMSE rewards and MAE does not.
import type { HoldoutValidation } from '../clv/holdout';
import type { BgNbdFit, ClvFailure, GammaGammaFit } from '../clv/types';
import { plusMinus, poorlyDetermined, verdictOf, type ModelVerdict, type VerdictCheck } from './types';

/** What the CLV verdict looks at; `calibration` is the BG/NBD refit on the calibration period behind `holdout`. */
export interface ClvVerdictInput {
  bgnbd: BgNbdFit;
  spend: GammaGammaFit | ClvFailure | null;
  calibration: BgNbdFit | ClvFailure | null;
  holdout: HoldoutValidation | ClvFailure | null;
  /** Last day of the calibration period, for the sentences. */
  split?: string;
  /** Time unit of the holdout duration (default days). */
  unit?: 'days' | 'weeks';
}

const BG_NAMES: [keyof BgNbdFit['params'], string][] = [
  ['r', 'r'],
  ['alpha', 'α'],
  ['a', 'a'],
  ['b', 'b'],
];
const GG_NAMES: [keyof GammaGammaFit['params'], string][] = [
  ['p', 'p'],
  ['q', 'q'],
  ['gamma', 'γ'],
];

/** Parameters whose standard error is missing or exceeds the estimate, as "a = 0.0034 ± 0.0076"; empty when all are determined. */
export function undetermined<K extends string>(params: Record<K, number>, se: Record<K, number>, names: [K, string][]): string[] {
  return names.filter(([k]) => poorlyDetermined(params[k], se[k])).map(([k, name]) => `${name} = ${plusMinus(params[k], se[k])}`);
}

const num = (v: number, d = 2): string => v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

/** The verdict on a CLV analysis: not reliable when a model is not identified or loses to the naive forecast on the holdout. */
export function clvVerdict(i: ClvVerdictInput): ModelVerdict {
  const checks: VerdictCheck[] = [];
  const bg = undetermined(i.bgnbd.params, i.bgnbd.se, BG_NAMES);
  checks.push(
    bg.length
      ? { name: 'identified', passed: false, detail: `the data cannot identify the purchase model (BG/NBD): ${bg.join(', ')} — standard errors larger than the estimates, so P(alive), expected purchases and CLV are not determined` }
      : { name: 'identified', passed: true, detail: 'every BG/NBD parameter is larger than its standard error' },
  );
  if (i.spend && i.spend.ok) {
    const gg = undetermined(i.spend.params, i.spend.se, GG_NAMES);
    checks.push(
      gg.length
        ? { name: 'spend-identified', passed: false, detail: `the data cannot identify the spend model (Gamma-Gamma): ${gg.join(', ')} — standard errors larger than the estimates` }
        : { name: 'spend-identified', passed: true, detail: 'every Gamma-Gamma parameter is larger than its standard error' },
    );
  }
  const when = i.split ? ` (to ${i.split})` : '';
  if (i.calibration && !i.calibration.ok) {
    checks.push({ name: 'baseline', passed: false, detail: `the model could not be checked on a holdout: on the calibration period${when} ${i.calibration.reason.replace(/^calibration period: /, '')}` });
  } else if (i.calibration && i.calibration.ok && undetermined(i.calibration.params, i.calibration.se, BG_NAMES).length) {
    const cal = undetermined(i.calibration.params, i.calibration.se, BG_NAMES);
    checks.push({ name: 'baseline', passed: false, detail: `refitted on the calibration period${when} the purchase model is not identified either (${cal.join(', ')}), so the holdout check means nothing` });
  } else if (!i.holdout) {
    checks.push({ name: 'baseline', passed: null, detail: 'no holdout check: not enough history after the split date' });
  } else if (!i.holdout.ok) {
    checks.push({ name: 'baseline', passed: false, detail: `the holdout check failed: ${i.holdout.reason}` });
  } else {
    const h = i.holdout;
    const u = i.unit === 'weeks' ? 'week' : 'day';
    const figures = `per-customer error (RMSE) ${num(h.model.rmse, 3)} against ${num(h.naive.rmse, 3)} for the naive forecast; ${num(h.totals.actual, 0)} purchases happened, the model expected ${num(h.model.total, 0)}, the naive forecast ${num(h.naive.total, 0)}`;
    checks.push(
      h.model.rmse < h.naive.rmse
        ? { name: 'baseline', passed: true, detail: `on the ${num(h.duration, 0)}-${u} holdout the model beats "each customer repeats their past rate": ${figures}` }
        : { name: 'baseline', passed: false, detail: `on the ${num(h.duration, 0)}-${u} holdout the model does no better than "each customer repeats their past rate": ${figures}` },
    );
  }
  return verdictOf(checks);
}
