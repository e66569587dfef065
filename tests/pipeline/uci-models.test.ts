// The models on UCI Online Retail and their verdicts. Part 1, BG/NBD against the lifetimes-style reference in scipy
// (scripts/reference/clv_bgnbd_uci.py: Fader, Hardie & Lee 2005 eq. 6, minimised over
// log-parameters, standard errors from the inverse Hessian; the summary built in pandas
// from the canonical cleaning rules). The golden numbers below are that script's output.
//
// The likelihood is flat along the dropout parameters on this data: scipy stops at
// a = 0.0603 ± 0.0993, b = 2,051 ± 3,967 (log-likelihood −61,823.590); ours goes further
// along the same ridge to a = 0.0034, b = 6.75 (−61,823.471, 0.12 higher) — both with
// standard errors larger than the estimates.
// What must agree: the summary, the well-determined r and α, the height of the maximum,
// and the conclusion (not identified; on the calibration period a runs off to 0 and the
// Hessian is singular).
// Part 2, the monthly forecast: ARIMA(0,1,0) is the naive forecast, so it cannot beat it;
// the verdict says so and the Overview's insights leave the forecast out.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { readCsvSql } from '../../src/sql/load';
import { detectAndRefine, profileRaw } from '../../src/pipeline/profile';
import { runCleaning } from '../../src/pipeline/clean';
import { toFloat64 } from '../../src/engine/rows';
import { clvCalibrationHoldoutSql, clvSummarySql } from '../../src/sql/clv';
import { clvJob, type ClvOutput } from '../../src/analytics/jobs';
import { defaultSplit } from '../../src/analysis/clv';
import { netSeriesSql } from '../../src/sql/forecast';
import { forecastJob } from '../../src/analytics/jobs';
import { buildInsights } from '../../src/insights/insights';
import { toRows } from '../../src/engine/rows';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { runForecast } from '../../src/analysis/forecast';
import { runClv } from '../../src/analysis/clv';
import { inProcessJobs } from '../../src/analysis/jobs';

const UCI = resolve(__dirname, '../fixtures/online_retail_uci.csv.gz');

/** scipy reference (scripts/reference/clv_bgnbd_uci.py, net of matched returns), whole period to 2011-12-09 (days). */
const REF_FULL = { customers: 4327, repeat: 2782, r: 0.826586, alpha: 69.2511, seR: 0.0268362, seAlpha: 2.62936, a: 0.0030291, seA: 0.0100635, b: 6.90403, seB: 24.5015, logLik: -61440.05782499659 };
/** scipy reference, calibration to 2011-09-07: a → 1.3e-5, b → 67,306 (running off towards the boundary). */
const REF_CAL = { customers: 3351, repeat: 1925, logLik: -36585.14091032253, holdoutPurchases: 4545, duration: 93, naiveRmse: 1.585391, naiveMae: 0.931458, naiveTotal: 3181.0043 };

