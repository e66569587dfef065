// Which features k-means starts on (src/components/segments/clusters-load.ts): behaviour
// where there are transactions, the best-separating pair otherwise, never age alone.
import { describe, expect, it } from 'vitest';
import { chosenFeatures, defaultPair, featureOptions } from '../../src/analysis/clusters';
import type { DataContext } from '../../src/pipeline/context';

const ctx = (o: Partial<DataContext>): DataContext => ({
  hasDates: true,
  hasTimes: false,
  hasCustomers: true,
  hasCategory: false,
  hasProduct: true,
  hasAmount: true,
  dimensions: [],
  attributes: [],
  labels: { age: 'Age', income: 'Annual Income (k$)', score: 'Spending Score (1-100)' },
  ...o,
});
const defaults = (c: DataContext, grain: 'transaction' | 'customer'): string[] => chosenFeatures(featureOptions(c, grain), '').map((f) => f.option.name);

describe('default k-means features', () => {
  it('a transaction file clusters on spend, frequency and recency (even with age present)', () => {
    expect(defaults(ctx({ attributes: ['age'] }), 'transaction')).toEqual(['recency_days', 'visits', 'spend']);
  });

  it('a Mall-like customer file clusters on income vs spending score, not on age', () => {
    const d = defaults(ctx({ hasDates: false, hasAmount: false, hasProduct: false, attributes: ['age', 'income', 'score'] }), 'customer');
    expect(d).toEqual(['income', 'score']); // x = income, y = score: the scatter opens on this pair
  });

  it('a file whose only numeric customer column is age never clusters on age alone', () => {
    // one purchase per customer, amount and age (the Istanbul malls file): amount and age, not "age vs age"
    expect(defaults(ctx({ attributes: ['age'] }), 'customer')).toEqual(['spend', 'age']);
    // age and nothing else: nothing by default
    expect(defaults(ctx({ hasAmount: false, attributes: ['age'] }), 'customer')).toEqual([]);
  });

  it('ranks other numeric columns above demographics', () => {
    expect(defaultPair([{ name: 'age', kind: 'age' }, { name: 'x_rating', kind: 'other' }, { name: 'spend', kind: 'monetary' }])).toEqual(['spend', 'x_rating']);
    expect(defaultPair([{ name: 'spend', kind: 'monetary' }])).toEqual(['spend']);
    expect(defaultPair([{ name: 'age', kind: 'age' }])).toEqual([]);
  });

  it('a URL choice still wins over the defaults', () => {
    expect(chosenFeatures(featureOptions(ctx({ attributes: ['age', 'income', 'score'] }), 'customer'), 'age,score~log').map((f) => [f.option.name, f.log])).toEqual([
      ['age', false],
      ['score', true],
    ]);
  });
});
