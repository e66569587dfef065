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
