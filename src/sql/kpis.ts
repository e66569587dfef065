// Headline KPIs from `purchases`, `sales` and `returns`. Gross sales are the purchases as
// bought (those returned in full included); returns are every return line; net = gross +
// returns. Transactions, customers, items and days count what is left in `sales` (net of
// matched returns), so an order cancelled in full is not a transaction; average order
// value = sales value (net of matched returns) / transactions.

/** One query returning gross sales, returns, transactions, customers, first/last date and sales days. */
export function kpisSql(where = 'TRUE'): string {
  return `SELECT
  (SELECT coalesce(sum(gross_amount), 0) FROM purchases WHERE ${where})::DOUBLE AS gross_sales,
  coalesce(sum(amount), 0)::DOUBLE AS sales_value,
  (SELECT coalesce(sum(matched_amount), 0) FROM returns WHERE ${where})::DOUBLE AS returns_matched,
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
