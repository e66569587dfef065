// Label → map shape: matches free-text country / US-state labels from real exports to the
// atlas ids, decides whether a column is a country or a state column, and splits a
// leaderboard into rows for the map and rows the map cannot show.
import { COUNTRIES, type Country } from './countries';
import { US_STATES, type UsState } from './us-states';

/** Which atlas a column belongs on. */
export type GeoKind = 'world' | 'us';

/** A matched place: `id` is the atlas join key, `name` the display name. */
export interface GeoMatch {
  id: string;
  name: string;
}

/** Share of distinct labels (or of weight) that must match for geoKind to call a column geographic. */
export const GEO_MIN_SHARE = 0.6;

// letters NFKD leaves alone but which people type without the mark
const FOLD: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ı: 'i', þ: 'th', ð: 'd' };
// abbreviations worth expanding only inside longer names ("St. Lucia", "Cook Is."): alone,
// "ST" and "IS" are the ISO codes of São Tomé and Iceland
const EXPAND: Record<string, string> = { st: 'saint', is: 'islands', isl: 'islands' };

/** The comparison key of a label: case, accents, punctuation, "&"/"and", a leading/trailing "the" and St./Is. ignored. */
export function normalise(label: string): string {
  const folded = label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øæœßłđıþð]/g, (c) => FOLD[c] ?? c)
    .replace(/&/g, ' and ')
    // dropped, not spaced: "U.S." → "us", "Côte d'Ivoire" → "cote divoire"
    .replace(/['’‘`´.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  let words = folded === '' ? [] : folded.split(' ');
  if (words.length > 1) words = words.map((w) => EXPAND[w] ?? w);
  if (words.length > 1 && words[0] === 'the') words = words.slice(1);
  if (words.length > 1 && words[words.length - 1] === 'the') words = words.slice(0, -1);
  return words.join(' ');
}

// The keys tried for a label, most literal first: as written; "Korea, South" → "South Korea";
// "Bolivia (Plurinational State of)" → "Bolivia".
function variants(label: string): string[] {
  const out = [normalise(label)];
  const comma = label.indexOf(',');
  if (comma > 0) out.push(normalise(`${label.slice(comma + 1)} ${label.slice(0, comma)}`));
  if (label.includes('(')) out.push(normalise(label.replace(/\([^)]*\)/g, ' ')));
  return out.filter((k) => k !== '');
}

function indexBy<T>(items: readonly T[], keys: (item: T) => readonly string[]): Map<string, T> {
  const index = new Map<string, T>();
  for (const item of items) {
    for (const key of keys(item)) {
      const k = normalise(key);
      // first entry wins; tests assert the tables have no clashing keys
      if (k !== '' && !index.has(k)) index.set(k, item);
    }
  }
  return index;
}

/** Every key a country answers to: name, aliases, alpha-2, alpha-3. */
export function countryKeys(c: Country): string[] {
  return [c.name, ...c.aliases, c.alpha2, c.alpha3];
}

/** Every key a state answers to: name, aliases, USPS code. */
export function stateKeys(s: UsState): string[] {
  return [s.name, ...s.aliases, s.usps];
}

const COUNTRY_INDEX = indexBy(COUNTRIES, countryKeys);
const STATE_INDEX = indexBy(US_STATES, stateKeys);

function lookup<T>(index: Map<string, T>, label: string): T | undefined {
  for (const key of variants(label)) {
    const hit = index.get(key);
    if (hit) return hit;
  }
  return undefined;
}

/** The country a label names (name, alias or ISO alpha-2/alpha-3 code), or null; id = world-atlas id. */
export function matchCountry(label: string): GeoMatch | null {
  const c = lookup(COUNTRY_INDEX, label);
  return c ? { id: c.id, name: c.name } : null;
}

/** The US state or territory a label names (name, USPS code or AP abbreviation), or null; id = FIPS. */
export function matchState(label: string): GeoMatch | null {
  const s = lookup(STATE_INDEX, label);
  return s ? { id: s.fips, name: s.name } : null;
}

/** The matcher of an atlas. */
export function matcherOf(kind: GeoKind): (label: string) => GeoMatch | null {
  return kind === 'world' ? matchCountry : matchState;
}

// NULL labels carry no evidence about what the column holds
const isBlank = (label: string): boolean => label.trim() === '' || label === '(missing)';

