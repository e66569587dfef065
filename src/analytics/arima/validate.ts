// Input checks for the top-level entry points. Each returns a sentence a user can act
// on (or null when the input is fine), so the worker never has to translate exceptions.
import { arimaLabel } from './fit';
import type { ArimaSpec } from './types';
import { isConstant } from './unit-root';

/** Fewest observations any ARIMA fit here accepts (d ≤ 2 leaves ≥ 4 to estimate from). */
export const MIN_OBSERVATIONS = 6;

/** Why y cannot be modelled at all (empty, non-finite values, too short, constant), or null. */
export function seriesProblem(y: ArrayLike<number> | null | undefined, minLength = MIN_OBSERVATIONS): string | null {
  if (!y || typeof y.length !== 'number' || y.length === 0) return 'The series is empty: there is nothing to forecast.';
  let bad = 0;
  let first = -1;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      bad++;
      if (first < 0) first = i;
    }
  }
  if (bad > 0) {
    return (
      `The series has ${bad} missing or non-numeric value${bad === 1 ? '' : 's'} (the first at position ${first + 1} of ${y.length}). ` +
      'Fill the gaps first, for example with 0 for periods without sales.'
    );
  }
  if (y.length < minLength) {
    return `An ARIMA forecast needs at least ${minLength} observations; this series has ${y.length}. Use a finer grain (weeks or days) or wait for more data.`;
  }
  if (isConstant(y)) {
    return `The series is constant (every value is ${formatValue(y[0] as number)}): there is no variation to model, and the only sensible forecast is that same value.`;
  }
  return null;
}

/** Why a hand-picked order cannot be fitted to a series of length n, or null. */
export function specProblem(spec: ArimaSpec | null | undefined, n: number): string | null {
  if (!spec || typeof spec !== 'object') return 'No model order was given.';
  const orders: [string, number, number][] = [
    ['p', spec.p, 5],
    ['d', spec.d, 2],
    ['q', spec.q, 5],
    ['P', spec.P, 2],
    ['D', spec.D, 1],
    ['Q', spec.Q, 2],
  ];
  for (const [name, v, max] of orders) {
    if (!Number.isInteger(v) || v < 0 || v > max) return `The order ${name} must be a whole number from 0 to ${max}; got ${v}.`;
  }
  if (!Number.isInteger(spec.m) || spec.m < 1) return `The seasonal period must be a whole number of at least 1; got ${spec.m}.`;
  const seasonal = spec.P + spec.D + spec.Q > 0;
  if (seasonal && spec.m === 1) return 'Seasonal orders (P, D, Q) need a seasonal period above 1.';
  if (seasonal && n < 2 * spec.m) {
    return `Seasonal terms need at least two full seasonal cycles (${2 * spec.m} observations at period ${spec.m}); this series has ${n}. Set P = D = Q = 0 or use more data.`;
  }
  const nobs = n - spec.d - spec.D * spec.m;
  const k = spec.p + spec.q + spec.P + spec.Q + (spec.constant && spec.d + spec.D <= 1 ? 1 : 0) + 1;
  const pFull = spec.p + spec.m * spec.P;
  const need = Math.max(k + 2, pFull + 1);
  if (nobs < need) {
    return `${arimaLabel(spec)} has ${k} parameters and needs at least ${need} observations after differencing; this series leaves ${Math.max(0, nobs)}. Choose a smaller order.`;
  }
  return null;
}

/** Why a forecast horizon is unusable, or null. */
export function horizonProblem(h: number): string | null {
  return Number.isInteger(h) && h >= 1 && h <= 1000 ? null : `The forecast horizon must be a whole number of periods from 1 to 1000; got ${h}.`;
}

/** Why a seasonal period is unusable, or null (1 means no seasonality). */
export function periodProblem(m: number): string | null {
  return Number.isInteger(m) && m >= 1 && m <= 366 ? null : `The seasonal period must be a whole number from 1 to 366; got ${m}.`;
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(6);
}
