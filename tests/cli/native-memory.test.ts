// The native connector under a memory limit (src/cli/native-connector.ts): a script runs one
// statement at a time; one that runs out of memory (or a query that does) runs once more on one
// thread, and then the thread count is restored; statements before it are not run again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNativeDb, type NativeDb } from '../../src/cli/native-connector';
import { toRows } from '../../src/engine/rows';

describe('native connector under --memory-limit', () => {
  let db: NativeDb;
  const temp = mkdtempSync(join(tmpdir(), 'basket-mem-'));
  const one = async (sql: string): Promise<unknown> => Object.values(toRows(await db.query(sql))[0] ?? {})[0];
  beforeAll(async () => {
    db = await openNativeDb({ threads: 2, memoryLimit: '64MB', tempDir: temp });
  });
  afterAll(() => {
    db.close();
    rmSync(temp, { recursive: true, force: true });
  });

  it('runs every statement of a script (tables, inserts, comments, settings, drops)', async () => {
    await db.exec(`CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1), (2); COMMENT ON TABLE a IS 'k'; SET preserve_insertion_order = false; CREATE TEMP TABLE b AS SELECT sum(x) AS s FROM a; DROP TABLE a`);
    expect(await one('SELECT s FROM b')).toBe(3);
    expect(await one(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'a'`)).toBe(0);
  });

  it('a statement out of memory on one thread too fails with DuckDB’s message; what ran before it ran once; threads are restored', async () => {
    // a list of 30 million integers is one aggregate state (≈ 240 MB): it cannot spill
    await expect(db.exec(`CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1); CREATE TABLE big AS SELECT list(i) AS l FROM range(30000000) r(i); INSERT INTO t VALUES (2)`)).rejects.toThrow(/Out of Memory/);
    expect(await one('SELECT count(*) FROM t')).toBe(1);
    expect(await one(`SELECT current_setting('threads')`)).toBe(2);
    expect(await one(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'big'`)).toBe(0);
  });

  it('a query out of memory on one thread too fails with DuckDB’s message; threads are restored', async () => {
    await expect(db.query(`SELECT len(list(i)) AS n FROM range(30000000) r(i)`)).rejects.toThrow(/Out of Memory/);
    expect(await one(`SELECT current_setting('threads')`)).toBe(2);
    expect(await one('SELECT 40 + 2')).toBe(42);
  });

  it('with scratchFile keeps its tables in a database file of its own in the temp folder, removed on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'basket-scratch-'));
    const disk = await openNativeDb({ threads: 1, memoryLimit: '64MB', tempDir: dir, scratchFile: true });
    await disk.exec('CREATE TABLE x AS SELECT range AS i FROM range(1000)');
    expect(toRows(await disk.query(`SELECT count(*) AS n, (SELECT path IS NOT NULL FROM duckdb_databases() WHERE database_name = current_database()) AS on_disk FROM x`))[0]).toEqual({ n: 1000, on_disk: true });
    const made = readdirSync(dir).filter((f) => f.startsWith('basket-lens-db-'));
    expect(made).toHaveLength(1);
    disk.close();
    expect(existsSync(join(dir, made[0] as string))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
