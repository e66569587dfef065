// Dropping `raw` after a load (src/pipeline/memory.ts) changes no figure: cleaning again with
// other rules reads the files again (rereadRaw) and gives exactly what cleaning the kept `raw`
// gives. On the UCI file with its planted exact duplicates (rule 2 reads every raw column).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { nodeReadHost } from '../helpers/read-host';
import { readSources, type Source } from '../../src/pipeline/read/load';
import { adoptStaged, analyse, rereadRaw } from '../../src/pipeline/dataset';
import { releaseRaw } from '../../src/pipeline/memory';
import { DEFAULT_RULES } from '../../src/sql/clean';
import { toRows } from '../../src/engine/rows';

const UCI = resolve(__dirname, '../fixtures/online_retail_uci.csv.gz');

describe('raw dropped after the load, read again to clean again', () => {
  let db: TestDb;
  let sources: Source[];
  beforeAll(async () => {
    db = await openTestDb();
    // the first 120,000 lines: duplicates, returns and guests included, quick enough
    const text = gunzipSync(readFileSync(UCI)).toString('utf8').split('\n').slice(0, 120_001).join('\n');
    sources = [{ name: 'uci-part.csv', blob: new Blob([text]) }];
  });
  afterAll(() => db.close());

  it('gives the same figures as cleaning the kept raw table', async () => {
    await readSources(nodeReadHost(db), sources);
    const { profile, mapping } = await adoptStaged(db);
    const first = await analyse(db, profile, mapping, DEFAULT_RULES);
    expect(first.clean.quality.duplicates).toBeGreaterThan(0);
    const rules = { ...DEFAULT_RULES, duplicates: false, netReturns: false };
    const kept = await analyse(db, profile, mapping, rules);
    await releaseRaw(db);
    expect(toRows(await db.query("SELECT count(*)::INT AS n FROM duckdb_tables() WHERE table_name = 'raw'"))[0]!.n).toBe(0);
    await rereadRaw(nodeReadHost(db), sources, []);
    const again = await analyse(db, profile, mapping, rules);
    expect(again.kpis).toEqual(kept.kpis);
    expect(again.clean.quality).toEqual(kept.clean.quality);
    // and back to the default rules: the first figures again
    const back = await analyse(db, profile, mapping, DEFAULT_RULES);
    expect(back.kpis).toEqual(first.kpis);
    expect(back.clean.quality.duplicates).toBe(first.clean.quality.duplicates);
  });
});
