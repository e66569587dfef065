// The mapping step in SQL: one expression per canonical `sales` column, read from the
// raw columns (VARCHAR from CSV, typed from Excel/Parquet/JSON) by the user's (or detected) roles. This is the only
// place where user column names meet canonical names.
import type { ColumnMapping, Mapping } from '../mapping/detect';
import type { DateDetection } from '../mapping/dates';
import { rawKind } from '../mapping/raw-type';
import { normaliseName, type Role } from '../mapping/roles';
import { CANONICAL_COLUMNS, EXTRA_PREFIX, type CanonicalColumn } from './schema';
import { ident } from './ident';
import { dateSql, numberSql } from './parse';

/** One output column of the typed projection: SQL expression and output name. */
export interface SelectItem {
  name: string;
  expr: string;
  /** The user's column name it came from (extras only), for labels. */
  label?: string;
}

const TEXT_ROLES: Partial<Record<Role, CanonicalColumn>> = {
  product: 'product',
  category: 'category',
  country: 'country',
  region: 'region',
  payment: 'payment',
  gender: 'gender',
};
const NUMBER_ROLES: Partial<Record<Role, CanonicalColumn>> = {
  quantity: 'quantity',
  unit_price: 'unit_price',
  age: 'age',
  income: 'income',
  score: 'score',
};

// Typed columns (Excel, Parquet, JSON) skip the text parsers: a number is cast, a timestamp is
// one already. Text columns (CSV) go through the parsers of the detected notation; the CSV reader
// already turns empty cells into NULL and text is kept exactly as written.

/** The column's values as text: as written for text columns; a whole float prints without its '.0' (13085.0 → '13085'). */
export function textOf(c: Pick<ColumnMapping, 'name' | 'type'>): string {
  const col = ident(c.name);
  const kind = rawKind(c.type);
  if (kind === 'text') return col;
  if (kind === 'float') return `regexp_replace(CAST(${col} AS VARCHAR), '\\.0+$', '')`;
  return `CAST(${col} AS VARCHAR)`;
}

/** The column's values as DOUBLE: a cast for typed numbers, the notation's parser for text (and for other types, via their text). */
export function numberOf(c: Pick<ColumnMapping, 'name' | 'type' | 'numberFormat'>): string {
  const kind = rawKind(c.type);
  if (kind === 'integer' || kind === 'float') return `CAST(${ident(c.name)} AS DOUBLE)`;
  return numberSql(kind === 'text' ? ident(c.name) : `CAST(${ident(c.name)} AS VARCHAR)`, c.numberFormat ?? 'grouped');
}

/** The column's values as TIMESTAMP: a cast for typed dates and timestamps, the notation's parser for text. */
export function dateOf(c: Pick<ColumnMapping, 'name' | 'type'>, d: DateDetection): string {
  const kind = rawKind(c.type);
  if (kind === 'time') return `CAST(${ident(c.name)} AS TIMESTAMP)`;
  return dateSql(kind === 'text' ? ident(c.name) : `CAST(${ident(c.name)} AS VARCHAR)`, d);
}

const text = textOf;
const num = numberOf;

/** Canonical name of an extra column: `x_` + a slug of the user's name, unique within the table. */
export function extraName(name: string, taken: Set<string>): string {
  const slug = normaliseName(name).replace(/\s+/g, '_') || 'column';
  let out = EXTRA_PREFIX + slug;
  for (let i = 2; taken.has(out); i++) out = `${EXTRA_PREFIX}${slug}_${i}`;
  taken.add(out);
  return out;
}

/** The typed projection of `raw` for a mapping: every canonical column (NULL when unmapped) plus extras. */
export function canonicalSelect(m: Mapping): SelectItem[] {
  const byRole = (role: Role): ColumnMapping | undefined => m.columns.find((c) => c.role === role);
  const exprs = new Map<CanonicalColumn, string>();
  const customer = byRole('customer');
  if (customer) {
    // Customer ids exported through spreadsheets often gain a '.0' (17850.0); strip it so
    // they match the same customer elsewhere. Only paid for when the sample shows it.
    // (a typed float column always prints '.0': textOf strips it)
    const c = textOf(customer);
    exprs.set('customer_id', m.customerDotZero && rawKind(customer.type) === 'text' ? `regexp_replace(${c}, '\\.0+$', '')` : c);
  }
  const date = byRole('date');
  if (date && m.date) exprs.set('ts', dateOf(date, m.date));
  const tx = byRole('tx_id');
  if (tx) exprs.set('tx_id', text(tx));
  for (const c of m.columns) {
    const t = TEXT_ROLES[c.role];
    if (t) exprs.set(t, text(c));
    const n = NUMBER_ROLES[c.role];
    if (n) exprs.set(n, num(c));
  }
  const amount = byRole('amount');
  const price = byRole('unit_price');
  const qty = byRole('quantity');
  if (amount) exprs.set('amount', num(amount));
  else if (price && qty && !m.priceIsTotal) exprs.set('amount', `(${num(qty)} * ${num(price)})`);
  else if (price) exprs.set('amount', num(price));
  // a line total's unit price is the total over the quantity (also next to an amount column)
  if (price && m.priceIsTotal && qty) exprs.set('unit_price', `(${num(price)} / NULLIF(${num(qty)}, 0))`);

  const items: SelectItem[] = CANONICAL_COLUMNS.map((c) => ({ name: c.name, expr: exprs.get(c.name) ?? `NULL::${c.type}` }));
  const taken = new Set<string>(CANONICAL_COLUMNS.map((c) => c.name));
  for (const c of m.columns) {
    if (c.role === 'dimension') items.push({ name: extraName(c.name, taken), expr: text(c), label: c.name });
    if (c.role === 'attribute') items.push({ name: extraName(c.name, taken), expr: num(c), label: c.name });
  }
  return items;
}

/** True when the mapping yields an amount (amount column, or a price). */
export function hasAmount(m: Mapping): boolean {
  return m.columns.some((c) => c.role === 'amount' || c.role === 'unit_price');
}

/** True when the mapping has a parseable date column. */
export function hasDate(m: Mapping): boolean {
  return m.date !== null && m.columns.some((c) => c.role === 'date');
}
