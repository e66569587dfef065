// Reading a CSV (plain or gzip) with DuckDB's own reader, after planning the read from the
// file's first and last megabytes (plan.ts: encoding, delimiter, header row, footer lines):
//   1. gzip: unpack once in JS to check the file is whole (a cut-off download is refused
//      before any figure, with the choice to analyse what it holds) and to see its text
//   2. plan; a hopeless file (one 100 MB line, 50,000 columns, binary) is refused here
//   3. UTF-16 / Windows-1252: transcoded to UTF-8 in JS (DuckDB reads UTF-8)
//   4. DuckDB reads it: title lines skipped, ragged rows kept out into `rejected_rows`
//      with their line numbers, footer/total rows deleted
import { toRows } from '../../engine/rows';
import { fmtInt } from '../../format';
import { clearRejectsSql, deleteFooterSql, readCsvSql, rejectedRowsSql } from '../../sql/load';
import { checkGzip } from './gzip-check';
import { gunzipUpToDamage } from './gunzip';
import { bytesOf } from './bytes';
import type { ReadHost, Source, SourceOptions, SourceReport } from './load';
import { REJECTED_TABLE } from './load';
import { csvReadOptions, planCsvRead } from './plan';
import { ReadRefusal, sampleChoice, sampleOffer } from './refusal';
import { decoderLabel, HEAD_BYTES, TAIL_BYTES } from './text-shape';
import { transcodeToUtf8 } from './transcode';
import type { SkippedLine } from './types';
import { literal } from '../../sql/ident';
import { customerSamplePredicate } from '../../sql/sample';
import type { CsvReadOptions } from '../../sql/load';
import { byteSize } from './format';
import { ENGINE_LIMIT_BYTES, estimateCsvMemory } from '../memory';
import { detectAndRefine, profileRaw } from '../profile';

/** Rows read to find the customer column before a sampled read. */
const PROBE_ROWS = 20_000;

