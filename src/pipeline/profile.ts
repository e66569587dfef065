// Step 1 of a load: read what is in a raw table (counts, samples) and decide roles.
// Also the two checks that need every row, not a sample: the day/month order of
// numeric dates, and whether a price column already holds line totals.
import type { Connector } from '../engine/connector';
import { toRows } from '../engine/rows';
import type { ColumnMapping, ColumnProfile, Mapping } from '../mapping/detect';
import { numberLabel, type NumberFormat } from '../mapping/numbers';
import type { DateDetection } from '../mapping/dates';
import { detectMapping } from '../mapping/detect';
import { rawKind } from '../mapping/raw-type';
import { ident } from '../sql/ident';
import { datePartMaximaSql, decimalVotesSql } from '../sql/parse';
import { measurePriceReading } from './price-reading';
import { columnNamesSql, columnStatsSql, sampleSql } from '../sql/profile';

/** The raw table's size and per-column profiles. */
export interface RawProfile {
  rows: number;
  columns: ColumnProfile[];
}

/**
 * Profiles every column of a raw table from counts on all rows and a 2,000-row sample. CSV tables are
 * all VARCHAR; typed tables (Excel, Parquet, JSON) are sampled as text and keep each column's type.
 */
export async function profileRaw(conn: Connector, table = 'raw'): Promise<RawProfile> {
  const cols = toRows(await conn.query(columnNamesSql(table))).map((r) => ({ name: String(r.column_name), type: String(r.data_type ?? 'VARCHAR') }));
  const names = cols.map((c) => c.name);
  const stats = toRows(await conn.query(columnStatsSql(names, table)))[0] ?? {};
  const sample = await conn.query(sampleSql(2000, table, cols));
  const columns = names.map((name, i): ColumnProfile => {
    const col = sample.getChildAt(i);
    const samples: string[] = [];
    for (let r = 0; r < sample.numRows; r++) {
      const v = col?.get(r) as unknown;
      samples.push(v === null || v === undefined ? '' : String(v));
    }
    return { name, nonNull: Number(stats[`nn_${i}`] ?? 0), distinct: Number(stats[`d_${i}`] ?? 0), samples, type: cols[i]?.type ?? 'VARCHAR' };
  });
  return { rows: Number(stats.n ?? 0), columns };
}

/** Detects the mapping, then settles what a sample cannot: day/month order on all rows, price as unit or line total. */
export async function detectAndRefine(conn: Connector, profile: RawProfile, table = 'raw'): Promise<Mapping> {
  let mapping = detectMapping(profile.columns, profile.rows);
  mapping = await refineDateOrder(conn, mapping, table);
  mapping = await refineDecimalSeparators(conn, mapping, table);
  return refinePriceConvention(conn, mapping, table);
}

/** Decides M/D vs D/M on every row of the date column (also for a numeric minority notation): any first part above 12 means day-first. */
export async function refineDateOrder(conn: Connector, m: Mapping, table = 'raw'): Promise<Mapping> {
  const col = m.columns.find((c) => c.role === 'date');
  if (!col || !m.date) return m;
  const text = rawKind(col.type) === 'text' ? ident(col.name) : `CAST(${ident(col.name)} AS VARCHAR)`;
  const refine = async (d: DateDetection): Promise<DateDetection> => {
    if (d.family !== 'numeric') return d;
    const r = toRows(await conn.query(datePartMaximaSql(table, text, d.sep)))[0];
    const first = Number(r?.first_max ?? 0);
    const second = Number(r?.second_max ?? 0);
    if (first > 12 && second <= 12) return { ...d, order: 'dmy', ambiguous: false };
    if (second > 12 && first <= 12) return { ...d, order: 'mdy', ambiguous: false };
    return d;
  };
  const main = await refine(m.date);
  if (!m.date.also) return main === m.date ? m : { ...m, date: main };
  const also: DateDetection[] = [];
  for (const d of m.date.also) also.push(await refine(d));
  const ambiguous = main.family === 'numeric' ? main.ambiguous : also.some((d) => d.family === 'numeric' && d.ambiguous);
  return { ...m, date: { ...main, also, ambiguous } };
}

/**
 * Decides the decimal separator on every row of the number columns the sample left undecided ("1.234"
 * alone): a single cell such as "12,5" or "1.234,50" anywhere in the file settles it; cells deciding both
 * ways leave the guess flagged for the user.
 */
export async function refineDecimalSeparators(conn: Connector, m: Mapping, table = 'raw'): Promise<Mapping> {
  const open = m.columns.filter((c) => c.kind === 'number' && c.numberReading?.ambiguous);
  if (open.length === 0) return m;
  const settled = new Map<string, NumberFormat>();
  for (const c of open) {
    const r = toRows(await conn.query(decimalVotesSql(table, ident(c.name))))[0];
    const point = Number(r?.point ?? 0);
    const comma = Number(r?.comma ?? 0);
    if (comma > 0 && point === 0) settled.set(c.name, 'decimal_comma');
    if (point > 0 && comma === 0) settled.set(c.name, c.numberFormat === 'decimal_comma' || c.numberFormat === null ? 'grouped' : c.numberFormat);
  }
  if (settled.size === 0) return m;
  const columns = m.columns.map((c): ColumnMapping => {
    const format = settled.get(c.name);
    if (!format) return c;
    const label = numberLabel({ format, ambiguous: false });
    return { ...c, numberFormat: format, numberReading: { label: `${label} (decided by values beyond the sample)`, ambiguous: false, decidedBy: 'values' } };
  });
  return { ...m, columns };
}

/**
 * Decides from the values whether the price column is a unit price or the line total (see
 * src/mapping/price-reading.ts) and records the evidence in the mapping.
 */
export async function refinePriceConvention(conn: Connector, m: Mapping, table = 'raw'): Promise<Mapping> {
  const reading = await measurePriceReading(conn, m, table);
  if (!reading) return { ...m, priceReading: null };
  return { ...m, priceIsTotal: reading.isTotal, priceReading: reading };
}
