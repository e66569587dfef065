// Public surface of the CLV models, for the analytics worker and the page's types.
export { analyseClv, type ClvAnalysis, type ClvAnalysisOptions } from './analyse';
export { fitBgNbd, type BgNbdFitOptions } from './bgnbd';
export { conditionalExpectedPurchases, expectedPurchases, probabilityAlive } from './bgnbd-predict';
export { MIN_REPEAT_CUSTOMERS } from './data';
export { conditionalExpectedSpend, fitGammaGamma, type GammaGammaFitOptions } from './gamma-gamma';
export { holdoutValidation, type HoldoutError, type HoldoutGroup, type HoldoutValidation } from './holdout';
export { hyp2f1 } from './hyp2f1';
export { customerLifetimeValue, PERIODS_PER_MONTH, type LifetimeValueOptions, type LifetimeValueResult } from './lifetime-value';
export { simulateBgNbd, simulateSpend, type SimulatedCustomers } from './simulate';
export type { BgNbdFit, BgNbdParams, ClvFailure, ClvTimeUnit, GammaGammaFit, GammaGammaParams, RfmArrays } from './types';
