// Gaussian hypergeometric function 2F1(a, b; c; z) for real arguments and z < 1, as the
// BG/NBD predictions need it (z = t / (α + T + t) ∈ [0, 1)). The power series converges
// for |z| < 1 but slowly near z = 1 when c − a − b is small or negative, so there we
// switch to the z → 1 − z connection formula (DLMF 15.8.4), or to its limiting form
// (DLMF 15.8.10) when c − a − b is an integer. Negative z goes through Pfaff's
// transformation first. A value that cannot be computed comes back as NaN, never a
// wrong number.
import { digamma, isNonPositiveInteger, lnAbsGamma } from './special';

const TOL = 1e-16;
/** Below this, the plain series is cheap whatever the parameters. */
const DIRECT_Z = 0.75;
/** Terms tried on the plain series before reaching for a transformation (large c makes it converge fast even near z = 1). */
const TRY_TERMS = 2000;
/** Above this, z^TRY_TERMS > 1e-16: the plain series cannot finish within TRY_TERMS unless c is large, so the try is skipped when a transformation is safe. */
const TRY_Z = 0.98;
/** Plain-series cap when no transformation is safe (c − a − b within 1e-3 of an integer). */
const LONG_TERMS = 3_000_000;
/** Closer than this to an integer, c − a − b is treated as that integer. */
const INTEGER_EPS = 1e-9;
/** Farther than this from an integer, the connection formula loses < 3 digits to cancellation. */
const CONNECTION_EPS = 1e-3;

interface SeriesResult {
  value: number;
  converged: boolean;
}

/** Plain power series with a tail bound: stops when the next terms cannot change the sum. With `minusOne`, returns F − 1 to full relative precision. */
function series(a: number, b: number, c: number, z: number, maxTerms: number, minusOne = false): SeriesResult {
  let term = 1;
  let tail = 0;
  // Once every factor (a+n), (b+n), (c+n) is positive the term ratio tends to z without
  // turning back, so the tail is bounded by a geometric series with ratio max(|ratio|, |z|).
  const settled = Math.max(0, -a, -b, -c) + 1;
  for (let n = 0; n < maxTerms; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    tail += term;
    const value = minusOne ? tail : 1 + tail;
    if (term === 0) return { value, converged: true };
    const rho = Math.max(Math.abs(ratio), Math.abs(z));
    if (n >= settled && rho < 1 && Math.abs(term) * (rho / (1 - rho)) <= TOL * Math.abs(value)) return { value, converged: true };
  }
  return { value: minusOne ? tail : 1 + tail, converged: false };
}

/** Finite sum when a or b is 0, −1, −2, …: the series is a polynomial, valid for every z. */
function polynomial(a: number, b: number, c: number, z: number): number {
  const m = isNonPositiveInteger(a) ? (isNonPositiveInteger(b) ? Math.min(-a, -b) : -a) : -b;
  let term = 1;
  let sum = 1;
  for (let n = 0; n < m; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
  }
  return sum;
}

/** sign · exp(Σ ln|Γ(num)| − Σ ln|Γ(den)|); zero when a denominator sits on a pole. */
function gammaRatio(num: readonly number[], den: readonly number[]): number {
  let log = 0;
  let sign = 1;
  for (const x of num) {
    const g = lnAbsGamma(x);
    log += g.log;
    sign *= g.sign;
  }
  for (const x of den) {
    const g = lnAbsGamma(x);
    if (g.log === Number.POSITIVE_INFINITY) return 0;
    log -= g.log;
    sign *= g.sign;
  }
  return sign * Math.exp(log);
}

/** DLMF 15.8.4: 2F1 at z from two series in 1 − z; needs c − a − b not an integer. */
function connection(a: number, b: number, c: number, z: number): number {
  const s = c - a - b;
  const w = 1 - z;
  const f1 = series(a, b, 1 - s, w, 100_000);
  const f2 = series(c - a, c - b, s + 1, w, 100_000);
  if (!f1.converged || !f2.converged) return Number.NaN;
  const k1 = gammaRatio([c, s], [c - a, c - b]);
  const k2 = gammaRatio([c, -s], [a, b]);
  return k1 * f1.value + k2 * Math.pow(w, s) * f2.value;
}

