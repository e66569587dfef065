// Date notations found in real exports, decided per column from sample values and parsed in SQL
// by src/sql/parse.ts:
//   iso      2010-12-01, 2010-12-01 08:26, 2010-12-01T08:26:00Z, …+01:00, … +0100 (zone: see below)
//   ymd      2010/12/01, 2010.12.01
//   numeric  D/M/Y or M/D/Y (decided by the values: a first part above 12 means day-first; all rows are
//            checked later by refineDateOrder), DD.MM.YYYY, 2- or 4-digit years, 24-hour or AM/PM times
//   named    01-Dec-2010, 1 Dec 2010 (order dmy) · Dec 1, 2010, December 1, 2010 (order mdy); English
//            month names, and German/French/Spanish ones (Dez, déc., dic., März, août …); a leading weekday
//   compact  20101201                    ┐ only in a column named like a date (a number column
//   epoch    1291191960 / 1291191960000  │ of 8, 10 or 13 digits is far more often an id, a phone
//   serial   40513.35 (Excel day number) ┘ number or a postal code)
// Zero padding is optional everywhere; a column may mix two notations (the minority is tried next).
//
// Time zones: DuckDB-WASM has no ICU, so there is no TIMESTAMPTZ; values become naive TIMESTAMPs. A value
// with a UTC offset keeps its WALL TIME (2010-12-01T08:26:00+01:00 → 08:26): a shop's hours and days are
// its local ones, and a file mixing +01:00 and +02:00 (daylight saving) keeps each sale on the local day it
// happened. `zone: 'utc'` (an override) converts to UTC instead (08:26+01:00 → 07:26).

/** Order of day and month in a numeric or named date. */
export type DayMonthOrder = 'mdy' | 'dmy';

/** A detected date notation. */
export interface DateDetection {
  family: 'iso' | 'ymd' | 'numeric' | 'compact' | 'named' | 'epoch' | 'serial';
  /** Separator for the numeric and ymd families ('/', '-' or '.'), and between day, month and year of named ones. */
  sep: string;
  /** Day/month order for the numeric family; for named: 'dmy' = "1 Dec 2010", 'mdy' = "Dec 1, 2010". */
  order: DayMonthOrder;
  /** True when no value decided the order (every part ≤ 12): the order is a guess the user may flip. */
  ambiguous: boolean;
  /** Two- or four-digit years (numeric and named families); the other width is read too when seen. */
  yearDigits: 2 | 4;
  /** strptime time suffixes seen in the sample, most common first ('' = date only). */
  times: string[];
  /** Share of non-empty sample values that parse (in this notation or one of `also`). */
  share: number;
  /** epoch: seconds or milliseconds since 1970-01-01 UTC. */
  unit?: 's' | 'ms';
  /** named: month names other than English were seen. */
  foreignMonths?: boolean;
  /** iso: values carry a UTC offset or Z; 'wall' keeps the written time (the default), 'utc' converts. */
  zone?: 'wall' | 'utc';
  /** Both 2- and 4-digit years were seen (numeric and named). */
  mixedYears?: boolean;
  /** Other notations seen in the same column, tried in order after this one. */
  also?: DateDetection[];
}

const TIME = String.raw`(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s?([AaPp])\.?[Mm]\.?)?)?`;
const ZONE = String.raw`(?:\s?(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?`;
const ISO = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})` + TIME + ZONE + '$');
const YMD = new RegExp(String.raw`^(\d{4})([/.])(\d{1,2})\2(\d{1,2})` + TIME + '$');
const NUMERIC = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})` + TIME + '$');
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const EPOCH = /^(\d{9,10}(?:\.\d+)?|\d{12,13})$/;
const SERIAL = /^(\d{5})(\.\d+)?$/;
const WEEKDAY = String.raw`(?:[A-Za-zÀ-ÿ]{2,10}\.?,?\s+)?`;
const WORD = String.raw`([A-Za-zÀ-ÿ]{3,10})\.?`;
/** "1 Dec 2010", "01-Dec-10", "1. Dezember 2010", "01-déc.-2010", "Wed, 01 Dec 2010 08:26:00 +0000" */
export const NAMED_DMY = new RegExp('^' + WEEKDAY + String.raw`(\d{1,2})(?:st|nd|rd|th)?\.?([ \-./]?)\s*` + WORD + String.raw`\s*[ \-./,]?\s*(\d{4}|\d{2})` + TIME + ZONE + '$');
/** "Dec 1, 2010", "December 1, 2010", "Wednesday, December 1, 2010 8:26 AM" */
export const NAMED_MDY = new RegExp('^' + WEEKDAY + WORD + String.raw`\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}|\d{2})` + TIME + ZONE + '$');

