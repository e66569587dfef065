// Every query the dashboard runs for a dataset's metrics and trends, in run order, so the
// benchmark times the same SQL in the browser and on native DuckDB. The customers table
// comes first: the customer summaries, Pareto and customer histograms read it.
import { ageGroupsSql, categoricalSummarySql, histogramSql, leaderboardSql, scatterSql, serviceLinesSql } from './breakdowns';
import { businessKpisSql } from './business';
import { CUSTOMER_ATTRIBUTES, customerSummarySql, customersTableSql, paretoSharesSql, paretoSql, topCustomersSql, transactionsWindowSql } from './customers';
import {
  cohortRetentionSql,
  extremeDaysSql,
  hasTimesSql,
  hourHeatmapSql,
  monthlySql,
  monthOfYearSql,
  newVsReturningSql,
  seriesSql,
  trendsSummarySql,
  weekdayProfileSql,
} from './trends';

/** What the dataset offers, which decides the queries. */
export interface SuiteContext {
  hasDates: boolean;
  hasTimes: boolean;
  hasCustomers: boolean;
  hasCategory: boolean;
  hasProduct: boolean;
  /** Categorical columns of `sales` to break down by (canonical such as country, or x_ extras). */
  dimensions: string[];
  /** Numeric per-customer attributes (age, income, score, x_ extras): histograms, age groups, a scatter. */
  attributes?: string[];
  /** Which per-customer attributes (age, gender, …, payment) the customers table computes; default: those named in dimensions or attributes (each mode() costs time even over NULLs). */
  customerAttributes?: string[];
  /** Cross-filter predicate applied to every query. */
  where?: string;
}

/** One query of the suite; ids are unique and stable (the benchmark reports by id). */
export interface SuiteQuery {
  id: string;
  sql: string;
}

/** The ordered queries of the metrics-and-trends step for a dataset (customers table first when there are customers). */
export function metricsSuite(ctx: SuiteContext): SuiteQuery[] {
  const where = ctx.where ?? 'TRUE';
  const attributes = ctx.attributes ?? [];
  const q: SuiteQuery[] = [];
  const add = (id: string, sql: string): void => {
    q.push({ id, sql });
  };

  if (ctx.hasCustomers) {
    const customerAttributes = ctx.customerAttributes ?? [...ctx.dimensions, ...attributes].filter((c) => c in CUSTOMER_ATTRIBUTES);
    add('customers-table', customersTableSql({ where, attributes: customerAttributes, extras: attributes.filter((a) => a.startsWith('x_')) }));
  }
  add('business-kpis', businessKpisSql({ where }));
  if (ctx.hasCustomers) {
    add('customer-summary', customerSummarySql());
    add('top-customers-spend', topCustomersSql({ by: 'spend' }));
    add('top-customers-visits', topCustomersSql({ by: 'visits' }));
    add('pareto', paretoSql());
    add('pareto-shares', paretoSharesSql());
    // the page shows the first 1,000 transactions with their window columns (CSV has all); the window runs over every row either way
    add('transactions-window', transactionsWindowSql({ where, limit: 1000 }));
    add('histogram-spend', histogramSql({ column: 'spend', from: 'customers' }));
    add('histogram-visits', histogramSql({ column: 'visits', from: 'customers' }));
  }
  if (ctx.hasDates) {
    add('has-times', hasTimesSql({ where }));
    add('trends-summary', trendsSummarySql({ where }));
    for (const grain of ['day', 'week', 'month'] as const) add(`series-${grain}`, seriesSql({ grain, where }));
    add('monthly', monthlySql({ where }));
    add('best-days', extremeDaysSql({ order: 'best', where }));
    add('worst-days', extremeDaysSql({ order: 'worst', where }));
    add('weekday-profile', weekdayProfileSql({ where }));
    add('month-of-year', monthOfYearSql({ where }));
    if (ctx.hasTimes) add('hour-heatmap', hourHeatmapSql({ where }));
    if (ctx.hasCustomers) {
      add('new-vs-returning', newVsReturningSql({ where }));
      add('cohort-retention', cohortRetentionSql({ where }));
    }
  }
  for (const [flag, column] of [[ctx.hasCategory, 'category'], [ctx.hasProduct, 'product']] as const) {
    if (!flag) continue;
    add(`leaderboard-${column}-revenue`, leaderboardSql({ column, by: 'revenue', where }));
    add(`leaderboard-${column}-count`, leaderboardSql({ column, by: 'count', where }));
  }
  if (ctx.hasProduct) add('service-lines', serviceLinesSql({ where }));
  for (const d of ctx.dimensions) add(`leaderboard-${d}-revenue`, leaderboardSql({ column: d, by: 'revenue', where }));
  if (ctx.dimensions.length > 0) add('categorical-summary', categoricalSummarySql({ columns: ctx.dimensions, where }));
  if (ctx.hasCustomers && attributes.includes('age')) add('age-groups', ageGroupsSql({ where }));
  for (const a of attributes) {
    add(`histogram-${a}`, ctx.hasCustomers ? histogramSql({ column: a, from: 'customers' }) : histogramSql({ column: a, where }));
  }
  if (ctx.hasCustomers && attributes.length >= 2) {
    const [x, y] = attributes.includes('income') && attributes.includes('score') ? ['income', 'score'] : [attributes[0] ?? '', attributes[1] ?? ''];
    add(`scatter-${x}-${y}`, scatterSql({ x, y, from: 'customers' }));
  }
  return q;
}
