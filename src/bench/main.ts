// The benchmark page's entry (bench.html): the app's own load pipeline, SQL and models,
// timed in the browser. scripts/bench drives it with Playwright and runs the same SQL on
// native DuckDB for the ratio.
import { browserConnector as conn, runCancellable } from '../engine/browser-connector';
import { getEngine } from '../engine/db';
import { registerFile } from '../engine/files';
import { adoptStaged, analyse, buildCustomers, type Analysis } from '../pipeline/dataset';
import { DEFAULT_RULES } from '../sql/clean';
import { readCsvSql } from '../sql/load';
import { transfer } from 'comlink';
import { runInLane } from '../workers/analytics-client';
import { evaluateRecommendations } from '../pipeline/recommendations';
import { viewSettings } from '../analysis/settings';

/** A named query and its time. */
export interface Timed {
  id: string;
  ms: number;
  rows?: number;
}

const input = (id: string): File => {
  const f = (document.getElementById(id) as HTMLInputElement).files?.[0];
  if (!f) throw new Error(`no file in #${id}`);
  return f;
};

/** The last analysis load() made (the evaluation builds its customers table). */
let last: Analysis | null = null;

const bench = {
  /** Starts the engine (not timed by the load). */
  async init(): Promise<string> {
    return (await getEngine()).version;
  },
  /** The thread count DuckDB runs queries on now. */
  async threads(): Promise<number> {
    const t = await conn.query("SELECT current_setting('threads')::INTEGER AS t");
    return Number(t.getChild('t')?.get(0));
  },
  /** Reads the file in #file into raw, then profiles, cleans and computes KPIs; times each part. */
  async load(): Promise<Timed[]> {
    const file = input('file');
    const name = await registerFile(file, file.name.endsWith('.gz') ? '.csv.gz' : '.csv');
    const out: Timed[] = [];
    let t = performance.now();
    await runCancellable(readCsvSql(name, 'raw_next'), () => undefined, new AbortController().signal);
    out.push({ id: 'read csv', ms: performance.now() - t });
    t = performance.now();
    const adopted = await adoptStaged(conn);
    out.push({ id: 'profile + detect', ms: performance.now() - t });
    t = performance.now();
    last = await analyse(conn, adopted.profile, adopted.mapping, DEFAULT_RULES);
    out.push({ id: 'clean + quality + KPIs', ms: performance.now() - t });
    return out;
  },
  /** The leave-last-out recommendation evaluation with the tab's default settings on the loaded data, timed (no cache). */
  async evaluate(): Promise<{ ms: number; evaluated: number; popularity: number; copurchase: number | null }> {
    const s = viewSettings(() => undefined).recommend;
    // the customers table the app builds after the Overview (not timed: the evaluation's own work is)
    if (last) await buildCustomers(conn, last.context, 'TRUE');
    const t = performance.now();
    const e = await evaluateRecommendations(conn, { n: s.n, rankBy: s.rankBy, excludeBought: s.excludeBought, where: 'TRUE' });
    return { ms: performance.now() - t, evaluated: e.evaluated, popularity: e.methods.popularity.hit_rate, copurchase: e.methods.copurchase?.hit_rate ?? null };
  },
  /** Registers the file in #file (as the app does) and returns its DuckDB name, for ad-hoc timings. */
  async register(): Promise<string> {
    const file = input('file');
    return registerFile(file, file.name.endsWith('.gz') ? '.csv.gz' : '.csv');
  },
  /** Runs a statement the way file loads run (cancellable, with progress), timed. */
  async send(sql: string): Promise<number> {
    const t = performance.now();
    await runCancellable(sql, () => undefined, new AbortController().signal);
    return performance.now() - t;
  },
  /** Runs queries in order, timing each (results are fetched, as the app would). */
  async run(queries: { id: string; sql: string }[]): Promise<Timed[]> {
    const out: Timed[] = [];
    for (const q of queries) {
      const t = performance.now();
      const table = await conn.query(q.sql);
      out.push({ id: q.id, ms: performance.now() - t, rows: table.numRows });
    }
    return out;
  },
  /**
   * k-means (k, n_init = 1) in the analytics worker on the points file in #points (format
   * of scripts/bench/kmeans-points.mjs), per seed; with `inits` (k*d centres per seed) also
   * Lloyd alone from those centres. Records main-thread tasks over 50 ms meanwhile.
   */
  async kmeans(k: number, seeds: number, inits: (number[] | null)[]): Promise<{ runs: { seed: number; full: { ms: number; iterations: number; inertia: number }; lloyd: { ms: number; iterations: number; inertia: number } | null }[]; longTasks: number[] }> {
    const buf = await input('points').arrayBuffer();
    const head = new DataView(buf, 0, 16);
    const n = head.getUint32(4, true);
    const d = head.getUint32(8, true);
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
    try {
      observer.observe({ type: 'longtask', buffered: false });
    } catch {
      // longtask entries unsupported: the list stays empty
    }
    const runs = [];
    for (let seed = 0; seed < seeds; seed++) {
      const data = new Float64Array(buf.slice(16));
      const full = await runInLane('misc', (api) => api.kmeansBench(transfer({ data, n, d, k, seed, init: null }, [data.buffer])));
      let lloyd = null;
      const init = inits[seed];
      if (init) {
        const data2 = new Float64Array(buf.slice(16));
        lloyd = await runInLane('misc', (api) => api.kmeansBench(transfer({ data: data2, n, d, k, seed, init: Float64Array.from(init) }, [data2.buffer])));
      }
      runs.push({ seed, full, lloyd });
    }
    observer.disconnect();
    return { runs, longTasks };
  },
};

(window as unknown as { __bench: typeof bench }).__bench = bench;
