// What each analysis needs, declared once: the column roles it reads and what the data must
// hold (repeat purchases, enough days or months, categories, baskets…), checked against
// facts measured once after cleaning (src/sql/facts.ts). The Overview's "What this file
// allows", every tab's notice and the insights all read this one declaration, so an
// analysis the data cannot support says why in one sentence instead of showing numbers
// that pretend otherwise.
import type { Mapping } from '../mapping/detect';
import type { Role } from '../mapping/roles';
import { fmtInt, fmtPct } from '../format';

/** Facts about the cleaned data (whole file), one query after cleaning; see src/sql/facts.ts. */
export interface DataFacts {
  customers: number;
  repeat_customers: number;
  days: number;
  months: number;
  complete_months: number;
  span_days: number;
  categories: number;
  products: number;
  baskets: number;
  multi_baskets: number;
}

/** Every analysis the app offers, by id. */
export type AnalysisId =
  | 'kpis'
  | 'trends'
  | 'weekday'
  | 'seasonality'
  | 'customers'
  | 'new-returning'
  | 'cohorts'
  | 'segments'
  | 'rfm'
  | 'win-back'
  | 'growth'
  | 'recommend'
  | 'baskets'
  | 'forecast'
  | 'clv'
  | 'geo'
  | 'demographics';

/** One analysis and whether this dataset can support it. */
export interface Availability {
  id: AnalysisId;
  label: string;
  ok: boolean;
  /** What is missing, when not ok, as a short phrase ("needs a date column"). */
  needs: string;
  /** The same as one sentence for the tab's notice ("RFM needs repeat purchases: …"); '' when ok. */
  why: string;
}

/** A requirement on the data: passes, or explains itself from the facts. */
interface DataNeed {
  ok: (f: DataFacts) => boolean;
  /** Short phrase ("needs repeat purchases"). */
  needs: string;
  /** What the data holds instead, for the sentence ("only 0 of 120 customers bought twice"). */
  has: (f: DataFacts) => string;
}

/** The declaration of one analysis. */
interface Declaration {
  id: AnalysisId;
  label: string;
  /** Roles read (all needed); 'amount' is met by a unit price, 'date' needs a parseable date. */
  roles: Role[];
  /** At least one of these roles (demographics, maps). */
  anyRole?: { roles: Role[]; words: string };
  /** The label is plural ("RFM scores … need"), else singular ("Cohort retention needs"). */
  plural?: boolean;
  /** Needs several rows per customer (not a customer-level file). */
  transactions?: boolean;
  data?: DataNeed[];
}

/** Share of customers with two or more transactions below which RFM frequency quintiles are arbitrary (most customers tie at one purchase). */
export const MIN_REPEAT_SHARE_RFM = 0.2;

const repeatShare = (f: DataFacts): number => (f.customers > 0 ? f.repeat_customers / f.customers : 0);
const repeaters = (f: DataFacts): string =>
  f.repeat_customers === 0
    ? `every one of the ${fmtInt(f.customers)} customers bought exactly once`
    : `only ${fmtInt(f.repeat_customers)} of ${fmtInt(f.customers)} customers (${fmtPct(repeatShare(f))}) bought more than once`;

