// The comparison the identical-report test relies on must catch a wrong figure.
import { describe, expect, it } from 'vitest';
import { reportDiff } from '../helpers/report-diff';

const base = {
  app: { version: '0.1.0', generated_at: '2026-01-01T00:00:00Z' },
  dataset: { read: { files: [{ name: 'a.csv', bytes: 10, rows: 5 }] } },
  kpis: { orders: 25900, net_sales: 8911407.9 },
  clv: { bgnbd: { alpha: 69.2511, se: { b: 19.6472 } }, verdict: { reasons: ['b = 6.90 ± 19.65'] } },
  clusters: { profiles: [{ size: 120, share: 0.3333 }] },
};
const copy = (): typeof base => JSON.parse(JSON.stringify(base)) as typeof base;

describe('reportDiff', () => {
  it('ignores the run’s own fields and accepts a model within its tolerance', () => {
    const b = copy();
    b.app = { version: '9.9.9', generated_at: '2027-01-01T00:00:00Z' };
    b.dataset.read.files[0]!.bytes = 99;
    b.clv.bgnbd.alpha = 69.251;
    b.clv.bgnbd.se.b = 19.9648;
    b.clv.verdict.reasons = ['b = 6.90 ± 19.96'];
    expect(reportDiff(base, b)).toEqual([]);
  });

  it('reports a count, a cent of a sum, a row count, a model outside tolerance and a missing section', () => {
    const b = copy();
    b.kpis.orders = 25901;
    b.kpis.net_sales = 8911407.91;
    b.dataset.read.files[0]!.rows = 6;
    b.clusters.profiles[0]!.share = 0.3334;
    b.clv.verdict.reasons = ['b = 6.90 ± 29.96'];
    delete (b as Partial<typeof base>).clusters;
    const d = reportDiff(base, b);
    expect(d).toContain('kpis.orders: 25900 ≠ 25901');
    expect(d).toContain('kpis.net_sales: 8911407.9 ≠ 8911407.91');
    expect(d).toContain('dataset.read.files[0].rows: 5 ≠ 6');
    expect(d).toContain('clusters: only in the first report');
    expect(d.some((x) => x.startsWith('clv.verdict.reasons[0]'))).toBe(true);
    const c = copy();
    c.clusters.profiles[0]!.share = 0.3334;
    expect(reportDiff(base, c)).toEqual(['clusters.profiles[0].share: 0.3333 ≠ 0.3334']);
  });
});
