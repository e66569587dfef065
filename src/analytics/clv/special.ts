// Special functions the CLV likelihoods and predictions need: log-gamma over the whole
// real line (with the sign of Γ, because the hypergeometric transformations take Γ at
// negative arguments), and digamma (for the degenerate 2F1 case).

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** True for 0, −1, −2, …: the poles of Γ, where 1/Γ is zero. */
export function isNonPositiveInteger(x: number): boolean {
  return x <= 0 && x === Math.round(x);
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7; about 15 significant digits). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const y = x - 1;
  let s = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) s += (LANCZOS[i] as number) / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (y + 0.5) * Math.log(t) - t + Math.log(s);
}

/** ln|Γ(x)| and the sign of Γ(x) for any real x; at a pole the log is +Infinity (so 1/Γ → 0). */
export function lnAbsGamma(x: number): { log: number; sign: 1 | -1 } {
  if (x > 0) return { log: lnGamma(x), sign: 1 };
  if (isNonPositiveInteger(x)) return { log: Number.POSITIVE_INFINITY, sign: 1 };
  // Reflection: Γ(x)Γ(1−x) = π / sin(πx)
  const s = Math.sin(Math.PI * x);
  return { log: Math.log(Math.PI / Math.abs(s)) - lnGamma(1 - x), sign: s < 0 ? -1 : 1 };
}

/** Digamma ψ(x) = d/dx ln Γ(x) for any real x that is not a pole (NaN at poles). */
export function digamma(x: number): number {
  if (isNonPositiveInteger(x)) return Number.NaN;
  if (x < 0.5) return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  let acc = 0;
  let y = x;
  while (y < 10) {
    acc -= 1 / y;
    y += 1;
  }
  const f = 1 / (y * y);
  // Asymptotic (Bernoulli) series through B14; at y ≥ 10 the first omitted term is ~4e-17.
  const tail = f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132 - f * (691 / 32760 - f / 12))))));
  return acc + Math.log(y) - 0.5 / y - tail;
}
