// Returns netted against what they return: the SQL around the matching pass
// (src/analytics/match-returns.ts holds the rule). Only lines whose key has a return are
// read, so a load touches a small subset of `lines`; the outcome goes back into `lines`
// as match_qty / match_value (purchases: returned from this line; returns: matched part),
// and purchases returned in full get status 'returned' (they leave `sales`).
import { num } from './ident';

/** How returns meet purchases: by quantity within (customer, product), or by value within the customer (no product, or no quantity). */
export type MatchMode = { key: 'customer_product' | 'customer'; units: 'quantity' | 'value' };

/** The matching mode a file allows: product and quantity → quantity per product; otherwise value, per product when there is one. */
export function matchMode(hasProduct: boolean, hasQuantity: boolean): MatchMode {
  return { key: hasProduct ? 'customer_product' : 'customer', units: hasProduct && hasQuantity ? 'quantity' : 'value' };
}

/** Purchases and returns of every key that has a matchable return: rid, is_return, k, t (epoch ms), tx, units, amount. */
export function matchCandidatesSql(m: MatchMode): string {
  const byProduct = m.key === 'customer_product';
  const key = (a: string): string => (byProduct ? `${a}customer_id || chr(31) || ${a}product` : `${a}customer_id`);
  const keyOk = (a: string): string => `${a}customer_id IS NOT NULL` + (byProduct ? ` AND ${a}product IS NOT NULL` : '');
  const col = m.units === 'quantity' ? 'quantity' : 'amount';
  const units = (a: string): string => `(CASE WHEN ${a}status = 'return' THEN -${a}${col} ELSE ${a}${col} END)`;
  return `WITH k AS (
  SELECT DISTINCT ${key('')} AS k FROM lines WHERE status = 'return' AND ${keyOk('')} AND -${col} > 0
)
SELECT l.rowid::BIGINT AS rid, (l.status = 'return') AS is_return, ${key('l.')} AS k,
  epoch_ms(l.ts)::DOUBLE AS t, coalesce(l.tx_id, '') AS tx, ${units('l.')}::DOUBLE AS units, l.amount::DOUBLE AS amount
FROM lines l SEMI JOIN k ON ${key('l.')} = k.k
WHERE ${keyOk('l.')} AND l.status IN ('sale', 'return') AND ${units('l.')} > 0`;
}

/** One matched line: its rid, matched quantity and value (value negative for returns), and whether a purchase went back in full. */
export interface MatchRow {
  rid: number;
  qty: number | null;
  value: number;
  full: boolean;
}

/**
 * Statements that write the matched lines into `lines` through a temporary table; empty list
 * → no statement. The values travel as one comma-separated string per column (split and
 * unnested in parallel): DuckDB parses that far faster than thousands of VALUES tuples.
 */
export function applyMatchSql(rows: readonly MatchRow[]): string[] {
  if (!rows.length) return [];
  const list = (f: (r: MatchRow) => string): string => `string_split('${rows.map(f).join(',')}', ',')`;
  return [
    `CREATE OR REPLACE TEMP TABLE return_match AS
SELECT unnest(${list((r) => num(r.rid))})::BIGINT AS rid,
  NULLIF(unnest(${list((r) => (r.qty === null ? '' : num(r.qty)))}), '')::DOUBLE AS q,
  unnest(${list((r) => num(r.value))})::DOUBLE AS v,
  unnest(${list((r) => (r.full ? '1' : '0'))}) = '1' AS full_return`,
    `UPDATE lines SET match_qty = coalesce(m.q, lines.quantity * m.v / NULLIF(lines.amount, 0), 0), match_value = m.v,
  status = CASE WHEN m.full_return THEN 'returned' ELSE lines.status END
FROM return_match m WHERE lines.rowid = m.rid`,
    'DROP TABLE return_match',
  ];
}
