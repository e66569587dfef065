// Number and date formatting for everything the page shows (en-US grouping: 10,642,110.80).

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const two = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const one = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A count with thousands separators. */
export const fmtInt = (n: number): string => int.format(n);

/** Money with two decimals and an optional currency symbol (e.g. "£1,234.50", "-£12.00"). */
export function fmtMoney(n: number, symbol = ''): string {
  const s = two.format(Math.abs(n));
  return `${n < 0 ? '−' : ''}${symbol}${s}`;
}

/** Money rounded for headline cards: £10.6M, £533.17, £48.2K. */
export function fmtMoneyShort(n: number, symbol = ''): string {
  const a = Math.abs(n);
  const sign = n < 0 ? '−' : '';
  if (a >= 1e9) return `${sign}${symbol}${one.format(a / 1e9)}B`;
  if (a >= 1e6) return `${sign}${symbol}${one.format(a / 1e6)}M`;
  if (a >= 1e4) return `${sign}${symbol}${one.format(a / 1e3)}K`;
  return `${sign}${symbol}${two.format(a)}`;
}

/** A share as a percentage with one decimal ("12.3%"). */
export const fmtPct = (share: number, digits = 1): string => `${(share * 100).toFixed(digits)}%`;

/** A byte count in KB/MB/GB. */
export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${one.format(n / 1024)} KB`;
  if (n < 1024 ** 3) return `${one.format(n / 1024 ** 2)} MB`;
  return `${one.format(n / 1024 ** 3)} GB`;
}

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** An ISO date (YYYY-MM-DD) as "1 Dec 2010". */
export function fmtDate(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d);
}

/** Milliseconds as "0.84 s" or "120 ms". */
export const fmtMs = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

/** Epoch milliseconds (DuckDB DATE/TIMESTAMP through Arrow) as an ISO date "YYYY-MM-DD". */
export function isoDate(ms: number | string | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  if (typeof ms === 'string') return ms.slice(0, 10);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
}

/** A signed change as a percentage ("+12.3%", "−4.0%"); "—" when there is no base. */
export function fmtChange(now: number | null, before: number | null): string {
  if (now === null || before === null || before === 0 || !Number.isFinite(now) || !Number.isFinite(before)) return '—';
  const c = (now - before) / Math.abs(before);
  return `${c >= 0 ? '+' : '−'}${Math.abs(c * 100).toFixed(1)}%`;
}

const fixedCache = new Map<string, Intl.NumberFormat>();
function fixedFmt(min: number, max: number): Intl.NumberFormat {
  const key = `${min}:${max}`;
  let f = fixedCache.get(key);
  if (!f) fixedCache.set(key, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max })));
  return f;
}

/**
 * Any number for reading, never in exponent notation: thousands separators, and decimals that
 * fit its size (191,665; 6.74; 0.0034). `digits` fixes the decimals instead (trailing zeros kept).
 */
export function fmtNum(n: number | null | undefined, digits?: number): string {
  if (n === null || n === undefined || !Number.isFinite(Number(n))) return '—';
  const x = Number(n);
  if (digits !== undefined) return fixedFmt(digits, digits).format(x).replace(/^-/, '−');
  const a = Math.abs(x);
  let s: string;
  if (a === 0) s = '0';
  else if (a >= 1000) s = int.format(x);
  else if (a >= 1) s = fixedFmt(0, 2).format(x);
  else {
    // three significant digits for small magnitudes, capped so 1e-12 reads as 0
    const dec = Math.min(10, 2 - Math.floor(Math.log10(a)));
    s = fixedFmt(0, dec).format(x);
  }
  return s.replace(/^-/, '−');
}

/** A compact number for chart axes: 0, 950, 12K, 1.5M, 1.08B (never "0k", "500m" or "1.08G"). */
export function fmtCompact(n: number, symbol = ''): string {
  if (!Number.isFinite(n)) return '—';
  const a = Math.abs(n);
  const sign = n < 0 ? '−' : '';
  const trim = (v: number): string => fixedFmt(0, v >= 100 ? 0 : v >= 10 ? 1 : 2).format(v);
  if (a >= 1e9) return `${sign}${symbol}${trim(a / 1e9)}B`;
  if (a >= 1e6) return `${sign}${symbol}${trim(a / 1e6)}M`;
  if (a >= 1e3) return `${sign}${symbol}${trim(a / 1e3)}K`;
  return `${sign}${symbol}${fmtNum(a)}`;
}

const ABBREVIATIONS = new Set(['ID', 'SKU', 'USD', 'EUR', 'GBP', 'TRY', 'TL', 'INR', 'JPY', 'CHF', 'UK', 'US', 'VAT', 'ZIP', 'RFM', 'CLV', 'AOV', 'POS', 'EAN', 'UPC']);

/**
 * A column name as a title: snake_case, kebab-case and camelCase become words, the first
 * capitalised; units and codes in brackets and all-capital abbreviations are kept
 * ("annual_income_k$" → "Annual income k$", "Annual Income (k$)" → "Annual income (k$)", "customerID" → "Customer ID").
 */
export function humanize(name: string): string {
  const kept: string[] = [];
  // bracketed parts (units) are kept verbatim
  let s = name.replace(/\([^)]*\)|\[[^\]]*\]/g, (m) => `\u0000${kept.push(m) - 1}\u0000`);
  s = s
    .replace(/[_]+|-(?=[A-Za-z])/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/\s+/g, ' ')
    .trim();
  // a name written all in capitals is shouting, not a row of abbreviations
  const shouting = !/[a-z]/.test(s);
  const words = s.split(' ').map((w, i) => {
    if (w.includes('\u0000')) return w;
    // abbreviations (ID, USD, SKU) stay upper case; other words go lower case after the first
    if (w.length > 1 && /[A-Z]/.test(w) && w === w.toUpperCase() && (!shouting || ABBREVIATIONS.has(w))) return w;
    const lower = w.toLowerCase();
    return i === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
  });
  return words.join(' ').replace(/\u0000(\d+)\u0000/g, (_m, i: string) => kept[Number(i)] ?? '');
}
