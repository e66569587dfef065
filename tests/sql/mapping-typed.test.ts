// The typed path of the mapping step: typed columns are cast, text columns parsed; run on the
// real engine to check a float id prints without '.0' and a BIGINT amount becomes DOUBLE.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRows } from '../../src/engine/rows';
import type { DateDetection } from '../../src/mapping/dates';
import type { ColumnMapping, Mapping } from '../../src/mapping/detect';
import { rawKind } from '../../src/mapping/raw-type';
import { canonicalSelect, dateOf, numberOf, textOf } from '../../src/sql/mapping';
import { numberSql } from '../../src/sql/parse';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const ISO: DateDetection = { family: 'iso', sep: '-', order: 'mdy', ambiguous: false, yearDigits: 4, times: [' %H:%M:%S'], share: 1 };

describe('typed columns in the mapping step', () => {
  it('classifies DuckDB type names', () => {
    expect(['VARCHAR', undefined].map(rawKind)).toEqual(['text', 'text']);
    expect(['BIGINT', 'INTEGER', 'UBIGINT', 'HUGEINT'].map(rawKind)).toEqual(['integer', 'integer', 'integer', 'integer']);
    expect(['DOUBLE', 'FLOAT', 'DECIMAL(18,3)'].map(rawKind)).toEqual(['float', 'float', 'float']);
    expect(['TIMESTAMP', 'DATE', 'TIMESTAMP_NS', 'TIMESTAMP_MS'].map(rawKind)).toEqual(['time', 'time', 'time', 'time']);
    expect(['BOOLEAN', 'TIMESTAMP WITH TIME ZONE', 'STRUCT(a INTEGER)'].map(rawKind)).toEqual(['other', 'other', 'other']);
  });

  it('leaves text columns to the parsers (CSV is unchanged) and casts typed ones', () => {
    expect(textOf({ name: 'c' })).toBe('"c"');
    expect(numberOf({ name: 'q', numberFormat: 'plain' })).toBe(numberSql('"q"', 'plain'));
    expect(numberOf({ name: 'q', numberFormat: 'plain', type: 'BIGINT' })).toBe('CAST("q" AS DOUBLE)');
    expect(dateOf({ name: 'd', type: 'TIMESTAMP' }, ISO)).toBe('CAST("d" AS TIMESTAMP)');
    expect(dateOf({ name: 'd' }, ISO)).toContain('TRY_CAST("d" AS TIMESTAMP)');
  });

  describe('on the engine', () => {
    let db: TestDb;
    beforeAll(async () => {
      db = await openTestDb();
      await db.exec(`CREATE TABLE raw AS SELECT * FROM (VALUES
        (17850.0::DOUBLE, 536365::BIGINT, 6::BIGINT, 2.55::DOUBLE, TIMESTAMP '2010-12-01 08:26:00', DATE '2010-12-01', true, 12.5::DECIMAL(9,2)),
        (NULL, 536366, -2, 1.5, NULL, NULL, false, 3),
        (1.5e20, 536367, 1, 0.5, TIMESTAMP '2011-01-02 00:00:00', DATE '2011-01-02', NULL, 0)
      ) t(cust, inv, qty, price, ts, d, flag, dec)`);
    });
    afterAll(() => db.close());

    it('gives canonical values: ids as text without .0, numbers as doubles, timestamps as they are', async () => {
      const col = (name: string, role: ColumnMapping['role'], type: string): ColumnMapping => ({ name, role, kind: 'number', numberFormat: 'plain', reason: '', type });
      const m: Mapping = {
        columns: [col('cust', 'customer', 'DOUBLE'), col('inv', 'tx_id', 'BIGINT'), col('qty', 'quantity', 'BIGINT'), col('price', 'unit_price', 'DOUBLE'), col('ts', 'date', 'TIMESTAMP'), col('flag', 'dimension', 'BOOLEAN'), col('dec', 'attribute', 'DECIMAL(9,2)')],
        date: ISO,
        priceIsTotal: false,
        customerDotZero: true,
      };
      const sel = canonicalSelect(m);
      const rows = toRows(await db.query(`SELECT ${sel.map((s) => `${s.expr} AS "${s.name}"`).join(', ')} FROM raw`));
      expect(rows.map((r) => [r.customer_id, r.tx_id, r.quantity, r.amount, r.ts, r.x_flag, r.x_dec])).toEqual([
        ['17850', '536365', 6, 6 * 2.55, Date.UTC(2010, 11, 1, 8, 26), 'true', 12.5],
        [null, '536366', -2, -3, null, 'false', 3],
        ['1.5e+20', '536367', 1, 0.5, Date.UTC(2011, 0, 2), null, 0],
      ]);
      // a DATE column is a timestamp at midnight
      const d = toRows(await db.query(`SELECT ${dateOf({ name: 'd', type: 'DATE' }, ISO)} AS d FROM raw`));
      expect(d.map((r) => r.d)).toEqual([Date.UTC(2010, 11, 1), null, Date.UTC(2011, 0, 2)]);
    });
  });
});
