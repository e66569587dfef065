// The pending-work count behind html[data-pending] and the "bl:settled" mark the benchmark
// and e2e tests wait for (src/state/activity.ts), and the Loader counting its runs.
import { describe, expect, it } from 'vitest';
import { beginWork, pendingWork, whenViewsSettled } from '../../src/state/activity';
import { Loader } from '../../src/state/loader.svelte';

const settledMarks = (): number => performance.getEntriesByName('bl:settled').length;

describe('view work count', () => {
  it('counts work until each piece ends, once, and marks the moment it falls to 0', () => {
    const before = pendingWork();
    const marks = settledMarks();
    const a = beginWork();
    const b = beginWork();
    expect(pendingWork()).toBe(before + 2);
    a();
    a(); // ending twice counts once
    expect(pendingWork()).toBe(before + 1);
    expect(settledMarks()).toBe(marks);
    b();
    expect(pendingWork()).toBe(before);
    expect(settledMarks()).toBe(before === 0 ? marks + 1 : marks);
  });

  it('a Loader run is pending until it settles, also when it fails or is superseded', async () => {
    const before = pendingWork();
    const l = new Loader<number>();
    let release: (v: number) => void = () => undefined;
    const first = l.load(() => new Promise<number>((ok) => (release = ok)));
    expect(pendingWork()).toBe(before + 1);
    const second = l.load(async () => {
      throw new Error('no');
    });
    await second;
    expect(pendingWork()).toBe(before + 1);
    release(1);
    await first;
    expect(pendingWork()).toBe(before);
    expect(l.error).toBe('no');
    expect(l.value).toBeNull();
  });
});

describe('whenViewsSettled', () => {
  it('waits while view work is under way and resolves once it has ended (not before)', async () => {
    const end = beginWork();
    let settled = false;
    const wait = whenViewsSettled(undefined, 20, 10_000).then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 80));
    expect(settled).toBe(false);
    end();
    await wait;
    expect(settled).toBe(true);
    expect(pendingWork()).toBe(0);
  });

  it('gives up after maxMs, and at once when the signal aborts, so a stuck view never blocks the caller', async () => {
    const end = beginWork();
    const t0 = Date.now();
    await whenViewsSettled(undefined, 20, 60);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
    const c = new AbortController();
    c.abort();
    await whenViewsSettled(c.signal, 20, 60_000); // resolves: the test would time out otherwise
    end();
  });
});

