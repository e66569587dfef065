// Excel dates: a date is a number (days since an epoch) shown through a date number format, so
// whether a cell is a date is decided by its style's format. Serials convert to naive wall-clock
// epoch milliseconds for both date systems (1900, with Lotus's phantom 1900-02-29, and 1904).

/** Built-in number format ids that show a date or a time (ECMA-376 §18.8.30 and the East Asian ids Excel uses); 46 is [h]:mm:ss, an elapsed duration, so a number. */
const BUILTIN_DATE_IDS = new Set<number>([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
/** Of those, the ones that show a time of day only (no day, month or year). */
const BUILTIN_TIME_IDS = new Set<number>([18, 19, 20, 21, 45, 47]);

/** What a number format shows a number as: a plain number, a date(-time), or a time of day only. */
export type FormatKind = 'number' | 'date' | 'time';

/**
 * Classifies a format code: date tokens (d, m, y, h, s, and e/g/b year-era tokens are not used)
 * outside quoted text, escaped characters and [brackets]; elapsed durations ([h]:mm) are numbers.
 */
export function formatKind(id: number, code: string | undefined): FormatKind {
  if (code === undefined) return BUILTIN_DATE_IDS.has(id) ? (BUILTIN_TIME_IDS.has(id) ? 'time' : 'date') : 'number';
  let hasDate = false;
  let hasTime = false;
  let elapsed = false;
  const s = code.replace(/General/gi, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      const end = s.indexOf('"', i + 1);
      i = end < 0 ? s.length : end;
    } else if (c === '\\' || c === '_' || c === '*') {
      i++; // the next character is literal (or a fill/width character)
    } else if (c === '[') {
      const end = s.indexOf(']', i + 1);
      const inner = end < 0 ? '' : s.slice(i + 1, end);
      if (/^(h+|m+|s+)$/i.test(inner)) elapsed = true;
      i = end < 0 ? s.length : end;
    } else {
      const l = c.toLowerCase();
      if (l === 'd' || l === 'y') hasDate = true;
      else if (l === 'h' || l === 's') hasTime = true;
      else if (l === 'm') hasDate = true; // month or minute: either way a date/time format
    }
  }
  if (elapsed) return 'number';
  if (hasDate) {
    // "h:mm" / "mm:ss": an m next to h or s is minutes, so a format of only h, m, s is a time
    const onlyTime = !/[dy]/i.test(stripLiterals(s)) && hasTime;
    return onlyTime ? 'time' : 'date';
  }
  return hasTime ? 'time' : 'number';
}

function stripLiterals(s: string): string {
  return s.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '').replace(/[_*]./g, '');
}

const MS_PER_DAY = 86_400_000;
/** Largest serial Excel shows as a date (9999-12-31). */
const MAX_SERIAL = 2_958_466;

/**
 * Naive wall-clock epoch ms of an Excel serial, or null when it is not a date Excel would show.
 * 1900 system: serial 1 is 1900-01-01 and Excel counts a 1900-02-29 that never was (serial 60),
 * so serials below 61 are one day later than the plain count from 1899-12-30 gives.
 */
export function serialToEpochMs(serial: number, date1904: boolean): number | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= MAX_SERIAL) return null;
  let days: number;
  if (date1904) days = serial - 24_107; // 1904-01-01 is 24,107 days before 1970-01-01
  else if (serial < 61) days = serial - 25_568; // counted from 1899-12-31 (serial 60 lands on 1900-03-01)
  else days = serial - 25_569; // counted from 1899-12-30
  return Math.round(days * MS_PER_DAY);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** "2010-12-01 08:26:00" (seconds always, ".mmm" only when present), or "2010-12-01" at midnight. */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (ms % MS_PER_DAY === 0) return date;
  return `${date} ${formatTimeOfDay(ms)}`;
}

/** "08:26:00" (".250" when milliseconds are present) of an epoch ms. */
export function formatTimeOfDay(ms: number): string {
  const d = new Date(ms);
  const milli = d.getUTCMilliseconds();
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${milli ? '.' + pad(milli, 3) : ''}`;
}

/** Epoch ms of an ISO 8601 date(-time) as written in a t="d" cell, read as wall-clock time; null if not one. */
export function isoToEpochMs(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s.trim());
  if (!m) {
    const t = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/.exec(s.trim());
    if (!t) return null;
    return Date.UTC(1899, 11, 31, +t[1], +t[2], +(t[3] ?? 0), Math.round(Number('0.' + (t[4] ?? '0')) * 1000));
  }
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), Math.round(Number('0.' + (m[7] ?? '0')) * 1000));
  return Number.isFinite(ms) ? ms : null;
}
