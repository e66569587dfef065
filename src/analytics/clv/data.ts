// Input checks and row aggregation for the CLV fits. Checks return a sentence for the
// user (or null) rather than throwing: the fits answer { ok: false, reason } instead.

/**
 * Fewest customers with a repeat purchase we fit BG/NBD or Gamma-Gamma on. Both models
 * learn their shape parameters (BG/NBD's dropout a, b; Gamma-Gamma's p, q) from repeat
 * buyers only; below ~10 the likelihood is nearly flat along those directions (standard
 * errors larger than the estimates), so figures would look precise and mean nothing.
 */
export const MIN_REPEAT_CUSTOMERS = 10;

/** Checks summary arrays (and optional weights) for shape and meaning; null when usable. */
export function checkRfm(frequency: Float64Array, recency: Float64Array, T: Float64Array, weights?: Float64Array): string | null {
  const n = frequency.length;
  if (recency.length !== n || T.length !== n || (weights && weights.length !== n)) {
    return `frequency, recency, T${weights ? ' and weights' : ''} must have the same length (got ${[frequency.length, recency.length, T.length, ...(weights ? [weights.length] : [])].join(', ')})`;
  }
  if (n === 0) return 'no customers: the summary is empty';
  for (let i = 0; i < n; i++) {
    const x = frequency[i] as number;
    const tx = recency[i] as number;
    const t = T[i] as number;
    if (!Number.isFinite(x) || !Number.isFinite(tx) || !Number.isFinite(t)) return `customer ${i}: frequency, recency and T must be finite numbers`;
    if (x < 0 || x !== Math.round(x)) return `customer ${i}: frequency must be a whole number ≥ 0 (got ${x})`;
    if (tx < 0 || tx > t) return `customer ${i}: recency must lie between 0 and T (got recency ${tx}, T ${t})`;
    if (x === 0 && tx !== 0) return `customer ${i}: recency must be 0 when frequency is 0 (got ${tx})`;
    if (weights) {
      const w = weights[i] as number;
      if (!Number.isFinite(w) || w < 0) return `customer ${i}: weights must be finite and ≥ 0 (got ${w})`;
    }
  }
  return null;
}

/** Identical rows merged, with summed weights; rows of zero weight dropped. */
export interface AggregatedRows {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  /** Optional fourth column carried along (average spend for Gamma-Gamma). */
  extra: Float64Array;
  weight: Float64Array;
  totalWeight: number;
}

/** Merges rows equal in (frequency, recency, T, extra): the likelihood is a weighted sum, so this only saves time. */
export function aggregateRows(
  frequency: Float64Array,
  recency: Float64Array,
  T: Float64Array,
  extra?: Float64Array,
  weights?: Float64Array,
  keep: (i: number) => boolean = () => true,
): AggregatedRows {
  const index = new Map<string, number>();
  const fx: number[] = [];
  const rx: number[] = [];
  const tx: number[] = [];
  const ex: number[] = [];
  const wx: number[] = [];
  let total = 0;
  for (let i = 0; i < frequency.length; i++) {
    const w = weights ? (weights[i] as number) : 1;
    if (w === 0 || !keep(i)) continue;
    const e = extra ? (extra[i] as number) : 0;
    const key = `${frequency[i]}|${recency[i]}|${T[i]}|${e}`;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, fx.length);
      fx.push(frequency[i] as number);
      rx.push(recency[i] as number);
      tx.push(T[i] as number);
      ex.push(e);
      wx.push(w);
    } else {
      wx[at] = (wx[at] as number) + w;
    }
    total += w;
  }
  return {
    frequency: Float64Array.from(fx),
    recency: Float64Array.from(rx),
    T: Float64Array.from(tx),
    extra: Float64Array.from(ex),
    weight: Float64Array.from(wx),
    totalWeight: total,
  };
}

/** Index of each distinct frequency value, so per-frequency terms (log-gammas) are computed once per evaluation. */
export function frequencyClasses(frequency: Float64Array): { values: Float64Array; classOf: Int32Array } {
  const values = Array.from(new Set(frequency)).sort((p, q) => p - q);
  const pos = new Map(values.map((v, i) => [v, i] as const));
  const classOf = new Int32Array(frequency.length);
  for (let i = 0; i < frequency.length; i++) classOf[i] = pos.get(frequency[i] as number) as number;
  return { values: Float64Array.from(values), classOf };
}
