// Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie,
// "The Gamma-Gamma model of monetary value", 2013). A customer's spends are
// Gamma(p, rate ν) with ν ~ Gamma(q, rate γ) across customers; the data per customer
// are x repeat transactions with average value m̄ (the first purchase left out, as in
// lifetimes). Log-likelihood of (x, m̄):
//   ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(x m̄ + γ)
import { aggregateRows, frequencyClasses, MIN_REPEAT_CUSTOMERS } from './data';
import { atBoundary, maximiseLikelihood, outsideBox } from './mle';
import { lnGamma } from './special';
import type { ClvFailure, GammaGammaFit, GammaGammaParams } from './types';

/** Options of fitGammaGamma. */
export interface GammaGammaFitOptions {
  /** Weight (multiplicity) per row. */
  weights?: Float64Array;
  /** When false, an unconverged fit is returned with converged: false instead of a failure (default true). */
  requireConvergence?: boolean;
}

const NAMES = ['p', 'q', 'γ'] as const;

/** Builds ℓ(params) = Σ weight · ln L over rows with x ≥ 1 and m̄ > 0 (the caller filters). */
export function gammaGammaLogLikelihood(frequency: Float64Array, monetary: Float64Array, weight: Float64Array): (params: GammaGammaParams) => number {
  const { values, classOf } = frequencyClasses(frequency);
  const logM = monetary.map(Math.log);
  const head = new Float64Array(values.length);
  return ({ p, q, gamma }) => {
    if (!(p > 0 && q > 0 && gamma > 0)) return Number.NaN;
    const base = -lnGamma(q) + q * Math.log(gamma);
    for (let j = 0; j < values.length; j++) {
      const x = values[j] as number;
      head[j] = base + lnGamma(p * x + q) - lnGamma(p * x) + p * x * Math.log(x);
    }
    let sum = 0;
    for (let i = 0; i < classOf.length; i++) {
      const x = frequency[i] as number;
      const px = p * x;
      const ll = (head[classOf[i] as number] as number) + (px - 1) * (logM[i] as number) - (px + q) * Math.log(x * (monetary[i] as number) + gamma);
      sum += (weight[i] as number) * ll;
    }
    return sum;
  };
}

function weightedCorrelation(x: Float64Array, y: Float64Array, w: Float64Array): number {
  let sw = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < x.length; i++) {
    sw += w[i] as number;
    mx += (w[i] as number) * (x[i] as number);
    my += (w[i] as number) * (y[i] as number);
  }
  mx /= sw;
  my /= sw;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += (w[i] as number) * dx * dy;
    sxx += (w[i] as number) * dx * dx;
    syy += (w[i] as number) * dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

