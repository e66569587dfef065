// Headline KPIs from `sales` and `returns`. A transaction is a distinct tx_id (one per
// row when the file has none); average order value = gross sales / transactions.

/** One query returning gross sales, returns, transactions, customers, first/last date and sales days. */
export function kpisSql(where = 'TRUE'): string {
  return `SELECT
  coalesce(sum(amount), 0)::DOUBLE AS gross_sales,
  (SELECT coalesce(sum(amount), 0) FROM returns WHERE ${where})::DOUBLE AS returns,
  (SELECT count(*) FROM returns WHERE ${where})::BIGINT AS return_rows,
  count(*)::BIGINT AS lines,
  count(DISTINCT tx_id)::BIGINT AS transactions,
  count(DISTINCT customer_id)::BIGINT AS customers,
  count(*) FILTER (WHERE customer_id IS NULL)::BIGINT AS rows_without_customer,
  coalesce(sum(quantity), 0)::DOUBLE AS items,
  strftime(min(ts), '%Y-%m-%d') AS first_date,
  strftime(max(ts), '%Y-%m-%d') AS last_date,
  count(DISTINCT CAST(ts AS DATE))::BIGINT AS days
FROM sales WHERE ${where}`;
}
