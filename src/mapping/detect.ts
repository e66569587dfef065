// Column roles from names and values. Input: a profile of each raw column (counts and a
// sample of values); output: a Mapping the user can edit. Pure: no SQL, no engine.
//
// 1. Read each column's values: dates? numbers (which notation)? text?
// 2. Score the roles its name suggests, keeping only roles its values can play.
// 3. Assign single roles greedily, best score first, one column per role.
// 4. Everything else: numbers → "Other number", short lists of text → "Other category", the rest ignored.
import { dateLabel, detectDate, type DateDetection } from './dates';
import { detectNumber, type NumberFormat } from './numbers';
import type { PriceReading } from './price-reading';
import { isNumericType, rawKind } from './raw-type';
import { nameScores, ROLE_INFO, SINGLE_ROLES, type Role } from './roles';

/** What the engine tells us about one raw column. */
export interface ColumnProfile {
  name: string;
  /** Non-empty cells in the whole column. */
  nonNull: number;
  /** Distinct non-empty values (approximate for large tables). */
  distinct: number;
  /** A fixed-seed sample of the column's cells as text (empty cells included as ''; typed cells cast to VARCHAR). */
  samples: string[];
  /** The column's DuckDB type (VARCHAR for CSV; typed for Excel, Parquet and JSON); absent means VARCHAR. */
  type?: string;
}

/** What a column's values look like. */
export type ValueKind = 'date' | 'number' | 'text' | 'empty';

/** A column with its role, as shown and edited in the mapping table. */
export interface ColumnMapping {
  name: string;
  role: Role;
  kind: ValueKind;
  /** Number notation when kind is number (or when a number role was forced on it). */
  numberFormat: NumberFormat | null;
  /** Why this role: shown beside the picker. */
  reason: string;
  /** The raw column's DuckDB type when it is not text (typed sources): its values are read without parsing. */
  type?: string;
}

/** The whole mapping: roles, the date notation of the date column, and the price convention. */
export interface Mapping {
  columns: ColumnMapping[];
  /** Date notation of the column whose role is date (null when none). */
  date: DateDetection | null;
  /** True when the unit-price column already holds the line total (amount = price, not quantity × price). */
  priceIsTotal: boolean;
  /** What the values say about the price column (measured on all rows after detection); absent before that. */
  priceReading?: PriceReading | null;
  /** True when customer ids look like spreadsheet floats (`17850.0`) and need the `.0` removed. */
  customerDotZero: boolean;
}

interface ColumnReading {
  kind: ValueKind;
  number: ReturnType<typeof detectNumber>;
  date: DateDetection | null;
}

function readValues(p: ColumnProfile, dateNamed: boolean): ColumnReading {
  const values = p.samples.filter((s) => s.trim() !== '');
  if (values.length === 0) return { kind: 'empty', number: null, date: null };
  // a typed number column is numbers whatever its text looks like (1e+20, nan), unless its values are dates (epoch, Excel serials)
  const number = isNumericType(p.type) ? { format: 'plain' as const, share: 1, integer: rawKind(p.type) === 'integer' } : detectNumber(values);
  const date = detectDate(values, dateNamed);
  if (date && date.share >= 0.9 && (date.family !== 'compact' || dateNamed)) return { kind: 'date', number, date };
  if (number && number.share >= 0.95) return { kind: 'number', number, date };
  return { kind: 'text', number, date };
}

function compatible(role: Role, r: ColumnReading): boolean {
  const info = ROLE_INFO.find((i) => i.role === role);
  if (!info || r.kind === 'empty') return false;
  if (info.kind === 'number') return r.kind === 'number';
  if (info.kind === 'date') return r.kind === 'date';
  return r.kind !== 'date';
}

const roleLabel = (role: Role): string => ROLE_INFO.find((i) => i.role === role)?.label ?? role;

