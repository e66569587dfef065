// Every format gives the same figures as the CSV holding the same rows: the UCI slice (first
// 5,000 lines) as CSV (read by DuckDB, all VARCHAR), as Parquet in three compressions and as
// NDJSON (decoded in JS, typed, inserted as Arrow) goes through the same pipeline. The raw figures
// are pandas' (scripts/reference/format_slices_parquet_json.py); the KPIs and cleaning counts must equal the CSV's.
import { openAsBlob } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows } from '../../../src/engine/rows';
import { adoptStaged, analyse, type Analysis } from '../../../src/pipeline/dataset';
import { decodedToIpc } from '../../../src/pipeline/read/arrow';
import { readJson } from '../../../src/pipeline/read/json';
import { readParquet } from '../../../src/pipeline/read/parquet';
import type { DecodedTable } from '../../../src/pipeline/read/types';
import { DEFAULT_RULES } from '../../../src/sql/clean';
import { readCsvSql } from '../../../src/sql/load';
import { openTestDb, type TestDb } from '../../helpers/duckdb';

const DIR = resolve(__dirname, '../../fixtures/formats');

// pandas on uci_slice.csv (scripts/reference/format_slices_parquet_json.py)
const PANDAS = { rows: 5000, invoices: 300, customers: 197, value_all: 102_189.24, value_positive: 104_055.57, quantity: 45_929 };
const PANDAS_NESTED = { rows: 300, invoices: 34, customers: 24, value_all: 13_360.88, value_positive: 13_534.51 };

interface Run {
  analysis: Analysis;
  roles: Record<string, string>;
  types: Record<string, string>;
  lines: { rows: number; invoices: number; customers: number; value_all: number; value_positive: number; quantity: number; dot: number };
}

async function run(db: TestDb, load: () => Promise<void>): Promise<Run> {
  await load();
  const types = Object.fromEntries(toRows(await db.query(`DESCRIBE raw_next`)).map((r) => [String(r.column_name), String(r.column_type)]));
  const { profile, mapping } = await adoptStaged(db);
  const analysis = await analyse(db, profile, mapping, DEFAULT_RULES);
  const r = toRows(
    await db.query(`SELECT sum(__n)::INT AS rows, count(DISTINCT tx_id)::INT AS invoices, count(DISTINCT customer_id)::INT AS customers,
      round(sum(amount * __n), 2)::DOUBLE AS value_all, round(sum(amount * __n) FILTER (WHERE quantity > 0), 2)::DOUBLE AS value_positive,
      sum(quantity * __n)::DOUBLE AS quantity, count(*) FILTER (WHERE customer_id LIKE '%.%')::INT AS dot FROM lines`),
  )[0] as Run['lines'];
  return { analysis, roles: Object.fromEntries(mapping.columns.map((c) => [c.name, c.role])), types, lines: r };
}

// as the app does it: the reader's IPC bytes into the engine
const insert = (db: TestDb) => (t: DecodedTable) => db.insertArrow('raw_next', decodedToIpc(t));

describe('every format gives the figures of the CSV with the same rows', () => {
  let db: TestDb;
  let csv: Run;
  beforeAll(async () => {
    db = await openTestDb();
    csv = await run(db, () => db.exec(readCsvSql(resolve(DIR, 'uci_slice.csv'), 'raw_next')));
  });
  afterAll(() => db.close());

  it('the CSV slice gives the pandas figures', () => {
    expect(csv.lines).toEqual({ ...PANDAS, dot: 0 });
    expect(Object.values(csv.types).every((t) => t === 'VARCHAR')).toBe(true);
    expect(csv.roles).toMatchObject({ InvoiceNo: 'tx_id', Quantity: 'quantity', InvoiceDate: 'date', UnitPrice: 'unit_price', CustomerID: 'customer' });
  });

  const same = (r: Run): void => {
    expect(r.lines).toEqual({ ...PANDAS, dot: 0 });
    expect(r.roles).toEqual(csv.roles);
    expect(r.analysis.clean.quality.rows_in).toBe(csv.analysis.clean.quality.rows_in);
    const q = r.analysis.clean.quality;
    const c = csv.analysis.clean.quality;
    for (const k of ['bad_date', 'duplicates', 'missing_amount', 'returns_rows', 'zero_rows', 'rows_clean', 'missing_customer', 'purchases_returned_rows'] as const) expect(q[k], k).toBe(c[k]);
    expect(q.returns_value).toBeCloseTo(c.returns_value, 6);
    for (const [k, v] of Object.entries(csv.analysis.kpis)) {
      const got = (r.analysis.kpis as unknown as Record<string, unknown>)[k];
      if (typeof v === 'number') expect(got, k).toBeCloseTo(v, 6);
      else expect(got, k).toEqual(v);
    }
    expect(r.analysis.kpis.customers).toBeGreaterThan(100);
  };

  it.each(['snappy', 'zstd', 'gzip'])('Parquet (%s): typed columns, same figures', async (codec) => {
    const r = await run(db, async () => insert(db)(await readParquet(await openAsBlob(resolve(DIR, `uci_slice.${codec}.parquet`)))));
    expect(r.types).toMatchObject({ CustomerID: 'DOUBLE', InvoiceDate: 'TIMESTAMP', UnitPrice: 'DOUBLE', Quantity: 'BIGINT', InvoiceNo: 'VARCHAR' });
    same(r);
    // a float customer id reads as the CSV's: 17850, not 17850.0
    const ids = toRows(await db.query(`SELECT DISTINCT customer_id FROM sales WHERE customer_id IN ('17850', '13047') ORDER BY 1`));
    expect(ids.map((x) => x.customer_id)).toEqual(['13047', '17850']);
  });

  it('NDJSON: typed columns, same figures', async () => {
    const text = gunzipSync(await readFile(resolve(DIR, 'uci_slice.ndjson.gz')));
    const r = await run(db, async () => insert(db)(await readJson(new Blob([text]))));
    expect(r.types).toMatchObject({ CustomerID: 'BIGINT', InvoiceDate: 'VARCHAR', UnitPrice: 'DOUBLE', Quantity: 'BIGINT', InvoiceNo: 'VARCHAR' });
    same(r);
  });

  it('nested JSON: dotted columns found by name, the pandas figures of its 300 rows', async () => {
    const r = await run(db, async () => insert(db)(await readJson(await openAsBlob(resolve(DIR, 'uci_nested.json')))));
    expect(r.roles).toMatchObject({ InvoiceNo: 'tx_id', InvoiceDate: 'date', 'customer.id': 'customer', 'item.quantity': 'quantity', 'item.unit_price': 'unit_price' });
    expect(r.lines).toMatchObject(PANDAS_NESTED);
    expect(r.types.tags).toBe('VARCHAR');
  });
});
