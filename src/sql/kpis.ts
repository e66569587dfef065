// Headline KPIs from `purchases`, `sales` and `returns`. Gross sales are the purchases as
// bought (those returned in full included); returns are every return line; net = gross +
// returns. Transactions, customers, items and days count what is left in `sales` (net of
// matched returns), so an order cancelled in full is not a transaction; average order
// value = sales value (net of matched returns) / transactions.

/**
 * SQL scalar: how many distinct non-NULL values `expr` takes in `from` under `where`, as a
 * counted GROUP BY: under a memory limit DuckDB spills a GROUP BY to disk, while the set of a
 * DISTINCT aggregate must fit in memory (27 million transaction ids at 50M lines).
 */
export function distinctCountSql(expr: string, from: string, where = 'TRUE'): string {
  return `(SELECT count(*) FROM (SELECT ${expr} AS k FROM ${from} WHERE (${where}) AND ${expr} IS NOT NULL GROUP BY 1))`;
}

/**
 * SQL aggregate: the sum of `expr` as a double, compensated (Kahan–Babuška, DuckDB's fsum).
 * A plain sum of doubles in parallel is off by a cent at 10M lines (424,135,239.48 for
 * 424,135,239.47 in whole cents, and it varies run to run with the order the threads add
 * in); the compensated sum is exact to the cent there and costs about 10%.
 */
export function moneySumSql(expr: string): string {
  return `fsum((${expr})::DOUBLE)`;
}

/**
 * One query returning gross sales, returns, transactions, customers, first/last date and sales days.
 * The distinct counts are distinctCountSql (spillable), not count(DISTINCT …).
 */
export function kpisSql(where = 'TRUE'): string {
  const distinct = (expr: string): string => distinctCountSql(expr, 'sales', where);
  return `SELECT
  (SELECT coalesce(${moneySumSql('gross_amount')}, 0) FROM purchases WHERE ${where})::DOUBLE AS gross_sales,
  coalesce(${moneySumSql('amount')}, 0)::DOUBLE AS sales_value,
  (SELECT coalesce(${moneySumSql('matched_amount')}, 0) FROM returns WHERE ${where})::DOUBLE AS returns_matched,
  (SELECT coalesce(${moneySumSql('amount')}, 0) FROM returns WHERE ${where})::DOUBLE AS returns,
  (SELECT count(*) FROM returns WHERE ${where})::BIGINT AS return_rows,
  count(*)::BIGINT AS lines,
  ${distinct('tx_id')}::BIGINT AS transactions,
  ${distinct('customer_id')}::BIGINT AS customers,
  count(*) FILTER (WHERE customer_id IS NULL)::BIGINT AS rows_without_customer,
  coalesce(${moneySumSql('quantity')}, 0)::DOUBLE AS items,
  strftime(min(ts), '%Y-%m-%d') AS first_date,
  strftime(max(ts), '%Y-%m-%d') AS last_date,
  ${distinct('CAST(ts AS DATE)')}::BIGINT AS days
FROM sales WHERE ${where}`;
}
