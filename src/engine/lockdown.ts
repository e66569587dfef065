// What closes DuckDB to the outside world once the app has set it up (issue 16). Pure
// constants, no engine import, so the Node tests run the very same statements.
// Measured on DuckDB 1.4.3 (duckdb-wasm Node build and headless Chromium):
// - `enable_external_access = false` refuses every file or URL (read_csv, read_text, glob,
//   COPY, ATTACH 'x.db', EXPORT/IMPORT DATABASE, LOAD) with a Permission Error, and
//   cannot be set back ("Cannot change enable_external_access setting while database is running").
// - It refuses our own registered files too, unless they sit under `allowed_directories`,
//   which must be set first and is frozen afterwards ("Cannot change allowed_directories
//   when enable_external_access is disabled"); `..` out of the folder is refused.
// - ATTACH ':memory:' (our datasets) and `SET threads` (singleThreaded) keep working.

/** The one folder DuckDB may read once external access is off; every registered file is named inside it. */
export const FILE_DIR = '/basket-lens/';

/** The statements that close the engine, in order (allowed_directories first: it is frozen after). */
export const LOCKDOWN_SQL = [`SET allowed_directories = ['${FILE_DIR}']`, `SET enable_external_access = false`] as const;
