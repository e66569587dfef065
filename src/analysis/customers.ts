// Data of the Customers view, read from the `customers` table (built after cleaning).
import type { Connector } from '../engine/connector';
import { toRows, type Row } from '../engine/rows';
/** The rows these functions return (views name the type from here, not from the engine). */
export type { Row } from '../engine/rows';
import { histogramSql } from '../sql/breakdowns';
import { customerSummarySql, paretoSharesSql, paretoSql, purchaseHistorySql, topCustomersSql } from '../sql/customers';

/** Everything the Customers view shows. */
export interface CustomersData {
  summary: Row;
  shares: Row;
  topSpend: Row[];
  topVisits: Row[];
  pareto: Row[];
  spendBins: Row[];
  visitBins: Row[];
  all: Row[];
  total: number;
}

/** How many customers the table view fetches (the CSV export has all). */
export const CUSTOMER_TABLE_LIMIT = 5000;

/** Loads the Customers view (queries run in the DuckDB worker, one at a time). */
export async function loadCustomers(conn: Connector, hasAmount: boolean, signal?: AbortSignal): Promise<CustomersData> {
  const rows = async (sql: string): Promise<Row[]> => toRows(await conn.query(sql, signal));
  const summary = (await rows(customerSummarySql()))[0] ?? {};
  const shares = hasAmount ? ((await rows(paretoSharesSql()))[0] ?? {}) : {};
  return {
    summary,
    shares,
    topSpend: hasAmount ? await rows(topCustomersSql({ by: 'spend' })) : [],
    topVisits: await rows(topCustomersSql({ by: 'visits' })),
    pareto: hasAmount ? await rows(paretoSql()) : [],
    // spend has a long tail: the top 1% would squash every other bar into the first one
    spendBins: hasAmount ? await rows(histogramSql({ column: 'spend', from: 'customers', bins: 30, clipQuantile: 0.99 })) : [],
    visitBins: await rows(histogramSql({ column: 'visits', from: 'customers', bins: 30 })),
    // numeric ids sort as numbers (2 before 10), others as text
    all: await rows(`SELECT * FROM customers ORDER BY spend DESC NULLS LAST, TRY_CAST(customer_id AS DOUBLE) NULLS LAST, customer_id LIMIT ${CUSTOMER_TABLE_LIMIT}`),
    total: Number(summary.customers ?? 0),
  };
}

/** One customer's transactions with rank, days since previous purchase and running spend. */
export async function loadHistory(conn: Connector, customerId: string, where = 'TRUE', signal?: AbortSignal): Promise<Row[]> {
  return toRows(await conn.query(purchaseHistorySql(customerId, { where }), signal));
}

/** report.json `customers` section from the view's data. */
export function customersReport(d: CustomersData): Record<string, unknown> {
  const top = (rs: Row[]): { customer: string; spend: number; visits: number }[] =>
    rs.map((r) => ({ customer: String(r.customer_id), spend: Math.round(Number(r.spend ?? 0) * 100) / 100, visits: Number(r.visits ?? 0) }));
  const share = (k: string): number | null => (d.shares[k] === undefined || d.shares[k] === null ? null : Math.round(Number(d.shares[k]) * 10000) / 10000);
  return {
    count: Number(d.summary.customers ?? 0),
    repeat_customers: Number(d.summary.repeat_customers ?? 0),
    top_by_spend: top(d.topSpend),
    top_repeat: top(d.topVisits),
    median_recency_days: d.summary.median_recency_days === null || d.summary.median_recency_days === undefined ? null : Number(d.summary.median_recency_days),
    pareto: { top1pct: share('top1pct'), top10pct: share('top10pct'), top20pct: share('top20pct') },
  };
}
