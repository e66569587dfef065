// Step 1 of a load: read what is in a raw table (counts, samples) and decide roles.
// Also the two checks that need every row, not a sample: the day/month order of
// numeric dates, and whether a price column already holds line totals.
import type { Connector } from '../engine/connector';
import { toRows } from '../engine/rows';
import type { ColumnProfile, Mapping } from '../mapping/detect';
import { detectMapping } from '../mapping/detect';
import { ident } from '../sql/ident';
import { numberSql, datePartMaximaSql } from '../sql/parse';
import { columnNamesSql, columnStatsSql, sampleSql } from '../sql/profile';

/** The raw table's size and per-column profiles. */
export interface RawProfile {
  rows: number;
  columns: ColumnProfile[];
}

/** Profiles every column of a raw (all-VARCHAR) table from counts on all rows and a 2,000-row sample. */
export async function profileRaw(conn: Connector, table = 'raw'): Promise<RawProfile> {
  const names = toRows(await conn.query(columnNamesSql(table))).map((r) => String(r.column_name));
  const stats = toRows(await conn.query(columnStatsSql(names, table)))[0] ?? {};
  const sample = await conn.query(sampleSql(2000, table));
  const columns = names.map((name, i): ColumnProfile => {
    const col = sample.getChildAt(i);
    const samples: string[] = [];
    for (let r = 0; r < sample.numRows; r++) {
      const v = col?.get(r) as unknown;
      samples.push(v === null || v === undefined ? '' : String(v));
    }
    return { name, nonNull: Number(stats[`nn_${i}`] ?? 0), distinct: Number(stats[`d_${i}`] ?? 0), samples };
  });
  return { rows: Number(stats.n ?? 0), columns };
}

/** Detects the mapping, then settles what a sample cannot: day/month order on all rows, price as unit or line total. */
export async function detectAndRefine(conn: Connector, profile: RawProfile, table = 'raw'): Promise<Mapping> {
  let mapping = detectMapping(profile.columns, profile.rows);
  mapping = await refineDateOrder(conn, mapping, table);
  return refinePriceConvention(conn, mapping, table);
}

/** Decides M/D vs D/M on every row of the date column: any first part above 12 means day-first. */
export async function refineDateOrder(conn: Connector, m: Mapping, table = 'raw'): Promise<Mapping> {
  const col = m.columns.find((c) => c.role === 'date');
  if (!col || !m.date || m.date.family !== 'numeric') return m;
  const r = toRows(await conn.query(datePartMaximaSql(table, ident(col.name), m.date.sep)))[0];
  const first = Number(r?.first_max ?? 0);
  const second = Number(r?.second_max ?? 0);
  if (first > 12 && second <= 12) return { ...m, date: { ...m.date, order: 'dmy', ambiguous: false } };
  if (second > 12 && first <= 12) return { ...m, date: { ...m.date, order: 'mdy', ambiguous: false } };
  return m;
}

/**
 * When there is a quantity, a price and a product but no amount column, tells a unit price
 * from a line total: within one product a unit price stays put as quantity changes, a line
 * total moves with it. Compares the spread of price and of price/quantity within products.
 */
export async function refinePriceConvention(conn: Connector, m: Mapping, table = 'raw'): Promise<Mapping> {
  const price = m.columns.find((c) => c.role === 'unit_price');
  const qty = m.columns.find((c) => c.role === 'quantity');
  const product = m.columns.find((c) => c.role === 'product');
  if (!price || !qty || !product || m.columns.some((c) => c.role === 'amount')) return m;
  const p = numberSql(ident(price.name), price.numberFormat ?? 'grouped');
  const q = numberSql(ident(qty.name), qty.numberFormat ?? 'grouped');
  const sql = `WITH t AS (SELECT ${ident(product.name)} AS k, ${p} AS p, ${q} AS q FROM ${table} LIMIT 100000),
v AS (SELECT k, stddev_pop(ln(p)) AS sp, stddev_pop(ln(p / q)) AS su, count(DISTINCT q) AS nq FROM t WHERE p > 0 AND q > 0 GROUP BY k HAVING count(DISTINCT q) > 1)
SELECT count(*) AS products, count(*) FILTER (WHERE su < sp) AS total_like FROM v`;
  const r = toRows(await conn.query(sql))[0];
  const products = Number(r?.products ?? 0);
  if (products < 5) return m;
  return { ...m, priceIsTotal: Number(r?.total_like ?? 0) > 0.6 * products };
}