/**
 * 'world' or 'us' when at least GEO_MIN_SHARE of the distinct labels (or of `weights`, e.g.
 * rows per label) match that atlas and more than match the other; null otherwise. Ties
 * (e.g. only "GA", "CA") go to `prefer` (default 'world'), so a caller that knows the column
 * is a region column can pass 'us'.
 */
export function geoKind(labels: readonly string[], o: { weights?: readonly number[]; prefer?: GeoKind } = {}): GeoKind | null {
  let total = 0;
  let world = 0;
  let us = 0;
  const seen = new Set<string>();
  labels.forEach((label, i) => {
    if (isBlank(label)) return;
    // distinct labels count once unless weighted (weights already aggregate a label's rows)
    if (!o.weights && seen.has(label)) return;
    seen.add(label);
    const w = o.weights ? Math.max(0, o.weights[i] ?? 0) : 1;
    total += w;
    if (matchCountry(label)) world += w;
    if (matchState(label)) us += w;
  });
  if (total === 0) return null;
  const prefer = o.prefer ?? 'world';
  const [first, second]: [GeoKind, GeoKind] = prefer === 'world' ? ['world', 'us'] : ['us', 'world'];
  const share = { world: world / total, us: us / total };
  if (share[first] >= GEO_MIN_SHARE && share[first] >= share[second]) return first;
  if (share[second] >= GEO_MIN_SHARE && share[second] > share[first]) return second;
  return null;
}

/** A leaderboard row (engine Row fits): label, revenue, customers; non-numbers count as 0 / unknown. */
export interface GeoInput {
  readonly label?: unknown;
  readonly revenue?: unknown;
  readonly customers?: unknown;
}

/** A place on the map: the labels that matched it summed; `label` (the largest) is what a click filters by. */
export interface GeoRow {
  id: string;
  name: string;
  label: string;
  /** Every label that matched this place, largest revenue first ("UK", "England", …). */
  labels: string[];
  revenue: number;
  /** Summed over labels (exact when one label per place); null when the data has no customers. */
  customers: number | null;
}

/** A label the map cannot show: 'unknown' (no such place, e.g. "Unspecified") or 'no-shape' (a real place the atlas does not draw). */
export interface Unmatched {
  label: string;
  revenue: number;
  customers: number | null;
  reason: 'unknown' | 'no-shape';
}

const numberOr = <T>(v: unknown, fallback: T): number | T => {
  const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : fallback;
};

/**
 * Splits leaderboard rows into places on the map (one row per atlas id, largest revenue first)
 * and labels that are not on it (largest revenue first). `shapes` (atlas.ts shapeIds) moves
 * real places the atlas does not draw (Gibraltar, Puerto Rico under albersUsa) to `unmatched`.
 */
export function matchRows(rows: readonly GeoInput[], kind: GeoKind, shapes?: ReadonlySet<string>): { matched: GeoRow[]; unmatched: Unmatched[] } {
  const match = matcherOf(kind);
  const byId = new Map<string, { name: string; parts: { label: string; revenue: number; customers: number | null }[] }>();
  const unmatched: Unmatched[] = [];
  for (const row of rows) {
    const label = row.label === null || row.label === undefined ? '(missing)' : String(row.label);
    const part = { label, revenue: numberOr(row.revenue, 0), customers: numberOr(row.customers, null) };
    const m = match(label);
    if (!m) unmatched.push({ ...part, reason: 'unknown' });
    else if (shapes && !shapes.has(m.id)) unmatched.push({ ...part, reason: 'no-shape' });
    else {
      const place = byId.get(m.id) ?? { name: m.name, parts: [] };
      place.parts.push(part);
      byId.set(m.id, place);
    }
  }
  const matched: GeoRow[] = [...byId].map(([id, { name, parts }]) => {
    parts.sort((a, b) => b.revenue - a.revenue || a.label.localeCompare(b.label));
    const known = parts.filter((p) => p.customers !== null);
    return {
      id,
      name,
      label: parts[0]?.label ?? name,
      labels: parts.map((p) => p.label),
      revenue: parts.reduce((s, p) => s + p.revenue, 0),
      customers: known.length ? known.reduce((s, p) => s + (p.customers ?? 0), 0) : null,
    };
  });
  matched.sort((a, b) => b.revenue - a.revenue || a.name.localeCompare(b.name));
  unmatched.sort((a, b) => b.revenue - a.revenue || a.label.localeCompare(b.label));
  return { matched, unmatched };
}
