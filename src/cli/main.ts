// basket-lens: the command line. analyse writes the report.json the page exports, check
// runs the data tests for a scheduler to gate on, sql queries the cleaned `sales` table —
// all on native DuckDB through the same Connector, src/sql, src/pipeline and src/analysis.
// Exit codes: 0 done, 1 a data test failed (check), 2 unusable input or command line,
// 3 something else went wrong.
import { readFileSync, writeFileSync } from 'node:fs';
import { Type, type Table } from 'apache-arrow';
import { fullReport, defaultView } from '../analysis/full-report';
import { inProcessJobs } from '../analysis/jobs';
import { DatasetError } from '../pipeline/dataset';
import { isOutOfMemory } from '../pipeline/memory';
import { ReadRefusal } from '../pipeline/read/refusal';
import { LOCKDOWN_SQL } from '../engine/lockdown';
import { HELP, parseArgs, UsageError, type CliArgs } from './args';
import { checkExitCode, checkJson, checkJunit, checkText } from './check-format';
import { openSources } from './files';
import { loadDataset } from './load';
import { openNativeDb, type NativeDb } from './native-connector';
import { progressOn, type Progress } from './progress';

/** The app's version (package.json), written into report.json as the page does. */
function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** Where a run writes (stdout for results, stderr for progress and messages). */
export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

async function open(args: CliArgs, progress: Progress): Promise<{ db: NativeDb; ds: Awaited<ReturnType<typeof loadDataset>> }> {
  const { sources, paths } = await openSources(args.files);
  const db = await openNativeDb({ ...(args.threads ? { threads: args.threads } : {}), ...(args.memoryLimit ? { memoryLimit: args.memoryLimit } : {}), ...(args.tempDir ? { tempDir: args.tempDir } : {}), scratchFile: Boolean(args.memoryLimit) });
  try {
    const ds = await loadDataset(db, sources, paths, { roles: args.roles, rules: args.rules, ruleOptions: defaultView().settings.rules, relaxOrder: Boolean(args.memoryLimit), keepRaw: args.command === 'sql' }, progress);
    return { db, ds };
  } catch (e) {
    db.close();
    throw e;
  }
}

/** One value of a result for printing: dates ISO, numbers as they are, NULL empty. */
function cell(v: unknown, type: Type): string {
  if (v === null || v === undefined) return '';
  if (type === Type.Date) return new Date(Number(v)).toISOString().slice(0, 10);
  if (type === Type.Timestamp) return new Date(Number(v)).toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
  if (typeof v === 'object') return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));
  return String(v);
}

/** A query result as an aligned table, CSV (RFC 4180) or JSON rows. */
export function formatResult(t: Table, format: string): string {
  const fields = t.schema.fields;
  const cols = fields.map((_, i) => t.getChildAt(i));
  const rows: string[][] = [];
  for (let r = 0; r < t.numRows; r++) rows.push(fields.map((f, c) => cell(cols[c]?.get(r), f.typeId)));
  if (format === 'csv') {
    const q = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
    return [fields.map((f) => q(f.name)).join(','), ...rows.map((r) => r.map(q).join(','))].join('\n') + '\n';
  }
  if (format === 'json') {
    const out = [];
    for (let r = 0; r < t.numRows; r++) {
      const o: Record<string, unknown> = {};
      fields.forEach((f, c) => {
        const v = cols[c]?.get(r) as unknown;
        o[f.name] = v === null || v === undefined ? null : f.typeId === Type.Date || f.typeId === Type.Timestamp ? cell(v, f.typeId) : typeof v === 'bigint' ? Number(v) : typeof v === 'object' ? JSON.parse(cell(v, f.typeId)) : v;
      });
      out.push(o);
    }
    return `${JSON.stringify(out, null, 2)}\n`;
  }
  const widths = fields.map((f, c) => Math.min(60, Math.max(f.name.length, ...rows.map((r) => (r[c] as string).length))));
  const numeric = fields.map((f) => f.typeId === Type.Int || f.typeId === Type.Float || f.typeId === Type.Decimal);
  const fit = (s: string, c: number): string => {
    const w = widths[c] as number;
    const t2 = s.length > w ? `${s.slice(0, w - 1)}…` : s;
    return numeric[c] ? t2.padStart(w) : t2.padEnd(w);
  };
  const line = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [fields.map((f, c) => fit(f.name, c)).join(' | '), line, ...rows.map((r) => r.map(fit).join(' | ')), `(${t.numRows.toLocaleString('en')} ${t.numRows === 1 ? 'row' : 'rows'})`].join('\n') + '\n';
}

/** Runs one command line; resolves to the exit code. */
export async function run(argv: readonly string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  if (args.command === 'help') {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (args.command === 'version') {
    io.stdout.write(`${appVersion()}\n`);
    return 0;
  }
  const progress = progressOn(io.stderr, args.quiet);
  const started = performance.now();
  let db: NativeDb | null = null;
  try {
    const opened = await open(args, progress);
    db = opened.db;
    const ds = opened.ds;
    if (args.command === 'analyse') {
      const report = await fullReport(db, inProcessJobs, ds, { version: appVersion(), onStage: (s) => progress.stage(s) });
      const out = args.out ?? 'report.json';
      writeFileSync(out, JSON.stringify(report, null, 2));
      progress.done(`Wrote ${out}: ${ds.analysis.clean.quality.rows_clean.toLocaleString('en')} clean rows of ${ds.name}`);
      return 0;
    }
    if (args.command === 'check') {
      const checks = ds.analysis.clean.quality.checks;
      const format = args.format ?? 'text';
      progress.done();
      const seconds = (performance.now() - started) / 1000;
      io.stdout.write(format === 'junit' ? checkJunit(ds.name, checks, args.warnError, seconds) : format === 'json' ? checkJson(ds.name, checks, args.warnError) : checkText(ds.name, checks, args.warnError));
      return checkExitCode(checks, args.warnError);
    }
    // sql: the user's query sees the loaded tables only (no file or network access from here on)
    for (const s of LOCKDOWN_SQL.slice(1)) await db.exec(s);
    progress.stage('Running the query');
    let result: Table;
    try {
      result = await db.query(args.query as string);
    } catch (e) {
      progress.done();
      io.stderr.write(`The query failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\nThe cleaned data is the table sales (see basket-lens --help).\n`);
      return 2;
    }
    progress.done();
    io.stdout.write(formatResult(result, args.format ?? 'table'));
    return 0;
  } catch (e) {
    progress.done();
    if (e instanceof UsageError) {
      io.stderr.write(`${e.message}\n`);
      return 2;
    }
    if (e instanceof ReadRefusal || e instanceof DatasetError) {
      io.stderr.write(`${e.title}\n${e.message}\n`);
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    if (isOutOfMemory(msg)) {
      io.stderr.write(`Not enough memory for this data\nDuckDB stopped with: ${msg.split('\n')[0]}. Some steps need more memory than --memory-limit allows even when DuckDB spills to disk: raise --memory-limit, use fewer --threads, and give a --temp-dir with free space.\n`);
      return 2;
    }
    io.stderr.write(`Something went wrong\n${msg.split('\n')[0]}\n`);
    return 3;
  } finally {
    db?.close();
  }
}

// run when executed (bin/basket-lens.mjs imports this file), not when a test imports it
if (process.env.BASKET_LENS_CLI === '1') {
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
