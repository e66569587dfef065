// Global filters as data: a date range and allowed values per categorical column, and the
// one SQL predicate over canonical `sales`/`returns` columns they generate. Pure, so the SQL
// it produces is tested directly; src/state/filters.ts keeps the value in the URL.
import { ident, literal } from './ident';

/** The label leaderboards give NULL values; filtering on it means IS NULL. */
export const MISSING_LABEL = '(missing)';

/** Active filters: inclusive ISO date range and value lists per column. */
export interface Filters {
  from: string | null;
  to: string | null;
  dims: Record<string, string[]>;
}

/** No filter at all. */
export const NO_FILTERS: Filters = { from: null, to: null, dims: {} };

/** An ISO day (yyyy-mm-dd), the only form a date bound takes. */
export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The columns a filter may name (canonical ones, customer labels, extra x_ columns). */
export const FILTER_COLUMN = /^(customer_id|product|category|country|region|payment|gender|segment|rfm|cluster|x_[\p{L}\p{N}_]+)$/u;

// Customer-level labels live in their own tables, joined through customer_id.
const CUSTOMER_LABELS: Record<string, { table: string; column: string }> = {
  segment: { table: 'rule_segments', column: 'segment' },
  rfm: { table: 'rfm', column: 'segment' },
  cluster: { table: 'clusters', column: 'cluster_name' },
};

/** The predicate for the categorical filters only (business KPIs compare periods themselves). */
export function dimsWhere(f: Filters): string {
  const parts: string[] = [];
  for (const [col, values] of Object.entries(f.dims)) {
    if (!values.length || !FILTER_COLUMN.test(col)) continue;
    const present = values.filter((v) => v !== MISSING_LABEL);
    const terms: string[] = [];
    const label = CUSTOMER_LABELS[col];
    if (label) {
      if (present.length) terms.push(`customer_id IN (SELECT customer_id FROM ${label.table} WHERE ${label.column} IN (${present.map(literal).join(', ')}))`);
    } else {
      if (present.length) terms.push(`CAST(${ident(col)} AS VARCHAR) IN (${present.map(literal).join(', ')})`);
      if (present.length !== values.length) terms.push(`${ident(col)} IS NULL`);
    }
    if (terms.length) parts.push(terms.length > 1 ? `(${terms.join(' OR ')})` : (terms[0] as string));
  }
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

/** The predicate for the date range only (inclusive days). */
export function dateWhere(f: Filters): string {
  const parts: string[] = [];
  if (f.from && ISO_DAY.test(f.from)) parts.push(`ts >= DATE ${literal(f.from)}`);
  if (f.to && ISO_DAY.test(f.to)) parts.push(`ts < DATE ${literal(f.to)} + INTERVAL 1 DAY`);
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

/** The whole predicate every view applies. */
export function filtersWhere(f: Filters): string {
  const a = dimsWhere(f);
  const b = dateWhere(f);
  if (a === 'TRUE') return b;
  if (b === 'TRUE') return a;
  return `${a} AND ${b}`;
}

/** True when nothing is filtered. */
export function isEmpty(f: Filters): boolean {
  return !f.from && !f.to && Object.values(f.dims).every((v) => v.length === 0);
}

/** Adds or removes one value of a column (a click on a bar or a map region toggles it). */
export function toggleValue(f: Filters, column: string, value: string): Filters {
  const current = f.dims[column] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  const dims = { ...f.dims, [column]: next };
  if (!next.length) delete dims[column];
  return { ...f, dims };
}
