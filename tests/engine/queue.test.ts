// The connection's task queue (src/engine/queue.ts): one task at a time; the oldest task of
// the most urgent lane goes next; lower lanes wait out a grace period after foreground work,
// so a view's chain of awaited queries is not interleaved with background statements.
import { describe, expect, it } from 'vitest';
import { BACKGROUND, DERIVED, FOREGROUND, Preempted, TaskQueue, type Lane, type QueueTimers } from '../../src/engine/queue';

/** A manual clock: timers fire only when advance() passes them. */
function manualTimers(): QueueTimers & { advance(ms: number): Promise<void> } {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (h) => {
      timers = timers.filter((t) => t.id !== h);
    },
    async advance(ms: number) {
      // continuations still pending (a task's end) set their timers at the current time first
      await flush();
      const until = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const t = timers[0];
        if (!t || t.at > until) break;
        timers.shift();
        now = t.at;
        t.fn();
        await flush();
      }
      now = until;
      await flush();
    },
  };
}

/** Lets every settled promise's continuations run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** A task the test finishes by hand. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

describe('TaskQueue', () => {
  it('runs one task at a time, in order within a lane', async () => {
    const q = new TaskQueue(0);
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, 2));
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all(['a', 'b', 'c'].map((n) => q.run(task(n))));
    expect(results).toEqual(['a', 'b', 'c']);
    expect(most).toBe(1);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('starts queued foreground tasks before background ones queued earlier, never stopping the running one', async () => {
    const timers = manualTimers();
    const q = new TaskQueue(0, timers);
    const order: string[] = [];
    const first = gate();
    const running = q.run(async () => {
      order.push('bg1');
      await first.promise;
    }, BACKGROUND);
    await flush();
    const later = [
      q.run(async () => void order.push('bg2'), BACKGROUND),
      q.run(async () => void order.push('derived1'), DERIVED),
      q.run(async () => void order.push('fg1'), FOREGROUND),
      q.run(async () => void order.push('bg3'), BACKGROUND),
      q.run(async () => void order.push('fg2'), FOREGROUND),
      q.run(async () => void order.push('derived2'), DERIVED),
    ];
    await flush();
    // the running background task is not interrupted, nothing else starts meanwhile
    expect(order).toEqual(['bg1']);
    expect(q.queued()).toEqual([2, 2, 2]);
    first.open();
    await running;
    await timers.advance(1);
    await Promise.all(later);
    expect(order).toEqual(['bg1', 'fg1', 'fg2', 'derived1', 'derived2', 'bg2', 'bg3']);
  });

  it('holds a lower lane back for the grace period after foreground work, so a chain of awaited queries runs first', async () => {
    const timers = manualTimers();
    const q = new TaskQueue(15, timers);
    const order: string[] = [];
    // a view: two queries, the second queued after the first has ended (and some work between)
    const view = (async () => {
      await q.run(async () => void order.push('view q1'));
      await timers.advance(5);
      await q.run(async () => void order.push('view q2'));
    })();
    const bg = q.run(async () => void order.push('prefetch'), BACKGROUND);
    await flush();
    expect(order).toEqual(['view q1']);
    await timers.advance(5);
    await view;
    expect(order).toEqual(['view q1', 'view q2']);
    // 14 ms after q2 the background task still waits; at 15 it starts
    await timers.advance(14);
    expect(order).toEqual(['view q1', 'view q2']);
    await timers.advance(1);
    await bg;
    expect(order).toEqual(['view q1', 'view q2', 'prefetch']);
  });

  it('lets a foreground task queued during the grace period go first', async () => {
    const timers = manualTimers();
    const q = new TaskQueue(15, timers);
    const order: string[] = [];
    await q.run(async () => void order.push('fg1'));
    const bg = q.run(async () => void order.push('bg'), BACKGROUND);
    await timers.advance(10);
    const fg = q.run(async () => void order.push('fg2'));
    await fg;
    expect(order).toEqual(['fg1', 'fg2']);
    await timers.advance(15);
    await bg;
    expect(order).toEqual(['fg1', 'fg2', 'bg']);
  });

  it('starts a lower lane at once when no foreground work ran lately', async () => {
    const timers = manualTimers();
    const q = new TaskQueue(15, timers);
    const order: string[] = [];
    await q.run(async () => void order.push('bg'), BACKGROUND);
    expect(order).toEqual(['bg']);
  });

  it('goes on after a task that throws or rejects, and passes the error to its caller', async () => {
    const q = new TaskQueue(0);
    const lanes: Lane[] = [FOREGROUND, BACKGROUND, DERIVED];
    const results = await Promise.allSettled([
      q.run(() => Promise.reject(new Error('bad sql')), lanes[0]),
      q.run(() => {
        throw new Error('sync throw');
      }, lanes[1]),
      q.run(async () => 'after', lanes[2]),
    ]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['bad sql', 'sync throw', 'after']);
  });

  it('idle() resolves once nothing runs or waits, and at once on an empty queue', async () => {
    const timers = manualTimers();
    const q = new TaskQueue(15, timers);
    await q.idle();
    const g = gate();
    void q.run(() => g.promise);
    void q.run(async () => undefined, BACKGROUND);
    let idle = false;
    void q.idle().then(() => (idle = true));
    await flush();
    expect(idle).toBe(false);
    g.open();
    await flush();
    // the background task waits out its grace: not idle yet
    expect(idle).toBe(false);
    expect(q.busy()).toBe(true);
    await timers.advance(15);
    expect(idle).toBe(true);
    expect(q.busy()).toBe(false);
  });

  it('reports whether foreground work is waiting', async () => {
    const q = new TaskQueue(0);
    const g = gate();
    const a = q.run(() => g.promise, BACKGROUND);
    expect(q.foregroundWaiting()).toBe(false);
    const b = q.run(async () => undefined);
    expect(q.foregroundWaiting()).toBe(true);
    g.open();
    await Promise.all([a, b]);
    expect(q.foregroundWaiting()).toBe(false);
  });

  it('interrupts a preemptible background task for foreground work and runs it again after, its caller seeing one outcome', async () => {
    const q = new TaskQueue(0);
    const order: string[] = [];
    let attempts = 0;
    // a statement that stops (without effect) when preempted, else finishes when opened
    const release = gate();
    const bg = q.run(
      (preempt) => {
        attempts++;
        order.push(`bg start ${attempts}`);
        return new Promise<string>((resolve, reject) => {
          if (attempts > 1) return resolve(`bg done ${attempts}`);
          preempt.addEventListener('abort', () => reject(new Preempted()));
          void release.promise.then(() => resolve('never'));
        });
      },
      BACKGROUND,
      true,
    );
    await flush();
    expect(order).toEqual(['bg start 1']);
    const fg = q.run(async () => void order.push('fg'));
    await fg;
    expect(await bg).toBe('bg done 2');
    expect(order).toEqual(['bg start 1', 'fg', 'bg start 2']);
    release.open();
  });

  it('does not interrupt a task that is not preemptible, nor for work of its own lane', async () => {
    const q = new TaskQueue(0);
    const signals: AbortSignal[] = [];
    const g = gate();
    const derived = q.run((preempt) => {
      signals.push(preempt);
      return g.promise;
    }, DERIVED);
    await flush();
    const fg = q.run(async () => 'fg');
    expect(signals[0]!.aborted).toBe(false);
    g.open();
    await Promise.all([derived, fg]);

    const g2 = gate();
    const bg = q.run((preempt) => {
      signals.push(preempt);
      return g2.promise;
    }, BACKGROUND, true);
    await flush();
    const bg2 = q.run(async () => 'bg2', BACKGROUND);
    const d2 = q.run(async () => 'derived', DERIVED);
    await flush();
    expect(signals[1]!.aborted).toBe(false);
    g2.open();
    expect(await Promise.all([bg, bg2, d2])).toEqual([undefined, 'bg2', 'derived']);
  });

  it('passes on a preempted task’s other errors, and its result when it finished anyway', async () => {
    const q = new TaskQueue(0);
    const g = gate();
    const failing = q.run(async (preempt) => {
      await g.promise;
      if (preempt.aborted) throw new Error('syntax error');
    }, BACKGROUND, true);
    const g2 = gate();
    const finished = q.run(async (preempt) => {
      await g2.promise;
      return preempt.aborted ? 'ran to the end though preempted' : 'not preempted';
    }, BACKGROUND, true);
    await flush();
    const fg1 = q.run(async () => 'fg1');
    g.open();
    await expect(failing).rejects.toThrow('syntax error');
    await fg1;
    await flush();
    const fg2 = q.run(async () => 'fg2');
    g2.open();
    expect(await finished).toBe('ran to the end though preempted');
    await fg2;
  });
});
