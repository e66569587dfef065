// Opening a saved report.json: a good report, an older shape, a cut-short file, other JSON,
// and hostile values (wrong types, huge strings and lists, markup, prototype keys).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeReport, MAX_REPORT_BYTES, parseSavedReport, reportTabs, type SavedReport } from '../../src/report/saved';

// exported by the app from the built-in sample (Export report) before the forecast section held its history
const SAMPLE = readFileSync(new URL('../fixtures/report/sample-report.json', import.meta.url), 'utf8');
const sample = (): Record<string, unknown> => JSON.parse(SAMPLE) as Record<string, unknown>;

function open(v: unknown): SavedReport {
  const r = parseSavedReport(typeof v === 'string' ? v : JSON.stringify(v));
  if (!r.ok) throw new Error(`${r.title}: ${r.message}`);
  return r.report;
}

describe('parseSavedReport: a report exported by the app', () => {
  const r = open(SAMPLE);
  it('reads the header and the headline figures as they are in the file', () => {
    expect(r.dataset.name).toBe('Built-in sample (generated shop data)');
    expect(r.dataset.rows_in).toBe(103160);
    expect(r.app.version).toBe('0.1.0');
    expect(r.app.generated_at).toBe(sample().app && (sample().app as { generated_at: string }).generated_at);
    expect(r.kpis).toMatchObject({ gross_sales: 4606229.98, transactions: 54581, customers: 4503, aov: 82.57, first_date: '2024-01-01' });
    expect(r.hasAmount).toBe(true);
    expect(r.dropped).toEqual([]);
  });
  it('reads every section and offers every tab', () => {
    expect(reportTabs(r).map((t) => t.id)).toEqual(['overview', 'customers', 'trends', 'segments', 'recommend', 'forecast', 'clv', 'quality']);
    expect(r.trends?.monthly).toHaveLength(24);
    expect(r.segments?.rfm?.counts.find(([k]) => k === 'Champions')?.[1]).toBe(551);
    expect(r.clusters?.profiles.length).toBe(r.clusters?.k);
    expect(r.recommendations?.evaluation?.methods.map((m) => m.method)).toEqual(['category', 'copurchase', 'popularity']);
    expect(r.forecast?.points).toHaveLength(6);
    expect(r.clv?.top_customers).toHaveLength(10);
    expect(r.insights?.length).toBeGreaterThan(0);
  });
  it('takes the forecast history when the report has it (reports before it have none)', () => {
    expect(r.forecast?.history).toBeNull();
    const s = sample();
    (s.forecast as Record<string, unknown>).history = [
      { period: '2025-11-01', net: 250000.5, partial: false },
      { period: '2025-12-01', net: 'x', partial: false },
      { period: 'yesterday', net: 1 },
    ];
    expect(open(s).forecast?.history).toEqual([{ period: '2025-11-01', net: 250000.5, partial: false }]);
  });
  it('takes the currency symbol when the report has it (older reports: none, money without a symbol)', () => {
    expect(r.dataset.currency).toBe('');
    const s = sample();
    (s.dataset as Record<string, unknown>).currency = '£';
    expect(open(s).dataset.currency).toBe('£');
    (s.dataset as Record<string, unknown>).currency = { toString: 'x' };
    expect(open(s).dataset.currency).toBe('');
    (s.dataset as Record<string, unknown>).currency = '<img src=x onerror=alert(1)>';
    expect(open(s).dataset.currency.length).toBeLessThanOrEqual(8);
  });
});

describe('parseSavedReport: older and partial reports', () => {
  it('opens a report with only the core sections (tabs absent from the report are not offered)', () => {
    const s = sample();
    const core = { app: s.app, dataset: s.dataset, kpis: s.kpis, quality: s.quality };
    const r = open(core);
    expect(reportTabs(r).map((t) => t.id)).toEqual(['overview', 'quality']);
    expect(r.customers).toBeNull();
    expect(r.dropped).toEqual([]);
  });
  it('shows the headline figures an older report holds without inventing the missing ones', () => {
    const s = sample();
    const k = s.kpis as Record<string, unknown>;
    delete k.returns_matched;
    delete k.sales_value;
    const r = open(s);
    expect(r.kpis).toBeNull();
    expect(r.kpisPresent).toContainEqual(['gross_sales', 4606229.98]);
    expect(r.kpisPresent.find(([n]) => n === 'returns_matched')).toBeUndefined();
  });
  it('leaves out a damaged section with its name and keeps the rest', () => {
    const s = sample();
    s.trends = { days: 3, monthly: 'not a list' };
    s.clusters = [1, 2, 3];
    const r = open(s);
    expect(r.trends).toBeNull();
    expect(r.clusters).toBeNull();
    expect(r.dropped).toEqual(['Trends', 'Clusters']);
    expect(r.customers?.count).toBe(4503);
    // segments alone still give the Segments tab
    expect(reportTabs(r).map((t) => t.id)).toContain('segments');
  });
  it('opens a forecast or CLV section that reports a model error', () => {
    const s = sample();
    s.forecast = { grain: 'month', horizon: 6, error: 'too few months to fit a model', verdict: { reliable: false, reasons: ['too few months'], checks: [] } };
    s.clv = { time_unit: 'days', error: 'too few repeat customers', verdict: { reliable: false, reasons: ['too few repeat customers'], checks: [] } };
    const r = open(s);
    expect(r.forecast?.error).toBe('too few months to fit a model');
    expect(r.forecast?.points).toEqual([]);
    expect(r.clv?.error).toBe('too few repeat customers');
    expect(r.dropped).toEqual([]);
  });
  it('names the filters the figures reflect', () => {
    const s = sample();
    s.filters = { from: '2024-03-01', to: null, dims: { category: ['Toys & Games'] } };
    expect(open(s).filters).toBe('dates 2024-03-01 to …; category = Toys & Games');
  });
});