/** DLMF 15.8.10: 2F1(a, b; a + b + m; z) for integer m ≥ 0, with logarithmic terms. */
function integerCase(a: number, b: number, m: number, z: number): number {
  const c = a + b + m;
  const w = 1 - z;
  // Finite part: Σ_{k<m} (a)_k (b)_k (m−k−1)! / k! · (z−1)^k, over Γ(a+m) Γ(b+m).
  let finite = 0;
  if (m > 0) {
    let poch = 1; // (a)_k (b)_k / k! · (z−1)^k
    let fact = 1; // (m−1)!
    for (let j = 2; j < m; j++) fact *= j;
    for (let k = 0; k < m; k++) {
      finite += poch * fact;
      poch *= ((a + k) * (b + k) * (z - 1)) / (k + 1);
      if (m - k - 1 > 0) fact /= m - k - 1;
    }
  }
  // Logarithmic part: Σ_k (a+m)_k (b+m)_k / (k! (k+m)!) w^k (ln w − ψ(k+1) − ψ(k+m+1) + ψ(a+k+m) + ψ(b+k+m)).
  const euler = 0.5772156649015329;
  let psi1 = -euler;
  let psiM = -euler;
  for (let j = 1; j <= m; j++) psiM += 1 / j;
  let psiA = digamma(a + m);
  let psiB = digamma(b + m);
  let mFact = 1;
  for (let j = 2; j <= m; j++) mFact *= j;
  let u = 1 / mFact;
  const lnw = Math.log(w);
  let logSum = 0;
  let converged = false;
  const settled = Math.max(0, -(a + m), -(b + m)) + 1;
  for (let k = 0; k < 100_000; k++) {
    const t = u * (lnw - psi1 - psiM + psiA + psiB);
    logSum += t;
    const ratio = ((a + m + k) * (b + m + k) * w) / ((k + 1) * (k + m + 1));
    if (k >= settled && Math.abs(ratio) < 0.5 && Math.abs(t) <= TOL * Math.abs(logSum)) {
      converged = true;
      break;
    }
    u *= ratio;
    psi1 += 1 / (k + 1);
    psiM += 1 / (k + m + 1);
    psiA += 1 / (a + m + k);
    psiB += 1 / (b + m + k);
  }
  if (!converged) return Number.NaN;
  const first = m > 0 ? gammaRatio([c], [a + m, b + m]) * finite : 0;
  const second = gammaRatio([c], [a, b]) * Math.pow(-w, m) * logSum;
  return first - second;
}

/** 2F1(a, b; c; z) for real a, b, c and z ≤ 1; NaN where it is undefined or cannot be computed to ~1e-12. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (![a, b, c, z].every(Number.isFinite) || z > 1) return Number.NaN;
  if (z === 0) return 1;
  const terminates = isNonPositiveInteger(a) || isNonPositiveInteger(b);
  if (isNonPositiveInteger(c)) {
    // Defined only if the series stops before (c)_n reaches zero.
    const stopA = isNonPositiveInteger(a) && a > c;
    const stopB = isNonPositiveInteger(b) && b > c;
    if (!stopA && !stopB) return Number.NaN;
  }
  if (terminates) return polynomial(a, b, c, z);
  if (z === 1) return c - a - b > 0 ? gammaRatio([c, c - a - b], [c - a, c - b]) : Number.NaN;
  if (z < 0) {
    // Pfaff: 2F1(a,b;c;z) = (1−z)^(−a) 2F1(a, c−b; c; z/(z−1)), argument now in (0, 1).
    return Math.pow(1 - z, -a) * hyp2f1(a, c - b, c, z / (z - 1));
  }
  if (z <= DIRECT_Z) {
    const r = series(a, b, c, z, 100_000);
    return r.converged ? r.value : Number.NaN;
  }
  const s = c - a - b;
  const m = Math.round(s);
  const safe = Math.abs(s - m) > CONNECTION_EPS;
  // With a large c − a − b the terms also fall like n^−(c−a−b+1), so the series is quick at any z.
  if (!safe || z <= TRY_Z || s > 20) {
    const quick = series(a, b, c, z, TRY_TERMS);
    if (quick.converged) return quick.value;
  }
  if (safe) return connection(a, b, c, z);
  if (Math.abs(s - m) < INTEGER_EPS) {
    // Euler: 2F1(a,b;c;z) = (1−z)^(c−a−b) 2F1(c−a, c−b; c; z) turns m < 0 into −m > 0.
    if (m < 0) {
      const inner = isNonPositiveInteger(c - a) || isNonPositiveInteger(c - b) ? polynomial(c - a, c - b, c, z) : integerCase(c - a, c - b, -m, z);
      return Math.pow(1 - z, m) * inner;
    }
    return integerCase(a, b, m, z);
  }
  const long = series(a, b, c, z, LONG_TERMS);
  if (long.converged) return long.value;
  return connection(a, b, c, z);
}

/** 2F1(a, b; c; z) − 1, accurate when it is tiny (small z, or a or b near 0), where computing 2F1 and subtracting 1 would cancel. */
export function hyp2f1Minus1(a: number, b: number, c: number, z: number): number {
  if (z >= 0 && z <= DIRECT_Z && !isNonPositiveInteger(c) && !isNonPositiveInteger(a) && !isNonPositiveInteger(b) && [a, b, c, z].every(Number.isFinite)) {
    const r = series(a, b, c, z, 100_000, true);
    return r.converged ? r.value : Number.NaN;
  }
  return hyp2f1(a, b, c, z) - 1;
}
