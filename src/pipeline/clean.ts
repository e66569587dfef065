// Step 2 of a load: apply the cleaning rules to `raw`, producing `sales` and `returns`,
// then measure what each rule did and run the data tests. Re-runnable without reloading
// the file: switching a rule or a role only re-runs this step.
import type { Connector } from '../engine/connector';
import { toRows } from '../engine/rows';
import type { Mapping } from '../mapping/detect';
import { type CleanRules, duplicateCountSql, linesSql, splitSql, statusCountsSql } from '../sql/clean';
import { canonicalSelect, hasAmount, hasDate, type SelectItem } from '../sql/mapping';
import { checkSpecs } from '../sql/quality';
import { netReturns } from './returns';
import { dropPairBases } from './pair-base';
import { salesVersionSql } from './memo';
import type { RawProfile } from './profile';

/** What the rules did, with the counts report.json publishes. */
export interface QualityCounts {
  rows_in: number;
  bad_date: number;
  duplicates: number;
  missing_amount: number;
  returns_rows: number;
  returns_value: number;
  /** Rule 4b: return lines matched (in full or in part) to purchases, and the matched value (negative). */
  returns_matched_rows: number;
  returns_matched_value: number;
  /** Return lines with nothing matched, and the value left unmatched (negative; partly matched lines count their rest). */
  returns_unmatched_rows: number;
  returns_unmatched_value: number;
  /** Purchases returned in full (left out of `sales`), and the value taken off purchases (positive, at their unit prices). */
  purchases_returned_rows: number;
  purchases_returned_value: number;
  zero_rows: number;
  missing_customer: number;
  rows_clean: number;
}

/** One data test's outcome. */
export interface CheckResult {
  id: string;
  test: string;
  column: string;
  description: string;
  failing: number;
  total: number;
  status: 'pass' | 'warn' | 'fail';
}

/** The quality report: rule counts, which rules applied, nulls per column, data tests. */
export interface QualityReport extends QualityCounts {
  rules: CleanRules;
  /** Rules that could not apply to this file (e.g. no date column → rule 1 has nothing to check). */
  not_applicable: (keyof CleanRules)[];
  nulls: { column: string; nulls: number; share: number }[];
  checks: CheckResult[];
}

/** The result of cleaning: the report, the grain, and the typed columns (extras included) now in `sales`. */
export interface CleanResult {
  quality: QualityReport;
  grain: 'transaction' | 'customer';
  select: SelectItem[];
}

/** Runs the cleaning rules on `raw` and reports; the profile gives raw's columns and their non-empty counts. */
export async function runCleaning(conn: Connector, profile: RawProfile, mapping: Mapping, rules: CleanRules): Promise<CleanResult> {
  const rawColumns = profile.columns.map((c) => c.name);
  const select = canonicalSelect(mapping);
  const ctx = { hasDate: hasDate(mapping), hasAmount: hasAmount(mapping) };
  const dupes = rules.duplicates ? Number(toRows(await conn.query(duplicateCountSql(rawColumns)))[0]?.duplicates ?? 0) : 0;
  await conn.exec(linesSql(rawColumns, select, rules, ctx, dupes > 0));
  const byStatus = new Map(toRows(await conn.query(statusCountsSql())).map((r) => [String(r.status), r]));
  const n = (status: string, field: string): number => Number(byStatus.get(status)?.[field] ?? 0);
  const netting = rules.returns && rules.netReturns && mapping.columns.some((c) => c.role === 'customer');
  const matched = netting ? await netReturns(conn, mapping) : null;
  await conn.exec(splitSql('sales', select));
  await conn.exec(splitSql('purchases', select));
  await conn.exec(splitSql('returns', select));
  // results derived from the old `sales` are stale now: a new version, no old pair counts
  await conn.exec(salesVersionSql());
  await dropPairBases(conn);

  // distinct customers by a GROUP BY, which spills under a memory limit (count(DISTINCT) does not)
  const totals = toRows(
    await conn.query(`SELECT (SELECT count(*) FROM raw)::BIGINT AS rows_in, count(*)::BIGINT AS rows_clean,
      count(*) FILTER (WHERE customer_id IS NULL)::BIGINT AS missing_customer,
      count(customer_id)::BIGINT AS with_customer,
      (SELECT count(*) FROM (SELECT customer_id FROM sales WHERE customer_id IS NOT NULL GROUP BY ALL))::BIGINT AS customers FROM sales`),
  )[0];
  const allExtra = [...byStatus.values()].reduce((s, r) => s + Number(r.extra_copies ?? 0), 0);
  const customerMapped = mapping.columns.some((c) => c.role === 'customer');
  const withCustomer = Number(totals?.with_customer ?? 0);
  const grain = customerMapped && withCustomer > 0 && withCustomer === Number(totals?.customers ?? -1) ? 'customer' : 'transaction';

  const counts: QualityCounts = {
    rows_in: Number(totals?.rows_in ?? 0),
    bad_date: n('bad_date', 'all_rows'),
    duplicates: allExtra - n('bad_date', 'extra_copies'),
    missing_amount: n('missing_amount', 'distinct_rows'),
    returns_rows: n('return', 'distinct_rows'),
    returns_value: n('return', 'value'),
    returns_matched_rows: matched?.returnRows ?? 0,
    returns_matched_value: matched?.returnValue ?? 0,
    returns_unmatched_rows: n('return', 'distinct_rows') - (matched?.returnRows ?? 0),
    returns_unmatched_value: n('return', 'value') - (matched?.returnValue ?? 0),
    purchases_returned_rows: matched?.fullRows ?? 0,
    purchases_returned_value: matched?.purchaseValue ?? 0,
    zero_rows: n('zero', 'distinct_rows'),
    missing_customer: customerMapped ? Number(totals?.missing_customer ?? 0) : 0,
    rows_clean: Number(totals?.rows_clean ?? 0),
  };
  const notApplicable: (keyof CleanRules)[] = [];
  if (!ctx.hasDate) notApplicable.push('badDates');
  if (!ctx.hasAmount) notApplicable.push('missingAmount', 'zeroAmount');
  if (!customerMapped || !rules.returns) notApplicable.push('netReturns');

  const nulls = profile.columns.map((c) => {
    const v = profile.rows - c.nonNull;
    return { column: c.name, nulls: v, share: profile.rows ? v / profile.rows : 0 };
  });

  const has = (role: string): boolean => mapping.columns.some((c) => c.role === role);
  const specs = checkSpecs({
    customer: customerMapped,
    date: ctx.hasDate,
    quantity: has('quantity'),
    unitPrice: has('unit_price'),
    tx: has('tx_id'),
    age: has('age'),
    score: has('score'),
    customerGrain: grain === 'customer',
    amount: ctx.hasAmount,
    today: new Date().toISOString().slice(0, 10),
  });
  const checks: CheckResult[] = [];
  for (const s of specs) {
    const r = toRows(await conn.query(s.sql))[0];
    const failing = Number(r?.failing ?? 0);
    const total = Number(r?.total ?? 0);
    const share = total ? failing / total : 0;
    const status = failing === 0 ? 'pass' : !s.warnOnly && share >= s.failAt ? 'fail' : 'warn';
    checks.push({ id: s.id, test: s.test, column: s.column, description: s.description, failing, total, status });
  }
  return { quality: { ...counts, rules, not_applicable: notApplicable, nulls, checks }, grain, select };
}