describe('BG/NBD on UCI against the scipy (lifetimes-style) reference', () => {
  let db: TestDb;
  let out: ClvOutput;
  let split: string;
  let calCustomers: number;
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(readCsvSql(UCI, 'raw'));
    const profile = await profileRaw(db);
    const mapping = await detectAndRefine(db, profile);
    await runCleaning(db, profile, mapping, DEFAULT_RULES);
    split = defaultSplit('2010-12-01', '2011-12-09');
    const full = await db.query(clvSummarySql({ unit: 'days' }));
    const cal = await db.query(clvCalibrationHoldoutSql({ unit: 'days', calibrationEnd: split }));
    const arrays = (t: typeof full) => ({ frequency: toFloat64(t, 'frequency'), recency: toFloat64(t, 'recency'), T: toFloat64(t, 'T'), monetary: toFloat64(t, 'monetary_value') });
    calCustomers = cal.numRows;
    out = clvJob({
      summary: arrays(full),
      unit: 'days',
      months: 12,
      monthlyDiscount: 0.01,
      holdout: { calibration: arrays(cal), holdoutFrequency: toFloat64(cal, 'frequency_holdout'), duration: toFloat64(cal, 'duration_holdout')[0] ?? 0 },
      split,
    });
  });
  afterAll(() => db.close());

  it('fits the same customers, the same r and α, and reaches the same maximum', () => {
    const a = out.analysis;
    if (!a.ok) throw new Error(a.reason);
    expect(a.bgnbd.customers).toBe(REF_FULL.customers);
    expect(a.bgnbd.repeatCustomers).toBe(REF_FULL.repeat);
    expect(a.bgnbd.params.r).toBeCloseTo(REF_FULL.r, 2);
    expect(a.bgnbd.params.alpha / REF_FULL.alpha).toBeCloseTo(1, 2);
    expect(a.bgnbd.se.r).toBeCloseTo(REF_FULL.seR, 2);
    expect(a.bgnbd.se.alpha / REF_FULL.seAlpha).toBeCloseTo(1, 1);
    // the same height on a flat ridge: within 0.05 log-likelihood units of scipy's maximum, or above it
    expect(a.bgnbd.logLik).toBeGreaterThan(REF_FULL.logLik - 0.05);
  });

  it('finds the dropout parameters not identified, as the reference does', () => {
    const a = out.analysis;
    if (!a.ok) throw new Error(a.reason);
    expect(REF_FULL.seA).toBeGreaterThan(REF_FULL.a);
    expect(REF_FULL.seB).toBeGreaterThan(REF_FULL.b);
    expect(a.bgnbd.se.a).toBeGreaterThan(a.bgnbd.params.a);
    expect(a.bgnbd.se.b).toBeGreaterThan(a.bgnbd.params.b);
    expect(out.verdict?.reliable).toBe(false);
    expect(out.verdict?.checks.find((c) => c.name === 'identified')?.passed).toBe(false);
    expect(out.verdict?.reasons[0]).toMatch(/cannot identify the purchase model \(BG\/NBD\): a = [\d.]+ ± [\d.]+, b = [\d.,]+ ± [\d.,]+/);
  });

  it('cannot fit the calibration period (a runs off to 0 in scipy too), and says so', () => {
    expect(split).toBe('2011-09-07');
    expect(calCustomers).toBe(REF_CAL.customers);
    expect(out.holdout?.ok).toBe(false);
    expect(out.verdict?.reasons.join(' ')).toMatch(/could not be checked on a holdout: on the calibration period \(to 2011-09-07\) the fit did not settle: the likelihood keeps improving as (a → 0|b → ∞)/);
  });

  it('forecast: the automatic ARIMA(0,1,0) ties with the naive forecast, so it is not reliable and makes no insight', async () => {
    const rows = toRows(await db.query(netSeriesSql({ grain: 'month' })));
    const full = rows.filter((r, i) => !(r.partial && (i === 0 || i === rows.length - 1)));
    expect(full).toHaveLength(12);
    const f = forecastJob({ values: Float64Array.from(full.map((r) => Number(r.net))), m: 12, h: 6, spec: null });
    if (!f.result.ok || !f.backtest.ok) throw new Error('no fit');
    expect(f.result.model.label).toBe('ARIMA(0,1,0)');
    expect(f.backtest.model.label).toBe('ARIMA(0,1,0)'); // the order in use, not a fresh search on the training window
    expect(f.backtest.arima.mae).toBe(f.backtest.baselineMetrics.mae);
    expect(f.verdict.reliable).toBe(false);
    expect(f.verdict.reasons.join(' ')).toMatch(/ARIMA\(0,1,0\) does not beat the naive forecast \(last value repeated\)/);
    const insights = buildInsights({ currency: '£', forecast: [{ period: '2011-12-01', mean: Number(f.result.forecast.mean[0]) }], forecastModel: f.result.model.label, forecastVerdict: f.verdict });
    expect(insights.map((x) => x.id)).not.toContain('forecast');
  });

  it('the analysis layer runs the same fits in Node (inProcessJobs), as a command line would', async () => {
    const f = await runForecast(db, { grain: 'month', h: 6, includePartial: false, spec: null }, 'TRUE', undefined, inProcessJobs);
    if (!f.output.result.ok || !f.output.backtest.ok) throw new Error('no fit');
    expect(f.fitted).toHaveLength(12);
    expect(f.output.result.model.label).toBe('ARIMA(0,1,0)');
    expect(f.output.backtest.arima.mae).toBe(f.output.backtest.baselineMetrics.mae);
    const c = await runClv(db, { unit: 'days', months: 12, discount: 0.01, split: null, days: 90 }, 'TRUE', undefined, inProcessJobs);
    if (!c.output.analysis.ok) throw new Error(c.output.analysis.reason);
    expect(c.split).toBe('2011-09-07');
    expect(c.output.analysis.bgnbd.customers).toBe(REF_FULL.customers);
    expect(c.output.analysis.bgnbd.params.r).toBeCloseTo(REF_FULL.r, 2);
    expect(c.output.analysis.bgnbd.params.alpha / REF_FULL.alpha).toBeCloseTo(1, 2);
    // a second call with the same data, filter and options is the kept result, not a new fit
    expect(await runClv(db, { unit: 'days', months: 12, discount: 0.01, split: null, days: 90 }, 'TRUE', undefined, inProcessJobs)).toMatchObject({ output: c.output });
  });
});
