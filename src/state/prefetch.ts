// The slow tabs' computations run in the background once the Overview is shown, with the
// settings and filters in force, so that opening Recommendations, Forecast or Lifetime value
// finds its result ready (src/pipeline/memo.ts keeps it; a tab opened while its run is under
// way joins that run instead of starting another). One run at a time, in the order a user
// usually visits the tabs (Segments' k-means first, but not waited for: its fit runs in the
// analytics worker, so DuckDB goes on with the recommendations meanwhile), except the
// recommendation evaluation, which goes last (see below); a new filter or dataset cancels it
// (the caller aborts the signal).
// Its queries go in the connector's background lane (engine/queue.ts): a filter click's
// queries never wait behind them, only behind the one statement already running.
import type { Connector } from '../engine/connector';
import { inBackground, isAbort } from '../engine/connector';
import type { DataContext } from '../pipeline/context';
import { allows, availabilityOf } from '../pipeline/availability';
import type { ViewSettings } from '../analysis/settings';
import { loadPairs, loadRecommendations, runEvaluation } from '../analysis/recommend';
import { runForecast } from '../analysis/forecast';
import { runClv } from '../analysis/clv';
import { chosenFeatures, featureOptions, prefitClusters } from '../analysis/clusters';

/** A step of the background work, named for the progress line. */
export interface PrefetchStep {
  label: string;
  run: (signal: AbortSignal) => Promise<unknown>;
  /**
   * The next steps start without waiting for this one: its heavy part runs outside DuckDB
   * (k-means in the analytics worker), and its DuckDB reads, queued first in the background
   * lane, still run before theirs. The run ends when every step has.
   */
  overlaps?: boolean;
}

/** The steps for this data: only what the data allows (the tabs themselves check the same). */
export function prefetchSteps(onScreen: Connector, ctx: DataContext, grain: 'transaction' | 'customer', settings: ViewSettings, where: string): PrefetchStep[] {
  // queued behind every query of the views on screen (and the tables a filter rebuilds)
  const conn = inBackground(onScreen);
  const steps: PrefetchStep[] = [];
  const can = availabilityOf(ctx, grain);
  // k-means first: the Segments tab comes before the others; its fit runs in a worker, not in
  // DuckDB (only its feature read does), so the recommendations do not wait for it (with it
  // waited for, Recommendations was ready 8.1 s after loading UCI, against 1.6 s before)
  const chosen = ctx.hasCustomers && allows(can, 'segments') ? chosenFeatures(featureOptions(ctx, grain), settings.clusters.features) : [];
  if (chosen.length > 0) {
    steps.push({ label: 'customer clusters', run: (signal) => prefitClusters(conn, chosen, settings.clusters.k, ctx.hasAmount, signal), overlaps: true });
  }
  if (ctx.hasCustomers && ctx.hasProduct && allows(can, 'recommend')) {
    const s = settings.recommend;
    steps.push({ label: 'recommendations', run: (signal) => loadRecommendations(conn, s, where, signal) });
    steps.push({ label: 'frequently bought together', run: (signal) => loadPairs(conn, where, ctx.hasCategory, settings.pairs, signal) });
  } else if (ctx.hasProduct) {
    steps.push({ label: 'frequently bought together', run: (signal) => loadPairs(conn, where, ctx.hasCategory, settings.pairs, signal) });
  }
  if (ctx.hasDates && ctx.hasAmount && allows(can, 'forecast')) {
    const f = settings.forecast;
    steps.push({ label: 'forecast', run: (signal) => runForecast(conn, f, where, signal) });
  }
  if (ctx.hasCustomers && ctx.hasDates && ctx.hasAmount && grain === 'transaction' && allows(can, 'clv')) {
    steps.push({ label: 'lifetime value', run: (signal) => runClv(conn, settings.clv, where, signal) });
  }
  // the evaluation last: the most expensive step (9 s at 1M lines), and it fills one panel of
  // the Recommendations tab in the background, while Forecast and Lifetime value are the whole tab
  if (ctx.hasCustomers && ctx.hasProduct && allows(can, 'recommend')) {
    steps.push({ label: 'recommendation quality', run: (signal) => runEvaluation(conn, settings.recommend, where, signal) });
  }
  return steps;
}

/**
 * Runs the steps one after another (an overlapping step alongside the next ones) until done
 * or aborted; a step that fails is skipped (its tab shows the error when opened). `progress` gets the step under way, then null.
 */
export async function prefetch(steps: PrefetchStep[], signal: AbortSignal, progress: (label: string | null, done: number, total: number) => void = () => undefined): Promise<void> {
  const overlapping: Promise<unknown>[] = [];
  try {
    for (const [i, step] of steps.entries()) {
      if (signal.aborted) return;
      progress(step.label, i, steps.length);
      const run = step.run(signal);
      if (step.overlaps) {
        overlapping.push(run.catch(() => undefined));
        continue;
      }
      try {
        await run;
      } catch (e) {
        if (isAbort(e) || signal.aborted) return;
      }
    }
    await Promise.all(overlapping);
  } finally {
    progress(null, steps.length, steps.length);
  }
}
