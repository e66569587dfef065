// Step 1b of a load: measure on the values whether the price column is a unit price or the
// line total (src/sql/price-reading.ts builds the queries, src/mapping/price-reading.ts decides).
import type { Connector } from '../engine/connector';
import { toRows } from '../engine/rows';
import type { ColumnMapping, Mapping } from '../mapping/detect';
import { decidePriceReading, noQuantityReading, type ColumnFigures, type GroupFigures, type InvoiceFigures, type OtherFigures, type PriceReading } from '../mapping/price-reading';
import { ident } from '../sql/ident';
import { numberOf, textOf } from '../sql/mapping';
import { priceColumnsSql, priceGroupSql, priceInvoiceSql } from '../sql/price-reading';

// typed number columns are cast, text ones parsed in their notation (as in the sales projection)
const num = (c: ColumnMapping): string => numberOf(c);

/** The columns a price reading depends on, as a key: a reading is re-measured when it changes. */
export function priceRolesKey(m: Mapping): string {
  const of = (role: string): string => m.columns.find((c) => c.role === role)?.name ?? '';
  return JSON.stringify([of('unit_price'), of('quantity'), of('amount'), of('product'), of('category'), of('tx_id')]);
}

/** Measures the price reading for a mapping on `table`; null when there is no price column. */
export async function measurePriceReading(conn: Connector, m: Mapping, table = 'raw', signal?: AbortSignal): Promise<PriceReading | null> {
  const by = (role: string): ColumnMapping | undefined => m.columns.find((c) => c.role === role);
  const price = by('unit_price');
  if (!price) return null;
  const roles = priceRolesKey(m);
  const qty = by('quantity');
  if (!qty) return noQuantityReading(price.name, roles);
  const p = num(price);
  const q = num(qty);
  const amount = by('amount');
  // every other numeric column, whatever its role (a unit price column may have been taken for a product code)
  const others = [...(amount ? [amount] : []), ...m.columns.filter((c) => c.kind === 'number' && c !== price && c !== qty && c !== amount && !['customer', 'tx_id', 'date'].includes(c.role))].slice(0, 12);
  const tx = by('tx_id');
  const sql = priceColumnsSql({ table, price: p, quantity: q, others: others.map((c, i) => ({ name: `o${i}`, expr: num(c) })), tx: tx ? textOf(tx) : null });
  const r = toRows(await conn.query(sql, signal))[0] ?? {};
  const n = (k: string): number => Number(r[k] ?? 0);
  const cols: ColumnFigures = {
    rows: n('rows'),
    q1_rows: n('q1_rows'),
    multi: n('multi'),
    sum_qp: n('sum_qp'),
    sum_p: n('sum_p'),
    sum_q: n('sum_q'),
    orders: n('orders'),
    others: others.map((c, i): OtherFigures => ({ column: c.name, isAmount: c.role === 'amount', n: n(`o${i}_n`), total: n(`o${i}_total`), line: n(`o${i}_line`), same: n(`o${i}_same`) })),
  };
  if (tx && others.length > 0 && cols.multi > 0) {
    const sql = priceInvoiceSql({ table, price: p, quantity: q, tx: textOf(tx), others: others.map((c, i) => ({ name: `o${i}`, expr: num(c) })) });
    const v = toRows(await conn.query(sql, signal))[0] ?? {};
    const f = (k: string): number => Number(v[k] ?? 0);
    cols.invoices = others.map((c, i): InvoiceFigures => ({ column: c.name, isAmount: c.role === 'amount', invoices: f(`o${i}_inv`), sum_line: f(`o${i}_sum_line`), sum_price: f(`o${i}_sum_price`) }));
  }
  let group: GroupFigures | null = null;
  if (cols.multi > 0) {
    // the finest grouping with enough rows where quantity changes: product, then category, then the file
    const keys: [GroupFigures['by'], string][] = [];
    const product = by('product');
    const category = by('category');
    if (product) keys.push(['product', ident(product.name)]);
    if (category) keys.push(['category', ident(category.name)]);
    keys.push(['file', "'all'"]);
    for (const [label, key] of keys) {
      const g = toRows(await conn.query(priceGroupSql({ table, price: p, quantity: q, key }), signal))[0] ?? {};
      const f = (k: string): number => Number(g[k] ?? 0);
      group = {
        by: label,
        rows: f('rows'),
        groups: f('groups'),
        varied_groups: f('varied_groups'),
        informative: f('informative'),
        at_price: f('at_price'),
        at_ratio: f('at_ratio'),
        ratio_groups: f('ratio_groups'),
        price_groups: f('price_groups'),
        sxx: f('sxx'),
        sxy: f('sxy'),
        syy: f('syy'),
        multi: f('multi'),
        distinct_p: f('distinct_p'),
        distinct_r: f('distinct_r'),
      };
      if (group.informative >= 30 && group.informative >= 0.05 * group.rows) break;
    }
  }
  return decidePriceReading(price.name, cols, group, roles);
}
