// Headline KPIs from `purchases`, `sales` and `returns`. Gross sales are the purchases as
// bought (those returned in full included); returns are every return line; net = gross +
// returns. Transactions, customers, items and days count what is left in `sales` (net of
// matched returns), so an order cancelled in full is not a transaction; average order
// value = sales value (net of matched returns) / transactions.

/**
 * One query returning gross sales, returns, transactions, customers, first/last date and sales days.
 * The distinct counts are GROUP BYs counted, not count(DISTINCT …): under a memory limit DuckDB
 * spills a GROUP BY to disk, while a DISTINCT aggregate's set must fit in memory (27 million
 * transaction ids at 50M lines).
 */
export function kpisSql(where = 'TRUE'): string {
  const distinct = (expr: string): string => `(SELECT count(*) FROM (SELECT ${expr} AS k FROM sales WHERE (${where}) AND ${expr} IS NOT NULL GROUP BY ALL))`;
  return `SELECT
  (SELECT coalesce(sum(gross_amount), 0) FROM purchases WHERE ${where})::DOUBLE AS gross_sales,
  coalesce(sum(amount), 0)::DOUBLE AS sales_value,
  (SELECT coalesce(sum(matched_amount), 0) FROM returns WHERE ${where})::DOUBLE AS returns_matched,
  (SELECT coalesce(sum(amount), 0) FROM returns WHERE ${where})::DOUBLE AS returns,
  (SELECT count(*) FROM returns WHERE ${where})::BIGINT AS return_rows,
  count(*)::BIGINT AS lines,
  ${distinct('tx_id')}::BIGINT AS transactions,
  ${distinct('customer_id')}::BIGINT AS customers,
  count(*) FILTER (WHERE customer_id IS NULL)::BIGINT AS rows_without_customer,
  coalesce(sum(quantity), 0)::DOUBLE AS items,
  strftime(min(ts), '%Y-%m-%d') AS first_date,
  strftime(max(ts), '%Y-%m-%d') AS last_date,
  ${distinct('CAST(ts AS DATE)')}::BIGINT AS days
FROM sales WHERE ${where}`;
}
