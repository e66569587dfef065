// Our BG/NBD, Gamma-Gamma and CLV against an independent numpy/scipy implementation.
// Every literal below was printed by scripts/reference/clv_bgnbd.py (numpy 2.4.6,
// scipy 1.17.1) on tests/fixtures/clv/bgnbd-300.csv: 300 customers simulated by numpy
// from BG/NBD(0.25, 4, 0.8, 2.5) and Gamma-Gamma(6, 4, 15), times in days. The script
// codes the papers' formulas directly (eq. 6 with beta functions, eq. 10 with scipy's
// hyp2f1 on the untransformed arguments), so it shares no code or algebra with ours.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bgNbdLogLikelihood } from '../../../src/analytics/clv/bgnbd-likelihood';
import { conditionalExpectedPurchases, expectedPurchases, probabilityAlive } from '../../../src/analytics/clv/bgnbd-predict';
import { fitBgNbd } from '../../../src/analytics/clv/bgnbd';
import { conditionalExpectedSpend, fitGammaGamma, gammaGammaLogLikelihood } from '../../../src/analytics/clv/gamma-gamma';
import { customerLifetimeValue } from '../../../src/analytics/clv/lifetime-value';
import type { RfmArrays } from '../../../src/analytics/clv/types';

function loadFixture(): RfmArrays & { monetary: Float64Array } {
  const lines = readFileSync(new URL('../../fixtures/clv/bgnbd-300.csv', import.meta.url), 'utf8').trim().split('\n').slice(1);
  const cols = lines.map((l) => l.split(',').map(Number));
  const col = (j: number): Float64Array => Float64Array.from(cols, (c) => c[j] as number);
  return { frequency: col(0), recency: col(1), T: col(2), monetary: col(3) };
}

const data = loadFixture();
const ones = new Float64Array(data.frequency.length).fill(1);
const rel = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

// The reference MLEs, used as fixed inputs for the prediction checks so those do not
// depend on our optimiser.
const BG = { r: 0.21326737615001942, alpha: 3.048489493639312, a: 1.0860404545388485, b: 2.9205500306963135 };
const GG = { p: 5.960868695475685, q: 3.386883343234453, gamma: 12.732472725494748 };
// Customers the script printed: rows 0–4 and the heaviest buyer (row 168, x = 46).
const PICKS = [0, 1, 2, 3, 4, 168];
const pick = (a: Float64Array): number[] => PICKS.map((i) => a[i] as number);

describe('BG/NBD on the reference fixture', () => {
  it('has the fixture the script describes', () => {
    expect(data.frequency.length).toBe(300);
    expect(data.frequency.filter((x) => x > 0).length).toBe(175);
    expect(Math.max(...data.frequency)).toBe(46);
  });

  it('computes the eq. 6 log-likelihood', () => {
    const ll = bgNbdLogLikelihood({ ...data, weight: ones });
    expect(rel(ll({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }), -3059.5355099687285)).toBeLessThan(1e-12);
    expect(rel(ll({ r: 1, alpha: 2, a: 3, b: 4 }), -3567.352371903041)).toBeLessThan(1e-12);
  });

  it('finds the same maximum', () => {
    const fit = fitBgNbd(data);
    if (!fit.ok) throw new Error(fit.reason);
    expect(fit.converged).toBe(true);
    // scipy's Nelder–Mead and BFGS, from two starts, agree to ~1e-7 relative; the likelihood is flat to 1e-9 over that.
    expect(Math.abs(fit.logLik - -3056.5252932708477)).toBeLessThan(1e-7);
    expect(rel(fit.params.r, BG.r)).toBeLessThan(1e-5);
    expect(rel(fit.params.alpha, BG.alpha)).toBeLessThan(1e-5);
    expect(rel(fit.params.a, BG.a)).toBeLessThan(1e-5);
    expect(rel(fit.params.b, BG.b)).toBeLessThan(1e-5);
    // Standard errors: both sides use a central-difference Hessian, with different steps.
    expect(rel(fit.se.r, 0.0209888)).toBeLessThan(0.01);
    expect(rel(fit.se.alpha, 0.604114)).toBeLessThan(0.01);
    expect(rel(fit.se.a, 0.304524)).toBeLessThan(0.01);
    expect(rel(fit.se.b, 1.14495)).toBeLessThan(0.01);
  });

  it('predicts P(alive), E[Y(t) | x, t_x, T] and E[X(t)]', () => {
    const alive = pick(probabilityAlive(BG, data));
    const want = [0.17104324888912834, 0.7065205968680752, 1, 1, 1, 1.1714519501257471e-37];
    alive.forEach((v, k) => expect(rel(v, want[k] as number)).toBeLessThan(1e-12));
    const e30 = pick(conditionalExpectedPurchases(BG, 30, data));
    const w30 = [0.0700144595598124, 0.10286775107113716, 0.04654148654759944, 0.04990072904269471, 0.03498411425703275, 5.001368296097315e-37];
    e30.forEach((v, k) => expect(rel(v, w30[k] as number)).toBeLessThan(1e-11));
    const all90 = conditionalExpectedPurchases(BG, 90, data);
    const w90 = [0.19710819464763477, 0.2926936644216719, 0.1311776873234648, 0.14009583790787647, 0.09999312933331865, 1.3764035260563204e-36];
    pick(all90).forEach((v, k) => expect(rel(v, w90[k] as number)).toBeLessThan(1e-11));
    expect(rel(all90.reduce((s, v) => s + v, 0), 148.83701193243493)).toBeLessThan(1e-11);
    const ex = expectedPurchases(BG, [30, 180, 365]);
    [1.053434022298274, 2.6384331477333887, 3.4713999485515985].forEach((w, k) => expect(rel(ex[k] as number, w)).toBeLessThan(1e-11));
  });
});

