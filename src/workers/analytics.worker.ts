// Analytics worker entry: exposes the models (src/workers/analytics.impl.ts; they live in src/analytics).
import { expose } from 'comlink';
import { analyticsApi } from './analytics.impl';

expose(analyticsApi);
