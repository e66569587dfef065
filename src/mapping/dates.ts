// Date notations found in real exports, decided per column from sample values:
// ISO (with or without time, zone ignored), M/D/YYYY or D/M/YYYY (decided by the values:
// a first part above 12 means day-first), DD.MM.YYYY, YYYYMMDD, YYYY/MM/DD and month
// names. Zero padding is optional everywhere. Parsed in SQL by src/sql/parse.ts.

/** Order of day and month in a numeric date. */
export type DayMonthOrder = 'mdy' | 'dmy';

/** A detected date notation. */
export interface DateDetection {
  family: 'iso' | 'ymd' | 'numeric' | 'compact' | 'named';
  /** Separator for the numeric and ymd families ('/', '-' or '.'). */
  sep: string;
  /** Day/month order for the numeric family. */
  order: DayMonthOrder;
  /** True when no value decided the order (every part ≤ 12): the order is a guess the user may flip. */
  ambiguous: boolean;
  /** Two- or four-digit years (numeric family). */
  yearDigits: 2 | 4;
  /** strptime time suffixes seen in the sample, most common first ('' = date only). */
  times: string[];
  /** Share of non-empty sample values that parse. */
  share: number;
}

const TIME = String.raw`(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s?([AaPp][Mm]))?)?`;
const ISO = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})` + TIME + String.raw`(?:\s?(?:Z|[+-]\d{2}:?\d{2}))?$`);
const YMD = new RegExp(String.raw`^(\d{4})([/.])(\d{1,2})\2(\d{1,2})` + TIME + '$');
const NUMERIC = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})` + TIME + '$');
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const NAMED = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -,]*(\d{4})$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function timeSuffix(m: RegExpMatchArray, first: number): string | null {
  const h = m[first];
  if (h === undefined) return '';
  const hour = Number(h);
  const ampm = m[first + 3];
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return null;
    return m[first + 2] !== undefined ? ' %I:%M:%S %p' : ' %I:%M %p';
  }
  if (hour > 23) return null;
  return m[first + 2] !== undefined ? ' %H:%M:%S' : ' %H:%M';
}

const validDay = (mo: number, d: number): boolean => mo >= 1 && mo <= 12 && d >= 1 && d <= 31;

interface Tally {
  ok: number;
  times: Map<string, number>;
}
function tally(t: Tally, time: string | null): void {
  if (time === null) return;
  t.ok++;
  t.times.set(time, (t.times.get(time) ?? 0) + 1);
}
const sortedTimes = (t: Tally): string[] => [...t.times.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);

/** Detects the date notation of a column from sample values; null when under half of them parse. */
export function detectDate(samples: readonly string[], allowCompact = false): DateDetection | null {
  const values = samples.map((s) => s.trim()).filter((s) => s !== '');
  if (values.length === 0) return null;
  const iso: Tally = { ok: 0, times: new Map() };
  const ymd: Tally = { ok: 0, times: new Map() };
  const numeric: Tally = { ok: 0, times: new Map() };
  const compact: Tally = { ok: 0, times: new Map() };
  const named: Tally = { ok: 0, times: new Map() };
  let ymdSep = '/';
  let sep = '/';
  let yearDigits: 2 | 4 = 4;
  let firstAbove12 = 0;
  let secondAbove12 = 0;
  for (const v of values) {
    let m = v.match(ISO);
    if (m) {
      if (validDay(Number(m[2]), Number(m[3]))) tally(iso, timeSuffix(m, 4));
      continue;
    }
    m = v.match(YMD);
    if (m) {
      ymdSep = m[2] as string;
      if (validDay(Number(m[3]), Number(m[4]))) tally(ymd, timeSuffix(m, 5));
      continue;
    }
    m = v.match(NUMERIC);
    if (m) {
      const a = Number(m[1]);
      const b = Number(m[3]);
      sep = m[2] as string;
      yearDigits = (m[4] as string).length === 2 ? 2 : 4;
      if (a > 12) firstAbove12++;
      if (b > 12) secondAbove12++;
      if (a >= 1 && b >= 1 && a <= 31 && b <= 31 && (a <= 12 || b <= 12)) tally(numeric, timeSuffix(m, 5));
      continue;
    }
    m = v.match(COMPACT);
    if (m) {
      const y = Number(m[1]);
      if (y >= 1900 && y <= 2100 && validDay(Number(m[2]), Number(m[3]))) tally(compact, '');
      continue;
    }
    m = v.match(NAMED);
    if (m && MONTHS.includes((m[2] as string).slice(0, 3).toLowerCase())) tally(named, '');
  }
  const n = values.length;
  const candidates: [DateDetection['family'], Tally][] = [
    ['iso', iso],
    ['ymd', ymd],
    ['numeric', numeric],
    ['named', named],
  ];
  if (allowCompact) candidates.push(['compact', compact]);
  candidates.sort((a, b) => b[1].ok - a[1].ok);
  const [family, best] = candidates[0] as [DateDetection['family'], Tally];
  if (best.ok / n < 0.5) return null;
  // A first part above 12 can only be a day; a second part above 12 only a day too.
  const order: DayMonthOrder = firstAbove12 > secondAbove12 ? 'dmy' : secondAbove12 > 0 ? 'mdy' : sep === '.' ? 'dmy' : 'mdy';
  return {
    family,
    sep: family === 'ymd' ? ymdSep : sep,
    order,
    ambiguous: family === 'numeric' && firstAbove12 === 0 && secondAbove12 === 0,
    yearDigits,
    times: sortedTimes(best),
    share: best.ok / n,
  };
}

/** The notation in words, as shown to the user (e.g. "D/M/YYYY hh:mm"). */
export function dateLabel(d: DateDetection): string {
  const time = (d.times[0] ?? '').replace('%H', 'hh').replace('%I', 'hh').replace('%M', 'mm').replace('%S', 'ss').replace('%p', 'AM/PM');
  const y = d.yearDigits === 2 ? 'YY' : 'YYYY';
  switch (d.family) {
    case 'iso':
      return `YYYY-MM-DD${time}`;
    case 'ymd':
      return `YYYY${d.sep}MM${d.sep}DD${time}`;
    case 'compact':
      return 'YYYYMMDD';
    case 'named':
      return 'D Mon YYYY';
    case 'numeric':
      return (d.order === 'dmy' ? `D${d.sep}M${d.sep}${y}` : `M${d.sep}D${d.sep}${y}`) + time;
  }
}

/** strptime formats for a detection, tried in order by SQL (date-only always last as a fallback). */
export function strptimeFormats(d: DateDetection): string[] {
  const y = d.yearDigits === 2 ? '%y' : '%Y';
  const s = d.sep === '%' ? '%%' : d.sep;
  let base: string[];
  switch (d.family) {
    case 'iso':
      base = ['%Y-%m-%d'];
      break;
    case 'ymd':
      base = [`%Y${s}%m${s}%d`];
      break;
    case 'compact':
      base = ['%Y%m%d'];
      break;
    case 'named':
      base = ['%d-%b-%Y', '%d %b %Y', '%d-%B-%Y', '%d %B %Y'];
      break;
    case 'numeric':
      base = [d.order === 'dmy' ? `%d${s}%m${s}${y}` : `%m${s}%d${s}${y}`];
      break;
  }
  const times = [...d.times.filter((t) => t !== ''), ''];
  const out: string[] = [];
  for (const b of base) for (const t of times) out.push(b + t);
  return out;
}
