import { describe, expect, it } from 'vitest';
import { singleThreaded, type Engine } from '../../src/engine/db';
import { duckdbVariant, usesThreadedBuild } from '../../src/engine/variant';

// A stand-in engine that records the statements sent to its connection.
function fakeEngine(threads: number): { engine: Engine; sent: string[] } {
  const sent: string[] = [];
  const conn = { query: (sql: string) => (sent.push(sql), Promise.resolve(null)) };
  return { engine: { threads, conn, db: null, version: 'test' } as unknown as Engine, sent };
}

describe('singleThreaded', () => {
  it('leaves a one-thread engine alone', async () => {
    const { engine, sent } = fakeEngine(1);
    expect(await singleThreaded(engine, () => Promise.resolve(7))).toBe(7);
    expect(sent).toEqual([]);
  });

  it('drops to one thread around the task and restores the count', async () => {
    const { engine, sent } = fakeEngine(3);
    const result = await singleThreaded(engine, async () => {
      sent.push('task');
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(sent).toEqual(['SET threads = 1', 'task', 'SET threads = 3']);
  });

  it('restores the thread count when the task fails', async () => {
    const { engine, sent } = fakeEngine(2);
    await expect(singleThreaded(engine, () => Promise.reject(new Error('read failed')))).rejects.toThrow('read failed');
    expect(sent).toEqual(['SET threads = 1', 'SET threads = 2']);
  });
});

describe('usesThreadedBuild', () => {
  it('offers the multithreaded build from two cores, not on one (or an unknown count)', () => {
    expect(usesThreadedBuild(1)).toBe(false);
    expect(usesThreadedBuild(undefined)).toBe(false);
    expect(usesThreadedBuild(2)).toBe(true);
    expect(usesThreadedBuild(3)).toBe(true);
    expect(usesThreadedBuild(16)).toBe(true);
  });
  it('a page not cross-origin isolated runs the single-threaded build whatever its cores', () => {
    expect(duckdbVariant(true, 2)).toBe('coi');
    expect(duckdbVariant(true, 1)).toBe('eh');
    expect(duckdbVariant(false, 8)).toBe('eh');
  });
});
