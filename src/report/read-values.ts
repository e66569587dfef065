// Small readers for untrusted JSON: each returns a value of the wanted type or null, never
// throws, and caps strings and lists so a hostile report.json cannot flood the page.

/** A plain JSON object (not null, not an array), or null. */
export function obj(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** A finite number, or null (strings and booleans are not numbers here). */
export function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Text (a string, or a finite number written out), cut to `max` characters; null otherwise. */
export function text(v: unknown, max = 300): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return null;
  return v.length > max ? `${v.slice(0, max - 1)}…` : v;
}

/** A boolean, or null. */
export function bool(v: unknown): boolean | null {
  return typeof v === 'boolean' ? v : null;
}

/** The items of an array read by `each` (unreadable items dropped), at most `max`; null when not an array. */
export function list<T>(v: unknown, each: (item: unknown) => T | null, max = 1000): T[] | null {
  if (!Array.isArray(v)) return null;
  const out: T[] = [];
  for (const item of v.slice(0, max)) {
    const x = each(item);
    if (x !== null) out.push(x);
  }
  return out;
}

/** An object's own entries whose values are finite numbers, keys as text, at most `max`. */
export function numberEntries(v: unknown, max = 100): [string, number][] {
  const o = obj(v);
  if (!o) return [];
  const out: [string, number][] = [];
  for (const [k, x] of Object.entries(o).slice(0, max)) {
    const n = num(x);
    if (n !== null) out.push([text(k, 120) ?? '', n]);
  }
  return out;
}

/** Thrown by `need` when a section lacks a part it cannot be shown without. */
export class Missing extends Error {}

/** The value, or a `Missing` error naming what is absent. */
export function need<T>(v: T | null | undefined, what: string): T {
  if (v === null || v === undefined) throw new Missing(what);
  return v;
}
