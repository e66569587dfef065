// Business KPIs for a date range and for the period of the same length just before it,
// in one scan of `sales` (each row tagged 0 = period, 1 = previous period).
import { literal } from './ident';

/** Options of the business KPIs: an inclusive ISO date range ('YYYY-MM-DD'), either end optional. */
export interface BusinessOptions {
  from?: string;
  to?: string;
  where?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MEASURES = ['gross_sales', 'returns', 'net_sales', 'transactions', 'customers', 'aov', 'items_per_tx', 'repeat_rate'] as const;

function isoDate(value: string, name: string): string {
  if (!ISO_DATE.test(value)) throw new Error(`invalid ${name} date: ${value} (expected YYYY-MM-DD)`);
  return `DATE ${literal(value)}`;
}

/**
 * One row: each KPI for the period and as prev_<kpi> for the equally long period ending the
 * day before `from` (prev_* NULL when no range is given, then the period is all rows, dated or
 * not). A missing end of the range is the first/last sales date. Returns (negative) come from
 * `returns`; gross is the purchases as bought (`purchases`, those returned in full included);
 * net = gross + returns; transactions, customers and items count `sales` (net of matched
 * returns); aov = sales value (net of matched returns) / transactions; items count a line without
 * quantity as one; repeat_rate = customers with more than one transaction in the period / customers.
 */
export function businessKpisSql(o: BusinessOptions = {}): string {
  const where = o.where ?? 'TRUE';
  const ranged = o.from !== undefined || o.to !== undefined;
  const f = o.from !== undefined ? isoDate(o.from, 'from') : '(SELECT min(ts)::DATE FROM sales)';
  const t = o.to !== undefined ? isoDate(o.to, 'to') : '(SELECT max(ts)::DATE FROM sales)';
  const tag = ranged ? `CASE WHEN ts::DATE BETWEEN p.f AND p.t THEN 0 WHEN ts::DATE BETWEEN p.pf AND p.pt THEN 1 END` : '0';
  // m holds one row per period (0 and 1) even when a period has no sales, so max() picks it
  const cols = MEASURES.flatMap((m) => [`max(${m}) FILTER (WHERE k = 0) AS ${m}`, ranged ? `max(${m}) FILTER (WHERE k = 1) AS prev_${m}` : `NULL::${type(m)} AS prev_${m}`]);
  return `WITH p AS (SELECT f, t, (f - (t - f + 1)::INTEGER)::DATE AS pf, (f - 1)::DATE AS pt FROM (SELECT ${f} AS f, ${t} AS t)),
s AS (SELECT ${tag} AS k, customer_id, tx_id, amount, quantity FROM sales, p WHERE (${where})),
r AS (SELECT ${tag} AS k, amount FROM returns, p WHERE (${where})),
g AS (SELECT ${tag} AS k, gross_amount FROM purchases, p WHERE (${where})),
gross AS (SELECT k, sum(gross_amount) AS gross FROM g WHERE k IS NOT NULL GROUP BY k),
per_customer AS (SELECT k, customer_id, count(DISTINCT tx_id) AS n FROM s WHERE k IS NOT NULL AND customer_id IS NOT NULL GROUP BY ALL),
agg AS (
  SELECT k, sum(amount) AS kept, count(DISTINCT tx_id) AS tx, count(DISTINCT customer_id) AS cust, sum(coalesce(quantity, 1)) AS items
  FROM s WHERE k IS NOT NULL GROUP BY k
),
rep AS (SELECT k, count(*) FILTER (WHERE n > 1) AS repeaters FROM per_customer GROUP BY k),
ret AS (SELECT k, sum(amount) AS returns FROM r WHERE k IS NOT NULL GROUP BY k),
kk AS (SELECT * FROM (VALUES (0), (1)) v(k)),
m AS (
  SELECT kk.k,
    coalesce(gross.gross, 0)::DOUBLE AS gross_sales,
    coalesce(ret.returns, 0)::DOUBLE AS returns,
    (coalesce(gross.gross, 0) + coalesce(ret.returns, 0))::DOUBLE AS net_sales,
    coalesce(agg.tx, 0)::BIGINT AS transactions,
    coalesce(agg.cust, 0)::BIGINT AS customers,
    (agg.kept / NULLIF(agg.tx, 0))::DOUBLE AS aov,
    (agg.items / NULLIF(agg.tx, 0))::DOUBLE AS items_per_tx,
    (coalesce(rep.repeaters, 0) / NULLIF(agg.cust, 0))::DOUBLE AS repeat_rate
  FROM kk LEFT JOIN agg USING (k) LEFT JOIN rep USING (k) LEFT JOIN ret USING (k) LEFT JOIN gross USING (k)
)
SELECT ${cols.join(',\n  ')},
  strftime(any_value(p.f), '%Y-%m-%d') AS period_from, strftime(any_value(p.t), '%Y-%m-%d') AS period_to,
  ${ranged ? `strftime(any_value(p.pf), '%Y-%m-%d')` : 'NULL::VARCHAR'} AS prev_from, ${ranged ? `strftime(any_value(p.pt), '%Y-%m-%d')` : 'NULL::VARCHAR'} AS prev_to
FROM m, p`;
}

function type(m: (typeof MEASURES)[number]): string {
  return m === 'transactions' || m === 'customers' ? 'BIGINT' : 'DOUBLE';
}
