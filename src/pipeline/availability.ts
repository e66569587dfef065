// Which analyses the loaded columns allow, in words, so nothing is hidden silently:
// every view that cannot run says which column it needs.
import type { Mapping } from '../mapping/detect';
import type { Role } from '../mapping/roles';

/** One analysis and whether this dataset can support it. */
export interface Availability {
  id: string;
  label: string;
  ok: boolean;
  /** What is missing, when not ok ("needs a date column"). */
  needs: string;
}

const ROLE_WORDS: Partial<Record<Role, string>> = {
  customer: 'a customer column',
  date: 'a date column',
  amount: 'an amount (or quantity and unit price)',
  product: 'a product column',
  tx_id: 'a transaction id',
  category: 'a category column',
};

/** Lists the analyses and what each still needs, for a mapping and grain. */
export function availability(m: Mapping, grain: 'transaction' | 'customer'): Availability[] {
  const roles = new Set(m.columns.map((c) => c.role));
  const has = (r: Role): boolean => (r === 'amount' ? roles.has('amount') || roles.has('unit_price') : r === 'date' ? roles.has('date') && m.date !== null : roles.has(r));
  const item = (id: string, label: string, need: Role[], extra?: { ok: boolean; needs: string }): Availability => {
    const missing = need.filter((r) => !has(r)).map((r) => ROLE_WORDS[r] ?? r);
    if (missing.length) return { id, label, ok: false, needs: `needs ${missing.join(' and ')}` };
    if (extra && !extra.ok) return { id, label, ok: false, needs: extra.needs };
    return { id, label, ok: true, needs: '' };
  };
  const repeat = { ok: grain === 'transaction', needs: 'needs several purchases per customer (this file has one row per customer)' };
  const geo = roles.has('country') || roles.has('region');
  const demo = roles.has('age') || roles.has('gender') || roles.has('income') || roles.has('score');
  return [
    item('kpis', 'Headline KPIs', ['amount']),
    item('trends', 'Sales trends and seasonality', ['date', 'amount']),
    item('customers', 'Customer metrics (visits, spend, recency)', ['customer', 'amount']),
    item('cohorts', 'Cohort retention and new vs returning', ['customer', 'date'], repeat),
    item('segments', 'Segmentation (k-means, rules, RFM)', ['customer']),
    item('recommend', 'Product recommendations', ['customer', 'product']),
    item('baskets', 'Frequently bought together', ['tx_id', 'product'], repeat),
    item('forecast', 'Sales forecast', ['date', 'amount']),
    item('clv', 'Customer lifetime value', ['customer', 'date', 'amount'], repeat),
    { id: 'geo', label: 'Maps by country / state', ok: geo, needs: geo ? '' : 'needs a country or region/state column' },
    { id: 'demographics', label: 'Demographics (age, gender, income, score)', ok: demo, needs: demo ? '' : 'needs age, gender, income or spending-score columns' },
  ];
}
