// Figures of one `npm run bench` invocation: each bench file saves its part as JSON in the
// run's folder (BENCH_OUT, set by scripts/bench/run.mjs); scripts/bench/report.ts merges them
// into bench/results/ and the README table.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BENCH_DIR } from './harness';

/** True for `npm run bench -- --quick` (UCI and 1M only, one measurement per figure). */
export const QUICK = process.env.BENCH_QUICK === '1';
/** How many times each figure is measured in this invocation. */
export const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 2)) || 1);

/** Saves one bench file's figures as <BENCH_OUT>/<part>.json. */
export function saveFigures(part: string, figures: unknown): void {
  const dir = process.env.BENCH_OUT ?? resolve(BENCH_DIR, 'run-manual');
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, `${part}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}

/** A file refused whole, loaded as the sample of customers the refusal offered: ms from the click to the Overview settled. */
export interface SampleLoad {
  every: number;
  label: string;
  ms: number | null;
  error: string | null;
}

/** One size's figures in one run. */
export interface SizeRun {
  size: string;
  lines: number;
  bytes: number;
  run: number;
  /** Native DuckDB, 2 threads: read + clean + KPIs; every tab's analysis (the command line's full report), null when it failed. */
  native: { readCleanKpisMs: number; everyTabMs?: number | null } | null;
  /** ms from the file chosen: analysed (KPIs computed), KPI cards painted, Overview settled. */
  load: { analysedMs: number | null; kpisPaintedMs: number | null; overviewReadyMs: number | null; error: string | null };
  /** ms from the click on each tab to that tab settled (null: not within the cap; see errors). */
  tabs: Record<string, number | null>;
  tabErrors: Record<string, string>;
  /**
   * ms from the click on a tab to its background panels filled (the recommendation evaluation,
   * the k-means clusters: a Notice of kind "background" gone), for tabs that had one when ready
   * (null: not within the cap). The tab itself was ready earlier (`tabs`).
   */
  models?: Record<string, number | null>;
  /** Overview settled plus every tab's click → ready, visiting them in turn (the user's waiting). */
  allTabsMs: number | null;
  /** ms from each filter set (its kind in `kinds`: bar, map, brush, segment) and each "Clear all" after it (the kind it cleared in `clearKinds`) to every visible view settled. */
  filters: { setMs: number[]; clearMs: number[]; skipped: number; kinds?: string[]; clearKinds?: string[] } | null;
  memory: { peakWorkersBytes: number | null; peakWindowBytes: number | null; peakTotalBytes: number | null; peakMainJsHeapBytes: number | null; rendererPeakRssBytes: number | null };
  /** Refused whole with a sample offered (the size ladder only): the sample's load. */
  sample?: SampleLoad;
  /** Longest main-thread task (ms) in each phase: load, each tab, filters. */
  longestTaskMs: Record<string, number>;
}

/** The models part (scripts/bench/app.bench.ts sections 4 and 5). */
export interface ModelFigures {
  kmeans?: { points: number; k: number; seeds: number; oursFullMs: number[]; sklearnFullMs: (number | null)[]; oursLloydMs: (number | null)[]; sklearnLloydMs: (number | null)[]; longestTaskMs: number };
  recommendEval?: { oursMs: number[]; pandasMs: number[] | null; evaluated: { ours?: number; pandas: number | null }; hitRate: unknown };
  /** Full mode: the stage-by-stage comparison on the bench page (browser and native totals). */
  stages?: { id: string; browserMs: number; referenceMs: number }[];
}

/** ms from navigation to the sample on screen, and to the first contentful paint, in one start. */
export interface StartTime {
  shownMs: number;
  paintMs: number | null;
}

/** One run of the start figures: an empty profile, then the same page with its HTTP cache warm, then with the offline service worker. */
export interface StartRun {
  cold: StartTime | null;
  warm: StartTime | null;
  serviceWorker: StartTime | null;
}

/** The user part (scripts/bench/user.bench.ts). */
export interface UserFigures {
  quick: boolean;
  runs: number;
  sizes: SizeRun[];
  /** The size ladder (full mode): whether each file loaded whole, and, when it was refused with a sample offered, that sample's load. */
  ladder: { size: string; lines: number; loaded: boolean; ms: number | null; error: string | null; sample?: SampleLoad }[];
  /** Cold and warm start, one entry per run (absent in results written before it was measured). */
  start?: StartRun[];
}