/** Month-name keys (lower case, first three letters; four for French juin/juillet) → month number. */
export const MONTH_KEYS: readonly [string, number][] = [
  ...['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((k, i): [string, number] => [k, i + 1]),
  // German
  ['mär', 3], ['mae', 3], ['mrz', 3], ['mai', 5], ['okt', 10], ['dez', 12],
  // French (janv, févr, mars, avr, mai, juin, juil, août, sept, oct, nov, déc)
  ['fév', 2], ['fev', 2], ['avr', 4], ['juin', 6], ['juil', 7], ['aoû', 8], ['aou', 8], ['déc', 12],
  // Spanish (ene, feb, mar, abr, may, jun, jul, ago, sep/set, oct, nov, dic)
  ['ene', 1], ['abr', 4], ['ago', 8], ['set', 9], ['dic', 12],
];
const ENGLISH_WORDS = /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?|oct(ober)?|nov(ember)?|dec(ember)?)$/;

/** The lookup key of a month word: its first three letters, four for "jui…". */
export const monthKey = (word: string): string => {
  const w = word.toLowerCase().replace(/\.$/, '');
  return w.startsWith('jui') ? w.slice(0, 4) : w.slice(0, 3);
};
/** The month number of a month word in English, German, French or Spanish (null when not a month). */
export function monthOf(word: string): number | null {
  const k = monthKey(word);
  return MONTH_KEYS.find(([key]) => key === k)?.[1] ?? null;
}

function timeSuffix(m: RegExpMatchArray, first: number): string | null {
  const h = m[first];
  if (h === undefined) return '';
  const hour = Number(h);
  if (Number(m[first + 1]) > 59) return null;
  const ampm = m[first + 3];
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return null;
    return m[first + 2] !== undefined ? ' %I:%M:%S %p' : ' %I:%M %p';
  }
  if (hour > 23) return null;
  return m[first + 2] !== undefined ? ' %H:%M:%S' : ' %H:%M';
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const validDay = (mo: number, d: number): boolean => mo >= 1 && mo <= 12 && d >= 1 && d <= (DAYS[mo - 1] as number);

// epoch and serial ranges: 1990-01-01 … 2100-01-01 (seconds, milliseconds, Excel day numbers)
const EPOCH_S: [number, number] = [631152000, 4102444800];
const SERIAL_RANGE: [number, number] = [20000, 60000];

/** One value's notation: a tally key and what it tells (order evidence, time suffix, year width). */
interface Reading {
  key: string;
  time: string;
  firstAbove12?: boolean;
  secondAbove12?: boolean;
  yearDigits?: 2 | 4;
  foreign?: boolean;
  offset?: boolean;
  fraction?: boolean;
}

/** Reads one value's notation, or null when it is no date this module knows. */
function readOne(v: string, allowNumeric: boolean): Reading | null {
  let m = v.match(ISO);
  if (m) {
    const time = timeSuffix(m, 4);
    if (time === null || !validDay(Number(m[2]), Number(m[3]))) return null;
    return { key: 'iso', time, offset: m[8] !== undefined };
  }
  m = v.match(YMD);
  if (m) {
    const time = timeSuffix(m, 5);
    if (time === null || !validDay(Number(m[3]), Number(m[4]))) return null;
    return { key: `ymd|${m[2]}`, time };
  }
  m = v.match(NUMERIC);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const time = timeSuffix(m, 5);
    if (time === null || a < 1 || b < 1 || a > 31 || b > 31 || (a > 12 && b > 12)) return null;
    return { key: `numeric|${m[2]}`, time, firstAbove12: a > 12, secondAbove12: b > 12, yearDigits: (m[4] as string).length === 2 ? 2 : 4 };
  }
  if (/^\d/.test(v) && /^[\d.]+$/.test(v)) {
    if (!allowNumeric) return null;
    m = v.match(COMPACT);
    if (m && Number(m[1]) >= 1900 && Number(m[1]) <= 2100 && validDay(Number(m[2]), Number(m[3]))) return { key: 'compact', time: '' };
    if (EPOCH.test(v)) {
      const n = Number(v);
      if (n >= EPOCH_S[0] && n < EPOCH_S[1]) return { key: 'epoch|s', time: '' };
      if (n >= EPOCH_S[0] * 1000 && n < EPOCH_S[1] * 1000) return { key: 'epoch|ms', time: '' };
    }
    m = v.match(SERIAL);
    if (m && Number(v) >= SERIAL_RANGE[0] && Number(v) <= SERIAL_RANGE[1]) return { key: 'serial', time: '', fraction: m[2] !== undefined };
    return null;
  }
  m = v.match(NAMED_DMY);
  if (m) {
    const month = monthOf(m[3] as string);
    const time = timeSuffix(m, 5);
    if (month === null || time === null || !validDay(month, Number(m[1]))) return null;
    return { key: `named|dmy|${m[2]}`, time, yearDigits: (m[4] as string).length === 2 ? 2 : 4, foreign: !ENGLISH_WORDS.test((m[3] as string).toLowerCase()) };
  }
  m = v.match(NAMED_MDY);
  if (m) {
    const month = monthOf(m[1] as string);
    const time = timeSuffix(m, 4);
    if (month === null || time === null || !validDay(month, Number(m[2]))) return null;
    return { key: 'named|mdy', time, yearDigits: (m[3] as string).length === 2 ? 2 : 4, foreign: !ENGLISH_WORDS.test((m[1] as string).toLowerCase()) };
  }
  return null;
}

