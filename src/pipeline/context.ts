// What a loaded dataset offers the dashboard (dates? times? customers? which breakdowns?),
// decided once after cleaning. Views and the metrics suite read it instead of the mapping.
import { humanize } from '../format';
import type { Connector } from '../engine/connector';
import { toRows } from '../engine/rows';
import type { Mapping } from '../mapping/detect';
import { hasDate, type SelectItem } from '../sql/mapping';
import type { SuiteContext } from '../sql/metrics-suite';
import { hasTimesSql, SALES_DAYS_TABLE, salesDaysSql } from '../sql/trends';
import { dataFactsSql } from '../sql/facts';
import type { DataFacts } from './availability';

/** The suite context plus labels for extra columns and whether there is an amount. */
export interface DataContext extends SuiteContext {
  hasAmount: boolean;
  /** Human labels for canonical and x_ columns ("x_size" → "Size"). */
  labels: Record<string, string>;
  /** What the cleaned data holds (whole file), for the analyses' data requirements (pipeline/availability.ts). */
  facts?: DataFacts;
  /** The table of sales days dataContext built (SALES_DAYS_TABLE) when the data has dates: what coverages read instead of grouping `sales` by day again. */
  daysTable?: string;
}

/** Measures the data facts of the cleaned `sales` table (one query). */
export async function measureFacts(conn: Connector, signal?: AbortSignal, daysTable?: string): Promise<DataFacts> {
  const r = toRows(await conn.query(dataFactsSql(daysTable ? { daysTable } : {}), signal))[0] ?? {};
  const n = (k: keyof DataFacts): number => Number(r[k] ?? 0);
  return {
    customers: n('customers'),
    repeat_customers: n('repeat_customers'),
    days: n('days'),
    months: n('months'),
    complete_months: n('complete_months'),
    span_days: n('span_days'),
    categories: n('categories'),
    products: n('products'),
    baskets: n('baskets'),
    multi_baskets: n('multi_baskets'),
  };
}

const CANONICAL_LABELS: Record<string, string> = {
  category: 'Category',
  product: 'Product',
  country: 'Country',
  region: 'Region / state',
  payment: 'Payment method',
  gender: 'Gender',
  age: 'Age',
  income: 'Income',
  score: 'Spending score',
};

/** Reads the context of the cleaned data (one small query for times of day, one for the data facts). */
export async function dataContext(conn: Connector, mapping: Mapping, select: readonly SelectItem[]): Promise<DataContext> {
  const roles = new Set(mapping.columns.map((c) => c.role));
  const dates = hasDate(mapping);
  // the sales days, once: every coverage (trends, insights, the facts below) reads them
  if (dates) await conn.exec(salesDaysSql());
  const daysTable = dates ? SALES_DAYS_TABLE : undefined;
  const hasTimes = dates ? Boolean(toRows(await conn.query(hasTimesSql()))[0]?.has_times) : false;
  const labels: Record<string, string> = { ...CANONICAL_LABELS };
  // the user's own names, as titles ("annual_income" → "Annual income"), units kept
  for (const s of select) if (s.label) labels[s.name] = humanize(s.label);
  // a unit in the user's column name stays with the canonical label ("Annual Income (k$)" → "Income (k$)")
  for (const c of mapping.columns) {
    const unit = /\(([^)]+)\)\s*$/.exec(c.name)?.[1];
    if (unit && (c.role === 'age' || c.role === 'income' || c.role === 'score' || c.role === 'amount' || c.role === 'unit_price') && labels[c.role]) labels[c.role] = `${labels[c.role]} (${unit})`;
  }
  const dims = (['country', 'region', 'payment', 'gender'] as const).filter((r) => roles.has(r));
  const extraDims = mapping.columns.filter((c) => c.role === 'dimension').map((c) => select.find((s) => s.label === c.name)?.name).filter((n): n is string => !!n);
  const attrs = (['age', 'income', 'score'] as const).filter((r) => roles.has(r));
  const extraAttrs = mapping.columns.filter((c) => c.role === 'attribute').map((c) => select.find((s) => s.label === c.name)?.name).filter((n): n is string => !!n);
  return {
    hasDates: dates,
    hasTimes,
    hasCustomers: roles.has('customer'),
    hasCategory: roles.has('category'),
    hasProduct: roles.has('product'),
    hasAmount: roles.has('amount') || roles.has('unit_price'),
    dimensions: [...dims, ...extraDims],
    attributes: [...attrs, ...extraAttrs],
    labels,
    facts: await measureFacts(conn, undefined, daysTable),
    ...(daysTable ? { daysTable } : {}),
  };
}
