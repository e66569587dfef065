// Formatting of saved-report values (null = not in the report, shown as "—") with the page's formatters.
import { fmtDate, fmtInt, fmtMoney, fmtNum, fmtPct } from '../../format';

/** A count, or "—". */
export const int = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? fmtInt(v) : '—');
/** Money with two decimals (and the symbol), or "—". */
export const money = (v: unknown, currency = ''): string => (typeof v === 'number' && Number.isFinite(v) ? fmtMoney(v, currency) : '—');
/** A share as a percentage, or "—". */
export const pct = (v: unknown, digits = 1): string => (typeof v === 'number' && Number.isFinite(v) ? fmtPct(v, digits) : '—');
/** Any number for reading, or "—". */
export const num = (v: unknown, digits?: number): string => (typeof v === 'number' ? fmtNum(v, digits) : '—');
/** An ISO date as "1 Dec 2010", or "—". */
export const day = (v: unknown): string => (typeof v === 'string' ? fmtDate(v) : '—');
/** A value as plain text. */
export const text = (v: unknown): string => (v === null || v === undefined ? '—' : String(v));

/** When a report was made, in UTC ("6 Dec 2026, 20:29 UTC"); "an unknown time" without a readable date. */
export function madeAt(iso: string | null): string {
  if (!iso) return 'an unknown time';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'an unknown time';
  const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
  return `${date}, ${d.toISOString().slice(11, 16)} UTC`;
}
