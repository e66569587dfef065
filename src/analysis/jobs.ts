// How the analysis layer runs its TypeScript models (ARIMA, BG/NBD, k-means): a JobRunner
// hands a job to an implementation of AnalyticsApi. The page passes its analytics worker's
// lanes (workers/analytics-client.ts, the default); Node (tests, a command line) passes
// inProcessJobs, the same model functions called directly.
import type { Remote } from 'comlink';
import type { AnalyticsApi, ProgressFn } from '../workers/analytics.api';
import { runInLane, type Lane } from '../workers/analytics-client';
import { abortError } from '../engine/connector';
import { analyticsApi } from '../workers/analytics.impl';

/** Runs one job on an AnalyticsApi (a worker's, or in-process), with progress and cancellation. */
export type JobRunner = <T>(lane: Lane, job: (api: Remote<AnalyticsApi>, progress: ProgressFn) => Promise<T>, onProgress?: ProgressFn, signal?: AbortSignal) => Promise<T>;

/** The page's runner: one analytics worker per lane (a newer job in a lane cancels the older). */
export const workerJobs: JobRunner = runInLane;

/** Node's runner: the same functions, run in this thread (a cancelled signal stops before the job starts). */
export const inProcessJobs: JobRunner = async (_lane, job, onProgress, signal) => {
  if (signal?.aborted) throw abortError();
  const progress: ProgressFn = (f, m) => onProgress?.(f, m);
  return job(analyticsApi as unknown as Remote<AnalyticsApi>, progress);
};
