// `npm run bench` compares the browser with native DuckDB (@duckdb/node-api, a dependency since
// the command line uses it). package-lock.json lists its per-platform binaries by hand for the
// platforms this project's registry mirror does not carry (resolved from registry.npmjs.org), so
// `npm ci` works everywhere; this only reports a missing binary in plain words.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  require.resolve('@duckdb/node-api');
} catch {
  console.error('@duckdb/node-api is not installed: run `npm install` first (native DuckDB is the benchmark reference).');
  process.exit(2);
}
