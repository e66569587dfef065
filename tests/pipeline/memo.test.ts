// Cached results (src/pipeline/memo.ts) must never outlive the data or filter they were
// computed on: a new cleaning run (new version), a changed label table behind a segment
// filter, or a table rebuilt for other settings each force a new run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abortError } from '../../src/engine/connector';
import { forgetMemo, memo, memoKey, salesVersionSql, stampSql, tableStamp } from '../../src/pipeline/memo';
import { openTestDb, type TestDb } from '../helpers/duckdb';

describe('memo', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(`CREATE TABLE sales AS SELECT 'c1' AS customer_id; CREATE TABLE rule_segments AS SELECT 'c1' AS customer_id, 'Champion' AS segment`);
  });
  afterAll(() => db.close());

  it('without a dataset version nothing is cached', async () => {
    let runs = 0;
    await memo(db, 'x', 'TRUE', {}, async () => ++runs);
    await memo(db, 'x', 'TRUE', {}, async () => ++runs);
    expect(runs).toBe(2);
    expect(await memoKey(db, 'x', 'TRUE', {})).toBeNull();
  });

  it('same version, filter and settings: one run; any of them different: a new run', async () => {
    await db.exec(salesVersionSql());
    forgetMemo(db);
    let runs = 0;
    const run = async (): Promise<number> => ++runs;
    expect(await memo(db, 'x', 'TRUE', { n: 5 }, run)).toBe(1);
    expect(await memo(db, 'x', 'TRUE', { n: 5 }, run)).toBe(1);
    expect(await memo(db, 'x', 'TRUE', { n: 6 }, run)).toBe(2);
    expect(await memo(db, 'x', "country = 'UK'", { n: 5 }, run)).toBe(3);
    expect(await memo(db, 'y', 'TRUE', { n: 5 }, run)).toBe(4);
    await db.exec(salesVersionSql()); // cleaning ran again
    expect(await memo(db, 'x', 'TRUE', { n: 5 }, run)).toBe(5);
  });

  it('a segment filter is keyed by the segment table content', async () => {
    await db.exec(salesVersionSql());
    const where = `customer_id IN (SELECT customer_id FROM rule_segments WHERE segment IN ('Champion'))`;
    let runs = 0;
    const run = async (): Promise<number> => ++runs;
    expect(await memo(db, 'x', where, null, run)).toBe(1);
    expect(await memo(db, 'x', where, null, run)).toBe(1);
    await db.exec(`CREATE OR REPLACE TABLE rule_segments AS SELECT 'c2' AS customer_id, 'Champion' AS segment`);
    expect(await memo(db, 'x', where, null, run)).toBe(2);
  });

  it('concurrent callers share one run; a failure is not kept', async () => {
    await db.exec(salesVersionSql());
    let runs = 0;
    const slow = async (): Promise<number> => {
      runs++;
      await new Promise((r) => setTimeout(r, 30));
      return runs;
    };
    const [a, b] = await Promise.all([memo(db, 'z', 'TRUE', null, slow), memo(db, 'z', 'TRUE', null, slow)]);
    expect([a, b, runs]).toEqual([1, 1, 1]);
    let fails = 0;
    const failing = async (): Promise<number> => {
      fails++;
      throw new Error('boom');
    };
    await expect(memo(db, 'f', 'TRUE', null, failing)).rejects.toThrow('boom');
    await expect(memo(db, 'f', 'TRUE', null, failing)).rejects.toThrow('boom');
    expect(fails).toBe(2);
  });

  it('a cancelled shared run is redone for a caller that was not cancelled', async () => {
    await db.exec(salesVersionSql());
    const first = new AbortController();
    let runs = 0;
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const p1 = memo(db, 'c', 'TRUE', null, () => {
      runs++;
      started();
      return new Promise<number>((_, reject) => first.signal.addEventListener('abort', () => reject(abortError())));
    }, first.signal);
    await running;
    const p2 = memo(db, 'c', 'TRUE', null, async () => ++runs);
    await new Promise((r) => setTimeout(r, 20)); // p2 is now waiting on p1's run
    first.abort();
    await expect(p1).rejects.toMatchObject({ name: 'AbortError' });
    expect(await p2).toBe(2);
  });

  it('a table carries the key it was built for', async () => {
    await db.exec(`CREATE OR REPLACE TABLE recommendations AS SELECT 1 AS x; ${stampSql('recommendations', "k'1\nv")}`);
    expect(await tableStamp(db, 'recommendations')).toBe("k'1\nv");
    await db.exec(`CREATE OR REPLACE TABLE recommendations AS SELECT 2 AS x`);
    expect(await tableStamp(db, 'recommendations')).toBe('');
    expect(await tableStamp(db, 'no_such_table')).toBe('');
  });
});

describe('stableJson', () => {
  it('ignores key order, keeps array order', async () => {
    const { stableJson } = await import('../../src/pipeline/memo');
    expect(stableJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(stableJson({ a: { c: null, d: [2, 1] }, b: 1 }));
    expect(stableJson({ a: [1, 2] })).not.toBe(stableJson({ a: [2, 1] }));
  });
});
