// The benchmark page's entry (bench.html): the app's own load pipeline, SQL and models,
// timed in the browser. scripts/bench drives it with Playwright and runs the same SQL on
// native DuckDB for the ratio.
import { browserConnector as conn, runCancellable } from '../engine/browser-connector';
import { getEngine } from '../engine/db';
import { registerFile } from '../engine/files';
import { adoptStaged, analyse } from '../pipeline/dataset';
import { DEFAULT_RULES } from '../sql/clean';
import { readCsvSql } from '../sql/load';

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

const bench = {
  /** Starts the engine (not timed by the load). */
  async init(): Promise<string> {
    return (await getEngine()).version;
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
    await analyse(conn, adopted.profile, adopted.mapping, DEFAULT_RULES);
    out.push({ id: 'clean + quality + KPIs', ms: performance.now() - t });
    return out;
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
};

(window as unknown as { __bench: typeof bench }).__bench = bench;
