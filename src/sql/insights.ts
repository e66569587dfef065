// Queries behind the plain-language insights that the trends and segments views do not
// already provide.
import { num } from './ident';
import { coverageCte, type DateRange } from './trends';
import { isProductSql } from './products';

/**
 * Revenue per category (or another column) in the last `days` days of the data against
 * the `days` before: label, recent, previous, growth (recent/previous − 1; NULL when
 * previous is 0). Only labels with revenue in both windows, largest movers first; products
 * leave service lines out. The windows end on the last fully observed day (a partial last day,
 * see coverageCte, is left out).
 */
export function growthSql(o: { column?: 'category' | 'product'; days?: number; where?: string; range?: DateRange; daysTable?: string } = {}): string {
  const col = o.column ?? 'category';
  const days = o.days ?? 90;
  const where = o.where ?? 'TRUE';
  return `WITH ${coverageCte('cov', o.range, o.daysTable)},
e AS (SELECT least(max(ts)::DATE, (SELECT last_full FROM cov)) AS last FROM sales WHERE ts IS NOT NULL AND (${where})),
s AS (
  SELECT ${col} AS label,
    sum(amount) FILTER (WHERE ts::DATE > e.last - ${num(days)} AND ts::DATE <= e.last) AS recent,
    sum(amount) FILTER (WHERE ts::DATE <= e.last - ${num(days)} AND ts::DATE > e.last - ${num(2 * days)}) AS previous
  FROM sales, e WHERE ${col === 'product' ? isProductSql(col) : `${col} IS NOT NULL`} AND ts IS NOT NULL AND (${where}) GROUP BY 1
)
SELECT label, recent::DOUBLE AS recent, previous::DOUBLE AS previous, (recent / NULLIF(previous, 0) - 1)::DOUBLE AS growth
FROM s WHERE recent > 0 AND previous > 0
ORDER BY abs(recent - previous) DESC`;
}