/** Detects every column's role and the date notation; rows is the table's row count. */
export function detectMapping(profiles: readonly ColumnProfile[], rows: number): Mapping {
  const readings = profiles.map((p) => readValues(p, (nameScores(p.name).get('date') ?? 0) >= 60));
  const candidates: { col: number; role: Role; score: number; reason: string }[] = [];
  profiles.forEach((p, col) => {
    const r = readings[col] as ColumnReading;
    for (const [role, score] of nameScores(p.name)) {
      if (compatible(role, r)) candidates.push({ col, role, score, reason: `name reads as ${roleLabel(role).toLowerCase()}` });
    }
    if (r.kind === 'date' && r.date) candidates.push({ col, role: 'date', score: 50, reason: `values are dates (${dateLabel(r.date)})` });
  });
  candidates.sort((a, b) => b.score - a.score || a.col - b.col);

  const assigned = new Map<number, { role: Role; reason: string }>();
  const taken = new Set<Role>();
  for (const c of candidates) {
    if (assigned.has(c.col) || taken.has(c.role)) continue;
    assigned.set(c.col, { role: c.role, reason: c.reason });
    taken.add(c.role);
  }

  const columns: ColumnMapping[] = profiles.map((p, col) => {
    const r = readings[col] as ColumnReading;
    const numberFormat = r.number && r.number.share >= 0.95 ? r.number.format : null;
    const a = assigned.get(col);
    const typed = rawKind(p.type) === 'text' ? {} : { type: p.type };
    if (a) return { name: p.name, role: a.role, kind: r.kind, numberFormat, reason: a.reason, ...typed };
    return { name: p.name, kind: r.kind, numberFormat, ...fallbackRole(p, r, rows), ...typed };
  });
  const dateCol = columns.findIndex((c) => c.role === 'date');
  const date = dateCol >= 0 ? (readings[dateCol]?.date ?? null) : null;
  const hasAmount = columns.some((c) => c.role === 'amount');
  const hasQuantity = columns.some((c) => c.role === 'quantity');
  // A lone price column (no quantity, no amount) can only be the line value.
  const priceIsTotal = !hasAmount && !hasQuantity && columns.some((c) => c.role === 'unit_price');
  const customerCol = columns.findIndex((c) => c.role === 'customer');
  const customerDotZero = customerCol >= 0 && (profiles[customerCol]?.samples ?? []).some((v) => /^\s*\d+\.0+\s*$/.test(v));
  return { columns, date, priceIsTotal, customerDotZero };
}

function fallbackRole(p: ColumnProfile, r: ColumnReading, rows: number): { role: Role; reason: string } {
  const idLike = /\b(id|key|uuid|guid|code|no|number)$/i.test(p.name.trim()) || /(Id|ID|No)$/.test(p.name.trim());
  if (r.kind === 'empty') return { role: 'ignore', reason: 'column is empty' };
  if (r.kind === 'number' && !(idLike && p.distinct >= 0.9 * p.nonNull)) return { role: 'attribute', reason: 'numbers' };
  if (r.kind === 'date') return { role: 'ignore', reason: 'a second date column' };
  if (p.distinct <= Math.max(60, Math.min(500, 0.01 * rows))) return { role: 'dimension', reason: `${p.distinct.toLocaleString('en-US')} distinct values` };
  return { role: 'ignore', reason: 'too many distinct values for a breakdown' };
}

/** Which single roles are unmapped, in words, for the "what needs which column" notes. */
export function missingRoles(m: Mapping): Role[] {
  const present = new Set(m.columns.map((c) => c.role));
  return SINGLE_ROLES.filter((r) => !present.has(r));
}

/** Returns a new mapping with `column` given `role`; a column that held a single role before loses it. */
export function withRole(m: Mapping, column: string, role: Role): Mapping {
  const single = SINGLE_ROLES.includes(role);
  const columns = m.columns.map((c): ColumnMapping => {
    if (c.name === column) {
      const numberFormat = c.numberFormat ?? (ROLE_INFO.find((i) => i.role === role)?.kind === 'number' ? 'grouped' : null);
      return { ...c, role, numberFormat, reason: 'set by you' };
    }
    if (single && c.role === role) {
      const fallback: Role = c.kind === 'number' ? 'attribute' : c.kind === 'text' ? 'dimension' : 'ignore';
      return { ...c, role: fallback, reason: `was ${roleLabel(role).toLowerCase()}; replaced by your choice` };
    }
    return c;
  });
  return { ...m, columns };
}

/** True when the mapping has enough to work with: a customer, a date or an amount (or quantity × price). */
export function isUsable(m: Mapping): boolean {
  const roles = new Set(m.columns.map((c) => c.role));
  return roles.has('customer') || roles.has('date') || roles.has('amount') || roles.has('unit_price');
}
