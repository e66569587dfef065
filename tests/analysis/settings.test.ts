// View settings are parsed once from the URL (src/analysis/settings.ts) and read by the views
// and by report.json alike. Before, the Recommendations tab clamped ?n= to 1–20 while the
// report took it raw: ?n=50 made the report list 50 products where the page showed 20, and
// ?n=0 made Export fail (n must be a positive integer in the SQL builder).
import { describe, expect, it } from 'vitest';
import { chosenK, clvSettings, forecastSettings, numberSetting, pairSettings, parseOrder, recommendSettings, ruleSettings, viewSettings } from '../../src/analysis/settings';
import { UrlState } from '../../src/state/url.svelte';

const from = (q: string) => {
  const p = new URLSearchParams(q);
  return (k: string): string | undefined => p.get(k) ?? undefined;
};

describe('numberSetting', () => {
  it('takes the fallback when absent, blank or not a number', () => {
    expect(numberSetting(undefined, 5, 1, 20)).toBe(5);
    expect(numberSetting('', 5, 1, 20)).toBe(5);
    expect(numberSetting('  ', 5, 1, 20)).toBe(5);
    expect(numberSetting('abc', 5, 1, 20)).toBe(5);
    expect(numberSetting('Infinity', 5, 1, 20)).toBe(5);
  });
  it('rounds and clamps', () => {
    expect(numberSetting('0', 5, 1, 20)).toBe(1);
    expect(numberSetting('-3', 5, 1, 20)).toBe(1);
    expect(numberSetting('50', 5, 1, 20)).toBe(20);
    expect(numberSetting('7.6', 5, 1, 20)).toBe(8);
    expect(numberSetting('0.333', 0.9, 0.5, 0.99, false)).toBe(0.5);
    expect(numberSetting('0.95', 0.9, 0.5, 0.99, false)).toBe(0.95);
  });
});

describe('recommendation settings', () => {
  it('defaults', () => {
    expect(recommendSettings(from(''))).toEqual({ n: 5, rankBy: 'revenue', excludeBought: true, coldStart: 'top', inactiveDays: 180, method: 'auto' });
  });
  it('?n=0 and ?n=50 are clamped to the 1–20 the page offers', () => {
    expect(recommendSettings(from('n=0')).n).toBe(1);
    expect(recommendSettings(from('n=50')).n).toBe(20);
    expect(recommendSettings(from('n=abc')).n).toBe(5);
  });
  it('reads every choice', () => {
    expect(recommendSettings(from('n=8&rank=count&keep=1&cold=trending&inactive=off&method=copurchase'))).toEqual({
      n: 8, rankBy: 'count', excludeBought: false, coldStart: 'trending', inactiveDays: null, method: 'copurchase',
    });
    expect(recommendSettings(from('inactive=0&method=bogus')).inactiveDays).toBe(1);
    expect(recommendSettings(from('method=bogus')).method).toBe('auto');
  });
  it('pair thresholds: support in percent becomes a fraction; counts at least 1', () => {
    expect(pairSettings(from(''))).toEqual({ minSupport: 0.001, minCount: 3 });
    expect(pairSettings(from('ms=250&mc=0'))).toEqual({ minSupport: 1, minCount: 1 });
    expect(pairSettings(from('ms=-1&mc=2.4'))).toEqual({ minSupport: 0, minCount: 2 });
  });
});

describe('forecast, lifetime value, rules, clusters', () => {
  it('forecast: grain, horizon 1–60, order', () => {
    expect(forecastSettings(from(''))).toEqual({ grain: 'month', h: 6, includePartial: false, spec: null });
    expect(forecastSettings(from('fgrain=week&h=0&partial=1&order=1,1,1c'))).toEqual({
      grain: 'week', h: 1, includePartial: true, spec: { p: 1, d: 1, q: 1, P: 0, D: 0, Q: 0, constant: true },
    });
    expect(forecastSettings(from('fgrain=year&h=999')).grain).toBe('month');
    expect(forecastSettings(from('h=999')).h).toBe(60);
    expect(parseOrder('1,1')).toBeNull();
    expect(parseOrder('2,1,0,1,1,0')).toEqual({ p: 2, d: 1, q: 0, P: 1, D: 1, Q: 0, constant: false });
  });
  it('lifetime value: months 1–120, discount 0–0.5, days 1–3650', () => {
    expect(clvSettings(from(''))).toEqual({ unit: 'days', months: 12, discount: 0.01, split: null, days: 90 });
    expect(clvSettings(from('unit=weeks&months=0&discount=3&days=99999&split=2011-06-01'))).toEqual({ unit: 'weeks', months: 1, discount: 0.5, split: '2011-06-01', days: 3650 });
  });
  it('rules: spend quantile 0.5–0.99, frequency threshold only when given', () => {
    expect(ruleSettings(from(''))).toEqual({ spendQuantile: 0.9 });
    expect(ruleSettings(from('sq=2&ft=3.5'))).toEqual({ spendQuantile: 0.99, frequencyThreshold: 3.5 });
  });
  it('k: 2–10 or auto', () => {
    expect(chosenK('')).toBe('auto');
    expect(chosenK('auto')).toBe('auto');
    expect(chosenK('1')).toBe(2);
    expect(chosenK('44')).toBe(10);
    expect(viewSettings(from('k=4&kf=spend~log')).clusters).toEqual({ k: 4, features: 'spend~log' });
  });
});

describe('one reading for page and report', () => {
  it('UrlState.settings is the same parse', () => {
    const url = new UrlState('?n=50&h=0&discount=9&tab=recommend');
    expect(url.settings.recommend.n).toBe(20);
    expect(url.settings.forecast.h).toBe(1);
    expect(url.settings.clv.discount).toBe(0.5);
    url.set('n', 0);
    expect(url.settings.recommend.n).toBe(1);
  });
  it('each section reads only its own keys (so a view does not rerun on another view\'s setting)', () => {
    const seen: string[] = [];
    const s = viewSettings((k) => (seen.push(k), undefined));
    void s.recommend;
    expect(seen.sort()).toEqual(['cold', 'inactive', 'keep', 'method', 'n', 'rank']);
    expect(JSON.parse(JSON.stringify(viewSettings(from('n=3')))).recommend.n).toBe(3);
  });
});
