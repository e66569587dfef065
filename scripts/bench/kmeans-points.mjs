// k-means benchmark helper, two commands:
//
//   node scripts/bench/kmeans-points.mjs write [n=1000000] [d=3] [blobs=8] [seed=1]
//     Writes .bench/kmeans-points.f64: a seeded mixture of Gaussian blobs, shaped like
//     standardised customer features (log spend, log frequency, recency), so our
//     TypeScript k-means and scikit-learn (scripts/reference/kmeans_bench.py) time the
//     same input. Layout: "KMP1", uint32 n, uint32 d, uint32 0 (16 bytes), then n*d
//     float64 little-endian, row-major. numpy: np.fromfile(path, "<f8", offset=16).
//
//   node scripts/bench/kmeans-points.mjs time [k=8] [seeds=5] [repeats=3]
//     Bundles src/analytics/kmeans/index.ts with rolldown (Node 20 cannot run .ts) and times
//     kmeans(n_init=1) per seed: a full fit (our k-means++ + Lloyd) and, when
//     kmeans_bench.py has written .bench/kmeans-init-<seed>.f64, a fit from sklearn's
//     own k-means++ centres, so iteration counts and Lloyd time compare like for like.
//     Best of `repeats` runs, milliseconds, one thread.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pointsPath = resolve(root, '.bench/kmeans-points.f64');
const [command = 'write', ...args] = process.argv.slice(2);

if (command === 'write') write(...args.map(Number));
else if (command === 'time') await time(...args.map(Number));
else throw new Error(`unknown command ${command}: use write or time`);

function write(n = 1_000_000, d = 3, blobs = 8, seed = 1) {
  // mulberry32: the bench data only need to be reproducible, not to match src/analytics/random.ts.
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());

  // Centres in a box wide enough to separate some groups and overlap others; unequal
  // weights and spreads, as real segments are.
  const centres = Array.from({ length: blobs * d }, () => -2.5 + 5 * next());
  const spreads = Array.from({ length: blobs }, () => 0.4 + 0.8 * next());
  const weights = Array.from({ length: blobs }, () => 0.3 + next());
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative = [];
  weights.reduce((acc, w, i) => (cumulative[i] = acc + w / total), 0);

  const buf = Buffer.alloc(16 + n * d * 8);
  buf.write('KMP1', 0, 'latin1');
  buf.writeUInt32LE(n, 4);
  buf.writeUInt32LE(d, 8);
  const data = new Float64Array(buf.buffer, buf.byteOffset + 16, n * d);
  for (let i = 0; i < n; i++) {
    const u = next();
    let b = 0;
    while (b < blobs - 1 && u > cumulative[b]) b++;
    for (let j = 0; j < d; j++) data[i * d + j] = centres[b * d + j] + spreads[b] * normal();
  }
  mkdirSync(dirname(pointsPath), { recursive: true });
  writeFileSync(pointsPath, buf);
  console.log(`wrote ${pointsPath}: n=${n} d=${d} blobs=${blobs} seed=${seed}`);
}

async function time(k = 8, seeds = 5, repeats = 3) {
  const bundle = resolve(root, '.bench/kmeans.bundle.mjs');
  execFileSync(resolve(root, 'node_modules/.bin/rolldown'), ['src/analytics/kmeans/index.ts', '--format', 'esm', '--platform', 'node', '--file', bundle], {
    cwd: root,
    stdio: 'ignore',
  });
  const { kmeans } = await import(pathToFileURL(bundle).href);
  const buf = readFileSync(pointsPath);
  if (buf.toString('latin1', 0, 4) !== 'KMP1') throw new Error(`${pointsPath} is not a kmeans-points file`);
  const n = buf.readUInt32LE(4);
  const d = buf.readUInt32LE(8);
  const data = new Float64Array(n * d);
  new Uint8Array(data.buffer).set(buf.subarray(16));
  const bestOf = (fn) => {
    let best = Infinity;
    let out;
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      out = fn();
      best = Math.min(best, performance.now() - t0);
    }
    return [best, out];
  };
  bestOf(() => kmeans(data, n, d, { k, nInit: 1, seed: 99 })); // warm the JIT
  console.log(`ours (node ${process.version})  n=${n} d=${d} k=${k}`);
  console.log('seed  full_ms  full_iter  full_inertia      lloyd_ms  lloyd_iter  lloyd_inertia');
  const sum = { full: 0, fullIter: 0, lloyd: 0, lloydIter: 0 };
  for (let seed = 0; seed < seeds; seed++) {
    const [fullMs, full] = bestOf(() => kmeans(data, n, d, { k, nInit: 1, seed }));
    sum.full += fullMs;
    sum.fullIter += full.iterations;
    let line = `${String(seed).padStart(4)}  ${fullMs.toFixed(1).padStart(7)}  ${String(full.iterations).padStart(9)}  ${full.inertia.toFixed(3).padStart(14)}`;
    const initPath = resolve(root, `.bench/kmeans-init-${seed}.f64`);
    if (existsSync(initPath)) {
      const b = readFileSync(initPath);
      const init = new Float64Array(k * d);
      new Uint8Array(init.buffer).set(b);
      const [ms, res] = bestOf(() => kmeans(data, n, d, { k, init }));
      line += `  ${ms.toFixed(1).padStart(8)}  ${String(res.iterations).padStart(10)}  ${res.inertia.toFixed(3).padStart(14)}`;
      sum.lloyd += ms;
      sum.lloydIter += res.iterations;
    }
    console.log(line);
  }
  console.log(` sum  ${sum.full.toFixed(1).padStart(7)}  ${String(sum.fullIter).padStart(9)}  ${''.padStart(14)}  ${sum.lloyd.toFixed(1).padStart(8)}  ${String(sum.lloydIter).padStart(10)}`);
}
