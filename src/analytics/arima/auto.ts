// Automatic order selection: the stepwise search of Hyndman & Khandakar (2008) as
// forecast::auto.arima (v8.x) runs it, step for step:
//   1. D from the STL seasonal-strength rule (seasonal.ts) when n > 2m, d from KPSS
//      (unit-root.ts) on the seasonally differenced series;
//   2. bounds: p, q ≤ min(5, n/3), P, Q ≤ min(2, n/3m), and p, q ≤ m − 1 when seasonal
//      terms are possible; a constant (mean or drift) is allowed when d + D ≤ 1;
//   3. start from (2,d,2)(1,D,1), (0,d,0)(0,D,0), (1,d,0)(1,D,0), (0,d,1)(0,D,1) and the
//      constant-free null model (smaller starts below 10 points);
//   4. repeatedly try the neighbours of the best model (P, Q, then p, q by ±1 singly and
//      in pairs, then toggling the constant), moving as soon as one lowers AICc, until no
//      neighbour improves or 94 models were fitted;
//   5. a model whose AR or MA polynomial has a root inside |z| < 1.01 is rejected, as is
//      one that cannot be fitted.
// With approximation (R's default: n > 150 or m > 12) the search ranks CSS fits with
// R's offset AIC, and the best ones are refitted by exact ML until one passes step 5.
// Candidates are fitted with a coarser optimiser tolerance (see EstimateOptions); the
// winner is then polished to full precision, which changes its log L by < 1e-6.
import { cssOnly, estimateArima, informationCriteria, type ArimaFit } from './fit';
import { arimaLabel } from './fit';
import { difference } from './polynomial';
import { nsdiffs } from './seasonal';
import type { AbortFlag, ArimaSpec, AutoArimaSearch } from './types';
import { isConstant, ndiffs } from './unit-root';

/** Options of the automatic search; defaults follow auto.arima. */
export interface AutoSearchOptions {
  /** Stop with an Error named "AbortError" when this becomes true (checked before each fit). */
  signal?: AbortFlag;
  /** Rank models by CSS fits (default: n > 150 or m > 12, as R). */
  approximation?: boolean;
  /** Consider seasonal models at all (default true). */
  seasonal?: boolean;
}

/** The chosen fit (with standard errors), how it was found, and remarks for the user. */
export interface AutoSearchOutcome {
  fit: ArimaFit;
  search: AutoArimaSearch;
  notes: string[];
}

const MAX_MODELS = 94;

