// Which part of the Recommendations tab needs the memory at scale: the app's pipeline on native
// DuckDB with a memory limit like the tab's headroom, timing each step (diagnostic, not a test).
// Usage: npx tsx scripts/memory/recs-native.ts /tmp/file.csv [limit, e.g. 1.8GB]
import { openNative } from '../bench/native';
import { readCsvSql } from '../../src/sql/load';
import { adoptStaged, analyse, buildCustomers } from '../../src/pipeline/dataset';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { buildRecommendations, evaluateRecommendations } from '../../src/pipeline/recommendations';
import { releaseRaw } from '../../src/pipeline/memory';
import { toRows } from '../../src/engine/rows';

async function main(): Promise<void> {
  const [file, limit = '1.8GB'] = process.argv.slice(2);
  const db = await openNative(2);
  const step = async <T>(name: string, f: () => Promise<T>): Promise<T | undefined> => {
    const t = Date.now();
    try {
      const v = await f();
      const mem = toRows(await db.query('SELECT memory_usage FROM pragma_database_size() LIMIT 1'))[0]?.memory_usage;
      console.log(`${name}: ${Date.now() - t} ms, memory now ${String(mem)}`);
      return v;
    } catch (e) {
      console.log(`${name}: FAILED after ${Date.now() - t} ms: ${(e as Error).message.split('\n')[0]}`);
      return undefined;
    }
  };
  await step('read', () => db.exec(readCsvSql(file!, 'raw_next', { rejects: false })));
  const a = (await step('adopt', () => adoptStaged(db)))!;
  const an = (await step('analyse', () => analyse(db, a.profile, a.mapping, DEFAULT_RULES)))!;
  await releaseRaw(db);
  await step('customers', () => buildCustomers(db, an.context));
  await db.exec(`SET memory_limit = '${limit}'`);
  await step('recommendations table', () => buildRecommendations(db, {}));
  await step('evaluation', () => evaluateRecommendations(db, {}));
  db.close();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
