// The committed UCI Online Retail file through the whole CSV shape layer: the gzip check, the plan
// from its decompressed head and tail, and DuckDB's read with the planned options. Expected counts
// from /usr/bin/python3 (gzip module): 541,910 line ends = the header + 541,909 rows.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { checkGzip } from '../../../src/pipeline/read/gzip-check';
import { csvReadOptions, planCsvRead } from '../../../src/pipeline/read/plan';
import { clearRejectsSql, deleteFooterSql, readCsvSql, rejectedRowsSql } from '../../../src/sql/load';
import { openTestDb } from '../../helpers/duckdb';

const UCI = resolve(__dirname, '../../fixtures/online_retail_uci.csv.gz');

test('UCI .csv.gz: complete, planned as a plain comma file, every row read, none rejected', async () => {
  const gz = readFileSync(UCI);
  const t0 = performance.now();
  const check = await checkGzip(new Blob([gz]));
  const checkMs = performance.now() - t0;
  expect(check).toMatchObject({ complete: true, bytes: 47_226_068, lines: 541_910 });
  console.log(`gzip check of the UCI file (47 MB decompressed): ${checkMs.toFixed(0)} ms`);
  const t1 = performance.now();
  const r = planCsvRead(check.head, check.tail, check.complete ? check.bytes : 0, 'online_retail_uci.csv.gz');
  console.log(`plan from 4 MB head + 64 KB tail: ${(performance.now() - t1).toFixed(0)} ms`);
  if (!('plan' in r)) throw new Error(r.refusal.message);
  expect(r.plan).toMatchObject({ encoding: 'utf-8', delimiter: ',', skip: 0, footerRows: 0, columns: 8, padShortRows: false, uncertain: false });
  expect(r.plan.skipped).toEqual([]);
  const db = await openTestDb();
  await db.exec(clearRejectsSql());
  await db.exec(readCsvSql(UCI, 'raw', csvReadOptions(r.plan)));
  await db.exec(deleteFooterSql('raw', r.plan.footerRows));
  expect(Number((await db.query('SELECT count(*) AS n FROM raw')).toArray()[0].n)).toBe(541_909);
  expect((await db.query(rejectedRowsSql())).numRows).toBe(0);
  db.close();
}, 120_000);
