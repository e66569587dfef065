// Feature preparation for clustering: columns in, one flat standardised matrix out.
// Skewed amounts and counts are log1p-transformed when the caller asks (per feature),
// then every feature is z-scored exactly as scikit-learn's StandardScaler does
// (population standard deviation; a constant feature gets scale 1), so k-means weighs
// features equally whatever their units. The means and scales are kept so centroids
// can be read back in the user's units.

/** One input column: a value per row (NaN = missing) and whether to log1p it first. */
export interface FeatureInput {
  name: string;
  values: Float64Array;
  /** log1p before standardising (skewed spend, counts); rows with a value ≤ -1 are then excluded. */
  log?: boolean;
}

/** How each feature was transformed; enough to map standardised points back to original units. */
export interface FeatureScaling {
  names: string[];
  logged: boolean[];
  /** Mean of each (logged) feature over the kept rows. */
  means: Float64Array;
  /** Population standard deviation of each (logged) feature; 1 for a constant feature. */
  scales: Float64Array;
}

/** The standardised matrix (row-major, n × d) with the rows it kept; plain data, clone-safe. */
export interface FeatureMatrix extends FeatureScaling {
  data: Float64Array;
  n: number;
  d: number;
  /** Input row index of each matrix row (ascending). */
  rows: Int32Array;
  /** Input rows left out because a selected value was missing, infinite, or ≤ -1 under log. */
  excluded: number;
}

/** Builds the standardised feature matrix; rows with any unusable value are dropped and counted. */
export function buildFeatureMatrix(features: readonly FeatureInput[]): FeatureMatrix {
  const d = features.length;
  if (d === 0) throw new Error('buildFeatureMatrix: choose at least one feature');
  const total = features[0].values.length;
  for (const f of features) {
    if (f.values.length !== total) {
      throw new Error(`buildFeatureMatrix: feature "${f.name}" has ${f.values.length} values, expected ${total}`);
    }
  }
  const logged = features.map((f) => f.log === true);

  // A row is usable when every selected value survives its transform as a finite number.
  const keep = new Uint8Array(total).fill(1);
  for (let j = 0; j < d; j++) {
    const v = features[j].values;
    const lg = logged[j];
    for (let i = 0; i < total; i++) {
      const x = v[i];
      if (!Number.isFinite(x) || (lg && x <= -1)) keep[i] = 0;
    }
  }
  let n = 0;
  for (let i = 0; i < total; i++) n += keep[i];
  const rows = new Int32Array(n);
  for (let i = 0, r = 0; i < total; i++) if (keep[i]) rows[r++] = i;
  if (n === 0) throw new Error('buildFeatureMatrix: no row has a usable value in every selected feature');

  const data = new Float64Array(n * d);
  const means = new Float64Array(d);
  const scales = new Float64Array(d);
  const column = new Float64Array(n);
  for (let j = 0; j < d; j++) {
    const v = features[j].values;
    for (let r = 0; r < n; r++) {
      const x = v[rows[r]];
      column[r] = logged[j] ? Math.log1p(x) : x;
    }
    const { mean, scale } = standardScale(column, n);
    means[j] = mean;
    scales[j] = scale;
    for (let r = 0; r < n; r++) data[r * d + j] = (column[r] - mean) / scale;
  }
  return { data, n, d, rows, excluded: total - n, names: features.map((f) => f.name), logged, means, scales };
}

/** Maps standardised points (rows of d values, e.g. k-means centroids) back to original units. */
export function toOriginalUnits(points: Float64Array, scaling: FeatureScaling): Float64Array {
  const d = scaling.means.length;
  if (points.length % d !== 0) throw new Error(`toOriginalUnits: ${points.length} values is not a whole number of rows of ${d}`);
  const out = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) {
    const j = i % d;
    const x = points[i] * scaling.scales[j] + scaling.means[j];
    out[i] = scaling.logged[j] ? Math.expm1(x) : x;
  }
  return out;
}

/** Maps points in original units into the standardised space of a fitted scaling (e.g. new customers). */
export function toStandardUnits(points: Float64Array, scaling: FeatureScaling): Float64Array {
  const d = scaling.means.length;
  if (points.length % d !== 0) throw new Error(`toStandardUnits: ${points.length} values is not a whole number of rows of ${d}`);
  const out = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) {
    const j = i % d;
    const x = scaling.logged[j] ? Math.log1p(points[i]) : points[i];
    out[i] = (x - scaling.means[j]) / scaling.scales[j];
  }
  return out;
}

// StandardScaler's arithmetic (_incremental_mean_and_var on one batch, then
// _is_constant_feature / _handle_zeros_in_scale), so our z-scores match sklearn's.
function standardScale(x: Float64Array, n: number): { mean: number; scale: number } {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i];
  const mean = sum / n;
  let correction = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const t = x[i] - mean;
    correction += t;
    squares += t * t;
  }
  const variance = (squares - (correction * correction) / n) / n;
  const eps = Number.EPSILON;
  const constant = variance <= n * eps * variance + (n * mean * eps) ** 2;
  return { mean, scale: constant ? 1 : Math.sqrt(variance) };
}
