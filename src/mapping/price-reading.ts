// Is the price column a unit price or already the line total? Decided from figures measured
// on the values (src/sql/price-reading.ts), strongest evidence first:
//   1. quantity is 1 everywhere: both readings give the same money
//   2. an amount column equals quantity × price (unit) or equals price (line total)
//   3. price = quantity × another column (line total) or another column = quantity × price (unit);
//      or another column holds each invoice's total: Σ quantity × price (unit) or Σ price (line total)
//   4. within products (else categories, else the whole file): a unit price keeps its usual value
//      when the quantity changes, a line total keeps price ÷ quantity and moves with quantity
//   5. when 4 is unclear or has no groups: a catalogue of unit prices shows as few distinct values —
//      of price ÷ quantity for line totals, of price for unit prices
// Pure: figures in, verdict and a sentence with the figures out.
import { fmtInt, fmtPct } from '../format';

/** What the values say about the price column. */
export type PriceVerdict = 'unit' | 'total' | 'unclear';

/** Headline figures under one reading, over rows with positive price and quantity. */
export interface PriceHeadline {
  revenue: number;
  items: number;
  orders: number;
  aov: number;
}

/** Figures of the within-group test (one row of priceGroupSql) and which grouping it used. */
export interface GroupFigures {
  by: 'product' | 'category' | 'file';
  rows: number;
  groups: number;
  varied_groups: number;
  informative: number;
  at_price: number;
  at_ratio: number;
  ratio_groups: number;
  price_groups: number;
  sxx: number;
  sxy: number;
  syy: number;
  /** Rows with quantity ≠ 1, and their distinct prices and price ÷ quantity (to cents). */
  multi: number;
  distinct_p: number;
  distinct_r: number;
}

/** One other numeric column compared with price and quantity (counts over rows with quantity ≠ 1). */
export interface OtherFigures {
  column: string;
  isAmount: boolean;
  n: number;
  total: number;
  line: number;
  same: number;
}

/** One other column against invoice sums (counts over invoices where it holds one value). */
export interface InvoiceFigures {
  column: string;
  isAmount: boolean;
  invoices: number;
  sum_line: number;
  sum_price: number;
}

/** Figures of the cross-column test (one row of priceColumnsSql, others unpacked). */
export interface ColumnFigures {
  rows: number;
  q1_rows: number;
  multi: number;
  sum_qp: number;
  sum_p: number;
  sum_q: number;
  orders: number;
  others: OtherFigures[];
  /** Per-invoice comparison (priceInvoiceSql), when there is a transaction id. */
  invoices?: InvoiceFigures[];
}

/** The decision, its evidence and the headline figures under both readings (kept in the mapping and report). */
export interface PriceReading {
  verdict: PriceVerdict;
  /** The reading detection chose: true = line total. For 'unclear' the conventional unit price. */
  isTotal: boolean;
  /** What decided it. */
  basis: 'no-quantity' | 'quantity-one' | 'amount' | 'column' | 'invoice' | 'group' | 'distinct' | 'none';
  /** One sentence with figures, ending in the conclusion. */
  evidence: string;
  /** The price, quantity, amount, product and category columns it was measured for (re-measured when they change). */
  roles: string;
  /** Headline figures under each reading (null when there is nothing to compare). */
  both: { unit: PriceHeadline; total: PriceHeadline } | null;
  /** The measured figures behind the sentence. */
  figures: Record<string, number | string>;
}

const MIN_ROWS = 10;
const round = (x: number, d = 4): number => Math.round(x * 10 ** d) / 10 ** d;
const plural: Record<GroupFigures['by'], string> = { product: 'products', category: 'categories', file: 'file' };

/** The headline figures under both readings from the cross-column figures. */
export function headlines(c: ColumnFigures): { unit: PriceHeadline; total: PriceHeadline } | null {
  if (c.rows === 0) return null;
  const h = (revenue: number): PriceHeadline => ({ revenue, items: c.sum_q, orders: c.orders, aov: c.orders ? revenue / c.orders : 0 });
  return { unit: h(c.sum_qp), total: h(c.sum_p) };
}

/** The reading when there is no quantity column: the price is the only money on the row. */
export function noQuantityReading(price: string, roles: string): PriceReading {
  return {
    verdict: 'total',
    isTotal: true,
    basis: 'no-quantity',
    evidence: `There is no quantity column, so “${price}” is the only money on each row and is read as the line value.`,
    roles,
    both: null,
    figures: {},
  };
}

