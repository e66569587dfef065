// Plain-language names for customer segments, read from each cluster's profile relative
// to the overall average: "High spend · frequent · recent", "Low spend · lapsed".
// A profile value is the cluster centre in standard deviations from the overall mean,
// which is exactly a k-means centroid on standardised features (log or not). Spend is
// always named (high / mid / low: the reading people ask for first); other features
// only when they stand out, the strongest first, shown in a fixed order so names of
// different clusters read alike. Names are unique within one result.

/** What a feature measures; decides its words and which direction is "good". */
export type FeatureKind =
  | 'recency' // days since the last purchase: low is recent
  | 'frequency' // purchases or orders
  | 'monetary' // total spend
  | 'avg_spend' // spend per order
  | 'tenure' // days since the first purchase
  | 'interpurchase' // typical days between purchases
  | 'age'
  | 'income'
  | 'score' // e.g. a shop's "spending score"
  | 'other';

/** A clustered feature: its kind, and a label used for 'other' features. */
export interface NamedFeature {
  kind: FeatureKind;
  label: string;
}

/** Input of nameClusters: features in column order and one profile (length d) per cluster. */
export interface ClusterNamingInput {
  features: readonly NamedFeature[];
  /** Per cluster, per feature: the centre's distance from the overall mean in standard deviations. */
  profiles: readonly ArrayLike<number>[];
  /** |value| from which a feature counts as high or low (default 0.5 standard deviations). */
  threshold?: number;
  /** Most parts in one name, spend included (default 3). */
  maxParts?: number;
}

// [word when high, word when low]; 'other' is built from the label.
const WORDS: Record<Exclude<FeatureKind, 'other'>, readonly [string, string]> = {
  monetary: ['high spend', 'low spend'],
  frequency: ['frequent', 'occasional'],
  recency: ['lapsed', 'recent'],
  avg_spend: ['big baskets', 'small baskets'],
  interpurchase: ['long gaps between orders', 'short gaps between orders'],
  tenure: ['long-standing', 'new'],
  income: ['high income', 'low income'],
  score: ['high spending score', 'low spending score'],
  age: ['older', 'younger'],
};

// Display order of the parts of a name.
const ORDER: readonly FeatureKind[] = [
  'monetary',
  'frequency',
  'recency',
  'avg_spend',
  'interpurchase',
  'tenure',
  'income',
  'score',
  'age',
  'other',
];

/** Splits k*d centroids (standardised) into the per-cluster profiles nameClusters takes. */
export function profilesFromCentroids(centroids: Float64Array, k: number, d: number): Float64Array[] {
  if (centroids.length !== k * d) throw new Error(`profilesFromCentroids: ${centroids.length} values, expected k*d = ${k * d}`);
  return Array.from({ length: k }, (_, c) => centroids.subarray(c * d, c * d + d));
}

/** One distinct, capitalised name per cluster, in cluster order. */
export function nameClusters(input: ClusterNamingInput): string[] {
  const { features, profiles } = input;
  const threshold = input.threshold ?? 0.5;
  const maxParts = input.maxParts ?? 3;
  if (!(threshold > 0)) throw new Error(`nameClusters: threshold must be > 0, got ${threshold}`);
  if (!Number.isInteger(maxParts) || maxParts < 1) throw new Error(`nameClusters: maxParts must be a positive integer, got ${maxParts}`);
  profiles.forEach((p, c) => {
    if (p.length !== features.length) throw new Error(`nameClusters: profile ${c} has ${p.length} values for ${features.length} features`);
  });
  const spend = features.findIndex((f) => f.kind === 'monetary');

  const used: number[][] = [];
  const names = profiles.map((z) => {
    const parts: number[] = [];
    if (spend >= 0) parts.push(spend);
    const standouts = features
      .map((_, j) => j)
      .filter((j) => j !== spend && Math.abs(z[j]) >= threshold)
      .sort((a, b) => Math.abs(z[b]) - Math.abs(z[a]) || a - b);
    parts.push(...standouts.slice(0, Math.max(0, maxParts - parts.length)));
    used.push(parts);
    return compose(features, z, parts, threshold);
  });

  // Same name twice: give each of those clusters its strongest remaining feature, so the
  // difference reads in words; if that is not enough, letter them.
  for (const group of collisions(names)) {
    for (const c of group) {
      const z = profiles[c];
      const rest = features
        .map((_, j) => j)
        .filter((j) => !used[c].includes(j) && z[j] !== 0)
        .sort((a, b) => Math.abs(z[b]) - Math.abs(z[a]) || a - b);
      if (rest.length > 0) names[c] = compose(features, z, [...used[c], rest[0]], threshold);
    }
  }
  for (const group of collisions(names)) {
    group.forEach((c, i) => {
      names[c] = `${names[c]} (${String.fromCharCode(65 + (i % 26))}${i >= 26 ? Math.floor(i / 26) : ''})`;
    });
  }
  return names;
}

// Indices of clusters sharing a name, one array per shared name.
function collisions(names: readonly string[]): number[][] {
  const byName = new Map<string, number[]>();
  names.forEach((name, c) => byName.set(name, [...(byName.get(name) ?? []), c]));
  return [...byName.values()].filter((g) => g.length > 1);
}

// The parts in display order, joined with " · ". A part below the threshold reads as its
// direction (used only to tell clusters apart); spend in the middle band is "mid spend".
function compose(features: readonly NamedFeature[], z: ArrayLike<number>, parts: readonly number[], threshold: number): string {
  const ordered = [...parts].sort((a, b) => ORDER.indexOf(features[a].kind) - ORDER.indexOf(features[b].kind) || a - b);
  const words = ordered.map((j) => {
    const f = features[j];
    const v = z[j];
    if (f.kind === 'monetary' && Math.abs(v) < threshold) return 'mid spend';
    const [high, low] = f.kind === 'other' ? [`high ${f.label}`, `low ${f.label}`] : WORDS[f.kind];
    return v > 0 ? high : low;
  });
  const name = words.length > 0 ? words.join(' · ') : 'average profile';
  return name.charAt(0).toUpperCase() + name.slice(1);
}
