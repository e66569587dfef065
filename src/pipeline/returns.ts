// Rule 4b of the cleaning: returns netted against what they return. Reads the lines of
// keys that have a return, runs the matching rule (src/analytics/match-returns.ts) and
// writes the outcome back into `lines` (src/sql/returns.ts).
import type { Connector } from '../engine/connector';
import type { Mapping } from '../mapping/detect';
import { matchReturns, type MatchLine } from '../analytics/match-returns';
import { applyMatchSql, matchCandidatesSql, matchMode, type MatchRow } from '../sql/returns';

/** What the netting did: return lines matched and their matched value (negative); purchases returned in full and value taken off purchases. */
export interface NetResult {
  returnRows: number;
  returnValue: number;
  fullRows: number;
  purchaseValue: number;
}

/** Matches returns to purchases in `lines` (status 'return' / 'sale') and records the outcome there. */
export async function netReturns(conn: Connector, mapping: Mapping, signal?: AbortSignal): Promise<NetResult> {
  const has = (role: string): boolean => mapping.columns.some((c) => c.role === role);
  const mode = matchMode(has('product'), has('quantity'));
  const t = await conn.query(matchCandidatesSql(mode), signal);
  const col = (name: string): { get(i: number): unknown } => {
    const c = t.getChild(name);
    if (!c) throw new Error(`returns matching: column ${name} missing`);
    return c;
  };
  const [rid, isRet, key, ts, tx, units, amount] = ['rid', 'is_return', 'k', 't', 'tx', 'units', 'amount'].map(col) as [
    ReturnType<typeof col>,
    ReturnType<typeof col>,
    ReturnType<typeof col>,
    ReturnType<typeof col>,
    ReturnType<typeof col>,
    ReturnType<typeof col>,
    ReturnType<typeof col>,
  ];
  const lines: MatchLine[] = new Array(t.numRows);
  for (let i = 0; i < t.numRows; i++) {
    const tv = ts.get(i);
    lines[i] = {
      rid: Number(rid.get(i)),
      isReturn: Boolean(isRet.get(i)),
      key: String(key.get(i)),
      t: tv === null || tv === undefined ? null : Number(tv),
      tx: String(tx.get(i)),
      units: Number(units.get(i)),
      amount: Number(amount.get(i)),
    };
  }
  const byRid = new Map(lines.map((l) => [l.rid, l]));
  const m = matchReturns(lines);
  const rows: MatchRow[] = [];
  const out: NetResult = { returnRows: 0, returnValue: 0, fullRows: 0, purchaseValue: 0 };
  const byQuantity = mode.units === 'quantity';
  for (const [id, u] of m.purchases) {
    const l = byRid.get(id);
    if (!l) continue;
    const full = u >= l.units;
    // a purchase returned in full gives back exactly its amount (no rounding residue)
    const value = full ? l.amount : (u / l.units) * l.amount;
    rows.push({ rid: id, qty: byQuantity ? u : null, value, full });
    out.purchaseValue += value;
    if (full) out.fullRows++;
  }
  for (const [id, u] of m.returns) {
    const l = byRid.get(id);
    if (!l) continue;
    const value = (u / l.units) * l.amount;
    rows.push({ rid: id, qty: byQuantity ? u : null, value, full: false });
    out.returnRows++;
    out.returnValue += value;
  }
  for (const sql of applyMatchSql(rows)) await conn.exec(sql, signal);
  return out;
}
