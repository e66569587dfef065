// k-means beyond what fits in memory, in SQL: every customer of customers_all assigned to
// the nearest centre of a model fitted on a sample (src/analysis/clusters.ts), and the
// clusters' figures (size, inertia, means in the user's units, revenue) over all of them.
// The features are transformed exactly as src/analytics/features.ts does (log1p when the
// model says so, then (x − mean) / scale with the sample's mean and scale); a row with a
// missing, infinite or (under log) ≤ −1 value is left out, as buildFeatureMatrix leaves it.
// Ties go to the lowest cluster index, as the TypeScript assignment.
import { ident, literal, num } from './ident';

/** A fitted model in the standardised space of its features. */
export interface CentroidModel {
  features: { name: string; log: boolean; mean: number; scale: number }[];
  /** k × d centres, row-major, standardised units. */
  centroids: ArrayLike<number>;
  k: number;
}

// a double written so DuckDB parses it as a DOUBLE with every digit (a bare 0.123 is a DECIMAL)
const dbl = (x: number): string => `'${num(x)}'::DOUBLE`;

function check(m: CentroidModel): void {
  const d = m.features.length;
  if (d === 0) throw new Error('invalid cluster model: no features');
  if (!Number.isInteger(m.k) || m.k < 1 || m.centroids.length !== m.k * d) throw new Error(`invalid cluster model: ${m.centroids.length} centre values for k = ${m.k}, d = ${d}`);
  for (const f of m.features) if (!(f.scale > 0)) throw new Error(`invalid cluster model: scale of ${f.name} must be > 0`);
}

/**
 * customer_id, the `extra` expressions (name → SQL over `from`), cluster (1-based) and d2
 * (squared distance to its centre) for every usable row of `from`.
 */
export function nearestCentroidSql(m: CentroidModel, from = 'customers_all', extra: Record<string, string> = {}): string {
  check(m);
  const d = m.features.length;
  const usable = m.features.map((f) => `isfinite(${ident(f.name)}::DOUBLE)${f.log ? ` AND ${ident(f.name)}::DOUBLE > -1` : ''}`).join(' AND ');
  const z = m.features.map((f, j) => {
    const x = f.log ? `ln(1 + ${ident(f.name)}::DOUBLE)` : `${ident(f.name)}::DOUBLE`;
    return `(${x} - ${dbl(f.mean)}) / ${dbl(f.scale)} AS __z${j}`;
  });
  const keep = Object.entries(extra).map(([name, sql]) => `${sql} AS ${ident(name)}`);
  const carried = Object.keys(extra).map(ident);
  const dist = Array.from({ length: m.k }, (_, c) =>
    Array.from({ length: d }, (_, j) => {
      const t = `(__z${j} - ${dbl(m.centroids[c * d + j] as number)})`;
      return `${t} * ${t}`;
    }).join(' + '),
  );
  return `SELECT customer_id${carried.map((c) => `, ${c}`).join('')}, list_position(__ds, list_min(__ds))::INTEGER AS cluster, list_min(__ds) AS d2
FROM (
  SELECT customer_id${carried.map((c) => `, ${c}`).join('')}, [${dist.join(', ')}] AS __ds
  FROM (SELECT customer_id, ${[...keep, ...z].join(', ')} FROM ${from} WHERE ${usable})
)`;
}

/** Replaces `table` (customer_id, cluster 1-based, cluster_name) with every usable customer's nearest centre. */
export function assignClustersSql(m: CentroidModel, names: readonly string[], o: { from?: string; table?: string } = {}): string {
  const list = `[${Array.from({ length: m.k }, (_, c) => literal(names[c] ?? `Cluster ${c + 1}`)).join(', ')}]`;
  return `CREATE OR REPLACE TABLE ${ident(o.table ?? 'clusters')} AS
SELECT customer_id, cluster, ${list}[cluster] AS cluster_name FROM (${nearestCentroidSql(m, o.from)}) ORDER BY customer_id`;
}

/**
 * Per cluster (1-based) over every usable row: size, inertia (Σ squared distance),
 * m0…m(d−1) the means of the features in the user's units, and revenue (Σ finite `spend`, or
 * NULL without one).
 */
export function clusterFiguresSql(m: CentroidModel, o: { from?: string; spend?: string | null } = {}): string {
  const extra: Record<string, string> = {};
  m.features.forEach((f, j) => (extra[`__m${j}`] = `${ident(f.name)}::DOUBLE`));
  if (o.spend) extra.__spend = `${ident(o.spend)}::DOUBLE`;
  const means = m.features.map((_, j) => `avg(__m${j})::DOUBLE AS m${j}`).join(', ');
  const revenue = o.spend ? `coalesce(sum(__spend) FILTER (WHERE isfinite(__spend)), 0)::DOUBLE` : 'NULL::DOUBLE';
  return `SELECT cluster, count(*)::DOUBLE AS size, sum(d2)::DOUBLE AS inertia, ${means}, ${revenue} AS revenue
FROM (${nearestCentroidSql(m, o.from, extra)})
GROUP BY cluster ORDER BY cluster`;
}
