// Analytics worker entry: exposes the API; the models live in src/analytics.
import { expose } from 'comlink';
import type { AnalyticsApi } from './analytics.api';

const api: AnalyticsApi = {
  ping: () => 'analytics worker ready',
};

expose(api);
