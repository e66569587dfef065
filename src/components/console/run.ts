// Runs the console's text: every statement in order, the last one's rows kept as Arrow.
// A read query is fetched through a LIMIT wrapper (one row more than shown, to know
// whether there are more), so a 500k-row result never crosses to the page in full;
// CSV export re-runs it whole. Engine-agnostic: takes the query function.
import type { Table } from 'apache-arrow';
import { scriptRefusal } from './guard';
import { duckdbMessage, limitedSql, parseScript, unwrapLineNumbers, type StatementKind } from './statement';

/** Runs one SQL statement and returns its Arrow result; rejects with an AbortError when the signal fires. */
export type QueryFn = (sql: string, signal: AbortSignal) => Promise<Table>;

/** What a run produced; `table` is what the grid shows. */
export interface RunResult {
  /** The rows to show (at most `limit`), or null when the last statement returned none (CREATE, SET…). */
  table: Table | null;
  /** True when the last statement has more rows than `table` holds. */
  truncated: boolean;
  /** Every row of the result when already held (export needs no re-run). */
  complete: Table | null;
  /** The statement to run again for the full result when `complete` is null. */
  rerunSql: string | null;
  /** How the last statement was run. */
  kind: StatementKind;
  /** How many statements ran. */
  statements: number;
  /** Rows inserted/updated/deleted, when DuckDB reported a count. */
  changed: number | null;
  /** True when a statement ran for its effect (tables may have been created or dropped). */
  schemaChanged: boolean;
}

/** The first rows shown for a read query. */
export const DISPLAY_LIMIT = 10_000;

/**
 * Runs the user's text; statement errors carry DuckDB's message (prefixed with the statement number in a script).
 * A statement reaching outside the tab (guard.ts) refuses the whole run before anything is sent: a RefusedError.
 */
export async function runScript(send: QueryFn, text: string, signal: AbortSignal, limit = DISPLAY_LIMIT): Promise<RunResult | null> {
  const statements = parseScript(text);
  if (!statements.length) return null;
  const refused = scriptRefusal(statements.map((s) => s.sql));
  if (refused) {
    const err = new Error(refused);
    err.name = 'RefusedError';
    throw err;
  }
  let schemaChanged = false;
  const query = readable(send);
  for (let i = 0; i < statements.length - 1; i++) {
    const s = statements[i] as (typeof statements)[number];
    if (s.kind === 'effect') schemaChanged = true;
    await numbered(i, statements.length, () => query(s.sql, signal));
  }
  const last = statements[statements.length - 1] as (typeof statements)[number];
  const result = await numbered(statements.length - 1, statements.length, () => runLast(query, last.sql, last.kind, signal, limit));
  return { ...result, statements: statements.length, schemaChanged: schemaChanged || result.schemaChanged };
}

/** The query function with DuckDB's errors in their usual text form. */
function readable(query: QueryFn): QueryFn {
  return async (sql, signal) => {
    try {
      return await query(sql, signal);
    } catch (e) {
      if (!(e instanceof Error) || e.name === 'AbortError') throw e;
      const err = new Error(duckdbMessage(e.message));
      err.name = e.name;
      throw err;
    }
  };
}

async function numbered<T>(i: number, n: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (n === 1 || !(e instanceof Error) || e.name === 'AbortError') throw e;
    const err = new Error(`Statement ${i + 1} of ${n}: ${e.message}`);
    err.name = e.name;
    throw err;
  }
}

type Last = Omit<RunResult, 'statements'>;

async function runLast(query: QueryFn, sql: string, kind: StatementKind, signal: AbortSignal, limit: number): Promise<Last> {
  if (kind === 'query') {
    let table: Table;
    try {
      table = await query(limitedSql(sql, limit + 1), signal);
    } catch (e) {
      if (!(e instanceof Error) || e.name === 'AbortError') throw e;
      // a statement the wrapper cannot hold (WITH … INSERT, a typo): run it as written, so a
      // syntax error is reported against the user's own text
      if (/^Parser Error/i.test(e.message)) return asWritten(await query(sql, signal), limit, 'effect');
      const err = new Error(unwrapLineNumbers(e.message));
      err.name = e.name;
      throw err;
    }
    const truncated = table.numRows > limit;
    return { table: truncated ? table.slice(0, limit) : table, truncated, complete: truncated ? null : table, rerunSql: truncated ? sql : null, kind, changed: null, schemaChanged: false };
  }
  return asWritten(await query(sql, signal), limit, kind);
}

/** A statement run as written: a lone Count/Success column is a report, anything else is rows. */
function asWritten(table: Table, limit: number, kind: StatementKind): Last {
  const names = table.schema.fields.map((f) => f.name);
  const effect = kind === 'effect';
  if (effect && (names.length === 0 || (names.length === 1 && names[0] === 'Success'))) {
    return { table: null, truncated: false, complete: null, rerunSql: null, kind, changed: null, schemaChanged: true };
  }
  if (effect && names.length === 1 && names[0] === 'Count' && table.numRows <= 1) {
    const v = table.numRows ? (table.getChildAt(0)?.get(0) as unknown) : null;
    return { table: null, truncated: false, complete: null, rerunSql: null, kind, changed: v === null || v === undefined ? null : Number(v), schemaChanged: true };
  }
  // rows of a statement that ran as written (DESCRIBE, INSERT … RETURNING): all are held; a re-run could repeat its effect
  const truncated = table.numRows > limit;
  return { table: truncated ? table.slice(0, limit) : table, truncated, complete: table, rerunSql: null, kind, changed: null, schemaChanged: effect };
}

/** The whole result of a run, for export: the held table, or the last statement run again without the limit. */
export async function fullResult(query: QueryFn, result: RunResult, signal: AbortSignal): Promise<Table | null> {
  if (result.complete) return result.complete;
  if (result.rerunSql) return readable(query)(result.rerunSql, signal);
  return null;
}
