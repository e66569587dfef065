// dbt-style data tests on the loaded data (not_null, unique, accepted_range,
// consistency), each returning the number of failing rows. The pipeline turns counts into
// pass / warn / fail.
import { distinctCountSql } from './kpis';
/** A data test: a SQL returning one number `failing`, out of `total` rows. */
export interface CheckSpec {
  id: string;
  test: 'not_null' | 'unique' | 'accepted_range' | 'consistency' | 'outliers';
  column: string;
  description: string;
  sql: string;
  /** Failing share at or above which the check fails instead of warning. */
  failAt: number;
  /** When true, any failing row is only a warning (a fact worth knowing, not an error). */
  warnOnly?: boolean;
}

/** Which canonical columns hold data, so checks are only built where they mean something. */
export interface CheckContext {
  customer: boolean;
  date: boolean;
  quantity: boolean;
  unitPrice: boolean;
  tx: boolean;
  age: boolean;
  score: boolean;
  customerGrain: boolean;
  /** An amount (or price) is mapped: the amount tests only mean something then. */
  amount: boolean;
  /** Today as YYYY-MM-DD (DuckDB-WASM has no ICU, so no current_date). */
  today: string;
}

/** The checks that apply to a dataset; each SQL returns `failing` and `total`. */
export function checkSpecs(ctx: CheckContext): CheckSpec[] {
  const specs: CheckSpec[] = [];
  const ratio = (failing: string, total: string, table: string): string =>
    `SELECT (${failing})::BIGINT AS failing, (${total})::BIGINT AS total FROM ${table}`;
  if (ctx.customer) {
    specs.push({
      id: 'not_null_customer', test: 'not_null', column: 'customer_id', failAt: 0.5, warnOnly: false,
      description: 'Every sale has a customer (rows without one stay in KPIs and trends, not in customer analytics)',
      sql: ratio(`count(*) FILTER (WHERE customer_id IS NULL)`, 'count(*)', 'sales'),
    });
  }
  if (ctx.customerGrain) {
    specs.push({
      id: 'unique_customer', test: 'unique', column: 'customer_id', failAt: 0.01,
      description: 'One row per customer',
      sql: ratio(`count(customer_id) - ${distinctCountSql('customer_id', 'sales')}`, 'count(customer_id)', 'sales'),
    });
  }
  if (ctx.date) {
    specs.push({
      id: 'not_null_date', test: 'not_null', column: 'ts', failAt: 0.05,
      description: 'Every row has a readable date',
      sql: ratio(`sum(__n) FILTER (WHERE ts IS NULL)`, 'sum(__n)', 'lines'),
    });
    specs.push({
      id: 'range_date', test: 'accepted_range', column: 'ts', failAt: 0.05,
      description: 'Dates between 1990 and today',
      sql: ratio(`count(*) FILTER (WHERE ts < TIMESTAMP '1990-01-01' OR ts > DATE '${ctx.today}' + INTERVAL 1 DAY)`, 'count(*)', 'sales'),
    });
  }
  specs.push({
    id: 'unique_rows', test: 'unique', column: '(all columns)', failAt: 0.05,
    description: 'No exact duplicate rows',
    sql: ratio('sum(__n - 1)', 'sum(__n)', 'lines'),
  });
  if (ctx.amount) specs.push({
    id: 'not_null_amount', test: 'not_null', column: 'amount', failAt: 0.05,
    description: 'Every row has a numeric amount',
    sql: ratio(`count(*) FILTER (WHERE amount IS NULL)`, 'count(*)', 'lines'),
  });
  if (ctx.unitPrice) {
    specs.push({
      id: 'range_unit_price', test: 'accepted_range', column: 'unit_price', failAt: 0.05, warnOnly: true,
      description: 'Unit prices are not negative (negative prices are usually accounting adjustments)',
      sql: ratio('count(*) FILTER (WHERE unit_price < 0)', 'count(*)', 'lines'),
    });
  }
  if (ctx.tx && (ctx.date || ctx.customer)) {
    // one pass over transactions answers both consistency questions; "more than one distinct
    // value" is min < max (NULLs ignored by both), which a GROUP BY computes without holding a
    // set per transaction (count(DISTINCT) took 134 s and cannot spill at 10M lines)
    const parts = [ctx.date ? 'min(CAST(ts AS DATE)) < max(CAST(ts AS DATE))' : 'false', ctx.customer ? 'min(customer_id) < max(customer_id)' : 'false'];
    specs.push({
      id: 'consistent_tx', test: 'consistency', column: 'tx_id', failAt: 0.05, warnOnly: true,
      description: `Each transaction id has one ${[ctx.date ? 'date' : '', ctx.customer ? 'customer' : ''].filter(Boolean).join(' and one ')}`,
      sql: `SELECT count(*) FILTER (WHERE bad)::BIGINT AS failing, count(*)::BIGINT AS total FROM (SELECT (${parts[0]}) OR (${parts[1]}) AS bad FROM sales GROUP BY tx_id)`,
    });
  }
  if (ctx.amount) specs.push({
    id: 'outlier_amount', test: 'outliers', column: 'amount', failAt: 1, warnOnly: true,
    description: 'Line amounts within 20× the interquartile range above the 75th percentile',
    sql: `WITH q AS (SELECT quantile_cont(amount, 0.25) AS q1, quantile_cont(amount, 0.75) AS q3 FROM sales)
SELECT count(*) FILTER (WHERE amount > q3 + 20 * (q3 - q1))::BIGINT AS failing, count(*)::BIGINT AS total FROM sales, q`,
  });
  if (ctx.age) {
    specs.push({
      id: 'range_age', test: 'accepted_range', column: 'age', failAt: 0.05,
      description: 'Ages between 0 and 120',
      sql: ratio('count(*) FILTER (WHERE age < 0 OR age > 120)', 'count(age)', 'sales'),
    });
  }
  if (ctx.score) {
    specs.push({
      id: 'range_score', test: 'accepted_range', column: 'score', failAt: 0.05,
      description: 'Spending scores between 0 and 100',
      sql: ratio('count(*) FILTER (WHERE score < 0 OR score > 100)', 'count(score)', 'sales'),
    });
  }
  return specs;
}