interface Tally {
  key: string;
  ok: number;
  times: Map<string, number>;
  firstAbove12: number;
  secondAbove12: number;
  years2: number;
  years4: number;
  foreign: boolean;
  offset: boolean;
  fractions: number;
}

const sortedTimes = (t: Tally): string[] => [...t.times.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);

function toDetection(t: Tally, n: number, plausibleOrder?: DayMonthOrder): DateDetection {
  const [familyKey, a = '', b = ''] = t.key.split('|');
  const family = familyKey as DateDetection['family'];
  const d: DateDetection = {
    family,
    sep: family === 'ymd' || family === 'numeric' ? a : family === 'named' ? b : '-',
    order: 'mdy',
    ambiguous: false,
    yearDigits: t.years2 > t.years4 ? 2 : 4,
    times: sortedTimes(t),
    share: t.ok / n,
  };
  if (t.years2 > 0 && t.years4 > 0) d.mixedYears = true;
  if (family === 'numeric') {
    // a first part above 12 can only be a day; a second part above 12 only a day too
    d.order = t.firstAbove12 > t.secondAbove12 ? 'dmy' : t.secondAbove12 > 0 ? 'mdy' : (plausibleOrder ?? (a === '.' ? 'dmy' : 'mdy'));
    // D.M.Y with dots is the only dotted order in use: not a guess worth a question
    d.ambiguous = t.firstAbove12 === 0 && t.secondAbove12 === 0 && plausibleOrder === undefined && a !== '.';
  }
  if (family === 'named') {
    d.order = a as DayMonthOrder;
    if (t.foreign) d.foreignMonths = true;
  }
  if (family === 'epoch') d.unit = a === 'ms' ? 'ms' : 's';
  if (family === 'iso' && t.offset) d.zone = 'wall';
  return d;
}

/**
 * Detects the date notation of a column from sample values; null when under half of them parse.
 * `allowNumeric`: the column is named like a date, so bare numbers may be dates (YYYYMMDD, Unix time,
 * Excel serials). Without it, Excel serials are still accepted when every value is one and most carry a
 * time-of-day fraction (40513.35), which no id, quantity or postal code has.
 */
