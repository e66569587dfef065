// Upper tail of the chi-square distribution, for Ljung–Box p-values: the regularized upper
// incomplete gamma Q(k/2, x/2), by its series below a + 1 and its continued fraction above
// (Numerical Recipes §6.2), to ~1e-14 relative.
import { lnGamma } from '../clv/special';

/** P(χ²_k > x) for k > 0 degrees of freedom; 1 for x ≤ 0. */
export function chiSquareSf(x: number, k: number): number {
  if (!(k > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  return upperGammaQ(k / 2, x / 2);
}

/** Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a). */
export function upperGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lead = -x + a * Math.log(x) - lnGamma(a);
  if (x < a + 1) {
    // P(a, x) by the series Σ x^n / (a (a+1) … (a+n))
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.max(0, 1 - sum * Math.exp(lead));
  }
  // Q(a, x) by Lentz's continued fraction
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.exp(lead) * h;
}
