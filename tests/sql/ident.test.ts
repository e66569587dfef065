import { describe, expect, it } from 'vitest';
import { ident, literal } from '../../src/sql/ident';
import { toRows } from '../../src/engine/rows';
import { openTestDb } from '../helpers/duckdb';

describe('identifier quoting', () => {
  it('quotes names with spaces, quotes, unicode and keywords so DuckDB accepts them', async () => {
    const names = ['Annual Income (k$)', 'Customer ID', 'order', 'Größe "EU"', "it's", 'select', '日付'];
    expect(ident('a"b')).toBe('"a""b"');
    expect(literal("it's")).toBe("'it''s'");
    const db = await openTestDb();
    await db.exec(`CREATE TABLE t AS SELECT ${names.map((n, i) => `${i} AS ${ident(n)}`).join(', ')}`);
    const row = toRows(await db.query(`SELECT ${names.map(ident).join(', ')} FROM t WHERE ${ident('order')} = 2`))[0];
    expect(Object.keys(row ?? {})).toEqual(names);
    expect(toRows(await db.query(`SELECT ${literal("it's")} AS v`))[0]?.v).toBe("it's");
    db.close();
  });
});