/** Data requirements shared by several analyses. */
const NEED = {
  someRepeat: { ok: (f) => f.repeat_customers >= 1, needs: 'needs customers who buy more than once', has: repeaters } as DataNeed,
  rfmRepeat: {
    ok: (f) => f.repeat_customers >= 2 && repeatShare(f) >= MIN_REPEAT_SHARE_RFM,
    needs: `needs at least ${fmtPct(MIN_REPEAT_SHARE_RFM, 0)} of customers buying more than once`,
    has: (f) => `${repeaters(f)}, so frequency cannot be scored 1–5`,
  } as DataNeed,
  clvRepeat: { ok: (f) => f.repeat_customers >= 10, needs: 'needs at least 10 customers who buy more than once', has: repeaters } as DataNeed,
  months2: { ok: (f) => f.months >= 2, needs: 'needs sales in at least 2 calendar months', has: (f) => `the data covers ${fmtInt(f.months)} month${f.months === 1 ? '' : 's'}` } as DataNeed,
  year: {
    ok: (f) => f.complete_months >= 12,
    needs: 'needs at least 12 complete months',
    has: (f) => `the data covers ${fmtInt(f.complete_months)} complete month${f.complete_months === 1 ? '' : 's'}`,
  } as DataNeed,
  fortnight: { ok: (f) => f.span_days >= 14, needs: 'needs at least two weeks of dates', has: (f) => `the dates span ${fmtInt(f.span_days)} day${f.span_days === 1 ? '' : 's'}` } as DataNeed,
  days2: { ok: (f) => f.days >= 2, needs: 'needs sales on at least 2 days', has: (f) => `the data has sales on ${fmtInt(f.days)} day${f.days === 1 ? '' : 's'}` } as DataNeed,
  forecastSpan: { ok: (f) => f.span_days >= 60, needs: 'needs at least 60 days of dates', has: (f) => `the dates span ${fmtInt(f.span_days)} days` } as DataNeed,
  halfYear: { ok: (f) => f.span_days >= 180, needs: 'needs at least 180 days of dates (90 against the 90 before)', has: (f) => `the dates span ${fmtInt(f.span_days)} days` } as DataNeed,
  categories2: { ok: (f) => f.categories >= 2, needs: 'needs at least 2 categories', has: (f) => `the data has ${fmtInt(f.categories)} categor${f.categories === 1 ? 'y' : 'ies'}` } as DataNeed,
  products2: { ok: (f) => f.products >= 2, needs: 'needs at least 2 products', has: (f) => `the data has ${fmtInt(f.products)} product${f.products === 1 ? '' : 's'}` } as DataNeed,
  baskets: {
    ok: (f) => f.multi_baskets >= 10,
    needs: 'needs at least 10 transactions with 2 or more products',
    has: (f) => `${fmtInt(f.multi_baskets)} of ${fmtInt(f.baskets)} transactions hold 2 or more products`,
  } as DataNeed,
} satisfies Record<string, DataNeed>;

/** The one declaration: what each analysis needs. Order = display order on the Overview. */
export const ANALYSES: readonly Declaration[] = [
  { id: 'kpis', label: 'Headline KPIs', plural: true, roles: ['amount'] },
  { id: 'trends', label: 'Sales trends', plural: true, roles: ['date', 'amount'], data: [NEED.days2] },
  { id: 'weekday', label: 'Day-of-week profile', roles: ['date', 'amount'], data: [NEED.fortnight] },
  { id: 'seasonality', label: 'Seasonality (month of year)', roles: ['date', 'amount'], data: [NEED.year] },
  { id: 'customers', label: 'Customer metrics (visits, spend, recency)', plural: true, roles: ['customer', 'amount'] },
  { id: 'new-returning', label: 'New vs returning customers', roles: ['customer', 'date'], transactions: true, data: [NEED.months2, NEED.someRepeat] },
  { id: 'cohorts', label: 'Cohort retention', roles: ['customer', 'date'], transactions: true, data: [NEED.months2, NEED.someRepeat] },
  { id: 'segments', label: 'Segmentation (k-means, rules)', roles: ['customer'] },
  { id: 'rfm', label: 'RFM scores and segments', plural: true, roles: ['customer', 'date', 'amount'], transactions: true, data: [NEED.rfmRepeat] },
  { id: 'win-back', label: 'Win-back finding (RFM “At Risk”)', roles: ['customer', 'date', 'amount'], transactions: true, data: [NEED.rfmRepeat] },
  { id: 'growth', label: 'Growing and declining categories', plural: true, roles: ['date', 'amount', 'category'], data: [NEED.halfYear, NEED.categories2] },
  { id: 'recommend', label: 'Product recommendations', plural: true, roles: ['customer', 'product'], data: [NEED.products2] },
  { id: 'baskets', label: 'Frequently bought together', roles: ['tx_id', 'product'], transactions: true, data: [NEED.baskets] },
  { id: 'forecast', label: 'Sales forecast', roles: ['date', 'amount'], data: [NEED.forecastSpan] },
  { id: 'clv', label: 'Customer lifetime value', roles: ['customer', 'date', 'amount'], transactions: true, data: [NEED.clvRepeat] },
  { id: 'geo', label: 'Maps by country / state', plural: true, roles: [], anyRole: { roles: ['country', 'region'], words: 'a country or region/state column' } },
  { id: 'demographics', label: 'Demographics (age, gender, income, score)', plural: true, roles: [], anyRole: { roles: ['age', 'gender', 'income', 'score'], words: 'age, gender, income or spending-score columns' } },
];

