// Reading a CSV (plain or gzip) with DuckDB's own reader. INTERIM: the shape planning
// (encoding, header row, footer, rejects) replaces this body.
import { readCsvSql } from '../../sql/load';
import type { ReadHost, Source, SourceOptions, SourceReport } from './load';
import { toRows } from '../../engine/rows';

/** Reads one CSV source into `table` and reports what was found. */
export async function readCsvSource(host: ReadHost, source: Source, gzip: boolean, options: SourceOptions, table: string): Promise<SourceReport> {
  void options;
  const size = source.blob.size;
  const label = `Reading ${source.name}`;
  const fileName = await host.registerFile(source.blob, gzip ? '.csv.gz' : '.csv');
  try {
    host.progress(label, 0, size);
    const onProgress = (pct: number): void => host.progress(label, Math.min(size, (pct / 100) * size), size);
    try {
      await host.readFile(readCsvSql(fileName, table), onProgress);
    } catch (e) {
      if (host.signal.aborted || !/unicode|utf-?8|encoding/i.test(String((e as Error).message))) throw e;
      await host.readFile(readCsvSql(fileName, table, { encoding: 'latin-1' }), onProgress);
    }
  } finally {
    host.forgetFile(fileName);
  }
  const rows = Number(toRows(await host.conn.query(`SELECT count(*)::BIGINT AS n FROM ${table}`))[0]?.n ?? 0);
  return { name: source.name, size, format: 'csv', rows, rejected: 0, notes: [], skipped: [] };
}
