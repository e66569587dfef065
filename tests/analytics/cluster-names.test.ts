// Plain-language segment names from hand-made profiles (standard deviations from the mean).
import { describe, expect, it } from 'vitest';
import { nameClusters, profilesFromCentroids, type NamedFeature } from '../../src/analytics/cluster-names';

const RFM: NamedFeature[] = [
  { kind: 'recency', label: 'days since last purchase' },
  { kind: 'frequency', label: 'orders' },
  { kind: 'monetary', label: 'total spend' },
];

describe('nameClusters', () => {
  it('reads spend first, then the features that stand out, in a fixed order', () => {
    const names = nameClusters({
      features: RFM,
      profiles: [
        [-1.1, 1.4, 1.8], // recent, frequent, big spenders
        [1.3, -0.2, -0.9], // lapsed, low spend; frequency unremarkable
        [0.1, 0.2, 0.1], // average on everything
        [-0.7, -0.8, 0.3], // recent but occasional, mid spend
      ],
    });
    expect(names).toEqual(['High spend · frequent · recent', 'Low spend · lapsed', 'Mid spend', 'Mid spend · occasional · recent']);
  });

  it('uses the words of each kind and keeps the strongest parts only', () => {
    const features: NamedFeature[] = [
      { kind: 'age', label: 'age' },
      { kind: 'income', label: 'income' },
      { kind: 'score', label: 'spending score' },
      { kind: 'tenure', label: 'tenure' },
      { kind: 'other', label: 'returns' },
    ];
    const names = nameClusters({
      features,
      profiles: [
        [-1.0, 1.2, 1.3, 0, 0], // younger, high income, high score
        [1.5, -0.6, -1.2, 0.1, 0.9], // four stand out; the weakest (income, 0.6) is left out
        [0, 0, 0, -2, 0],
      ],
    });
    expect(names).toEqual(['High income · high spending score · younger', 'Low spending score · older · high returns', 'New']);
  });

  it('calls a profile with nothing remarkable and no spend feature an average profile', () => {
    expect(nameClusters({ features: [{ kind: 'age', label: 'age' }], profiles: [[0.2], [-1]] })).toEqual(['Average profile', 'Younger']);
  });

  it('tells apart clusters that would share a name, in words first, then by letter', () => {
    const names = nameClusters({
      features: RFM,
      profiles: [
        [-0.2, 1.0, 1.2], // high spend · frequent, slightly recent
        [0.3, 0.9, 1.1], // high spend · frequent, slightly lapsed
        [0.9, 0, 0], // mid spend · lapsed
        [1.2, 0, 0], // the same again: no other feature to tell them apart
      ],
    });
    expect(names).toEqual(['High spend · frequent · recent', 'High spend · frequent · lapsed', 'Mid spend · lapsed (A)', 'Mid spend · lapsed (B)']);
    expect(new Set(names).size).toBe(names.length);
  });

  it('takes profiles straight from standardised centroids', () => {
    const centroids = Float64Array.from([1, 1, 1, -1, -1, -1]);
    expect(nameClusters({ features: RFM, profiles: profilesFromCentroids(centroids, 2, 3) })).toEqual([
      'High spend · frequent · lapsed',
      'Low spend · occasional · recent',
    ]);
  });

  it('honours the threshold and the cap on parts', () => {
    const profiles = [[-0.4, 0.4, 0.45]];
    expect(nameClusters({ features: RFM, profiles })).toEqual(['Mid spend']);
    expect(nameClusters({ features: RFM, profiles, threshold: 0.3 })).toEqual(['High spend · frequent · recent']);
    expect(nameClusters({ features: RFM, profiles, threshold: 0.3, maxParts: 2 })).toEqual(['High spend · recent']);
  });

  it('rejects a profile of the wrong length', () => {
    expect(() => nameClusters({ features: RFM, profiles: [[1, 2]] })).toThrow(/profile 0 has 2 values for 3 features/);
  });
});
