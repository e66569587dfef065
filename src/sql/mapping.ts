// The mapping step in SQL: one expression per canonical `sales` column, read from the
// raw VARCHAR columns according to the user's (or detected) roles. This is the only
// place where user column names meet canonical names.
import type { ColumnMapping, Mapping } from '../mapping/detect';
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

// The CSV reader already turns empty cells into NULL; text is kept exactly as written.
const text = (c: string): string => c;
const num = (m: ColumnMapping): string => numberSql(ident(m.name), m.numberFormat ?? 'grouped');

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
    const c = ident(customer.name);
    exprs.set('customer_id', m.customerDotZero ? `regexp_replace(${c}, '\\.0+$', '')` : c);
  }
  const date = byRole('date');
  if (date && m.date) exprs.set('ts', dateSql(ident(date.name), m.date));
  const tx = byRole('tx_id');
  if (tx) exprs.set('tx_id', text(ident(tx.name)));
  for (const c of m.columns) {
    const t = TEXT_ROLES[c.role];
    if (t) exprs.set(t, text(ident(c.name)));
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
    if (c.role === 'dimension') items.push({ name: extraName(c.name, taken), expr: text(ident(c.name)), label: c.name });
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