export function detectDate(samples: readonly string[], allowNumeric = false): DateDetection | null {
  const values = samples.map((s) => s.trim()).filter((s) => s !== '' && !/^(n\/?a|#n\/a|null|none|-+|—|–|\?)$/i.test(s));
  if (values.length === 0) return null;
  const tallies = new Map<string, Tally>();
  const readAll = (allow: boolean): void => {
    tallies.clear();
    for (const v of values) {
      const r = readOne(v, allow);
      if (!r) continue;
      let t = tallies.get(r.key);
      if (!t) tallies.set(r.key, (t = { key: r.key, ok: 0, times: new Map(), firstAbove12: 0, secondAbove12: 0, years2: 0, years4: 0, foreign: false, offset: false, fractions: 0 }));
      t.ok++;
      t.times.set(r.time, (t.times.get(r.time) ?? 0) + 1);
      if (r.firstAbove12) t.firstAbove12++;
      if (r.secondAbove12) t.secondAbove12++;
      if (r.yearDigits === 2) t.years2++;
      if (r.yearDigits === 4) t.years4++;
      if (r.foreign) t.foreign = true;
      if (r.offset) t.offset = true;
      if (r.fraction) t.fractions++;
    }
  };
  readAll(true);
  const serial = tallies.get('serial');
  // without a date-like name, bare numbers are dates only as Excel serials that all carry a time of day
  if (!allowNumeric) {
    const keep = serial && serial.ok === values.length && serial.fractions >= values.length / 2;
    readAll(false);
    if (keep) tallies.set('serial', serial);
  }
  const n = values.length;
  const ranked = [...tallies.values()].sort((a, b) => b.ok - a.ok);
  const best = ranked[0];
  const total = ranked.reduce((s, t) => s + t.ok, 0);
  if (!best || total / n < 0.5) return null;
  // day/month order shared by numeric notations with different separators: the evidence of all of them
  const numeric = ranked.filter((t) => t.key.startsWith('numeric|'));
  const f = numeric.reduce((s, t) => s + t.firstAbove12, 0);
  const s2 = numeric.reduce((s, t) => s + t.secondAbove12, 0);
  const shared: DayMonthOrder | undefined = f > s2 ? 'dmy' : s2 > 0 ? 'mdy' : undefined;
  const main = toDetection(best, n, shared);
  // a minority notation is read too (a column that changed format mid-file), when at least 2 values or 1% use it
  const also = ranked.slice(1).filter((t) => t.ok >= Math.max(2, 0.01 * n) || t.ok === n - best.ok);
  if (also.length > 0) main.also = also.map((t) => toDetection(t, n, shared));
  main.share = (best.ok + also.reduce((s, t) => s + t.ok, 0)) / n;
  if (main.family !== 'numeric' && main.also?.some((d) => d.family === 'numeric' && d.ambiguous)) main.ambiguous = true;
  return main;
}

function oneLabel(d: DateDetection): string {
  const time = (d.times[0] ?? '').replace('%H', 'hh').replace('%I', 'hh').replace('%M', 'mm').replace('%S', 'ss').replace('%p', 'AM/PM');
  const y = d.yearDigits === 2 ? 'YY' : 'YYYY';
  switch (d.family) {
    case 'iso':
      return `YYYY-MM-DD${time}` + (d.zone === 'utc' ? ' (UTC offsets converted to UTC)' : d.zone === 'wall' ? ' (UTC offsets ignored: the written local time is kept)' : '');
    case 'ymd':
      return `YYYY${d.sep}MM${d.sep}DD${time}`;
    case 'compact':
      return 'YYYYMMDD';
    case 'epoch':
      return d.unit === 'ms' ? 'Unix time in milliseconds' : 'Unix time in seconds';
    case 'serial':
      return 'Excel day numbers (1900 system)';
    case 'named': {
      const mon = d.foreignMonths ? 'Mon (English, German, French or Spanish)' : 'Mon';
      return (d.order === 'mdy' ? `${mon} D, ${y}` : `D${d.sep === ' ' ? ' ' : d.sep}${mon}${d.sep === ' ' ? ' ' : d.sep}${y}`) + time;
    }
    case 'numeric':
      return (d.order === 'dmy' ? `D${d.sep}M${d.sep}${y}` : `M${d.sep}D${d.sep}${y}`) + time;
  }
}

/** The notation in words, as shown to the user (e.g. "D/M/YYYY hh:mm"; a mixed column names both). */
export function dateLabel(d: DateDetection): string {
  return [d, ...(d.also ?? [])].map(oneLabel).join(' or ');
}

/** strptime formats for a detection, tried in order by SQL (date-only always last as a fallback). */
export function strptimeFormats(d: DateDetection): string[] {
  // '%Y' would read "11" as the year 11: when both widths occur, the two-digit form is tried first
  const years = d.mixedYears ? ['%y', '%Y'] : [d.yearDigits === 2 ? '%y' : '%Y'];
  const s = d.sep === '%' ? '%%' : d.sep;
  const base: string[] = [];
  for (const y of years) {
    switch (d.family) {
      case 'iso':
        base.push('%Y-%m-%d');
        break;
      case 'ymd':
        base.push(`%Y${s}%m${s}%d`);
        break;
      case 'compact':
        base.push('%Y%m%d');
        break;
      case 'named':
        if (d.order === 'mdy') base.push(`%b %d, ${y}`, `%B %d, ${y}`, `%b %d ${y}`, `%B %d ${y}`);
        else base.push(`%d${s}%b${s}${y}`, `%d${s}%B${s}${y}`);
        break;
      case 'numeric':
        base.push(d.order === 'dmy' ? `%d${s}%m${s}${y}` : `%m${s}%d${s}${y}`);
        break;
      default:
        break;
    }
  }
  const times = [...d.times.filter((t) => t !== ''), ''];
  const out: string[] = [];
  for (const b of new Set(base)) for (const t of times) out.push(b + t);
  return out;
}
