// Shapes shared by the CLV models. Everything here crosses the worker boundary, so it is
// plain data: numbers, strings, typed arrays.

/** What a top-level CLV entry point returns instead of numbers when the model cannot be used; `reason` is for the user. */
export interface ClvFailure {
  ok: false;
  reason: string;
}

/** Time unit of recency, T and prediction horizons (the summary SQL produces either). */
export type ClvTimeUnit = 'days' | 'weeks';

/**
 * Per-customer RFM summary in the lifetimes convention, one entry per customer at the same index:
 * frequency = repeat transactions (integer ≥ 0), recency = first→last transaction, T = first
 * transaction→end of observation (0 ≤ recency ≤ T; recency = 0 when frequency = 0).
 */
export interface RfmArrays {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
}

/** BG/NBD parameters: purchase rate λ ~ Gamma(r, rate α); dropout probability p ~ Beta(a, b). All > 0. */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Gamma-Gamma parameters: spend per transaction ~ Gamma(p, rate ν); ν ~ Gamma(q, rate γ). All > 0. */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** Diagnostics of a likelihood fit. `converged` is false only when the caller asked for unconverged results. */
export interface FitDiagnostics {
  /** Total (weighted) log-likelihood at the estimate, in the data's units. */
  logLik: number;
  converged: boolean;
  /** Largest |∂(mean log-likelihood)/∂log θ| at the estimate. */
  gradient: number;
  iterations: number;
  /** Customers (total weight) the fit used. */
  customers: number;
}

/** A fitted BG/NBD model; `se` are asymptotic standard errors (inverse Hessian; NaN if it is not positive definite). */
export interface BgNbdFit extends FitDiagnostics {
  ok: true;
  params: BgNbdParams;
  se: BgNbdParams;
  /** Customers with at least one repeat purchase. */
  repeatCustomers: number;
}

/** A fitted Gamma-Gamma model, with the frequency–spend correlation the model assumes is ~0. */
export interface GammaGammaFit extends FitDiagnostics {
  ok: true;
  params: GammaGammaParams;
  se: GammaGammaParams;
  /** Pearson correlation of frequency and average spend among the customers fitted; the model assumes independence. */
  frequencySpendCorrelation: number;
}
