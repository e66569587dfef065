// Rule-based customer segments over the `customers` table: four mutually exclusive groups
// from two configurable thresholds, each explained in words with the numbers used.
// Definitions (tests/sql/segments.test.ts checks each boundary by hand):
//   spend cut      the spendQuantile quantile of customer spend by linear interpolation
//                  (DuckDB quantile_cont = pandas' default Series.quantile = numpy 'linear'),
//                  so the figures compare with the original pandas project; NULL spend ignored
//   frequency      visits strictly above the threshold (default: the mean of visits over all
//                  customers); visits equal to it are NOT above
//   Champion       spend ≥ cut (at the cut counts) and frequent
//   Big Spender    spend ≥ cut only;  Frequent Buyer: frequent only;  Regular: neither
// A customer without a spend (no amount mapped) is never at or above the cut.
import { literal, num } from './ident';
import { RFM_SEGMENTS, type RfmSegmentName } from './rfm';

/** The four rule segments, in display order. */
export type RuleSegmentName = 'Champion' | 'Big Spender' | 'Frequent Buyer' | 'Regular';

/** A rule segment as the UI shows it: which thresholds it passes, a colour and what to do. */
export interface RuleSegment {
  name: RuleSegmentName;
  /** Spend at or above the cut. */
  highSpend: boolean;
  /** Visits above the frequency threshold. */
  frequent: boolean;
  colour: string;
  action: string;
}

/** The rule segments in their fixed order (summaries and charts keep it); the flags partition every customer. */
export const RULE_SEGMENTS: readonly RuleSegment[] = [
  { name: 'Champion', highSpend: true, frequent: true, colour: '#009e73', action: 'VIP offers: early access, exclusive rewards and a personal thank-you; invite them to review and refer.' },
  { name: 'Big Spender', highSpend: true, frequent: false, colour: '#e69f00', action: 'VIP offers and premium recommendations that give them a reason to come back more often.' },
  { name: 'Frequent Buyer', highSpend: false, frequent: true, colour: '#2f6fdf', action: 'Cross-sell related products and bundles; reward their loyalty with points or member prices.' },
  { name: 'Regular', highSpend: false, frequent: false, colour: '#6b7280', action: 'Build the habit: second-purchase incentives, newsletters and seasonal promotions; keep costs per contact low.' },
];

/** Options of the rule segments; the same options must go to every rule builder that should agree. */
export interface RuleOptions {
  /** Quantile of customer spend whose value is the Big Spender cut, 0..1 (default 0.9: the top 10%). */
  spendQuantile?: number;
  /** Visits must be strictly above this (default: the mean of visits). */
  frequencyThreshold?: number;
  /** How the quantile is computed; only 'linear' (pandas' default) exists. */
  quantileMethod?: 'linear';
  /** Table of customers to segment (default `customers`; the app segments `customers_all`, the unfiltered one). */
  from?: 'customers' | 'customers_all';
}

interface Resolved {
  q: number;
  threshold: number | undefined;
  from: string;
}

function resolve(o: RuleOptions): Resolved {
  const q = o.spendQuantile ?? 0.9;
  if (!Number.isFinite(q) || q < 0 || q > 1) throw new Error(`invalid spend quantile: ${q} (need a number from 0 to 1)`);
  const method = o.quantileMethod ?? 'linear';
  if (method !== 'linear') throw new Error(`invalid quantile method: ${String(method)} (only 'linear')`);
  const t = o.frequencyThreshold;
  if (t !== undefined && (!Number.isFinite(t) || t < 0)) throw new Error(`invalid frequency threshold: ${t} (need a number ≥ 0)`);
  const from = o.from ?? 'customers';
  if (from !== 'customers' && from !== 'customers_all') throw new Error(`invalid customers table: ${String(from)}`);
  return { q, threshold: t, from };
}

/** The one-row thresholds CTE `t` over `customers`. */
function thresholdsCte(r: Resolved): string {
  const freq = r.threshold === undefined ? 'avg(visits)' : num(r.threshold);
  return `t AS (
  SELECT quantile_cont(spend, ${num(r.q)})::DOUBLE AS spend_cut, ${freq}::DOUBLE AS frequency_threshold,
    ${num(r.q)}::DOUBLE AS spend_quantile, count(*)::BIGINT AS customers
  FROM ${r.from}
)`;
}

/** Every customer with spend, visits and their segment (reads `t`). */
function classifiedCte(r: Resolved): string {
  // the flags are never NULL, so exactly one WHEN matches: the segments partition customers
  const when = RULE_SEGMENTS.map((s) => `WHEN ${s.highSpend ? '' : 'NOT '}high AND ${s.frequent ? '' : 'NOT '}frequent THEN ${literal(s.name)}`).join(' ');
  return `c AS (
  SELECT customer_id, spend, visits, CASE ${when} END AS segment
  FROM (
    SELECT customer_id, spend, visits,
      coalesce(spend >= t.spend_cut, false) AS high,
      coalesce(visits > t.frequency_threshold, false) AS frequent
    FROM ${r.from}, t
  )
)`;
}

/** Builds `rule_segments` (customer_id, segment) from `customers`; one row per customer. */
export function ruleSegmentsSql(o: RuleOptions = {}): string {
  const r = resolve(o);
  return `CREATE OR REPLACE TABLE rule_segments AS
WITH ${thresholdsCte(r)},
${classifiedCte(r)}
SELECT customer_id, segment FROM c
ORDER BY customer_id`;
}

/** One row: spend_cut (spend at the quantile; NULL without spends), frequency_threshold, spend_quantile, customers. */
export function ruleThresholdsSql(o: RuleOptions = {}): string {
  return `WITH ${thresholdsCte(resolve(o))}
SELECT spend_cut, frequency_threshold, spend_quantile, customers FROM t`;
}

