// The CSV files of the command-line benchmark (scripts/bench/cli.bench.ts): the project's
// seeded generator up to 10 million lines, copies of its file beyond.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openNativeDb } from '../../src/cli/native-connector';
import { toRows } from '../../src/engine/rows';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Beyond this many lines the generator's file is replicated instead (the generator writes about 1 GB in 4 minutes, single-threaded). */
const GENERATED_MAX = 10_000_000;

/**
 * The columns made distinct per copy: transaction ids and customer names, never a date or time
 * ("Transaction_Date" once matched too, so every copy after the first had dates like
 * "2024-01-01 08:13:15~2", which the app rightly did not read as dates: the 50M run had no trends).
 */
export function isCopyIdColumn(name: string): boolean {
  return /transaction|user|customer|invoice|order/i.test(name) && !/date|time|day|month|year/i.test(name);
}

/**
 * Writes a CSV of about `lines` lines. Up to 10 million: the project's seeded generator.
 * Beyond: the 10-million-line file copied k times by DuckDB, with every transaction id and
 * customer name made distinct per copy (suffix `~k`), so copy k is k × 440,000 new customers
 * with the same shape of behaviour; duplicates, returns, bad dates and guests are planted
 * at the same rates (a guest stays a guest).
 */
export async function generate(file: string, lines: number, dir: string, threads = 2): Promise<void> {
  if (lines <= GENERATED_MAX) {
    execFileSync(process.execPath, [join(ROOT, 'scripts/generate-sample.mjs'), '--rows', String(Math.round(lines / 1.87)), '--out', file, '--seed', 'bench-cli'], { stdio: 'inherit' });
    return;
  }
  const base = join(dir, `cli-${GENERATED_MAX}.csv`);
  if (!existsSync(base)) await generate(base, GENERATED_MAX, dir, threads);
  const copies = Math.ceil(lines / GENERATED_MAX);
  const db = await openNativeDb({ threads });
  const cols = toRows(await db.query(`DESCRIBE SELECT * FROM read_csv('${base}', all_varchar = true, header = true)`)).map((r) => String(r.column_name));
  const suffixed = (c: string): boolean => isCopyIdColumn(c);
  const select = (k: number): string => cols.map((c) => (suffixed(c) && k > 0 ? `"${c}" || '~${k}' AS "${c}"` : `"${c}"`)).join(', ');
  process.stderr.write(`  writing ${copies} copies of ${base} (ids suffixed per copy) to ${file}\n`);
  // one streamed read per copy (a cross join with range(k) would hold the whole file as its build side)
  const union = Array.from({ length: copies }, (_, k) => `SELECT ${select(k)} FROM read_csv('${base}', all_varchar = true, header = true)`).join('\nUNION ALL\n');
  await db.exec(`SET preserve_insertion_order = false; COPY (${union}) TO '${file}' (HEADER, DELIMITER ',')`);
  db.close();
}

