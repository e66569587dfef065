// Column roles from names and values. Input: a profile of each raw column (counts and a
// sample of values); output: a Mapping the user can edit. Pure: no SQL, no engine.
//
// 1. Read each column's values: dates? numbers (which notation)? text?
// 2. Score the roles its name suggests, keeping only roles its values can play.
// 3. Assign single roles greedily, best score first, one column per role.
// 4. Everything else: numbers → "Other number", short lists of text → "Other category", the rest ignored.
import { dateLabel, detectDate, type DateDetection } from './dates';
import { detectNumber, numberLabel, type NumberDetection, type NumberFormat } from './numbers';
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
  /** How the numbers are read, for the Columns tab (number columns only): absent on mappings made before it existed. */
  numberReading?: NumberReading;
}

/** How a number column's notation was decided, in words the Columns tab can show. */
export interface NumberReading {
  /** e.g. "decimal comma (read 1.234,50 as 1234.5)". */
  label: string;
  /** True when nothing decided the decimal separator: the UI should ask (reading "1.234" as 1.234 or 1234). */
  ambiguous: boolean;
  /** What decided it: the column's own values, the other number columns of the file, the user, or nothing (a guess). */
  decidedBy: 'values' | 'other columns' | 'you' | 'guess';
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
  number: NumberDetection | null;
  date: DateDetection | null;
  decidedBy?: NumberReading['decidedBy'];
}

function readValues(p: ColumnProfile, dateNamed: boolean, preferComma?: boolean): ColumnReading {
  const values = p.samples.filter((s) => s.trim() !== '');
  if (values.length === 0) return { kind: 'empty', number: null, date: null };
  // a typed number column is numbers whatever its text looks like (1e+20, nan), unless its values are dates (epoch, Excel serials)
  const number: NumberDetection | null = isNumericType(p.type)
    ? { format: 'plain', share: 1, integer: rawKind(p.type) === 'integer', ambiguous: false, votes: { point: 0, comma: 0, either: 0 } }
    : detectNumber(values, preferComma);
  // bare numbers (YYYYMMDD, Unix time, Excel serials) are read as dates only in a date-named column
  const date = detectDate(values, dateNamed);
  if (date && date.share >= 0.9) return { kind: 'date', number, date };
  // an amount-named column keeps its number kind with a few text cells (they become NULL and are counted)
  const numberNamed = [...nameScores(p.name)].some(([role, score]) => score >= 90 && ROLE_INFO.find((i) => i.role === role)?.kind === 'number');
  if (number && number.share >= (numberNamed ? 0.8 : 0.95)) return { kind: 'number', number, date };
  return { kind: 'text', number, date };
}

/**
 * Settles the decimal separator of number columns whose own values could be read either way ("1.234"):
 * the other number columns of the file decide when they agree; otherwise the column stays a flagged guess.
 */
function settleDecimals(profiles: readonly ColumnProfile[], readings: ColumnReading[], dateNamed: boolean[]): ColumnReading[] {
  let point = 0;
  let comma = 0;
  for (const r of readings) {
    if (r.kind !== 'number' || !r.number || r.number.ambiguous) continue;
    point += r.number.votes.point;
    comma += r.number.votes.comma;
  }
  return readings.map((r, i) => {
    if (r.kind !== 'number' || !r.number) return r;
    if (!r.number.ambiguous) return { ...r, decidedBy: r.number.votes.point + r.number.votes.comma > 0 ? 'values' : 'guess' };
    if (r.number.votes.point + r.number.votes.comma > 0 || point === comma || Math.min(point, comma) > 0.02 * (point + comma)) return { ...r, decidedBy: 'guess' };
    const settled = readValues(profiles[i] as ColumnProfile, dateNamed[i] as boolean, comma > point);
    return settled.kind === 'number' ? { ...settled, decidedBy: 'other columns' } : r;
  });
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
  const dateNamed = profiles.map((p) => (nameScores(p.name).get('date') ?? 0) >= 60);
  const readings = settleDecimals(profiles, profiles.map((p, i) => readValues(p, dateNamed[i] as boolean)), dateNamed);
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
    const numberFormat = r.number && (r.kind === 'number' || r.number.share >= 0.95) ? r.number.format : null;
    const numberReading: NumberReading | undefined =
      r.kind === 'number' && r.number ? { label: numberLabel(r.number), ambiguous: r.decidedBy === 'guess' && r.number.ambiguous, decidedBy: r.decidedBy ?? 'values' } : undefined;
    const extra = numberReading ? { numberReading } : {};
    const a = assigned.get(col);
    const typed = rawKind(p.type) === 'text' ? {} : { type: p.type };
    if (a) return { name: p.name, role: a.role, kind: r.kind, numberFormat, reason: a.reason, ...extra, ...typed };
    return { name: p.name, kind: r.kind, numberFormat, ...fallbackRole(p, r, rows), ...extra, ...typed };
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

/** Returns a new mapping with the number notation of `column` set by the user (the one-click override of a guess). */
export function withNumberFormat(m: Mapping, column: string, format: NumberFormat): Mapping {
  const columns = m.columns.map((c): ColumnMapping => {
    if (c.name !== column) return c;
    const label = numberLabel({ format, ambiguous: false });
    return { ...c, numberFormat: format, numberReading: { label, ambiguous: false, decidedBy: 'you' } };
  });
  return { ...m, columns };
}

/** True when the mapping has enough to work with: a customer, a date or an amount (or quantity × price). */
export function isUsable(m: Mapping): boolean {
  const roles = new Set(m.columns.map((c) => c.role));
  return roles.has('customer') || roles.has('date') || roles.has('amount') || roles.has('unit_price');
}
