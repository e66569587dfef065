import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/analytics/random';
import { nelderMead } from '../../src/analytics/optim/nelder-mead';

describe('createRandom', () => {
  it('repeats for the same seed and differs for another', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });
  it('draws gamma and beta with the right means', () => {
    const r = createRandom(7);
    let g = 0;
    let bsum = 0;
    const n = 40000;
    for (let i = 0; i < n; i++) {
      g += r.gamma(0.25, 4);
      bsum += r.beta(0.8, 2.5);
    }
    expect(g / n).toBeCloseTo(1, 1); // mean 0.25·4 = 1, sd/sqrt(n) ≈ 0.01
    expect(bsum / n).toBeCloseTo(0.8 / 3.3, 2);
  });
});

describe('nelderMead', () => {
  it('finds the Rosenbrock minimum at (1, 1)', () => {
    const res = nelderMead((x) => 100 * ((x[1] as number) - (x[0] as number) ** 2) ** 2 + (1 - (x[0] as number)) ** 2, [-1.2, 1]);
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 4);
    expect(res.x[1]).toBeCloseTo(1, 4);
  });
});
