// The series a forecast is fitted on: net sales (purchases as bought + returns, returns
// negative, each in the period it happened) per
// day, week (Monday start) or month, gap-free over the sales date range, with the first
// and last period flagged when the data covers them only partly (the UCI file ends on
// 9 December: its December is partial and left out of fitting by default).
import type { Grain } from './trends';

const STEP: Record<Grain, string> = { day: 'INTERVAL 1 DAY', week: 'INTERVAL 7 DAY', month: 'INTERVAL 1 MONTH' };

/** period (DATE), net, gross, returns, partial (BOOLEAN), ordered by period. */
export function netSeriesSql(o: { grain: Grain; where?: string }): string {
  const g = o.grain;
  if (!(g in STEP)) throw new Error(`invalid grain: ${String(g)}`);
  const where = o.where ?? 'TRUE';
  return `WITH b AS (SELECT min(ts)::DATE AS lo, max(ts)::DATE AS hi FROM sales WHERE ts IS NOT NULL AND (${where})),
cal AS (
  SELECT gs::DATE AS period FROM b, generate_series(date_trunc('${g}', b.lo)::TIMESTAMP, date_trunc('${g}', b.hi)::TIMESTAMP, ${STEP[g]}) AS t(gs)
),
s AS (SELECT date_trunc('${g}', ts)::DATE AS period, sum(gross_amount) AS gross FROM purchases WHERE ts IS NOT NULL AND (${where}) GROUP BY 1),
r AS (SELECT date_trunc('${g}', ts)::DATE AS period, sum(amount) AS ret FROM returns WHERE ts IS NOT NULL AND (${where}) GROUP BY 1)
SELECT cal.period,
  (coalesce(s.gross, 0) + coalesce(r.ret, 0))::DOUBLE AS net,
  coalesce(s.gross, 0)::DOUBLE AS gross,
  coalesce(r.ret, 0)::DOUBLE AS returns,
  (cal.period < b.lo OR (cal.period + ${STEP[g]} - INTERVAL 1 DAY)::DATE > b.hi) AS partial
FROM cal CROSS JOIN b LEFT JOIN s USING (period) LEFT JOIN r USING (period)
ORDER BY cal.period`;
}