/** Runs the automatic search on y (validated: finite, ≥ 6 points, not constant). Throws on failure. */
export function searchArima(y: ArrayLike<number>, period: number, options: AutoSearchOptions = {}): AutoSearchOutcome {
  const n = y.length;
  const notes: string[] = [];
  let m = options.seasonal === false || !(period > 1) ? 1 : Math.round(period);
  let maxp = Math.min(5, Math.floor(n / 3));
  let maxq = maxp;
  let maxP = Math.min(2, Math.floor(n / 3 / m));
  let maxQ = maxP;

  let D = 0;
  let strength: number | null = null;
  if (m > 1 && n <= 2 * m) {
    notes.push(`With ${n} observations there are fewer than two full seasonal cycles (${2 * m} at period ${m}), so no seasonal terms were considered.`);
    m = 1;
  }
  if (m === 1) maxP = maxQ = 0;
  else {
    ({ D, strength } = nsdiffs(y, m));
    if (maxP === 0) notes.push(`Seasonal AR/MA terms need at least three seasonal cycles (${3 * m} observations at period ${m}); only a seasonal difference was considered.`);
  }
  const dx = D > 0 ? difference(y, 0, D, m) : Float64Array.from(y as ArrayLike<number>);
  const { d, tests } = ndiffs(dx, 2);
  const w = difference(dx, d, 0, 1);
  if (w.length < 3) throw new Error(`Differencing (d = ${d}, D = ${D}) leaves only ${w.length} observations: too few to fit a model.`);
  if (isConstant(w)) {
    throw new Error(
      'After differencing the series is exactly constant (a perfect straight line or a perfectly repeating pattern): there is no noise left for an ARIMA model to describe.',
    );
  }
  if (m > 1) {
    if (maxP > 0) maxp = Math.min(maxp, m - 1);
    if (maxQ > 0) maxq = Math.min(maxq, m - 1);
  }
  const approximation = options.approximation ?? (n > 150 || m > 12);
  const allowConstant = d + D <= 1;
  const spec = (p: number, q: number, P: number, Q: number, constant: boolean): ArimaSpec => ({ p, d, q, P, D, Q, m, constant });

  // R: offset = −2 log L − n log σ² of the (0,d,0)(0,D,0) model, so CSS-based AICs sit on the ML scale.
  let offset = 0;
  if (approximation) {
    try {
      const base = estimateArima(y, spec(0, 0, 0, 0, d + D === 0), { standardErrors: false });
      offset = -2 * base.model.logLik - n * Math.log(base.model.sigma2);
    } catch {
      offset = 0; // as R when its offset fit fails; only shifts all CSS AICs alike
    }
  }

  const tried: AutoArimaSearch['tried'] = [];
  const fits = new Map<string, ArimaFit>();
  const keyOf = (s: ArimaSpec): string => `${s.p},${s.q},${s.P},${s.Q},${s.constant ? 1 : 0}`;
  const seen = new Set<string>();
  const fitOne = (s: ArimaSpec): number => {
    if (options.signal?.aborted) throw abortError();
    let ic = Number.POSITIVE_INFINITY;
    try {
      if (approximation) {
        const css = cssOnly(y, s);
        const aic = offset + css.nobs * Math.log(css.sigma2) + 2 * css.nParams;
        ic = css.minRoot < 1.01 ? Number.POSITIVE_INFINITY : informationCriteria(aic, css.nParams, css.nobs).aicc;
      } else {
        const f = estimateArima(y, s, { standardErrors: false, precision: 'coarse' });
        fits.set(keyOf(s), f);
        ic = f.minRoot < 1.01 || !Number.isFinite(f.model.aicc) ? Number.POSITIVE_INFINITY : f.model.aicc;
      }
    } catch {
      ic = Number.POSITIVE_INFINITY;
    }
    if (!Number.isFinite(ic)) ic = Number.POSITIVE_INFINITY;
    seen.add(keyOf(s));
    tried.push({ label: arimaLabel(s), spec: s, aicc: ic });
    return ic;
  };

  // Step 3: starting models.
  const small = n < 10;
  let p = Math.min(small ? 1 : 2, maxp);
  let q = Math.min(small ? 1 : 2, maxq);
  let P = Math.min(small ? 0 : 1, maxP);
  let Q = Math.min(small ? 0 : 1, maxQ);
  let constant = allowConstant;
  let bestIc = fitOne(spec(p, q, P, Q, constant));
  const consider = (s: ArimaSpec): boolean => {
    const ic = fitOne(s);
    if (ic < bestIc) {
      bestIc = ic;
      ({ p, q, P, Q, constant } = s);
      return true;
    }
    return false;
  };
  consider(spec(0, 0, 0, 0, constant));
  if (maxp > 0 || maxP > 0) consider(spec(maxp > 0 ? 1 : 0, 0, m > 1 && maxP > 0 ? 1 : 0, 0, constant));
  if (maxq > 0 || maxQ > 0) consider(spec(0, maxq > 0 ? 1 : 0, 0, m > 1 && maxQ > 0 ? 1 : 0, constant));
  if (constant) consider(spec(0, 0, 0, 0, false));

  // Step 4: neighbours, in auto.arima's order; restart from the top after every move.
  const moves: [number, number, number, number][] = [
    [0, 0, -1, 0],
    [0, 0, 0, -1],
    [0, 0, 1, 0],
    [0, 0, 0, 1],
    [0, 0, -1, -1],
    [0, 0, -1, 1],
    [0, 0, 1, -1],
    [0, 0, 1, 1],
    [-1, 0, 0, 0],
    [0, -1, 0, 0],
    [1, 0, 0, 0],
    [0, 1, 0, 0],
    [-1, -1, 0, 0],
    [-1, 1, 0, 0],
    [1, -1, 0, 0],
    [1, 1, 0, 0],
  ];
  let stepMoved = true;
  while (stepMoved && tried.length < MAX_MODELS) {
    stepMoved = false;
    for (const [dp, dq, dP, dQ] of moves) {
      const s = spec(p + dp, q + dq, P + dP, Q + dQ, constant);
      if (s.p < 0 || s.q < 0 || s.P < 0 || s.Q < 0 || s.p > maxp || s.q > maxq || s.P > maxP || s.Q > maxQ) continue;
      if (seen.has(keyOf(s))) continue;
      if (tried.length >= MAX_MODELS) break;
      if (consider(s)) {
        stepMoved = true;
        break;
      }
    }
    if (stepMoved || tried.length >= MAX_MODELS || !allowConstant) continue;
    const s = spec(p, q, P, Q, !constant);
    if (!seen.has(keyOf(s)) && consider(s)) stepMoved = true;
  }
  if (tried.length >= MAX_MODELS) notes.push(`The stepwise search stopped at its limit of ${MAX_MODELS} models.`);

  // Approximation: refit by exact ML in order of the CSS ranking until one is acceptable.
  let best: ArimaFit | null = null;
  if (approximation) {
    const order = tried.filter((t) => Number.isFinite(t.aicc)).sort((a, b) => a.aicc - b.aicc);
    for (const t of order) {
      if (options.signal?.aborted) throw abortError();
      try {
        const f = estimateArima(y, t.spec, { standardErrors: false, precision: 'coarse' });
        if (f.minRoot >= 1.01 && Number.isFinite(f.model.aicc)) {
          best = f;
          break;
        }
      } catch {
        // try the next one
      }
    }
  } else if (Number.isFinite(bestIc)) {
    best = fits.get(keyOf(spec(p, q, P, Q, constant))) ?? null;
  }
  if (!best) throw new Error('No suitable ARIMA model was found: every candidate failed to fit or had a unit root.');
  const kpss = tests.map((t) => ({ d: t.d, statistic: t.statistic, lags: t.lags, pValue: t.pValue }));
  // Polish the winner from where the coarse fit stopped (a few central-difference iterations).
  const final = estimateArima(y, best.model.spec, { start: best.u });
  return { fit: final, search: { d, D, kpss, seasonalStrength: strength, approximation, tried }, notes };
}

function abortError(): Error {
  const e = new Error('The ARIMA search was aborted.');
  e.name = 'AbortError';
  return e;
}
