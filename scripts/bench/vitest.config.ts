import { defineConfig } from 'vitest/config';

// `npm run bench`: the benchmark runs as one long vitest "test" so it can import the
// app's TypeScript directly; it prints timings and ratios, it asserts nothing about speed.
export default defineConfig({
  test: {
    include: ['scripts/bench/*.bench.ts'],
    environment: 'node',
    testTimeout: 1_800_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // one bench file at a time: parallel files would time each other
    fileParallelism: false,
    reporters: ['default'],
    env: { TZ: 'UTC' },
  },
});
