// The global filters in the URL: from, to and f.<column>=v1|v2. The filter value and the SQL
// predicate it generates live in src/sql/filters.ts (pipeline and analysis use them without
// importing state); they are re-exported here for the views.
import { FILTER_COLUMN, ISO_DAY, type Filters } from '../sql/filters';

export { dateWhere, dimsWhere, filtersWhere, isEmpty, MISSING_LABEL, NO_FILTERS, toggleValue, type Filters } from '../sql/filters';

/** Reads filters from URL parameters: from, to, and f.<column>=v1|v2 (| inside a value written as \\|). */
export function filtersFromParams(p: URLSearchParams): Filters {
  const dims: Record<string, string[]> = {};
  for (const [k, v] of p) {
    if (!k.startsWith('f.')) continue;
    const col = k.slice(2);
    if (!FILTER_COLUMN.test(col) || col === '__proto__') continue;
    dims[col] = v.split(/(?<!\\)\|/).map((x) => x.replaceAll('\\|', '|')).filter((x) => x !== '');
  }
  const from = p.get('from');
  const to = p.get('to');
  return { from: from && ISO_DAY.test(from) ? from : null, to: to && ISO_DAY.test(to) ? to : null, dims };
}

/** Writes filters as URL parameters (inverse of filtersFromParams). */
export function filtersToParams(f: Filters): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  for (const [col, values] of Object.entries(f.dims)) if (values.length) out[`f.${col}`] = values.map((v) => v.replaceAll('|', '\\|')).join('|');
  return out;
}
