// BG/NBD log-likelihood, Fader, Hardie & Lee (2005) eq. 6, in the log-space form that
// stays finite for heavy buyers:
//   ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
//          + ln[ (α+T)^−(r+x) + δ(x>0) · a/(b+x−1) · (α+t_x)^−(r+x) ]
// Terms that depend only on x are computed once per distinct x per evaluation.
import { frequencyClasses } from './data';
import { lnGamma } from './special';
import type { BgNbdParams } from './types';

function logAddExp(u: number, v: number): number {
  const m = Math.max(u, v);
  if (m === Number.NEGATIVE_INFINITY) return m;
  return m + Math.log1p(Math.exp(-Math.abs(u - v)));
}

/** Rows the likelihood sums over: frequency x, recency t_x, age T, and a weight per row. */
export interface LikelihoodRows {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  weight: Float64Array;
}

/** Builds ℓ(params) = Σ weight · ln L for fixed rows; the per-x bookkeeping is done once here. */
export function bgNbdLogLikelihood(rows: LikelihoodRows): (params: BgNbdParams) => number {
  const { values, classOf } = frequencyClasses(rows.frequency);
  const k = values.length;
  const head = new Float64Array(k);
  const dropTerm = new Float64Array(k);
  return ({ r, alpha, a, b }) => {
    if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return Number.NaN;
    const base = -lnGamma(r) + r * Math.log(alpha) + lnGamma(a + b) - lnGamma(b);
    const logA = Math.log(a);
    for (let j = 0; j < k; j++) {
      const x = values[j] as number;
      head[j] = base + lnGamma(r + x) + lnGamma(b + x) - lnGamma(a + b + x);
      dropTerm[j] = x > 0 ? logA - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY;
    }
    let sum = 0;
    for (let i = 0; i < classOf.length; i++) {
      const j = classOf[i] as number;
      const x = rows.frequency[i] as number;
      const alive = -(r + x) * Math.log(alpha + (rows.T[i] as number));
      const ll = x > 0 ? logAddExp(alive, (dropTerm[j] as number) - (r + x) * Math.log(alpha + (rows.recency[i] as number))) : alive;
      sum += (rows.weight[i] as number) * ((head[j] as number) + ll);
    }
    return sum;
  };
}
