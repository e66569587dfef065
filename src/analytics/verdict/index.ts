// Public surface of the model verdicts.
export { arimaVerdict, LJUNG_BOX_ALPHA } from './arima';
export { chiSquareSf } from './chi2';
export { clvVerdict, undetermined, type ClvVerdictInput } from './clv';
export { plusMinus, poorlyDetermined, verdictOf, type ModelVerdict, type VerdictCheck } from './types';