/** "top 10%" for 0.9: the share of customers the cut is meant to leave above it. */
function topWords(q: number): string {
  if (q === 1) return 'the highest';
  return `top ${String(Number(((1 - q) * 100).toFixed(2)))}%`;
}

/**
 * SQL text of a visits threshold: whole numbers as they are, others truncated to two
 * decimals. Visits are whole numbers, so "more than 4.27" (truncated) selects exactly the
 * customers above 4.272…, where rounding up could turn 4.996 into a misleading "5.00".
 */
function countText(x: string): string {
  return `CASE WHEN ${x} = floor(${x}) THEN format('{:,}', ${x}::BIGINT) ELSE format('{:,.2f}', floor(${x} * 100 + 1e-9) / 100) END`;
}

/** The one-row CTE `w` of the rule's phrases over `t` (NULL when there are no thresholds). */
function wordsCte(r: Resolved): string {
  const mean = r.threshold === undefined ? ' (the mean)' : '';
  return `w AS (
  SELECT format('{:,.2f}', t.spend_cut) AS cut,
    ${countText('t.frequency_threshold')} || CASE WHEN t.frequency_threshold = 1 THEN ' transaction' ELSE ' transactions' END || ${literal(mean)} AS visits
  FROM t
)`;
}

/** The rule of each segment in words, as SQL over `w`. */
function ruleWords(top: string): Record<RuleSegmentName, string> {
  return {
    Champion: `'Spend ≥ ' || w.cut || ${literal(` (${top}) and more than `)} || w.visits`,
    'Big Spender': `'Spend ≥ ' || w.cut || ${literal(` (${top}) and at most `)} || w.visits`,
    'Frequent Buyer': `'More than ' || w.visits || ' and spend below ' || w.cut`,
    Regular: `'Spend below ' || w.cut || ' and at most ' || w.visits`,
  };
}

/**
 * The four segments in RULE_SEGMENTS order, empty ones included: segment, customers,
 * share_customers, revenue, share_revenue (of customer spend; NULL when there is none),
 * mean_spend, mean_visits (NULL when empty), rule (in words with the numbers), action, ord.
 */
export function ruleSummarySql(o: RuleOptions = {}): string {
  const r = resolve(o);
  const words = ruleWords(topWords(r.q));
  const segs = RULE_SEGMENTS.map((s, i) => `(${i}, ${literal(s.name)}, ${literal(s.action)})`).join(', ');
  const rule = `CASE g.segment ${RULE_SEGMENTS.map((s) => `WHEN ${literal(s.name)} THEN ${words[s.name]}`).join(' ')} END`;
  return `WITH ${thresholdsCte(r)},
${classifiedCte(r)},
${wordsCte(r)},
agg AS (
  SELECT segment, count(*) AS customers, sum(spend) AS revenue, avg(spend) AS mean_spend, avg(visits) AS mean_visits
  FROM c GROUP BY segment
),
tot AS (SELECT count(*) AS customers, sum(spend) AS revenue FROM c),
g AS (SELECT * FROM (VALUES ${segs}) v(ord, segment, action))
SELECT g.segment,
  coalesce(agg.customers, 0)::BIGINT AS customers,
  (coalesce(agg.customers, 0) / NULLIF(tot.customers, 0))::DOUBLE AS share_customers,
  (CASE WHEN agg.customers IS NULL THEN 0 ELSE agg.revenue END)::DOUBLE AS revenue,
  (coalesce(agg.revenue, 0) / NULLIF(tot.revenue, 0))::DOUBLE AS share_revenue,
  agg.mean_spend::DOUBLE AS mean_spend,
  agg.mean_visits::DOUBLE AS mean_visits,
  ${rule} AS rule,
  g.action,
  g.ord::INTEGER AS ord
FROM g CROSS JOIN w CROSS JOIN tot LEFT JOIN agg USING (segment)
ORDER BY g.ord`;
}

/** A result row as read back from the engine (numbers, strings, booleans, null). */
type ResultRow = Readonly<Record<string, unknown>>;

/** The segments section of report.json. */
export interface SegmentsReport {
  rules: {
    spend_quantile: number | null;
    spend_cut: number | null;
    frequency_threshold: number | null;
    counts: Record<RuleSegmentName, number>;
  };
  /** null when RFM could not run (no dates). */
  rfm: { counts: Record<RfmSegmentName, number> } | null;
}

const numberOrNull = (v: unknown): number | null => (v === null || v === undefined || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));

function counts<K extends string>(names: readonly K[], rows: readonly ResultRow[]): Record<K, number> {
  const found = new Map(rows.map((r) => [String(r.segment), numberOrNull(r.customers) ?? 0]));
  return Object.fromEntries(names.map((n) => [n, found.get(n) ?? 0])) as Record<K, number>;
}

/** report.json's segments section from the rows of ruleThresholdsSql, ruleSummarySql and rfmSummarySql (null: no RFM); every segment listed, absent ones 0. */
export function segmentsReport(thresholds: ResultRow | undefined, ruleSummary: readonly ResultRow[], rfmSummary: readonly ResultRow[] | null): SegmentsReport {
  return {
    rules: {
      spend_quantile: numberOrNull(thresholds?.spend_quantile),
      spend_cut: numberOrNull(thresholds?.spend_cut),
      frequency_threshold: numberOrNull(thresholds?.frequency_threshold),
      counts: counts(
        RULE_SEGMENTS.map((s) => s.name),
        ruleSummary,
      ),
    },
    rfm:
      rfmSummary === null
        ? null
        : {
            counts: counts(
              RFM_SEGMENTS.map((s) => s.name),
              rfmSummary,
            ),
          },
  };
}
