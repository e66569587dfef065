// What the SQL tab lists beside the editor: every relation of the main schema (the app's
// canonical tables, the segment/cluster tables as they appear, and the user's own), with
// columns, types and row counts. The loading staging table is hidden. Takes the query
// function, so the view (src/components/console) builds no SQL.
import type { Table } from 'apache-arrow';
import { toRows } from '../engine/rows';
import { ident, literal } from '../sql/ident';

/** A column of a listed relation. */
export interface SchemaColumn {
  name: string;
  type: string;
}

/** A table or view with its columns; `rows` is null for views (counting would run them). */
export interface SchemaTable {
  name: string;
  kind: 'table' | 'view';
  columns: SchemaColumn[];
  rows: number | null;
}

/** What the side list shows, and the words that need quoting as names. */
export interface SchemaInfo {
  tables: SchemaTable[];
  reserved: ReadonlySet<string>;
}

/** Relations never listed: the staging table a load writes before it replaces `raw`. */
export const HIDDEN_TABLES: readonly string[] = ['raw_next'];

/** Every column of every table and view of the main schema (this database and temp), in table then column order. */
export function schemaSql(): string {
  return `SELECT c.table_name, t.table_type, c.column_name, c.data_type
FROM information_schema.columns c
JOIN information_schema.tables t USING (table_catalog, table_schema, table_name)
WHERE c.table_schema = 'main'
  AND c.table_catalog IN (current_database(), 'temp')
  AND c.table_name NOT IN (${HIDDEN_TABLES.map(literal).join(', ')})
ORDER BY c.table_name, c.ordinal_position`;
}

/** Row counts of the named tables, one query (exact: count(*) on a DuckDB table reads no column data). */
export function rowCountsSql(tables: readonly string[]): string {
  return tables.map((t) => `SELECT ${literal(t)} AS name, count(*)::BIGINT AS n FROM ${ident(t)}`).join('\nUNION ALL\n');
}

/** DuckDB's reserved words: a name equal to one must be quoted. */
export const RESERVED_SQL = `SELECT lower(keyword_name) AS k FROM duckdb_keywords() WHERE keyword_category = 'reserved'`;

type Query = (sql: string, signal?: AbortSignal) => Promise<Table>;

/** A count that met a table dropped since the listing (DuckDB's Catalog Error). */
function vanished(e: unknown): boolean {
  return e instanceof Error && /^Catalog Error: Table with name .* does not exist/.test(e.message);
}

/**
 * Loads the listed relations, their row counts and the reserved words. The listing and the
 * counts are two queries: a table dropped in between (the data cube rebuilt in the background,
 * a new dataset swapped in) makes it list again, up to three times, instead of failing.
 */
export async function loadSchema(query: Query, signal?: AbortSignal): Promise<SchemaInfo> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await listOnce(query, signal);
    } catch (e) {
      if (attempt >= 3 || signal?.aborted || !vanished(e)) throw e;
    }
  }
}

async function listOnce(query: Query, signal?: AbortSignal): Promise<SchemaInfo> {
  const cols = toRows(await query(schemaSql(), signal));
  const byName = new Map<string, SchemaTable>();
  for (const r of cols) {
    const name = String(r.table_name);
    let t = byName.get(name);
    if (!t) {
      t = { name, kind: String(r.table_type).toUpperCase().includes('VIEW') ? 'view' : 'table', columns: [], rows: null };
      byName.set(name, t);
    }
    t.columns.push({ name: String(r.column_name), type: String(r.data_type) });
  }
  const tables = [...byName.values()];
  const counted = tables.filter((t) => t.kind === 'table').map((t) => t.name);
  if (counted.length) {
    for (const r of toRows(await query(rowCountsSql(counted), signal))) {
      const t = byName.get(String(r.name));
      if (t) t.rows = Number(r.n);
    }
  }
  const reserved = new Set(toRows(await query(RESERVED_SQL, signal)).map((r) => String(r.k)));
  return { tables: sortTables(tables), reserved };
}

// the app's canonical tables first, in the order an analyst reaches for them; the rest by name
const FIRST = ['sales', 'customers', 'raw', 'lines', 'returns'];

function sortTables(tables: SchemaTable[]): SchemaTable[] {
  const rank = (n: string): number => {
    const i = FIRST.indexOf(n);
    return i < 0 ? FIRST.length : i;
  };
  return tables.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

/** A name as it should be typed into SQL: bare when it is a plain lower-case word, double-quoted otherwise. */
export function quoteName(name: string, reserved: ReadonlySet<string>): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !reserved.has(name) ? name : ident(name);
}
