// Answers of view statements that read `sales` (and the tables built with it, such as the
// sales days) and nothing a filter change rebuilds, remembered by the state of `sales` and
// the statement's text: a filter set again, or cleared ("Clear all" back to the whole data),
// is answered without a query. Used by Breakdowns and Trends.
//   - `key` names the state of `sales` (the dataset's salesRevision: a new file, mapping or
//     cleaning rules give a new one). Without a key nothing is remembered.
//   - Not under a filter on customer groups (segment, RFM, cluster): their tables change
//     (re-clustering above all) without a new key, so such statements always run.
//   - The newest SIZE answers are kept, shared by every view (most recently used last).
import type { Connector } from '../engine/connector';
import { toRows, type Row } from '../engine/rows';
import type { Filters } from '../sql/filters';
import { lruGet, lruSet } from '../pipeline/memo';

const answers = new Map<string, Row[]>();
const SIZE = 160;
/** Filter columns that read tables of customer groups (segments, RFM, clusters) rather than `sales`. */
const CUSTOMER_GROUPS = ['segment', 'rfm', 'cluster'];

/** The state of `sales` the answers belong to, and the filters the statements' WHERE came from. */
export interface SalesState {
  key?: string;
  filters?: Filters;
}

/** Reads statements over `sales` through the shared memory of answers. */
export interface SalesAnswers {
  /** The statement's rows: remembered, or queried and remembered. */
  rows(sql: string): Promise<Row[]>;
  /** The rows remembered for this statement, if any (no query). */
  known(sql: string): Row[] | undefined;
  /** Remembers rows for a statement (rows that statement would give, computed another way). */
  remember(sql: string, rows: Row[]): void;
  /** Whether anything is remembered at all under this state (false without a key or under a customer-group filter). */
  readonly keeps: boolean;
}

/** Whether any filter reads a table of customer groups. */
export function filtersCustomerGroups(filters: Filters | undefined): boolean {
  return Object.entries(filters?.dims ?? {}).some(([c, v]) => CUSTOMER_GROUPS.includes(c) && v.length > 0);
}

/** A reader of statements over `sales` for one load of a view. */
export function salesAnswers(conn: Connector, state: SalesState | undefined, signal?: AbortSignal): SalesAnswers {
  const dataKey = state?.key !== undefined && state.filters && !filtersCustomerGroups(state.filters) ? state.key : undefined;
  const keyOf = (sql: string): string | undefined => (dataKey === undefined ? undefined : JSON.stringify([dataKey, sql]));
  const known = (sql: string): Row[] | undefined => {
    const k = keyOf(sql);
    return k === undefined ? undefined : lruGet(answers, k);
  };
  const remember = (sql: string, rows: Row[]): void => {
    const k = keyOf(sql);
    if (k !== undefined) lruSet(answers, k, rows, SIZE);
  };
  return {
    keeps: dataKey !== undefined,
    known,
    remember,
    async rows(sql: string): Promise<Row[]> {
      const hit = known(sql);
      if (hit) return hit;
      const r = toRows(await conn.query(sql, signal));
      remember(sql, r);
      return r;
    },
  };
}
