// Analytics worker entry: exposes the jobs; the models live in src/analytics.
import { expose } from 'comlink';
import { clusterJob, clvJob, forecastJob, kmeansBenchJob } from '../analytics/jobs';
import type { AnalyticsApi } from './analytics.api';

const api: AnalyticsApi = {
  ping: () => 'analytics worker ready',
  forecast: forecastJob,
  clv: clvJob,
  cluster: clusterJob,
  kmeansBench: kmeansBenchJob,
};

expose(api);
