// Per-customer summary for the CLV models (BG/NBD, Gamma-Gamma), with the definitions of
// the papers and of lifetimes' summary_data_from_transaction_data, so figures compare:
// - purchases on the same calendar day are one transaction, values summed;
// - frequency = transactions after the first; recency = first → last transaction;
//   T = first transaction → end of observation; monetary_value = mean value of the
//   repeat transactions (first excluded; 0 when frequency = 0);
// - time in days, or weeks = days / 7 (lifetimes with freq='D', freq_multiplier=7: days
//   are still merged by calendar day, only the unit changes).
// With a calibration end it is lifetimes' calibration_and_holdout_data: the summary above
// over days ≤ calibration end (T measured to it), plus per customer the number of
// transaction days in (calibration end, observation end] and their mean value, and the
// holdout length; customers whose first purchase is in the holdout are left out. (The
// holdout mean value is over merged days too; lifetimes averages raw rows there.)
// Dates compare by calendar day, so a purchase at 14:00 on the calibration end date is in
// calibration (lifetimes compares raw timestamps with midnight and would put it in the
// holdout).
import { literal } from './ident';

/** Options of clvSummarySql; dates are ISO 'YYYY-MM-DD'. */
export interface ClvSummaryOptions {
  unit: 'days' | 'weeks';
  /** Last day observed (inclusive); later purchases are ignored. Default: the last date in the (filtered) data. */
  observationEnd?: string;
  /** Last day of the calibration period; when set, holdout columns are added (see clvCalibrationHoldoutSql). */
  calibrationEnd?: string;
  /** SQL predicate over `sales` (the app's filters); default TRUE. */
  where?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateLiteral(name: string, value: string): string {
  if (!ISO_DATE.test(value)) throw new Error(`invalid ${name}: expected an ISO date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return `DATE ${literal(value)}`;
}

/**
 * Summary per customer: customer_id, frequency, recency, T, monetary_value (all DOUBLE),
 * ordered by customer_id. With `calibrationEnd`, the calibration columns keep those names
 * and frequency_holdout, monetary_value_holdout (0 when no holdout purchase) and
 * duration_holdout are added. Throws on malformed dates or a split not before an explicit
 * observation end (programming errors); with the default end, the caller checks duration_holdout > 0.
 */
export function clvSummarySql(options: ClvSummaryOptions): string {
  if (options.unit !== 'days' && options.unit !== 'weeks') throw new Error(`invalid unit: ${String(options.unit)} (expected days or weeks)`);
  const per = options.unit === 'weeks' ? '7.0' : '1.0';
  const where = options.where ?? 'TRUE';
  const obsEnd = options.observationEnd === undefined ? 'last_d' : dateLiteral('observationEnd', options.observationEnd);
  const calEnd = options.calibrationEnd === undefined ? null : dateLiteral('calibrationEnd', options.calibrationEnd);
  if (options.calibrationEnd !== undefined && options.observationEnd !== undefined && options.calibrationEnd >= options.observationEnd) {
    throw new Error(`invalid calibrationEnd: ${options.calibrationEnd} must be before observationEnd ${options.observationEnd}`);
  }
  const holdout = calEnd !== null;
  // One aggregation per customer over the days, no window and no CTE read twice: DuckDB holds
  // a CTE read twice (and a window's partitions) in memory, and at 50M lines with 2 GB the
  // earlier form (min(d) OVER (PARTITION BY customer_id), days read three times) ran out of
  // memory; GROUP BYs spill to disk. The mean of the repeat days is their sum over their count:
  // (all days' compensated sum − the first day's value) / (days − 1).
  const when = (cond: string): string => `FILTER (WHERE ${cond})`;
  const inCal = 'd <= cal_end';
  const inHold = 'd > cal_end AND d <= obs_end';
  return `WITH days AS (
  SELECT customer_id, CAST(ts AS DATE) AS d, sum(amount) AS v
  FROM sales
  WHERE customer_id IS NOT NULL AND ts IS NOT NULL AND amount IS NOT NULL AND (${where})
  GROUP BY customer_id, d
),
bounds AS (
  SELECT ${obsEnd} AS obs_end, ${calEnd ?? obsEnd} AS cal_end FROM (
    SELECT max(CAST(ts AS DATE)) AS last_d FROM sales
    WHERE customer_id IS NOT NULL AND ts IS NOT NULL AND amount IS NOT NULL AND (${where})
  )
),
per AS (
  SELECT customer_id,
    count(*) ${when(inCal)} AS n,
    min(d) ${when(inCal)} AS first_d,
    max(d) ${when(inCal)} AS last_d,
    fsum(v) ${when(inCal)} AS total,
    arg_min(v, d) ${when(inCal)} AS first_v,
    any_value(cal_end) AS cal_end${
      holdout
        ? `,
    count(*) ${when(inHold)} AS hold_n,
    avg(v) ${when(inHold)} AS hold_m`
        : ''
    }
  FROM days, bounds
  GROUP BY customer_id
),
summary AS (
  SELECT customer_id,
    (n - 1)::DOUBLE AS frequency,
    (date_diff('day', first_d, last_d) / ${per})::DOUBLE AS recency,
    (date_diff('day', first_d, cal_end) / ${per})::DOUBLE AS "T",
    (CASE WHEN n > 1 THEN (total - first_v) / (n - 1) ELSE 0 END)::DOUBLE AS monetary_value${holdout ? ', hold_n, hold_m' : ''}
  FROM per
  WHERE n > 0
)${
    holdout
      ? `
SELECT customer_id, frequency, recency, "T", monetary_value,
  hold_n::DOUBLE AS frequency_holdout,
  coalesce(hold_m, 0)::DOUBLE AS monetary_value_holdout,
  (SELECT date_diff('day', cal_end, obs_end) / ${per} FROM bounds)::DOUBLE AS duration_holdout
FROM summary
ORDER BY customer_id`
      : `
SELECT customer_id, frequency, recency, "T", monetary_value FROM summary ORDER BY customer_id`
  }`;
}

/** The calibration/holdout variant of clvSummarySql (lifetimes' calibration_and_holdout_data); the caller checks duration_holdout > 0. */
export function clvCalibrationHoldoutSql(options: ClvSummaryOptions & { calibrationEnd: string }): string {
  return clvSummarySql(options);
}