describe('Gamma-Gamma on the reference fixture', () => {
  const sel = Array.from(data.frequency.keys()).filter((i) => (data.frequency[i] as number) > 0 && (data.monetary[i] as number) > 0);
  const xs = Float64Array.from(sel, (i) => data.frequency[i] as number);
  const ms = Float64Array.from(sel, (i) => data.monetary[i] as number);

  it('computes the log-likelihood', () => {
    expect(sel.length).toBe(175);
    const ll = gammaGammaLogLikelihood(xs, ms, new Float64Array(sel.length).fill(1));
    expect(rel(ll({ p: 6, q: 4, gamma: 15 }), -739.0299137511247)).toBeLessThan(1e-12);
  });

  it('finds the same maximum and expected spends', () => {
    const fit = fitGammaGamma(data.frequency, data.monetary);
    if (!fit.ok) throw new Error(fit.reason);
    expect(fit.customers).toBe(175);
    expect(Math.abs(fit.logLik - -738.1186533149448)).toBeLessThan(1e-7);
    expect(rel(fit.params.p, GG.p)).toBeLessThan(1e-5);
    expect(rel(fit.params.q, GG.q)).toBeLessThan(1e-5);
    expect(rel(fit.params.gamma, GG.gamma)).toBeLessThan(1e-5);
    expect(rel(fit.se.p, 2.35701)).toBeLessThan(0.01);
    expect(rel(fit.se.q, 0.49963)).toBeLessThan(0.01);
    expect(rel(fit.se.gamma, 6.59263)).toBeLessThan(0.01);
    const spend = conditionalExpectedSpend(GG, data.frequency, data.monetary);
    if (!spend.ok) throw new Error(spend.reason);
    const want = [16.010377638946537, 21.98794188837117, 31.797363830338075, 31.797363830338075, 31.797363830338075, 30.669815198543414];
    pick(spend.spend).forEach((v, k) => expect(rel(v, want[k] as number)).toBeLessThan(1e-13));
  });
});

describe('CLV on the reference fixture', () => {
  it('follows lifetimes’ monthly loop in days (12 months, 1% a month)', () => {
    const res = customerLifetimeValue(BG, GG, data, { unit: 'days' });
    if (!res.ok) throw new Error(res.reason);
    const want = [9.506970662525447, 20.101743918084132, 12.82880853268821, 13.571667630539146, 10.136465571970495, 1.1935657523409333e-34];
    pick(res.clv).forEach((v, k) => expect(rel(v, want[k] as number)).toBeLessThan(1e-11));
  });

  it('and in weeks (months of 4.345 weeks; 6 months, 2% a month)', () => {
    const weeks = { ...data, recency: data.recency.map((v) => v / 7), T: data.T.map((v) => v / 7) };
    const res = customerLifetimeValue({ ...BG, alpha: BG.alpha / 7 }, GG, weeks, { unit: 'weeks', months: 6, monthlyDiscount: 0.02 });
    if (!res.ok) throw new Error(res.reason);
    const want = [5.497099972816046, 11.36686758770933, 7.3061011003107295, 7.770587901345211, 5.655419724052792, 7.161589127295383e-35];
    pick(res.clv).forEach((v, k) => expect(rel(v, want[k] as number)).toBeLessThan(1e-11));
  });
});
