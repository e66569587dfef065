// Choosing the seasonal difference D as forecast::nsdiffs does by default in
// auto.arima (test = "seas"): difference once when the STL seasonal strength
// F_S = max(0, min(1, 1 − Var(R) / Var(S + R)))  (Wang, Smith & Hyndman 2006)
// exceeds 0.64, the threshold Hyndman chose for accuracy on the M3/M4 series. The STL
// is mstl's: R's stl(x, s.window = 11) defaults, and only when m < n / 2 (mstl drops
// longer periods, and auto.arima skips the test when n ≤ 2m).
import { rStlOptions, stl } from './stl';
import { isConstant } from './unit-root';

/** Threshold on seasonal strength above which auto.arima takes a seasonal difference. */
export const SEASONAL_STRENGTH_THRESHOLD = 0.64;

/** STL seasonal strength in [0, 1] of y with period m; null when m < 2 or n ≤ 2m. */
export function seasonalStrength(y: ArrayLike<number>, m: number): number | null {
  const n = y.length;
  if (m < 2 || !(m < n / 2)) return null;
  const { seasonal, trend } = stl(y, rStlOptions(m));
  const rem = new Float64Array(n);
  const sr = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    rem[i] = (y[i] as number) - (seasonal[i] as number) - (trend[i] as number);
    sr[i] = (rem[i] as number) + (seasonal[i] as number);
  }
  const vsr = variance(sr);
  if (!(vsr > 0)) return 0;
  return Math.max(0, Math.min(1, 1 - variance(rem) / vsr));
}

/** nsdiffs(y, test = "seas", max.D = 1): 1 when the seasonal strength exceeds 0.64. */
export function nsdiffs(y: ArrayLike<number>, m: number): { D: number; strength: number | null } {
  if (isConstant(y)) return { D: 0, strength: null };
  const strength = seasonalStrength(y, m);
  return { D: strength !== null && strength > SEASONAL_STRENGTH_THRESHOLD ? 1 : 0, strength };
}

function variance(x: Float64Array): number {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  let s = 0;
  for (const v of x) s += (v - mean) ** 2;
  return s / (x.length - 1);
}
