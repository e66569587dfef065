// `npm run bench [-- --quick] [-- --runs N]`: builds the app, runs the bench files one after
// another (vitest, scripts/bench/vitest.config.ts), then writes the figures to
// bench/results/<time>.json, bench/results/latest.json and the README table
// (scripts/bench/report.ts). vitest takes no arguments of ours, so the options travel as
// environment variables (BENCH_QUICK, BENCH_RUNS, BENCH_OUT). --no-build reuses dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
// `npm run bench -- --cli [--rows N] [--memory 1GB]`: only the command line at scale (scripts/bench/cli.bench.ts), opt-in
if (args.includes('--cli')) {
  const opt = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
  const env = { ...process.env, BENCH_CLI: '1' };
  if (opt('--rows')) env.BENCH_CLI_ROWS = opt('--rows');
  if (opt('--memory')) env.BENCH_CLI_MEMORY = opt('--memory');
  const r = spawnSync('npx', ['vitest', 'run', '--config', 'scripts/bench/vitest.config.ts', 'scripts/bench/cli.bench.ts'], { cwd: root, env, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
// `npm run bench -- --report .bench/run-<time>`: writes the table again from a finished run's
// figures (e.g. after the notes in scripts/bench/report.ts were edited), with that run's commit,
// date and load (env.json in its folder); the second measurement stays as that run had it.
if (args.includes('--report')) {
  const dir = resolve(root, args[args.indexOf('--report') + 1] ?? '');
  const saved = JSON.parse(readFileSync(resolve(dir, 'env.json'), 'utf8'));
  const r = spawnSync('npx', ['tsx', 'scripts/bench/report.ts'], { cwd: root, env: { ...process.env, ...saved, BENCH_OUT: dir }, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : quick ? 1 : 2;
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const out = resolve(root, '.bench', `run-${stamp}`);
mkdirSync(out, { recursive: true });
// the commit measured is the one checked out when the run starts
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout?.trim() || 'unknown';
const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).stdout?.trim() ? '+changes' : '';
const own = { BENCH_QUICK: quick ? '1' : '0', BENCH_RUNS: String(runs), BENCH_STARTED: new Date().toISOString(), BENCH_LOAD_BEFORE: readFileSync('/proc/loadavg', 'utf8').trim(), BENCH_COMMIT: `${commit}${dirty}` };
const env = { ...process.env, ...own, BENCH_OUT: out };
const t0 = Date.now();
const step = (cmd, cmdArgs) => {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\`${cmd} ${cmdArgs.join(' ')}\` failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
};
console.log(`bench: ${quick ? 'quick (UCI and 1M, ' : 'full (UCI, 1M, 5M, size ladder, '}${runs} run(s) per figure); figures in ${out}`);
step('node', ['scripts/bench/ensure-native.mjs']);
if (!args.includes('--no-build')) step('npx', ['vite', 'build', '--logLevel', 'warn']);
// a failed figure (a timeout) must not lose the others: the report is written either way
const tests = spawnSync('npx', ['vitest', 'run', '--config', 'scripts/bench/vitest.config.ts'], { cwd: root, env, stdio: 'inherit' });
env.BENCH_SECONDS = String(Math.round((Date.now() - t0) / 1000));
writeFileSync(resolve(out, 'env.json'), `${JSON.stringify({ ...own, BENCH_SECONDS: env.BENCH_SECONDS, BENCH_PREVIOUS: existsSync(resolve(root, 'bench/results/latest.json')) ? readFileSync(resolve(root, 'bench/results/latest.json'), 'utf8') : '' })}\n`);
step('npx', ['tsx', 'scripts/bench/report.ts']);
console.log(`bench finished in ${env.BENCH_SECONDS} s (before the report)`);
process.exit(tests.status ?? 0);