/** Reads one CSV source into `table` and reports what was found; `index` is the file's place among the sources, `firstBytes` its first HEAD_BYTES when already read. */
export async function readCsvSource(host: ReadHost, source: Source, gzip: boolean, options: SourceOptions, table: string, index = 0, firstBytes?: Uint8Array, only = true): Promise<SourceReport> {
  const { blob, name } = source;
  const size = blob.size;
  let head: Uint8Array;
  let tail: Uint8Array | null;
  let textSize = size;
  let truncated = false;
  if (gzip) {
    host.progress(`Unpacking ${name} to check it is complete`, 0, 0);
    const check = await checkGzip(blob, host.signal);
    head = check.head;
    tail = check.tail;
    if (!check.complete) {
      const lines = Math.max(0, check.linesRead - 1);
      if (!options.allowTruncated) {
        throw new ReadRefusal(
          'The file ends early',
          `“${name}” is incomplete: ${check.reason}. Only about ${fmtInt(lines)} rows could be unpacked, so figures from it would be too low. Download or export the file again — or, if you know the rest is missing, analyse the rows it holds.`,
          { label: `Analyse the ${fmtInt(lines)} rows it holds`, index, option: 'allowTruncated' },
        );
      }
      truncated = true;
      textSize = check.bytesRead;
    } else textSize = check.bytes;
  } else {
    head = firstBytes ?? (await bytesOf(blob, 0, Math.min(size, HEAD_BYTES)));
    tail = size > HEAD_BYTES ? await bytesOf(blob, Math.max(0, size - TAIL_BYTES), size) : null;
  }
  const planned = planCsvRead(head, tail, textSize, name);
  if ('refusal' in planned) throw new ReadRefusal(planned.refusal.title, planned.refusal.message);
  const plan = planned.plan;
  // beyond the engine's memory: offer a sample of customers before anything is read (one file at a time)
  const every = options.sampleEvery && options.sampleEvery >= 2 ? Math.floor(options.sampleEvery) : 1;
  if (every === 1 && only) {
    const limit = host.memoryLimit ?? ENGINE_LIMIT_BYTES;
    const need = estimateCsvMemory(textSize, head, limit);
    if (!need.fits) {
      throw new ReadRefusal(
        'This file is larger than the browser can analyse whole',
        `“${name}” holds about ${fmtInt(need.rows)} rows, which need about ${byteSize(need.bytes)} of memory; the browser gives the analysis at most ${byteSize(limit)}. ${sampleOffer(need.sampleEvery)} Or split the file (for example by year) and load a part.`,
        sampleChoice(need.sampleEvery, index),
      );
    }
  }

  // the user's header row replaces the guess: every line above it is left out
  let skip = plan.skip;
  let skipped: SkippedLine[] = plan.skipped;
  let notes = plan.notes;
  if (options.headerRow && options.headerRow >= 1 && options.headerRow - 1 !== plan.skip) {
    skip = Math.floor(options.headerRow) - 1;
    const lines = new TextDecoder(decoderLabel(plan.encoding)).decode(head).split(/\r\n|\n|\r/);
    const above = lines.slice(0, skip).map((text, i) => ({ line: i + 1, text, reason: 'above the header line you chose' }));
    skipped = [...above, ...plan.skipped.filter((k) => k.line > skip + 1)];
    notes = [...notes.filter((n) => n.topic !== 'Header row' && n.topic !== 'Skipped lines'), { topic: 'Header row', decision: `line ${fmtInt(skip + 1)}`, why: 'chosen by you' }];
  }

  // DuckDB reads UTF-8 (plain or gzip); anything else, and a cut-off gzip, is handed over unpacked
  let content: Blob | Uint8Array = blob;
  let ext = gzip ? '.csv.gz' : '.csv';
  if (plan.needsTranscode || truncated) {
    host.progress(plan.needsTranscode ? `Converting ${name} to UTF-8` : `Unpacking ${name}`, 0, 0);
    const text = gzip ? await gunzipUpToDamage(blob) : blob;
    content = plan.needsTranscode ? await transcodeToUtf8(text, plan.encoding, host.signal) : text;
    ext = '.csv';
  }
  const fileName = await host.registerFile(content, ext);
  const label = every > 1 ? `Reading 1 in ${every} customers of ${name}` : `Reading ${name}`;
  let sample: { where: string; column: string } | null = null;
  try {
    host.progress(label, 0, size);
    await host.conn.exec(clearRejectsSql());
    const readOptions = { ...csvReadOptions(plan, { skip }), newLine: plan.lineEnding };
    if (every > 1) {
      host.progress(`Finding the customer column of ${name}`, 0, size);
      sample = await sampleOf(host, fileName, readOptions, every, name);
    }
    const onProgress = (pct: number): void => host.progress(label, Math.min(size, (pct / 100) * size), size);
    await host.readFile(readCsvSql(fileName, table, { ...readOptions, ...(sample ? { where: sample.where } : {}) }), onProgress);
  } finally {
    host.forgetFile(fileName);
  }
  // a sample keeps footer rows only by chance (and they carry no date): the last rows are real ones then
  if (plan.footerRows > 0 && !sample) await host.conn.exec(deleteFooterSql(table, plan.footerRows));
  await host.conn.exec(
    `INSERT INTO ${REJECTED_TABLE} SELECT ${literal(name)}, line, reason, text FROM (${rejectedRowsSql({ excludeText: plan.footerText })})`,
  );
  await host.conn.exec(clearRejectsSql());
  const counts = toRows(
    await host.conn.query(`SELECT (SELECT count(*) FROM ${table})::BIGINT AS n, (SELECT count(*) FROM ${REJECTED_TABLE} WHERE source_file = ${literal(name)})::BIGINT AS rejected`),
  )[0];
  return {
    name,
    size,
    format: 'csv',
    rows: Number(counts?.n ?? 0),
    rejected: Number(counts?.rejected ?? 0),
    notes,
    skipped,
    headerRow: skip + 1,
    ...(truncated ? { truncated: true } : {}),
    ...(sample ? { sample: { every, column: sample.column } } : {}),
  };
}

/** The customer column of a file, detected on its first rows, and the predicate keeping 1 in `every` customers; refuses a file without one. */
async function sampleOf(host: ReadHost, fileName: string, options: CsvReadOptions, every: number, name: string): Promise<{ where: string; column: string }> {
  const probe = 'raw_probe';
  const rejects = { table: 'probe_rejects', scan: 'probe_rejects_scan' };
  try {
    await host.readFile(readCsvSql(fileName, probe, { ...options, rejects, limit: PROBE_ROWS }), () => undefined);
    const profile = await profileRaw(host.conn, probe);
    const mapping = await detectAndRefine(host.conn, profile, probe);
    const customer = mapping.columns.find((c) => c.role === 'customer');
    if (!customer) {
      throw new ReadRefusal(
        'No customer column to sample by',
        `A sample keeps every purchase of 1 in N customers, but no customer id column was found in “${name}”. Split the file (for example by year) and load a part.`,
      );
    }
    const columns = profile.columns.map((c) => c.name);
    return { where: customerSamplePredicate({ column: customer.name, every, dotZero: mapping.customerDotZero }, columns), column: customer.name };
  } finally {
    await host.conn.exec(`DROP TABLE IF EXISTS ${probe}; ${clearRejectsSql(rejects.table, rejects.scan)}`);
  }
}
