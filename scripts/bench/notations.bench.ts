// Number and date notations parsed in SQL (src/sql/parse.ts) on 1,000,000 generated values,
// on the Node build of the engine the browser runs (duckdb-wasm). Prints the best of five
// timings per notation; asserts only that every value parsed (a speed figure is not a test).
//   npx vitest run --config scripts/bench/vitest.config.ts scripts/bench/notations.bench.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectDate } from '../../src/mapping/dates';
import { detectNumber } from '../../src/mapping/numbers';
import { dateSql, numberSql } from '../../src/sql/parse';
import { toRows } from '../../src/engine/rows';
import { openTestDb, type TestDb } from '../../tests/helpers/duckdb';
import { QUICK } from './figures';

const N = 1_000_000;
// name → SQL generating one VARCHAR value from x (a DOUBLE in [0, 2000)) and t (a TIMESTAMP)
const CASES: [string, 'number' | 'date', string][] = [
  ['plain number 1234.5', 'number', `CAST(round(x, 2) AS VARCHAR)`],
  ['grouped $1,234.50', 'number', `'$' || format('{:,.2f}', x)`],
  ['decimal comma 1.234,50', 'number', `replace(replace(replace(format('{:,.2f}', x), ',', '#'), '.', ','), '#', '.')`],
  ['ISO 2010-12-01 08:26:00', 'date', `strftime(t, '%Y-%m-%d %H:%M:%S')`],
  ['M/D/YYYY H:MM 12/1/2010 8:26', 'date', `strftime(t, '%-m/%-d/%Y %-H:%M')`],
  ['DD.MM.YYYY 01.12.2010', 'date', `strftime(t, '%d.%m.%Y')`],
  ['01-Dec-2010', 'date', `strftime(t, '%d-%b-%Y')`],
  ['Dec 1, 2010', 'date', `strftime(t, '%b %-d, %Y')`],
  ['epoch seconds', 'date', `CAST(epoch(t) AS BIGINT)::VARCHAR`],
];

// not part of --quick
describe.skipIf(QUICK)('notation parsing speed', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(`SELECT setseed(0.42)`);
    await db.exec(`CREATE TABLE gen AS SELECT random() * 2000 AS x,
      TIMESTAMP '2009-01-01' + to_seconds(CAST(random() * 3 * 365 * 86400 AS BIGINT)) AS t FROM range(${N})`);
  }, 600_000);
  afterAll(() => db?.close());

  it('times each notation', async () => {
    const out: string[] = [];
    const failed: string[] = [];
    for (const [name, kind, gen] of CASES) {
      await db.exec(`CREATE OR REPLACE TABLE v AS SELECT ${gen} AS v FROM gen`);
      const sample = toRows(await db.query(`SELECT v FROM v LIMIT 2000`)).map((r) => String(r.v));
      const nd = kind === 'number' ? detectNumber(sample) : null;
      const dd = kind === 'date' ? detectDate(sample, true) : null;
      if (!nd && !dd) {
        out.push(`${name.padEnd(32)}   (notation not detected)`);
        continue;
      }
      const expr = nd ? numberSql('v', nd.format) : dateSql('v', dd!);
      let best = Infinity;
      let parsed = 0;
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        const r = toRows(await db.query(`SELECT count(${expr}) AS n FROM v`))[0];
        best = Math.min(best, performance.now() - t0);
        parsed = Number(r?.n);
      }
      out.push(`${name.padEnd(32)} ${best.toFixed(0).padStart(6)} ms  (${parsed.toLocaleString('en-US')} parsed)`);
      if (parsed !== N) failed.push(name);
    }
    console.log(`\n${N.toLocaleString('en-US')} values, best of 5:\n${out.join('\n')}`);
    expect(failed).toEqual([]);
  }, 1_800_000);
});
