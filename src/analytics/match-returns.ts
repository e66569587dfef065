// The returns-matching rule, as a sequential pass (SQL cannot express "latest purchase
// first, up to what is left, returns in time order" without recursion):
//   Each return line is matched to the same customer's purchases of the same product made
//   at or before it, latest purchase first, up to the quantity bought and not already
//   returned; returns are processed in time order.
// The caller hands over only the lines whose key (customer, product) has a return, so
// the pass touches a small subset. Ties are broken on values, never on file order:
// purchases at the same time → later transaction id, then higher unit price, then larger
// quantity first; returns at the same time → transaction id, quantity, amount ascending.
// A missing time (file without dates) counts as "at or before" anything.

/** One line handed to the matcher: a purchase (units > 0) or a return (units > 0 to give back). */
export interface MatchLine {
  /** Row id in `lines`, echoed back in the result. */
  rid: number;
  isReturn: boolean;
  /** Matching key: customer (and product when the file has one). */
  key: string;
  /** Time in epoch ms, or null when the file has no usable date. */
  t: number | null;
  tx: string;
  /** What is matched: the quantity (positive; for a return, the quantity given back) or the value. */
  units: number;
  /** The line's amount (negative for a return). */
  amount: number;
}

/** The matcher's verdict per touched line: units matched (bought-and-returned, or returned-and-found). */
export interface MatchResult {
  /** Per purchase rid: units returned from it. */
  purchases: Map<number, number>;
  /** Per return rid: units of it matched to purchases. */
  returns: Map<number, number>;
}

interface Pool {
  line: MatchLine;
  left: number;
}

const desc = (a: string, b: string): number => (a < b ? 1 : a > b ? -1 : 0);

/** Latest purchase first: time, tx id, unit price, quantity, all descending. */
function purchaseOrder(a: MatchLine, b: MatchLine): number {
  const ta = a.t ?? -Infinity;
  const tb = b.t ?? -Infinity;
  if (ta !== tb) return tb - ta;
  const tx = desc(a.tx, b.tx);
  if (tx) return tx;
  const pa = a.amount / a.units;
  const pb = b.amount / b.units;
  if (pa !== pb) return pb - pa;
  return b.units - a.units;
}

/** Returns in time order: time, tx id, quantity (as signed, i.e. the larger return first), amount, all ascending. */
function returnOrder(a: MatchLine, b: MatchLine): number {
  const ta = a.t ?? -Infinity;
  const tb = b.t ?? -Infinity;
  if (ta !== tb) return ta - tb;
  const tx = -desc(a.tx, b.tx);
  if (tx) return tx;
  if (a.units !== b.units) return b.units - a.units;
  return a.amount - b.amount;
}

/** Applies the matching rule to purchases and returns; lines of different keys never meet. */
export function matchReturns(lines: readonly MatchLine[]): MatchResult {
  const pools = new Map<string, Pool[]>();
  const rets: MatchLine[] = [];
  for (const l of lines) {
    if (!(l.units > 0)) continue;
    if (l.isReturn) rets.push(l);
    else {
      let p = pools.get(l.key);
      if (!p) pools.set(l.key, (p = []));
      p.push({ line: l, left: l.units });
    }
  }
  for (const p of pools.values()) p.sort((a, b) => purchaseOrder(a.line, b.line));
  rets.sort(returnOrder);
  const purchases = new Map<number, number>();
  const returns = new Map<number, number>();
  for (const r of rets) {
    const pool = pools.get(r.key);
    if (!pool) continue;
    let want = r.units;
    let got = 0;
    for (const p of pool) {
      if (want <= 0) break;
      if (p.left <= 0) continue;
      if (r.t !== null && p.line.t !== null && p.line.t > r.t) continue;
      const take = Math.min(want, p.left);
      p.left -= take;
      want -= take;
      got += take;
      purchases.set(p.line.rid, (purchases.get(p.line.rid) ?? 0) + take);
    }
    if (got > 0) returns.set(r.rid, got);
  }
  return { purchases, returns };
}
