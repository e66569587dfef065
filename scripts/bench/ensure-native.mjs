// `npm run bench` compares the browser with native DuckDB (@duckdb/node-api). That package
// ships per-platform binaries that this project's npm registry mirror does not carry for
// every platform, so it cannot sit in package-lock.json (npm ci would fail); it is
// installed here, without saving, the first time the benchmark runs.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const VERSION = '1.4.3-r.3'; // DuckDB 1.4.3, the engine duckdb-wasm 1.32 runs
const require = createRequire(import.meta.url);
try {
  require.resolve('@duckdb/node-api');
} catch {
  console.log(`installing @duckdb/node-api@${VERSION} for the benchmark (not saved to package.json)…`);
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', `@duckdb/node-api@${VERSION}`], { stdio: 'inherit' });
}
