// The currency symbol to show, guessed from the amount/price column's name or values
// ("Purchase Amount (USD)", "£12.50"); empty when nothing says.
import type { ColumnProfile, Mapping } from './detect';

const NAMES: [RegExp, string][] = [
  [/\b(usd|us\$|dollars?)\b|\$/i, '$'],
  [/\b(eur|euros?)\b|€/i, '€'],
  [/\b(gbp|pounds?|sterling)\b|£/i, '£'],
  [/\b(jpy|yen)\b|¥/i, '¥'],
  [/\b(inr|rupees?)\b|₹/i, '₹'],
];

/** Guesses the currency symbol from the money columns of a mapping. */
export function detectCurrency(m: Mapping, profiles: readonly ColumnProfile[]): string {
  const money = m.columns.filter((c) => c.role === 'amount' || c.role === 'unit_price');
  for (const c of money) {
    for (const [re, sym] of NAMES) if (re.test(c.name)) return sym;
    const samples = profiles.find((p) => p.name === c.name)?.samples ?? [];
    for (const [re, sym] of NAMES) if (samples.slice(0, 200).some((s) => re.test(s))) return sym;
  }
  return '';
}