/** Decides unit price vs line total from the measured figures. */
export function decidePriceReading(price: string, c: ColumnFigures, g: GroupFigures | null, roles: string): PriceReading {
  const both = headlines(c);
  const base = { roles, both };
  const p = `“${price}”`;
  if (c.rows === 0) {
    return { ...base, verdict: 'unclear', isTotal: false, basis: 'none', evidence: `No row has both a positive price and a positive quantity, so the values cannot tell; ${p} is read as a unit price.`, figures: { rows: 0 } };
  }
  if (c.multi === 0) {
    return { ...base, verdict: 'unit', isTotal: false, basis: 'quantity-one', evidence: `The quantity is 1 on all ${fmtInt(c.rows)} rows, so both readings give the same amounts; ${p} is read as a unit price.`, figures: { rows: c.rows } };
  }
  // 2 and 3: another column that is exactly the product or the factor
  const ranked = [...c.others].filter((o) => o.n >= MIN_ROWS).sort((a, b) => Number(b.isAmount) - Number(a.isAmount));
  for (const o of ranked) {
    const line = o.line / o.n;
    const total = o.total / o.n;
    const same = o.same / o.n;
    const figures = { column: o.column, rows_compared: o.n, share_line: round(line), share_total: round(total), share_same: round(same) };
    const x = `“${o.column}”`;
    if (o.isAmount && line >= 0.95) {
      return { ...base, verdict: 'unit', isTotal: false, basis: 'amount', evidence: `The amount column ${x} equals quantity × ${p} on ${fmtPct(line)} of ${fmtInt(o.n)} rows with a quantity other than 1 → ${p} is a unit price.`, figures };
    }
    if (o.isAmount && same >= 0.95) {
      return { ...base, verdict: 'total', isTotal: true, basis: 'amount', evidence: `The amount column ${x} equals ${p} on ${fmtPct(same)} of ${fmtInt(o.n)} rows with a quantity other than 1 → ${p} is the line total (unit price = ${p} ÷ quantity).`, figures };
    }
    if (!o.isAmount && total >= 0.95) {
      return { ...base, verdict: 'total', isTotal: true, basis: 'column', evidence: `${p} equals quantity × ${x} on ${fmtPct(total)} of ${fmtInt(o.n)} rows with a quantity other than 1 → ${x} is the unit price and ${p} the line total.`, figures };
    }
    if (!o.isAmount && line >= 0.95) {
      return { ...base, verdict: 'unit', isTotal: false, basis: 'column', evidence: `${x} equals quantity × ${p} on ${fmtPct(line)} of ${fmtInt(o.n)} rows with a quantity other than 1 → ${p} is a unit price (${x} looks like the line total).`, figures };
    }
  }
  for (const o of [...(c.invoices ?? [])].filter((i) => i.invoices >= MIN_ROWS).sort((a, b) => Number(b.isAmount) - Number(a.isAmount))) {
    const line = o.sum_line / o.invoices;
    const tot = o.sum_price / o.invoices;
    const x = `“${o.column}”`;
    const figures = { column: o.column, invoices_compared: o.invoices, share_sum_line: round(line), share_sum_price: round(tot) };
    const warn = o.isAmount ? ` Note: ${x} is the invoice total repeated on each line, so summing it counts invoices several times — give it the role “Other number”.` : '';
    if (line >= 0.95 && line > tot) {
      return { ...base, verdict: 'unit', isTotal: false, basis: 'invoice', evidence: `${x} equals the invoice’s sum of quantity × ${p} on ${fmtPct(line)} of ${fmtInt(o.invoices)} invoices → ${p} is a unit price.${warn}`, figures };
    }
    if (tot >= 0.95 && tot > line) {
      return { ...base, verdict: 'total', isTotal: true, basis: 'invoice', evidence: `${x} equals the invoice’s sum of ${p} on ${fmtPct(tot)} of ${fmtInt(o.invoices)} invoices → ${p} is the line total.${warn}`, figures };
    }
  }
  const amountNote = c.others.find((o) => o.isAmount && o.n >= MIN_ROWS);
  const note = amountNote ? ` (The amount column “${amountNote.column}” matches neither quantity × price nor price, so it is used as it is for revenue.)` : '';
  // 4: behaviour within groups
  if (!g || g.informative < MIN_ROWS || g.sxx <= 0) {
    const byDistinct = g ? distinctReading(p, g, base, note) : null;
    if (byDistinct) return byDistinct;
    return {
      ...base,
      verdict: 'unclear',
      isTotal: false,
      basis: 'none',
      evidence: `Too few rows where the quantity changes within a product or category to tell whether ${p} is per unit or per line; it is read as a unit price — check the two readings below.${note}`,
      figures: { rows: c.rows, informative: g?.informative ?? 0 },
    };
  }
  const e = g.sxy / g.sxx;
  const df = Math.max(1, g.rows - g.groups - 1);
  const se = Math.sqrt(Math.max(0, g.syy - e * g.sxy) / df / g.sxx);
  const ratio = g.at_ratio / g.informative;
  const flat = g.at_price / g.informative;
  const doubling = 2 ** e;
  const figures = {
    grouped_by: g.by,
    groups: g.groups,
    groups_with_varied_quantity: g.varied_groups,
    rows_compared: g.informative,
    share_ratio_constant: round(ratio),
    share_price_constant: round(flat),
    groups_ratio_constant: g.ratio_groups,
    groups_price_constant: g.price_groups,
    elasticity: round(e),
    elasticity_se: round(se),
  };
  const inGroups = g.by === 'file' ? 'across the file (no product or category column to compare within)' : `within ${plural[g.by]}`;
  const usual = g.by === 'file' ? 'the usual value' : `the ${g.by}’s usual value`;
  const dbl = `doubling the quantity multiplies ${p} by ${doubling.toFixed(2)}`;
  const strict = g.by === 'file';
  // the elasticity decides only when three standard errors keep it clear of the other reading
  const totalLike = (!strict && ratio >= 0.8 && ratio >= flat + 0.3) || (e >= (strict ? 0.85 : 0.8) && e - 3 * se > 0.3);
  const unitLike = (!strict && flat >= 0.5 && flat >= ratio + 0.3) || (e <= (strict ? 0.15 : 0.3) && e + 3 * se < 0.7);
  if (totalLike && !unitLike) {
    const lead =
      g.by !== 'file' && ratio >= 0.8
        ? `${p} ÷ quantity is constant within ${fmtInt(g.ratio_groups)} of ${fmtInt(g.varied_groups)} ${plural[g.by]} (${fmtPct(ratio)} of ${fmtInt(g.informative)} rows whose quantity differs from the usual one), while ${p} itself stays at ${usual} on ${fmtPct(flat)}; ${dbl}`
        : `${inGroups}, ${dbl}`;
    return { ...base, verdict: 'total', isTotal: true, basis: 'group', evidence: `${cap(lead)} → ${p} is the line total.${note}`, figures };
  }
  if (unitLike && !totalLike) {
    const lead =
      g.by !== 'file'
        ? `${p} stays at ${usual} on ${fmtPct(flat)} of ${fmtInt(g.informative)} rows whose quantity differs from the usual one, ${p} ÷ quantity on only ${fmtPct(ratio)}; ${dbl}`
        : `${inGroups}, ${dbl}`;
    return { ...base, verdict: 'unit', isTotal: false, basis: 'group', evidence: `${cap(lead)} → ${p} is a unit price.${note}`, figures };
  }
  const byDistinct = distinctReading(p, g, base, note);
  if (byDistinct) return byDistinct;
  const mixed =
    g.by !== 'file'
      ? `Mixed evidence ${inGroups}: on ${fmtInt(g.informative)} rows whose quantity differs from the usual one, ${p} stays at ${usual} on ${fmtPct(flat)} and ${p} ÷ quantity on ${fmtPct(ratio)}; ${dbl}.`
      : `Unclear ${inGroups}: ${dbl}, between a unit price (×1) and a line total (×2).`;
  return { ...base, verdict: 'unclear', isTotal: false, basis: 'group', evidence: `${mixed} Read as a unit price for now — compare the two readings and choose.${note}`, figures };
}