/** Fits Gamma-Gamma on customers with frequency ≥ 1 and monetary > 0 (others are ignored); { ok: false, reason } when it cannot. */
export function fitGammaGamma(frequency: Float64Array, monetary: Float64Array, options: GammaGammaFitOptions = {}): GammaGammaFit | ClvFailure {
  const n = frequency.length;
  if (monetary.length !== n || (options.weights && options.weights.length !== n)) {
    return { ok: false, reason: 'frequency, monetary (and weights) must have the same length' };
  }
  for (let i = 0; i < n; i++) {
    const x = frequency[i] as number;
    const m = monetary[i] as number;
    if (!Number.isFinite(x) || x < 0 || x !== Math.round(x)) return { ok: false, reason: `customer ${i}: frequency must be a whole number ≥ 0 (got ${x})` };
    if (!Number.isFinite(m) || m < 0) return { ok: false, reason: `customer ${i}: monetary value must be a finite number ≥ 0 (got ${m})` };
    const w = options.weights ? (options.weights[i] as number) : 1;
    if (!Number.isFinite(w) || w < 0) return { ok: false, reason: `customer ${i}: weights must be finite and ≥ 0 (got ${w})` };
  }
  const rows = aggregateRows(frequency, new Float64Array(n), new Float64Array(n), monetary, options.weights, (i) => (frequency[i] as number) >= 1 && (monetary[i] as number) > 0);
  const used = rows.totalWeight;
  if (used === 0) return { ok: false, reason: 'no customer has a repeat purchase with a positive value: there is no repeat spend to model' };
  if (used < MIN_REPEAT_CUSTOMERS) {
    return { ok: false, reason: `only ${used} customer${used === 1 ? '' : 's'} with a repeat purchase of positive value; the spend model needs at least ${MIN_REPEAT_CUSTOMERS}` };
  }
  const m = rows.extra;
  let mean = 0;
  let mMin = Number.POSITIVE_INFINITY;
  let mMax = 0;
  for (let i = 0; i < m.length; i++) {
    mean += (rows.weight[i] as number) * (m[i] as number);
    mMin = Math.min(mMin, m[i] as number);
    mMax = Math.max(mMax, m[i] as number);
  }
  mean /= used;
  if (mMin === mMax) return { ok: false, reason: `no spread in the data: every repeat customer spends the same on average (${mMin}), so spend heterogeneity cannot be estimated` };

  const ll = gammaGammaLogLikelihood(rows.frequency, m, rows.weight);
  const scale = [0, 0, Math.log(mean)];
  const objective = (lp: number[]): number => {
    if (outsideBox(lp, scale)) return Number.POSITIVE_INFINITY;
    const v = ll({ p: Math.exp(lp[0] as number), q: Math.exp(lp[1] as number), gamma: Math.exp(lp[2] as number) });
    return Number.isFinite(v) ? -v / used : Number.POSITIVE_INFINITY;
  };
  // Starts on the data's money scale: the model's mean spend pγ/(q−1) equals the observed mean at each.
  const lm = Math.log(mean);
  const starts = [
    [0, Math.log(2), lm],
    [Math.log(5), Math.log(3), lm + Math.log(2 / 5)],
    [Math.log(0.5), Math.log(5), lm + Math.log(8)],
  ];
  const res = maximiseLikelihood(objective, starts, used, scale);
  if (!Number.isFinite(res.objective)) return { ok: false, reason: 'the likelihood could not be evaluated anywhere the optimiser looked' };
  const edge = atBoundary(res.logParams, scale);
  if (edge) {
    const why = edge.index === 0 ? 'single purchases vary too little around each customer’s own mean' : 'average spend varies too little between customers';
    return { ok: false, reason: `the fit did not settle: the likelihood keeps improving as ${NAMES[edge.index]} → ${edge.towards}, so the data cannot identify the spend model (${why})` };
  }
  if (!res.converged && options.requireConvergence !== false) {
    return { ok: false, reason: `the optimiser did not converge (largest gradient ${res.gradient.toExponential(2)} after ${res.iterations} iterations)` };
  }
  const [p, q, gamma] = res.logParams.map(Math.exp) as [number, number, number];
  const [sp, sq, sg] = res.se as [number, number, number];
  return {
    ok: true,
    params: { p, q, gamma },
    se: { p: sp, q: sq, gamma: sg },
    logLik: -res.objective * used,
    converged: res.converged,
    gradient: res.gradient,
    iterations: res.iterations,
    customers: used,
    frequencySpendCorrelation: weightedCorrelation(rows.frequency, m, rows.weight),
  };
}

/** Expected spend per transaction E[M | x, m̄] = p(γ + x m̄)/(px + q − 1) per customer; needs q > 1 (else the mean spend is infinite). */
export function conditionalExpectedSpend(params: GammaGammaParams, frequency: Float64Array, monetary: Float64Array): { ok: true; spend: Float64Array } | ClvFailure {
  const { p, q, gamma } = params;
  if (!(q > 1)) {
    return { ok: false, reason: `the fitted spend model has q = ${q.toPrecision(3)} ≤ 1: its mean spend per transaction is infinite, so expected spend and CLV are undefined` };
  }
  if (monetary.length !== frequency.length) return { ok: false, reason: 'frequency and monetary must have the same length' };
  const spend = new Float64Array(frequency.length);
  for (let i = 0; i < spend.length; i++) {
    const x = frequency[i] as number;
    spend[i] = (p * (gamma + x * (monetary[i] as number))) / (p * x + q - 1);
  }
  return { ok: true, spend };
}