describe('parseSavedReport: files that are not a readable report', () => {
  const fail = (t: string): { title: string; message: string } => {
    const r = parseSavedReport(t);
    if (r.ok) throw new Error('expected a failure');
    return r;
  };
  it('a cut-short report says it is damaged', () => {
    const r = fail(SAMPLE.slice(0, Math.floor(SAMPLE.length / 2)));
    expect(r.title).toBe('This report is damaged');
    expect(r.message).toMatch(/cut short/);
  });
  it('other JSON and other text say it is not a report', () => {
    expect(fail('[{"CustomerID": 1, "Amount": 3}]').title).toBe('This file is not a report');
    expect(fail('{"orders": []}').title).toBe('This file is not a report');
    expect(fail('InvoiceNo,Amount\n1,2').title).toBe('This file is not a report');
    expect(fail('null').title).toBe('This file is not a report');
  });
  it('a report lacking a core part names it', () => {
    const s = sample();
    delete s.kpis;
    expect(fail(JSON.stringify(s)).message).toMatch(/lacks kpis/);
    const t = sample();
    t.kpis = { gross_sales: 'lots' };
    expect(fail(JSON.stringify(t)).message).toMatch(/headline figures/);
    const u = sample();
    (u.dataset as Record<string, unknown>).name = { toString: 1 };
    expect(fail(JSON.stringify(u)).message).toMatch(/dataset name/);
  });
  it('a file over the size limit is refused before parsing', () => {
    expect(fail(' '.repeat(MAX_REPORT_BYTES + 1)).title).toMatch(/too large/);
  });
});

describe('parseSavedReport: hostile values', () => {
  it('keeps markup as text, caps long strings and lists, ignores wrong types and prototype keys', () => {
    const s = sample();
    const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    (s.dataset as Record<string, unknown>).name = evil + 'x'.repeat(10_000);
    s.insights = [{ id: 'a', text: evil, figure: 12, tab: 'customers' }, 'junk', null, { text: { nested: true } }];
    s.customers = { count: 3, top_by_spend: Array.from({ length: 100_000 }, (_, i) => ({ customer: `c${i}`, spend: i, visits: '7' })) };
    s.segments = JSON.parse('{"rules": {"counts": {"__proto__": 5, "Champion": 2, "Bad": "9"}}, "rfm": null}');
    (s.kpis as Record<string, unknown>).customers = 1e308;
    const r = open(s);
    expect(r.dataset.name.startsWith(evil)).toBe(true);
    expect(r.dataset.name.length).toBe(300);
    expect(r.insights).toEqual([{ id: 'a', text: evil, figure: '12', tab: 'customers', filters: 'none' }]);
    expect(r.customers?.top_by_spend).toHaveLength(100);
    expect(r.customers?.top_by_spend[0]).toEqual({ customer: 'c0', spend: 0, visits: null });
    expect(r.segments?.rules?.counts).toEqual([['__proto__', 5], ['Champion', 2]]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(r.segments)).toBe(Object.prototype);
    expect(r.kpis?.customers).toBe(1e308);
  });
  it('a date that is not a date is not shown as one', () => {
    const s = sample();
    (s.app as Record<string, unknown>).generated_at = 'tomorrow';
    expect(open(s).app.generated_at).toBeNull();
  });
});

describe('looksLikeReport', () => {
  it('recognises a report from its first characters, also when cut short', () => {
    expect(looksLikeReport(SAMPLE.slice(0, 200))).toBe(true);
    expect(looksLikeReport('\uFEFF  {"app": {')).toBe(true);
    expect(looksLikeReport('{"dataset": {}, "app": {"generated_at": "2026')).toBe(true);
    expect(looksLikeReport('[{"app": 1}]')).toBe(false);
    expect(looksLikeReport('{"orders": [{"app": "x"}]}')).toBe(false);
    expect(looksLikeReport('CustomerID,app\n1,2')).toBe(false);
  });
});
