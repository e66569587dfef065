import { describe, expect, it } from 'vitest';
import { toRows } from '../../src/engine/rows';
import { openTestDb } from '../helpers/duckdb';

describe('test harness', () => {
  it('runs DuckDB 1.4.3 with extension autoloading off', async () => {
    const db = await openTestDb();
    const rows = toRows(await db.query("SELECT version() AS v, current_setting('autoload_known_extensions') AS auto, 2::BIGINT AS n"));
    expect(rows[0]).toEqual({ v: 'v1.4.3', auto: false, n: 2 });
    db.close();
  });
});
