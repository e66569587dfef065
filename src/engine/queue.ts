// The query queue of the one DuckDB connection, with priority lanes (pure: no engine, no
// DOM; tests/engine/queue.test.ts). Tasks run one at a time. The next task is always the
// oldest of the most urgent lane that has any: what is on screen (FOREGROUND) before the
// tables derived after a filter change (DERIVED: the filtered customers table, the data
// cube), before work for tabs not open yet (BACKGROUND: prefetch). A running task is
// interrupted only when it said it can be (preemptible: a single statement that can be
// interrupted without effect and run again): then queued foreground work stops it and it
// runs again afterwards. Otherwise a foreground query waits for the one task under way.
//
// Views chain their queries with awaits: between one query's end and the next one's
// enqueue there is a moment with no foreground task queued. A lower lane's task therefore
// starts only after the foreground lane has been empty for `graceMs`, so a view's chain of
// queries runs without a background statement slipped in between each pair.

/** Lanes, most urgent first. */
export const FOREGROUND = 0;
export const DERIVED = 1;
export const BACKGROUND = 2;
export type Lane = typeof FOREGROUND | typeof DERIVED | typeof BACKGROUND;

/**
 * What a preemptible task rejects with once its `preempt` signal has fired and it stopped
 * without effect (an interrupted single statement): the queue runs it again later.
 */
export class Preempted extends Error {
  constructor() {
    super('Preempted by a foreground task');
    this.name = 'Preempted';
  }
}

interface Entry {
  task: (preempt: AbortSignal) => Promise<unknown>;
  lane: Lane;
  preemptible: boolean;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** Clock and timer (injectable for tests). */
export interface QueueTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: QueueTimers = {
  now: () => (typeof performance !== 'undefined' ? performance.now() : Date.now()),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class TaskQueue {
  private readonly lanes: Entry[][] = [[], [], []];
  private running = false;
  /** The running task's entry and preempt controller. */
  private current: { entry: Entry; preempt: AbortController } | null = null;
  private lastForegroundEnd = -Infinity;
  private timer: unknown = null;
  private idleWaiters: (() => void)[] = [];

  constructor(
    /** How long the foreground lane must stay empty before a lower lane's task starts. */
    private readonly graceMs = 15,
    private readonly timers: QueueTimers = realTimers,
  ) {}

  /**
   * Queues `task` on `lane`; resolves or rejects with it. A failing task never stops the queue.
   * A `preemptible` task of a lower lane gets a signal that fires when foreground work is
   * queued while it runs; if it then rejects with Preempted, it goes back to the head of its
   * lane and runs again after the foreground work (its caller sees only the final outcome).
   */
  run<T>(task: (preempt: AbortSignal) => Promise<T>, lane: Lane = FOREGROUND, preemptible = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.lanes[lane]!.push({ task, lane, preemptible: preemptible && lane !== FOREGROUND, resolve: resolve as (v: unknown) => void, reject });
      if (lane === FOREGROUND) {
        if (this.timer !== null) {
          // a lower lane was waiting out the grace: the foreground goes first
          this.timers.clearTimeout(this.timer);
          this.timer = null;
        }
        if (this.current?.entry.preemptible) this.current.preempt.abort();
      }
      this.pump();
    });
  }

  /** Tasks queued (not started) on each lane. */
  queued(): [number, number, number] {
    return [this.lanes[0]!.length, this.lanes[1]!.length, this.lanes[2]!.length];
  }

  /** True while a task runs or any is queued. */
  busy(): boolean {
    return this.running || this.lanes.some((l) => l.length > 0);
  }

  /** True when a foreground task is queued (a background job may yield before its next statement). */
  foregroundWaiting(): boolean {
    return this.lanes[FOREGROUND]!.length > 0;
  }

  /** Resolves the next time the queue has nothing running or queued (at once if it has nothing now). */
  idle(): Promise<void> {
    if (!this.busy()) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private pump(): void {
    if (this.running || this.timer !== null) return;
    const lane = this.lanes.findIndex((l) => l.length > 0);
    if (lane < 0) {
      for (const w of this.idleWaiters.splice(0)) w();
      return;
    }
    if (lane !== FOREGROUND) {
      const wait = this.lastForegroundEnd + this.graceMs - this.timers.now();
      if (wait > 0) {
        this.timer = this.timers.setTimeout(() => {
          this.timer = null;
          this.pump();
        }, wait);
        return;
      }
    }
    const entry = this.lanes[lane]!.shift()!;
    this.running = true;
    const preempt = new AbortController();
    this.current = { entry, preempt };
    let p: Promise<unknown>;
    try {
      p = Promise.resolve(entry.task(preempt.signal));
    } catch (e) {
      p = Promise.reject(e);
    }
    void p
      .then(entry.resolve, (e: unknown) => {
        // stopped for foreground work: again later, first of its lane
        if (preempt.signal.aborted && e instanceof Preempted) this.lanes[entry.lane]!.unshift(entry);
        else entry.reject(e);
      })
      .finally(() => {
        this.running = false;
        this.current = null;
        if (lane === FOREGROUND) this.lastForegroundEnd = this.timers.now();
        this.pump();
      });
  }
}
