// Progress on stderr: one line per stage; on a terminal a spinner with the elapsed time
// (and a bar while bytes are read) redraws the current line, in a pipe or a log the lines are plain.

/** Where a command line reports what it is doing. */
export interface Progress {
  /** A new stage starts (a line of its own). */
  stage(label: string): void;
  /** Work inside a stage (bytes done of total when known). */
  update(label: string, done: number, total: number): void;
  /** The run is over: clear the spinner, print the total time. */
  done(summary?: string): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A reporter on a stream: spinner when it is a TTY, plain lines otherwise; silent when quiet. */
export function progressOn(stream: NodeJS.WriteStream, quiet = false): Progress {
  const started = performance.now();
  const secs = (): string => `${((performance.now() - started) / 1000).toFixed(1)}s`;
  if (quiet) return { stage: () => undefined, update: () => undefined, done: () => undefined };
  if (!stream.isTTY) {
    let last = '';
    return {
      stage: (label) => {
        last = label;
        stream.write(`[${secs()}] ${label}\n`);
      },
      update: (label) => {
        if (label !== last) {
          last = label;
          stream.write(`[${secs()}] ${label}\n`);
        }
      },
      done: (summary) => void (summary && stream.write(`[${secs()}] ${summary}\n`)),
    };
  }
  let label = '';
  let frac: number | null = null;
  let frame = 0;
  const draw = (): void => {
    const bar = frac === null ? '' : ` [${'#'.repeat(Math.round(frac * 20)).padEnd(20, '.')}] ${Math.round(frac * 100)}%`;
    const line = `${FRAMES[frame++ % FRAMES.length]} ${label}${bar} ${secs()}`;
    stream.write(`\r\x1b[K${line.slice(0, (stream.columns || 100) - 1)}`);
  };
  const timer = setInterval(draw, 100);
  timer.unref();
  const finish = (): void => {
    if (label) stream.write(`\r\x1b[K✓ ${label}\n`);
  };
  return {
    stage: (next) => {
      finish();
      label = next;
      frac = null;
      draw();
    },
    update: (_l, done, total) => {
      frac = total > 0 ? Math.min(1, done / total) : null;
    },
    done: (summary) => {
      clearInterval(timer);
      finish();
      label = '';
      if (summary) stream.write(`${summary} (${secs()})\n`);
    },
  };
}