// step 5: few distinct values of one reading against many of the other (quantities must vary)
function distinctReading(p: string, c: GroupFigures, base: Pick<PriceReading, 'roles' | 'both'>, note: string): PriceReading | null {
  if (c.multi < 30) return null;
  const figures = { rows_compared: c.multi, distinct_price: c.distinct_p, distinct_price_per_unit: c.distinct_r };
  const on = `on ${fmtInt(c.multi)} rows with a quantity other than 1`;
  if (c.distinct_r * 3 <= c.distinct_p && c.distinct_r <= 0.2 * c.multi) {
    return { ...base, verdict: 'total', isTotal: true, basis: 'distinct', evidence: `${p} ÷ quantity takes only ${fmtInt(c.distinct_r)} distinct values ${on}, against ${fmtInt(c.distinct_p)} for ${p} itself: a list of unit prices times the quantity → ${p} is the line total.${note}`, figures };
  }
  if (c.distinct_p * 3 <= c.distinct_r && c.distinct_p <= 0.2 * c.multi) {
    return { ...base, verdict: 'unit', isTotal: false, basis: 'distinct', evidence: `${p} takes only ${fmtInt(c.distinct_p)} distinct values ${on}, against ${fmtInt(c.distinct_r)} for ${p} ÷ quantity: a list of prices → ${p} is a unit price.${note}`, figures };
  }
  return null;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
