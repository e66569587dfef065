// Sales over time: gap-free series with moving averages, best/worst days, weekday, hour and
// month-of-year profiles, new versus returning customers and cohort retention. Rows without
// a date are left out; customer figures leave out rows without a customer. Everything is
// computed on the filtered rows, as if the file held only them: a customer's first purchase
// (new vs returning, cohorts) is their first purchase among those rows. Weeks start on Monday.
import { ident, literal, num } from './ident';

/** Time grain of a series. */
export type Grain = 'day' | 'week' | 'month';

/** The date filter in force (inclusive ISO days), so periods it cuts count as partial. */
export interface DateRange {
  from?: string | null;
  to?: string | null;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

const STEP: Record<Grain, string> = { day: "INTERVAL '1 day'", week: "INTERVAL '7 days'", month: "INTERVAL '1 month'" };
const MA_ROWS: Record<Grain, number> = { day: 7, week: 4, month: 3 };
const WEEKDAYS = `['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']`;
const MONTHS = `['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']`;

/** Dated sales rows that pass the filter, only the columns trends read (a CTE used twice is materialised, all its columns copied). */
function dated(where: string): string {
  return `SELECT ts, amount, tx_id, customer_id FROM sales WHERE ts IS NOT NULL AND (${where})`;
}

/** Start of the period holding `ts` (date_trunc('week') starts weeks on Monday). */
function periodOf(grain: Grain, ts = 'ts'): string {
  return grain === 'day' ? `${ts}::DATE` : `date_trunc('${grain}', ${ts})::DATE`;
}

/** Every period from the first to the last `column` value of `source`, one row each (none when source is empty). */
function calendar(grain: Grain, source: string, column = 'period'): string {
  return `SELECT g::DATE AS ${column} FROM (SELECT unnest(generate_series(min(${column})::TIMESTAMP, max(${column})::TIMESTAMP, ${STEP[grain]})) AS g FROM ${source})`;
}

/** The table of sales days analyse builds (dataContext) when the data has dates: day, earliest and latest time of day (t0, t1) of the whole cleaned `sales`. */
export const SALES_DAYS_TABLE = 'sales_days';

const DAYS_SELECT = 'SELECT ts::DATE AS day, min(ts::TIME) AS t0, max(ts::TIME) AS t1 FROM sales WHERE ts IS NOT NULL GROUP BY 1';

/**
 * Builds SALES_DAYS_TABLE from `sales`: what every coverage reads (coverageCte's `days`), a
 * few hundred rows, so that the Trends view's ten statements, the insights and the data facts
 * do not each group the whole of `sales` by day again (about 0.1–0.5 s each at 1M lines).
 */
export function salesDaysSql(table = SALES_DAYS_TABLE): string {
  return `CREATE OR REPLACE TABLE ${ident(table)} AS ${DAYS_SELECT}`;
}

/**
 * One row `cov` describing what the whole data set (unfiltered `sales`) covers: first_day,
 * last_day, obs_first / obs_last (the same within the date filter), and first_full / last_full, the first and last day observed in full. A first or last
 * day counts as partial only when the data has times of day and at least 28 sales days: the
 * first day is partial when its earliest sale is later than 90% of days' earliest sales, the
 * last when its latest sale is earlier than 90% of days' latest sales (UCI ends 9 Dec 2011 at
 * 12:50, when most days run into the afternoon). A period is complete when
 * first_full <= its start and its end <= last_full (the Forecast series uses the same rule).
 * A date filter (`range`, inclusive ISO days) narrows what is observed: a month the filter
 * starts or ends inside is partial too.
 */
export function coverageCte(name = 'cov', range: DateRange = {}, days?: string): string {
  const from = range.from && ISO.test(range.from) ? `DATE ${literal(range.from)}` : null;
  const to = range.to && ISO.test(range.to) ? `DATE ${literal(range.to)}` : null;
  const first = `(q.first_day + CASE WHEN q.timed AND q.days >= 28 AND (SELECT t0 FROM d WHERE day = q.first_day) > q.late_start THEN 1 ELSE 0 END)::DATE`;
  const last = `(q.last_day - CASE WHEN q.timed AND q.days >= 28 AND (SELECT t1 FROM d WHERE day = q.last_day) < q.early_end THEN 1 ELSE 0 END)::DATE`;
  return `${name} AS (
  WITH d AS (${days ? `SELECT day, t0, t1 FROM ${ident(days)}` : DAYS_SELECT}),
  q AS (
    SELECT min(day) AS first_day, max(day) AS last_day, count(*) AS days,
      count(DISTINCT t1) FILTER (WHERE t1 <> TIME '00:00:00') > 1 AS timed,
      quantile_disc(t0, 0.9) AS late_start, quantile_disc(t1, 0.1) AS early_end
    FROM d
  )
  SELECT q.first_day, q.last_day,
    ${from ? `greatest(q.first_day, ${from})` : 'q.first_day'} AS obs_first,
    ${to ? `least(q.last_day, ${to})` : 'q.last_day'} AS obs_last,
    ${from ? `greatest(${first}, ${from})` : first} AS first_full,
    ${to ? `least(${last}, ${to})` : last} AS last_full
  FROM q
)`;
}

/** SQL boolean: the period of `grain` starting at `period` (a DATE) is not fully inside the data's full days (needs the `cov` CTE). */
export function partialSql(grain: Grain, period = 'period', cov = 'cov'): string {
  const end = grain === 'day' ? period : `(${period} + ${STEP[grain]})::DATE - 1`;
  return `(${period} < ${cov}.first_full OR ${end} > ${cov}.last_full)`;
}

/**
 * One row: first_day, last_day (the data), obs_first, obs_last (the data within the date
 * filter), first_full, last_full (see coverageCte), and for the given grain first_partial /
 * last_partial (the first and last period observed are not covered in full).
 */
export function coverageSql(o: { grain?: Grain; range?: DateRange; daysTable?: string } = {}): string {
  const g = checkGrain(o.grain ?? 'month');
  return `WITH ${coverageCte('cov', o.range, o.daysTable)}
SELECT first_day, last_day, obs_first, obs_last, first_full, last_full,
  ${partialSql(g, `${periodOf(g, 'obs_first')}`)} AS first_partial,
  ${partialSql(g, `${periodOf(g, 'obs_last')}`)} AS last_partial
FROM cov`;
}

function checkGrain(grain: string): Grain {
  if (grain !== 'day' && grain !== 'week' && grain !== 'month') throw new Error(`invalid grain: ${grain} (expected day, week or month)`);
  return grain;
}

/**
 * Gap-free series (missing periods are zeros) over the filtered data's first..last period:
 * period (DATE, start), revenue, customers, transactions, atv (NULL when no transactions),
 * revenue_ma / transactions_ma / customers_ma (mean of the last 7 days, 4 weeks or 3 months,
 * fewer at the start), partial (the whole data set, unfiltered, does not cover the period in
 * full: it starts after the period starts or ends before it ends; see coverageCte).
 * With `cube` (the cube table and its day table, sql/cube.ts) the series comes from the
 * cube: revenue and revenue_ma the same, customers, transactions, atv and their averages NULL
 * (distinct counts do not add up across days and cells).
 */
export function seriesSql(o: { grain: Grain; where?: string; range?: DateRange; cube?: { table: string; days: string }; daysTable?: string }): string {
  const grain = checkGrain(o.grain);
  const frame = `(ORDER BY period ROWS BETWEEN ${MA_ROWS[grain] - 1} PRECEDING AND CURRENT ROW)`;
  const where = o.where ?? 'TRUE';
  const agg = o.cube
    ? `SELECT ${periodOf(grain)} AS period, sum(amount) AS revenue, NULL::BIGINT AS customers, NULL::BIGINT AS transactions
  FROM ${o.cube.table} WHERE kind = 's' AND ts IS NOT NULL AND (${where}) GROUP BY 1`
    : `SELECT ${periodOf(grain)} AS period, sum(amount) AS revenue, count(DISTINCT customer_id) AS customers, count(DISTINCT tx_id) AS transactions
  FROM (${dated(where)}) GROUP BY 1`;
  const count = (c: string): string => (o.cube ? `NULL::BIGINT AS ${c}` : `coalesce(${c}, 0)::BIGINT AS ${c}`);
  return `WITH agg AS (
  ${agg}
),
cal AS (${calendar(grain, 'agg')}),
${coverageCte('cov', o.range, o.cube?.days ?? o.daysTable)},
f AS (
  SELECT cal.period, coalesce(revenue, 0)::DOUBLE AS revenue, ${count('customers')}, ${count('transactions')}
  FROM cal LEFT JOIN agg USING (period)
)
SELECT period, revenue, customers, transactions,
  revenue / NULLIF(transactions, 0) AS atv,
  avg(revenue) OVER ${frame} AS revenue_ma,
  avg(transactions) OVER ${frame} AS transactions_ma,
  avg(customers) OVER ${frame} AS customers_ma,
  ${partialSql(grain)} AS partial
FROM f, cov
ORDER BY period`;
}

/** The n best (or worst) days among fully observed days with sales (a partial first or last day is left out, see coverageCte): day, revenue, transactions, customers, weekday name; ties → earlier day. */
export function extremeDaysSql(o: { n?: number; order?: 'best' | 'worst'; where?: string; range?: DateRange; daysTable?: string } = {}): string {
  const order = o.order ?? 'best';
  if (order !== 'best' && order !== 'worst') throw new Error(`invalid order: ${String(order)} (expected best or worst)`);
  return `WITH ${coverageCte('cov', o.range, o.daysTable)}
SELECT ts::DATE AS day, sum(amount)::DOUBLE AS revenue, count(DISTINCT tx_id)::BIGINT AS transactions,
  count(DISTINCT customer_id)::BIGINT AS customers, ${WEEKDAYS}[isodow(ts::DATE)] AS weekday
FROM (${dated(o.where ?? 'TRUE')})
WHERE ts::DATE BETWEEN (SELECT first_full FROM cov) AND (SELECT last_full FROM cov)
GROUP BY ts::DATE
ORDER BY revenue ${order === 'best' ? 'DESC' : 'ASC'}, day
LIMIT ${num(o.n ?? 10)}`;
}

/**
 * Seven rows, weekday 0 = Monday … 6 = Sunday: revenue, transactions, days (that weekday's
 * count in the first..last date calendar) and avg_revenue_per_day = revenue / days, so days
 * without sales pull the average down; NULL when the range holds no such weekday. A partial
 * first or last day (coverageCte) is left out of both.
 */
export function weekdayProfileSql(o: { where?: string; range?: DateRange; daysTable?: string } = {}): string {
  return `WITH ${coverageCte('cov', o.range, o.daysTable)},
s AS (SELECT ts::DATE AS day, amount, tx_id FROM (${dated(o.where ?? 'TRUE')}) WHERE ts::DATE BETWEEN (SELECT first_full FROM cov) AND (SELECT last_full FROM cov)),
cal AS (SELECT isodow(day) - 1 AS weekday, count(*) AS days FROM (${calendar('day', 's', 'day')}) GROUP BY 1),
agg AS (SELECT isodow(day) - 1 AS weekday, sum(amount) AS revenue, count(DISTINCT tx_id) AS transactions FROM s GROUP BY 1)
SELECT w.weekday::INTEGER AS weekday, ${WEEKDAYS}[w.weekday + 1] AS weekday_name,
  coalesce(revenue, 0)::DOUBLE AS revenue, coalesce(transactions, 0)::BIGINT AS transactions,
  coalesce(days, 0)::BIGINT AS days, (coalesce(revenue, 0) / NULLIF(days, 0))::DOUBLE AS avg_revenue_per_day
FROM range(7) w(weekday) LEFT JOIN cal USING (weekday) LEFT JOIN agg USING (weekday)
ORDER BY w.weekday`;
}

/** The full weekday × hour grid (7 × 24 rows, zeros included; none without dated sales): weekday (0 = Monday), weekday_name, hour, revenue, transactions. */
export function hourHeatmapSql(o: { where?: string } = {}): string {
  return `WITH s AS (${dated(o.where ?? 'TRUE')}),
agg AS (SELECT isodow(ts) - 1 AS weekday, hour(ts) AS hour, sum(amount) AS revenue, count(DISTINCT tx_id) AS transactions FROM s GROUP BY ALL)
SELECT w.weekday::INTEGER AS weekday, ${WEEKDAYS}[w.weekday + 1] AS weekday_name, h.hour::INTEGER AS hour,
  coalesce(revenue, 0)::DOUBLE AS revenue, coalesce(transactions, 0)::BIGINT AS transactions
FROM range(7) w(weekday) CROSS JOIN range(24) h(hour) LEFT JOIN agg USING (weekday, hour)
WHERE EXISTS (SELECT 1 FROM agg)
ORDER BY w.weekday, h.hour`;
}

/** One boolean has_times: the dates carry a time of day (more than one distinct non-midnight time), so the hour heatmap means something. */
export function hasTimesSql(o: { where?: string } = {}): string {
  return `SELECT coalesce(count(DISTINCT ts::TIME) FILTER (WHERE ts::TIME <> TIME '00:00:00') > 1, false) AS has_times FROM (${dated(o.where ?? 'TRUE')})`;
}

/**
 * Twelve rows, month 1–12: month_name, revenue, transactions, years (how many times that month
 * occurs in the first..last month calendar) and avg_revenue = revenue / years (NULL when 0).
 * Only complete months count (coverageCte): a file ending on 9 December does not average
 * nine days of December with full ones.
 */
export function monthOfYearSql(o: { where?: string; range?: DateRange; daysTable?: string } = {}): string {
  return `WITH ${coverageCte('cov', o.range, o.daysTable)},
s AS (SELECT ${periodOf('month')} AS period, amount, tx_id FROM (${dated(o.where ?? 'TRUE')})),
cal AS (SELECT month(period) AS month, count(*) AS years FROM (${calendar('month', 's')}), cov WHERE NOT ${partialSql('month')} GROUP BY 1),
agg AS (SELECT month(period) AS month, sum(amount) AS revenue, count(DISTINCT tx_id) AS transactions FROM s, cov WHERE NOT ${partialSql('month')} GROUP BY 1)
SELECT m.month::INTEGER AS month, ${MONTHS}[m.month] AS month_name,
  coalesce(revenue, 0)::DOUBLE AS revenue, coalesce(transactions, 0)::BIGINT AS transactions,
  coalesce(years, 0)::BIGINT AS years, (coalesce(revenue, 0) / NULLIF(years, 0))::DOUBLE AS avg_revenue
FROM range(1, 13) m(month) LEFT JOIN cal USING (month) LEFT JOIN agg USING (month)
ORDER BY m.month`;
}

/** Per month (DATE, gap-free): new_customers (first purchase in that month), returning_customers, the revenue of each group, and partial (the data covers the month only in part). */
export function newVsReturningSql(o: { where?: string; range?: DateRange; daysTable?: string } = {}): string {
  // one row per customer and month before the window, so it ranks thousands of rows, not every line
  return `WITH s AS (
  SELECT customer_id, ${periodOf('month')} AS period, sum(amount) AS amount FROM (${dated(o.where ?? 'TRUE')}) WHERE customer_id IS NOT NULL GROUP BY ALL
),
c AS (SELECT *, period = min(period) OVER (PARTITION BY customer_id) AS is_new FROM s),
agg AS (
  SELECT period,
    count(*) FILTER (WHERE is_new) AS new_customers,
    count(*) FILTER (WHERE NOT is_new) AS returning_customers,
    sum(amount) FILTER (WHERE is_new) AS new_revenue,
    sum(amount) FILTER (WHERE NOT is_new) AS returning_revenue
  FROM c GROUP BY period
),
cal AS (${calendar('month', 'agg')}),
${coverageCte('cov', o.range, o.daysTable)}
SELECT cal.period AS month,
  coalesce(new_customers, 0)::BIGINT AS new_customers, coalesce(returning_customers, 0)::BIGINT AS returning_customers,
  coalesce(new_revenue, 0)::DOUBLE AS new_revenue, coalesce(returning_revenue, 0)::DOUBLE AS returning_revenue,
  ${partialSql('month', 'cal.period')} AS partial
FROM cal CROSS JOIN cov LEFT JOIN agg USING (period)
ORDER BY month`;
}

/**
 * Monthly cohort retention: cohort (DATE, first-purchase month) and cohort_label ('YYYY-MM'),
 * offset 0..maxOffset (months since the cohort month, only those the data reaches), customers
 * active in that month, cohort_size, share = customers / cohort_size (1 at offset 0), partial
 * (the month of activity is covered only in part: its share is not comparable) and
 * cohort_partial (the cohort month itself is: a smaller cohort, some of it bought before the data starts).
 */
export function cohortRetentionSql(o: { maxOffset?: number; where?: string; range?: DateRange; daysTable?: string } = {}): string {
  const maxOffset = o.maxOffset ?? 12;
  if (!Number.isInteger(maxOffset) || maxOffset < 0) throw new Error(`invalid maxOffset: ${maxOffset}`);
  const off = ident('offset');
  return `WITH ${coverageCte('cov', o.range, o.daysTable)},
s AS (
  SELECT DISTINCT customer_id, ${periodOf('month')} AS period FROM (${dated(o.where ?? 'TRUE')}) WHERE customer_id IS NOT NULL
),
c AS (SELECT period, min(period) OVER (PARTITION BY customer_id) AS cohort FROM s),
a AS (SELECT cohort, date_diff('month', cohort, period) AS ${off}, count(*) AS customers FROM c GROUP BY ALL),
sizes AS (SELECT cohort, customers AS cohort_size FROM a WHERE ${off} = 0),
grid AS (
  SELECT cohort, cohort_size, g.o AS ${off}
  FROM sizes CROSS JOIN range(${maxOffset + 1}) g(o)
  WHERE cohort + to_months(g.o::INTEGER) <= (SELECT max(period) FROM s)
)
SELECT cohort, strftime(cohort, '%Y-%m') AS cohort_label, ${off}::INTEGER AS ${off},
  coalesce(customers, 0)::BIGINT AS customers, cohort_size::BIGINT AS cohort_size,
  (coalesce(customers, 0) / cohort_size)::DOUBLE AS share,
  ${partialSql('month', `(cohort + to_months(${off}::INTEGER))::DATE`)} AS partial,
  ${partialSql('month', 'cohort')} AS cohort_partial
FROM grid CROSS JOIN cov LEFT JOIN a USING (cohort, ${off})
ORDER BY cohort, ${off}`;
}

/** One row: days (distinct sales days), best_day/worst_day ('YYYY-MM-DD', ties → earlier; a partial first or last day never counts) with their revenue, first_date, last_date. */
export function trendsSummarySql(o: { where?: string; range?: DateRange; daysTable?: string } = {}): string {
  return `WITH ${coverageCte('cov', o.range, o.daysTable)},
d AS (SELECT ts::DATE AS day, sum(amount) AS revenue FROM (${dated(o.where ?? 'TRUE')}) GROUP BY 1),
x AS (SELECT * FROM d WHERE day BETWEEN (SELECT first_full FROM cov) AND (SELECT last_full FROM cov))
SELECT count(*)::BIGINT AS days,
  (SELECT strftime(first(day ORDER BY revenue DESC, day), '%Y-%m-%d') FROM x) AS best_day, (SELECT max(revenue)::DOUBLE FROM x) AS best_revenue,
  (SELECT strftime(first(day ORDER BY revenue ASC, day), '%Y-%m-%d') FROM x) AS worst_day, (SELECT min(revenue)::DOUBLE FROM x) AS worst_revenue,
  strftime(min(day), '%Y-%m-%d') AS first_date, strftime(max(day), '%Y-%m-%d') AS last_date
FROM d`;
}

/** The report's trends.monthly: month ('YYYY-MM', gap-free), revenue, customers, transactions, partial. */
export function monthlySql(o: { where?: string; range?: DateRange; daysTable?: string } = {}): string {
  return `SELECT strftime(period, '%Y-%m') AS month, revenue, customers, transactions, partial
FROM (${seriesSql({ grain: 'month', where: o.where ?? 'TRUE', ...(o.range ? { range: o.range } : {}), ...(o.daysTable ? { daysTable: o.daysTable } : {}) })})
ORDER BY month`;
}
