// Loading files for the command line, the way the page does (src/state/dataset.svelte.ts
// readInto/build): read every source into raw_next (src/pipeline/read, decodes in-process),
// promote and detect roles, apply --roles, clean and measure, build the customers and
// segment tables. Files are read by DuckDB from their own paths; only text that needs
// converting (UTF-16, Windows-1252, a cut-off gzip) goes through a temporary file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeToIpc } from '../pipeline/read/decode';
import { readSources, type ReadHost, type Source } from '../pipeline/read/load';
import { SIZE_LIMITS } from '../pipeline/read/format';
import { adoptStaged, analyse, buildCustomers, DatasetError } from '../pipeline/dataset';
import { ReadRefusal } from '../pipeline/read/refusal';
import { keepsRaw, releaseRaw } from '../pipeline/memory';
import { readError } from '../pipeline/messages';
import { withRole, type Mapping } from '../mapping/detect';
import { detectDate } from '../mapping/dates';
import { refineDateOrder, refineDecimalSeparators, refinePriceConvention, type RawProfile } from '../pipeline/profile';
import { buildSegmentTables, snapshotCustomers } from '../pipeline/segments';
import type { CleanRules } from '../sql/clean';
import type { RuleOptions } from '../sql/segments';
import type { Role } from '../mapping/roles';
import type { LoadedDataset } from '../analysis/full-report';
import type { NativeDb } from './native-connector';
import type { Progress } from './progress';

/** The browser's size limits are a tab's 4 GB; native DuckDB spills to disk instead. */
function liftTabLimits(): void {
  for (const k of Object.keys(SIZE_LIMITS) as (keyof typeof SIZE_LIMITS)[]) SIZE_LIMITS[k] = Number.POSITIVE_INFINITY;
}

/** A ReadHost on native DuckDB: `paths` are the files behind the sources' Blobs (read in place). */
export function nativeReadHost(db: NativeDb, paths: Map<Blob, string>, progress: Progress, signal: AbortSignal): ReadHost & { cleanup(): void } {
  let dir: string | null = null;
  let counter = 0;
  const written = new Set<string>();
  return {
    conn: db,
    signal,
    registerFile: async (source, ext) => {
      const own = source instanceof Blob ? paths.get(source) : undefined;
      // DuckDB tells gzip from the name: a file is read in place when its name ends as asked
      if (own && own.toLowerCase().endsWith(ext.toLowerCase())) return own;
      dir ??= mkdtempSync(join(tmpdir(), 'basket-lens-'));
      const path = join(dir, `file-${++counter}${ext}`);
      writeFileSync(path, source instanceof Uint8Array ? source : new Uint8Array(await source.arrayBuffer()));
      written.add(path);
      return path;
    },
    forgetFile: (name) => {
      if (written.delete(name)) rmSync(name, { force: true });
    },
    readFile: (sql) => db.exec(sql, signal),
    decode: (file, format, options) => decodeToIpc(file, format, options),
    insertArrow: (table, ipc) => db.insertArrow(table, ipc, signal),
    progress: (label, done, total) => progress.update(label, done, total),
    // native DuckDB spills to disk (--memory-limit, --temp-dir): no file is too big to read whole, so no sample is offered
    memoryLimit: Number.POSITIVE_INFINITY,
    cleanup: () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a load needs besides the files. */
export interface LoadOptions {
  roles: { role: Role; column: string }[];
  rules: CleanRules;
  ruleOptions: RuleOptions;
  /**
   * Under a memory limit: after the files are read (in order: footer lines and line numbers
   * need it), let DuckDB drop insertion order, so aggregations and joins spill instead of
   * running out of memory. Figures are the same; only labels of rows without a transaction
   * id ("row N") may number differently.
   */
  relaxOrder?: boolean;
  /**
   * Keep `raw` (every column as text) whatever its size, for `sql`. Otherwise, as on the
   * page, a raw table of RAW_KEEP_MAX_ROWS rows or more is dropped once cleaning has made
   * `lines`: at 10M lines it is the largest table, and under --memory-limit 512MB the
   * customers table ran out of memory beside it.
   */
  keepRaw?: boolean;
}

/** Applies --roles to a detected mapping as the Columns tab does (date notation and id form re-detected, then refined on all rows). */
async function applyRoles(db: NativeDb, profile: RawProfile, base: Mapping, roles: LoadOptions['roles']): Promise<Mapping> {
  let m = base;
  for (const { role, column } of roles) {
    const col = profile.columns.find((c) => c.name === column) ?? profile.columns.find((c) => c.name.toLowerCase() === column.toLowerCase());
    if (!col) throw new DatasetError('No such column', `--roles names “${column}”, but the columns are ${profile.columns.map((c) => `“${c.name}”`).join(', ')}.`);
    m = withRole(m, col.name, role);
    if (role === 'date') m = { ...m, date: detectDate(col.samples, true) };
    if (role === 'customer') m = { ...m, customerDotZero: col.samples.some((v) => /^\s*\d+\.0+\s*$/.test(v)) };
  }
  return refinePriceConvention(db, await refineDecimalSeparators(db, await refineDateOrder(db, m)));
}

/** Reads, detects, cleans and measures the files; throws ReadRefusal or DatasetError (the page's words) for unusable input. */
export async function loadDataset(db: NativeDb, sources: Source[], paths: string[], o: LoadOptions, progress: Progress, signal = new AbortController().signal): Promise<LoadedDataset> {
  liftTabLimits();
  const display = sources.length === 1 ? sources[0]!.name : `${sources.length} files: ${sources.map((s) => s.name).join(', ')}`;
  const host = nativeReadHost(db, new Map(sources.map((s, i) => [s.blob, paths[i] as string])), progress, signal);
  progress.stage(`Reading ${display}`);
  let read;
  try {
    read = await readSources(host, sources);
  } catch (e) {
    throw e instanceof ReadRefusal || e instanceof DatasetError ? e : readError(e, display);
  } finally {
    host.cleanup();
  }
  if (o.relaxOrder) await db.exec('SET preserve_insertion_order = false');
  progress.stage(`Typing and detecting the columns (${read.rows.toLocaleString('en')} rows)`);
  const adopted = await adoptStaged(db);
  const mapping = o.roles.length ? await applyRoles(db, adopted.profile, adopted.mapping, o.roles) : adopted.mapping;
  const analysis = await analyse(db, adopted.profile, mapping, o.rules, (s) => progress.stage(s === 'cleaning' ? 'Cleaning and data tests' : 'Measuring (KPIs)'));
  if (!o.keepRaw && !keepsRaw(read.rows)) await releaseRaw(db);
  // a database file (under --memory-limit) writes what cleaning built to the file, so those
  // blocks can leave memory (until a checkpoint they are held as changes); a no-op in memory
  await db.exec('CHECKPOINT');
  progress.stage('Building the customers table');
  await buildCustomers(db, analysis.context, 'TRUE');
  if (analysis.context.hasCustomers) {
    progress.stage('Building customer segments (rules, RFM)');
    await snapshotCustomers(db);
    await buildSegmentTables(db, o.ruleOptions);
  }
  return { name: display, profile: adopted.profile, mapping, analysis, read };
}
