// Headline KPIs as plain numbers (gross, returns, net, transactions, customers, AOV, dates).
import type { Connector } from '../engine/connector';
import { toRows } from '../engine/rows';
import { kpisSql } from '../sql/kpis';

/** Headline KPIs; net = gross + returns (returns are negative); aov = sales value (net of matched returns) / transactions. */
export interface Kpis {
  gross_sales: number;
  returns: number;
  /** Part of `returns` matched to purchases (negative); the rest is unmatched. */
  returns_matched: number;
  /** Value left in `sales`: gross less the matched returns (unmatched returns not taken off). */
  sales_value: number;
  net_sales: number;
  transactions: number;
  customers: number;
  aov: number;
  first_date: string | null;
  last_date: string | null;
  days: number;
  lines: number;
  items: number;
  return_rows: number;
  rows_without_customer: number;
}

/** Computes the KPIs over `sales`/`returns`, optionally restricted by a WHERE clause on canonical columns. */
export async function computeKpis(conn: Connector, where = 'TRUE', signal?: AbortSignal): Promise<Kpis> {
  return kpisFromRow(toRows(await conn.query(kpisSql(where), signal))[0] ?? {});
}

/** The KPIs from a row with kpisSql's columns (the cube's additive figures joined with the distinct counts give the same row). */
export function kpisFromRow(r: Record<string, unknown>): Kpis {
  const num = (k: string): number => Number(r[k] ?? 0);
  const gross = num('gross_sales');
  const transactions = num('transactions');
  return {
    gross_sales: gross,
    returns: num('returns'),
    returns_matched: num('returns_matched'),
    sales_value: num('sales_value'),
    net_sales: gross + num('returns'),
    transactions,
    customers: num('customers'),
    aov: transactions ? num('sales_value') / transactions : 0,
    first_date: (r.first_date as string | null) ?? null,
    last_date: (r.last_date as string | null) ?? null,
    days: num('days'),
    lines: num('lines'),
    items: num('items'),
    return_rows: num('return_rows'),
    rows_without_customer: num('rows_without_customer'),
  };
}
