// Loading a dataset end to end, independent of where DuckDB runs:
//   1. profile the freshly read table (`raw_next`) and detect roles
//   2. refuse it with a helpful message if nothing usable is in it (the old data stays)
//   3. promote it to `raw` and run cleaning + KPIs
// The browser state (src/state/dataset.svelte.ts) and the Node tests both call these.
import type { Connector } from '../engine/connector';
import { isUsable, type Mapping } from '../mapping/detect';
import type { CleanRules } from '../sql/clean';
import { runCleaning, type CleanResult } from './clean';
import { computeKpis, type Kpis } from './kpis';
import { dataContext, type DataContext } from './context';
import { metricsSuite } from '../sql/metrics-suite';
import { detectAndRefine, profileRaw, type RawProfile } from './profile';
import { readSources, type ReadHost, type Source, type SourceOptions } from './read/load';

/** A load that was refused, with words for the user: what was wrong and what to do. */
export class DatasetError extends Error {
  override name = 'DatasetError';
  constructor(
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a promoted table is: its profile and detected mapping. */
export interface Adopted {
  profile: RawProfile;
  mapping: Mapping;
}

/** Everything computed from `raw` for one mapping and rule set. */
export interface Analysis {
  clean: CleanResult;
  kpis: Kpis;
  context: DataContext;
}

const list = (names: string[]): string => names.map((n) => `“${n}”`).join(', ');

/** Validates `staging` and, if usable, replaces `raw` with it; throws DatasetError otherwise (dropping `staging`). */
export async function adoptStaged(conn: Connector, staging = 'raw_next'): Promise<Adopted> {
  const profile = await profileRaw(conn, staging);
  const names = profile.columns.map((c) => c.name);
  const refuse = async (title: string, message: string): Promise<never> => {
    await conn.exec(`DROP TABLE IF EXISTS ${staging}`);
    throw new DatasetError(title, message);
  };
  if (profile.rows === 0) {
    return refuse('The file has no data rows', `Only a header was found (columns: ${list(names)}). Export the data again with its rows, then load it.`);
  }
  const mapping = await detectAndRefine(conn, profile, staging);
  if (!isUsable(mapping)) {
    const single = names.length === 1;
    return refuse(
      single ? 'This does not look like a table' : 'No customer, date or amount column found',
      single
        ? `DuckDB found one column (${list(names)}), so this is probably not a comma-, semicolon- or tab-separated file with a header row. Check the file, or export it again as CSV.`
        : `The columns are ${list(names)}. The app needs at least a customer id, a purchase date, or an amount (or quantity and unit price). Rename those columns (for example customer_id, order_date, amount) and load the file again.`,
    );
  }
  await conn.exec(`DROP TABLE IF EXISTS raw; ALTER TABLE ${staging} RENAME TO raw`);
  return { profile, mapping };
}

/** A step of analyse(), reported as it starts (for the progress panel). */
export type AnalyseStage = 'cleaning' | 'measuring';

/** Cleans `raw` with a mapping and rules and computes the KPIs; buildCustomers() follows once the page shows them. */
export async function analyse(conn: Connector, profile: RawProfile, mapping: Mapping, rules: CleanRules, onStage?: (stage: AnalyseStage) => void): Promise<Analysis> {
  onStage?.('cleaning');
  const clean = await runCleaning(conn, profile, mapping, rules);
  onStage?.('measuring');
  const kpis = await computeKpis(conn);
  const context = await dataContext(conn, mapping, clean.select);
  return { clean, kpis, context };
}

/** (Re)builds the `customers` table for a context and filter; drops it when there are no customers. */
export async function buildCustomers(conn: Connector, ctx: DataContext, where = 'TRUE', signal?: AbortSignal): Promise<void> {
  if (!ctx.hasCustomers) {
    await conn.exec('DROP TABLE IF EXISTS customers', signal);
    return;
  }
  // the same statement the metrics suite (and so the benchmark) runs
  const sql = metricsSuite({ ...ctx, where }).find((q) => q.id === 'customers-table')?.sql;
  if (sql) await conn.exec(sql, signal);
}

/** Reads the dataset's files again into `raw` (after releaseRaw), with the reading choices they were loaded with, for cleaning again. */
export async function rereadRaw(host: ReadHost, sources: Source[], options: SourceOptions[]): Promise<void> {
  await readSources(host, sources, options, 'raw_next');
  await host.conn.exec('DROP TABLE IF EXISTS raw; ALTER TABLE raw_next RENAME TO raw');
}
