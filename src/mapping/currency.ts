// The currency symbol to show, guessed from the money columns' names or values
// ("Purchase Amount (USD)", "£12.50", "149,90 TL", "Fiyat (₺)"); empty when nothing says.
import type { ColumnProfile, Mapping } from './detect';

/** A currency the app recognises: the symbol shown, and how names and values spell it. */
export interface CurrencySign {
  symbol: string;
  /** Matches the currency in a column name or a cell (codes as whole words, signs anywhere). */
  pattern: RegExp;
}

// Order matters: longer signs that contain "$" come before the dollar itself.
const W = (words: string): string => `(?<![A-Za-z])(?:${words})(?![A-Za-z])`;

/** Every recognised currency, most specific first. */
export const CURRENCIES: readonly CurrencySign[] = [
  { symbol: 'R$', pattern: new RegExp(`R\\$|${W('BRL|reais')}`, 'i') },
  { symbol: 'A$', pattern: new RegExp(`A\\$|AU\\$|${W('AUD')}`, 'i') },
  { symbol: 'C$', pattern: new RegExp(`C\\$|CA\\$|${W('CAD')}`, 'i') },
  { symbol: '₺', pattern: new RegExp(`₺|${W('TL|TRY|lira|liras')}`, 'i') },
  { symbol: '€', pattern: new RegExp(`€|${W('EUR|euros?')}`, 'i') },
  { symbol: '£', pattern: new RegExp(`£|${W('GBP|pounds?|sterling')}`, 'i') },
  { symbol: '¥', pattern: new RegExp(`¥|円|元|${W('JPY|CNY|RMB|yen|yuan')}`, 'i') },
  { symbol: '₹', pattern: new RegExp(`₹|${W('INR|rupees?|Rs\\.?')}`, 'i') },
  { symbol: '₩', pattern: new RegExp(`₩|${W('KRW|won')}`, 'i') },
  { symbol: '₽', pattern: new RegExp(`₽|${W('RUB|roubles?|rubles?')}`, 'i') },
  { symbol: '₪', pattern: new RegExp(`₪|${W('ILS|shekels?')}`, 'i') },
  { symbol: '₱', pattern: new RegExp(`₱|${W('PHP|pesos?')}`, 'i') },
  { symbol: '₫', pattern: new RegExp(`₫|${W('VND|dong')}`, 'i') },
  { symbol: '฿', pattern: new RegExp(`฿|${W('THB|baht')}`, 'i') },
  { symbol: 'zł', pattern: new RegExp(`zł|${W('PLN|zloty|złoty')}`, 'i') },
  { symbol: 'CHF', pattern: new RegExp(`${W('CHF|Fr\\.|francs?')}`, 'i') },
  { symbol: 'kr', pattern: new RegExp(`${W('SEK|NOK|DKK|ISK|kr\\.?|kronor|kroner|krona|krone')}`, 'i') },
  { symbol: '$', pattern: new RegExp(`\\$|${W('USD|US\\$|dollars?')}`, 'i') },
];

/** The symbols the currency picker offers. */
export const CURRENCY_SYMBOLS: readonly string[] = CURRENCIES.map((c) => c.symbol);

/** The currency a text names or carries a sign of ('' when none). */
export function currencyIn(text: string): string {
  for (const c of CURRENCIES) if (c.pattern.test(text)) return c.symbol;
  return '';
}

/** The currency most of the values carry (at least a fifth of the non-empty ones), or ''. */
export function currencyOfValues(values: readonly string[]): string {
  const counts = new Map<string, number>();
  let nonEmpty = 0;
  for (const v of values.slice(0, 500)) {
    if (!v.trim()) continue;
    nonEmpty++;
    // only a value that is a number with a sign or code around it counts ("₺149,90", "12.50 TL")
    if (!/\d/.test(v)) continue;
    const sym = currencyIn(v.replace(/[\d.,\s+()-]/g, ' '));
    if (sym) counts.set(sym, (counts.get(sym) ?? 0) + 1);
  }
  let best = '';
  let n = 0;
  for (const [s, c] of counts) if (c > n) [best, n] = [s, c];
  return nonEmpty > 0 && n >= Math.max(1, nonEmpty / 5) ? best : '';
}

/** Guesses the currency symbol from the money columns of a mapping, then from a currency-code column. */
export function detectCurrency(m: Mapping, profiles: readonly ColumnProfile[]): string {
  const money = m.columns.filter((c) => c.role === 'amount' || c.role === 'unit_price');
  for (const c of money) {
    const fromName = currencyIn(c.name);
    if (fromName) return fromName;
    const fromValues = currencyOfValues(profiles.find((p) => p.name === c.name)?.samples ?? []);
    if (fromValues) return fromValues;
  }
  // a column named "currency" whose values are one code ("TRY", "EUR")
  for (const p of profiles) {
    if (!/^(currency|curr|currency[ _]?code|para[ _]?birimi|devise|währung|moneda|valuta)$/i.test(p.name.trim())) continue;
    const vals = p.samples.map((s) => s.trim()).filter(Boolean);
    const distinct = new Set(vals.map((v) => v.toUpperCase()));
    if (distinct.size === 1) {
      const sym = currencyIn(vals[0] ?? '');
      if (sym) return sym;
    }
  }
  return '';
}
