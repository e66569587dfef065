// Seeded random numbers: every model that samples takes one of these, so the same
// data and settings always give the same result (k-means restarts, silhouette samples,
// simulations in tests). The generator is sfc32 seeded through splitmix32.

/** A seeded random source; all draws are deterministic for a given seed. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller, one value per call). */
  normal(): number;
  /** Gamma(shape, scale): mean shape·scale (Marsaglia–Tsang). */
  gamma(shape: number, scale: number): number;
  /** Beta(a, b). */
  beta(a: number, b: number): number;
  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate: number): number;
  /** Poisson with mean lambda (Knuth for small means, normal approximation above 500). */
  poisson(lambda: number): number;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates a random source from an integer seed. */
export function createRandom(seed: number): Random {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();

  const normal = (): number => {
    let u = next();
    while (u <= Number.EPSILON) u = next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };

  const gamma = (shape: number, scale: number): number => {
    if (!(shape > 0) || !(scale > 0)) throw new Error(`invalid gamma parameters: shape ${shape}, scale ${scale}`);
    if (shape < 1) {
      // Boost: Gamma(k) = Gamma(k + 1) · U^(1/k)
      let u = next();
      while (u <= Number.EPSILON) u = next();
      return gamma(shape + 1, scale) * Math.pow(u, 1 / shape);
    }
    const dd = shape - 1 / 3;
    const cc = 1 / Math.sqrt(9 * dd);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + cc * x;
      } while (v <= 0);
      v = v * v * v;
      const u = next();
      if (u < 1 - 0.0331 * x * x * x * x) return dd * v * scale;
      if (Math.log(u) < 0.5 * x * x + dd * (1 - v + Math.log(v))) return dd * v * scale;
    }
  };

  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal,
    gamma,
    beta: (x, y) => {
      const g1 = gamma(x, 1);
      const g2 = gamma(y, 1);
      return g1 / (g1 + g2);
    },
    exponential: (rate) => {
      let u = next();
      while (u <= Number.EPSILON) u = next();
      return -Math.log(u) / rate;
    },
    poisson: (lambda) => {
      if (lambda <= 0) return 0;
      if (lambda > 500) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
      const l = Math.exp(-lambda);
      let k = 0;
      let p = 1;
      do {
        k++;
        p *= next();
      } while (p > l);
      return k - 1;
    },
  };
}