const ROLE_WORDS: Partial<Record<Role, string>> = {
  customer: 'a customer column',
  date: 'a date column',
  amount: 'an amount (or quantity and unit price)',
  product: 'a product column',
  tx_id: 'a transaction id',
  category: 'a category column',
};

const capital = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/**
 * Checks every declared analysis against a mapping, the file's grain and (once measured) the
 * data facts; without facts only the roles are checked. Sentences start with the label.
 */
export function availability(m: Mapping, grain: 'transaction' | 'customer', facts?: DataFacts | null): Availability[] {
  const roles = new Set(m.columns.map((c) => c.role));
  const has = (r: Role): boolean => (r === 'amount' ? roles.has('amount') || roles.has('unit_price') : r === 'date' ? roles.has('date') && m.date !== null : roles.has(r));
  return check(has, grain, facts);
}

/** The same check from a data context (where no mapping is at hand, e.g. the report): roles read from its flags and columns. */
export function availabilityOf(
  ctx: { hasDates: boolean; hasCustomers: boolean; hasAmount: boolean; hasCategory: boolean; hasProduct: boolean; dimensions: string[]; attributes?: string[]; facts?: DataFacts },
  grain: 'transaction' | 'customer',
): Availability[] {
  const cols = new Set([...ctx.dimensions, ...(ctx.attributes ?? [])]);
  const flags: Partial<Record<Role, boolean>> = { date: ctx.hasDates, customer: ctx.hasCustomers, amount: ctx.hasAmount, category: ctx.hasCategory, product: ctx.hasProduct, tx_id: true };
  return check((r) => flags[r] ?? cols.has(r), grain, ctx.facts);
}

function check(has: (r: Role) => boolean, grain: 'transaction' | 'customer', facts?: DataFacts | null): Availability[] {
  return ANALYSES.map((d) => {
    const fail = (needs: string, why: string): Availability => ({ id: d.id, label: d.label, ok: false, needs, why: `${d.label} ${d.plural ? needs.replace(/^needs /, 'need ') : needs}: ${why}.` });
    const missing = d.roles.filter((r) => !has(r)).map((r) => ROLE_WORDS[r] ?? r);
    if (missing.length) return fail(`needs ${missing.join(' and ')}`, 'give a column that role on the Columns tab');
    if (d.anyRole && !d.anyRole.roles.some(has)) return fail(`needs ${d.anyRole.words}`, 'this file has none');
    if (d.transactions && grain !== 'transaction') return fail('needs several purchases per customer', 'this file has one row per customer');
    const unmet = facts ? (d.data ?? []).find((n) => !n.ok(facts)) : undefined;
    if (unmet && facts) return fail(unmet.needs, unmet.has(facts));
    return { id: d.id, label: d.label, ok: true, needs: '', why: '' };
  });
}

/** The sentence a tab shows for an analysis the data cannot support; null when it can (or is not declared). */
export function whyNot(list: readonly Availability[], id: AnalysisId): string | null {
  const a = list.find((x) => x.id === id);
  return a && !a.ok ? capital(a.why) : null;
}

/** True when the analysis is supported (unknown ids count as supported). */
export function allows(list: readonly Availability[], id: AnalysisId): boolean {
  return list.find((x) => x.id === id)?.ok ?? true;
}
