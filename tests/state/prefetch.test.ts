// Background computation of the slow tabs (src/state/prefetch.ts): which steps run for which
// data, in order, and that a cancelled or failing run stops or skips cleanly.
import { describe, expect, it } from 'vitest';
import { prefetch, prefetchSteps, type PrefetchStep } from '../../src/state/prefetch';
import { viewSettings } from '../../src/analysis/settings';
import { abortError, type Connector } from '../../src/engine/connector';
import type { DataContext } from '../../src/pipeline/context';

const conn = {} as Connector;
const settings = viewSettings(() => undefined);
const facts = { customers: 100, repeat_customers: 60, days: 300, months: 12, complete_months: 11, span_days: 360, categories: 5, products: 50, baskets: 400, multi_baskets: 200 };
const ctx = (over: Partial<DataContext> = {}): DataContext =>
  ({ hasDates: true, hasCustomers: true, hasAmount: true, hasCategory: true, hasProduct: true, dimensions: ['product', 'category'], attributes: [], labels: {}, facts, ...over }) as unknown as DataContext;

describe('prefetchSteps', () => {
  it('a full transaction file: clusters, recommendations, pairs, forecast, lifetime value, and the evaluation (a background panel) last', () => {
    expect(prefetchSteps(conn, ctx(), 'transaction', settings, 'TRUE').map((s) => s.label)).toEqual([
      'customer clusters',
      'recommendations',
      'frequently bought together',
      'forecast',
      'lifetime value',
      'recommendation quality',
    ]);
  });
  it('one row per customer: no lifetime value; no dates: no forecast', () => {
    expect(prefetchSteps(conn, ctx(), 'customer', settings, 'TRUE').map((s) => s.label)).not.toContain('lifetime value');
    expect(prefetchSteps(conn, ctx({ hasDates: false }), 'transaction', settings, 'TRUE').map((s) => s.label)).toEqual(['customer clusters', 'recommendations', 'frequently bought together', 'recommendation quality']);
  });
  it('products without customers: pairs only', () => {
    expect(prefetchSteps(conn, ctx({ hasCustomers: false, hasDates: false }), 'transaction', settings, 'TRUE').map((s) => s.label)).toEqual(['frequently bought together']);
  });
});

describe('prefetch', () => {
  const step = (label: string, log: string[], fail?: Error): PrefetchStep => ({
    label,
    run: async () => {
      log.push(label);
      if (fail) throw fail;
    },
  });
  it('runs the steps in order, skips a failing one, reports progress and ends with null', async () => {
    const log: string[] = [];
    const progress: (string | null)[] = [];
    await prefetch([step('a', log), step('b', log, new Error('no data')), step('c', log)], new AbortController().signal, (l) => progress.push(l));
    expect(log).toEqual(['a', 'b', 'c']);
    expect(progress).toEqual(['a', 'b', 'c', null]);
  });
  it('an overlapping step (k-means in its worker) does not hold back the next ones, and the run ends only when it has', async () => {
    const log: string[] = [];
    let finish: () => void = () => undefined;
    const slow: PrefetchStep = { label: 'k', overlaps: true, run: () => new Promise<void>((r) => (finish = () => { log.push('k done'); r(); })) };
    let ended = false;
    const run = prefetch([slow, step('b', log), step('c', log)], new AbortController().signal, (l) => { if (l === null) ended = true; }).then(() => log.push('end'));
    await new Promise((r) => setTimeout(r, 10));
    expect(log).toEqual(['b', 'c']);
    expect(ended).toBe(false);
    finish();
    await run;
    expect(log).toEqual(['b', 'c', 'k done', 'end']);
    expect(ended).toBe(true);
    // a failing overlapping step is skipped like any other
    const log2: string[] = [];
    await prefetch([{ label: 'f', overlaps: true, run: () => Promise.reject(new Error('no features')) }, step('b', log2)], new AbortController().signal);
    expect(log2).toEqual(['b']);
    expect(prefetchSteps(conn, ctx(), 'transaction', settings, 'TRUE')[0]).toMatchObject({ label: 'customer clusters', overlaps: true });
  });
  it('stops at a cancellation', async () => {
    const log: string[] = [];
    const c = new AbortController();
    const cancelling: PrefetchStep = { label: 'x', run: async () => { log.push('x'); c.abort(); throw abortError(); } };
    await prefetch([step('a', log), cancelling, step('c', log)], c.signal);
    expect(log).toEqual(['a', 'x']);
  });
});
