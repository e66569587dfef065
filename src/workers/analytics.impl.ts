// The analytics API's implementation: the models of src/analytics behind AnalyticsApi. The
// worker exposes it; Node runs it in-process (src/analysis/jobs.ts inProcessJobs).
import { clusterJob, clvJob, forecastJob, kmeansBenchJob } from '../analytics/jobs';
import type { AnalyticsApi } from './analytics.api';

/** The models, as the worker exposes them. */
export const analyticsApi: AnalyticsApi = {
  ping: () => 'analytics ready',
  forecast: forecastJob,
  clv: clvJob,
  cluster: clusterJob,
  kmeansBench: kmeansBenchJob,
};
