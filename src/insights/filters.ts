// The active filters in words, for findings and report.json ("Country = France; from 1 Jan 2011").
import type { Filters } from '../sql/filters';

const NAMES: Record<string, string> = { customer_id: 'Customer', product: 'Product', category: 'Category', country: 'Country', region: 'Region', payment: 'Payment', gender: 'Gender', segment: 'Segment', rfm: 'RFM segment', cluster: 'Cluster' };

/** Describes filters in words; '' when nothing is filtered. `labels` names x_ columns. */
export function describeFilters(f: Filters, labels: Record<string, string> = {}): string {
  const parts: string[] = [];
  for (const [col, values] of Object.entries(f.dims)) {
    if (!values.length) continue;
    parts.push(`${labels[col] ?? NAMES[col] ?? col.replace(/^x_/, '')} = ${values.join(' or ')}`);
  }
  if (f.from && f.to) parts.push(`dates ${f.from} to ${f.to}`);
  else if (f.from) parts.push(`dates from ${f.from}`);
  else if (f.to) parts.push(`dates up to ${f.to}`);
  return parts.join('; ');
}
