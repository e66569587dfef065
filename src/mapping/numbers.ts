// How numbers are written in a column, decided once per column from a sample and parsed in
// SQL by src/sql/parse.ts (this file holds the JS mirror used on samples and in tests).
//
// The one decision that matters is the DECIMAL SEPARATOR: `1.234,50` (decimal comma) or
// `1,234.50` (decimal point). Each value votes: a value with both marks, a mark used twice,
// or a mark not followed by exactly three digits decides it; `1.234` and `1,234` alone could be
// read either way (1.234 or 1234) and only count as "either". A column with no deciding value
// but "either" values is marked ambiguous (the loader then takes what other columns say, and
// the UI asks) — a number must never be silently read 1000× off.
//
// Around the digits the reader accepts: grouping by `,` `.` `'` `’` or spaces (also no-break
// U+00A0, thin U+2009 and narrow no-break U+202F), currency signs and codes before or after
// ($ € £ ¥ ₺ … EUR USD TL kr …), a sign before or after the sign/code (`-€12,50`, `€-12,50`,
// `+12.5`), negatives in parentheses `(12.00)` or with a trailing minus `12.00-`, the Unicode
// minus `−`, and `12.–` / `12,-` for whole amounts. Anything else is not a number (NULL in SQL).

/**
 * A column's number notation. `plain`: what the engine's own cast reads (digits, `.` decimal,
 * sign, exponent) — the fastest path; `grouped`: decimal point with grouping, currency signs,
 * accounting negatives; `decimal_comma`: decimal comma with `.`/space/apostrophe grouping.
 */
export type NumberFormat = 'plain' | 'grouped' | 'decimal_comma';

/** What a sample says about a column's numbers. */
export interface NumberDetection {
  format: NumberFormat;
  /** Share of non-empty sample values (missing-value markers such as "n/a" excluded) that parse in this format. */
  share: number;
  /** True when every parsed sample value is a whole number. */
  integer: boolean;
  /** True when no value decided the decimal separator but some read differently under each ("1.234"): the UI should ask. */
  ambiguous: boolean;
  /** Values that decided a decimal point, a decimal comma, or could be read either way. */
  votes: DecimalVotes;
  /** A sample value that shows the reading ("1.234,50" read as 1234.5), the most telling one; absent when none. */
  example?: { text: string; value: number };
}

/** Counts of sample values by what they say about the decimal separator. */
export interface DecimalVotes {
  point: number;
  comma: number;
  either: number;
}

// Missing-value markers exports write instead of an empty cell: excluded from the sample
// share (so a few "n/a" cells don't make an amount column text) and NULL in SQL.
const MISSING = /^(n\/?a|#n\/a|na|nan|null|none|nil|-+|[—–‒―?]+|\.|#value!|#ref!|#div\/0!|#num!|unknown|tbd|k\.\s?a\.|s\/o|sin dato|keine angabe)$/i;

/** True for a cell that is a missing-value marker ("n/a", "—", "#N/A", "-"). */
export function isMissingMarker(value: string): boolean {
  return MISSING.test(value.trim());
}

/** Currency codes and words accepted around an amount (case-insensitive; longest first where one is a prefix of another). */
export const CURRENCY_CODES = [
  'us\\$', 'usd', 'euros?', 'eur', 'gbp', 'ytl', 'try', 'tl', 'inr', 'rs\\.?', 'jpy', 'cny', 'rmb', 'brl', 'r\\$', 'aud', 'au\\$', 'a\\$',
  'cad', 'ca\\$', 'c\\$', 'chf', 'sfr\\.?', 'fr\\.', 'pln', 'zł', 'sek', 'nok', 'dkk', 'isk', 'kr\\.?', 'krw', 'rub', 'руб\\.?', 'ils',
  'php', 'vnd', 'thb', 'czk', 'kč', 'huf', 'ft', 'ron', 'lei', 'zar', 'mxn', 'nzd', 'sgd', 'hkd', 'dm',
];
// currency signs; written as code points so the SQL text stays ASCII
const SIGNS = ['$', '€', '£', '¥', '₹', '₺', '₩', '₽', '₪', '₱', '₫', '฿', '¢', '₴', '₦', '₡', '₲', '₵'];
// spaces used for grouping: ordinary, no-break, thin, narrow no-break, figure space
const SPACES = [' ', '\t', '\u00A0', '\u2009', '\u202F', '\u2007'];
const DASHES = ['\u2013', '\u2014']; // "12.–" (Swiss/German whole amount)
const hex = (ch: string): string => `\\x{${(ch.codePointAt(0) as number).toString(16).toUpperCase()}}`;
const cls = (chars: string[]): string => chars.map((c) => (/^[A-Za-z0-9 ]$/.test(c) ? c : hex(c))).join('');
/** Any space a cell may hold, as an RE2 class (RE2's \\s knows no no-break spaces; the JS mirror uses the same class). */
export const SPACE = `[${cls(SPACES)}]`;
/** A trailing minus (not "12.-", a whole amount), as an RE2 pattern. */
export const TRAILING_MINUS = `(^|[^.,])-${SPACE}*$`;
const toJs = (re: string): string => re.replace(/\\x\{([0-9A-F]+)\}/g, '\\u{$1}');

/**
 * The RE2 pattern (also valid JS with the `u` flag, after `\x{..}` → `\u{..}`) matching what is removed before the
 * cast: `[.,]` + dash at the end (whole amount), a trailing minus, parentheses, spaces, apostrophes, currency
 * signs and codes, and the grouping mark of the format.
 */
export function decorationPattern(format: Exclude<NumberFormat, 'plain'>): string {
  const group = format === 'decimal_comma' ? '.' : ',';
  return [
    `[.,][-${cls(DASHES)}]${SPACE}*$`,
    `-${SPACE}*$`,
    `[()${cls(SPACES)}'${hex('\u2019')}${hex(group)}${cls(SIGNS)}]`,
    `(?i:${CURRENCY_CODES.join('|')})`,
  ].join('|');
}

const jsPattern = (format: Exclude<NumberFormat, 'plain'>): RegExp => new RegExp(toJs(decorationPattern(format)).replace('(?i:', '(?:'), 'giu');
const JS_TRAILING_MINUS = new RegExp(toJs(TRAILING_MINUS), 'u');
const DECORATION = { grouped: jsPattern('grouped'), decimal_comma: jsPattern('decimal_comma') };
// DuckDB's own cast to DOUBLE accepts this (and leading/trailing spaces); 'nan'/'inf' it refuses, as we do
// (the engine also reads "+-1" as -1: mirrored so samples and SQL agree)
const PLAIN = /^\s*(\+-|[+-])?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** True when a value is negative by notation: in parentheses, or with a trailing minus (not "12.-", a whole amount). */
export function negativeByNotation(v: string): boolean {
  return /\(.*\)/.test(v) || JS_TRAILING_MINUS.test(v);
}

// mirror of commonStrip in src/sql/parse.ts
const commonStrip = (v: string, format: 'grouped' | 'decimal_comma'): string => {
  const s = v.replace(format === 'decimal_comma' ? /[. $€£]/g : /[, $€£]/g, '');
  return format === 'decimal_comma' ? s.replaceAll(',', '.') : s;
};

/** Parses one value in a given format (JS mirror of the SQL in src/sql/parse.ts, used on samples only). */
export function parseNumber(value: string, format: NumberFormat): number | null {
  // fast path: the engine's cast (plain), or after removing grouping, spaces and $ € £ (see numberSql)
  const fast = format === 'plain' ? value : commonStrip(value, format);
  if (PLAIN.test(fast)) {
    const n = Number(fast.trim().replace(/^\+-/, '-'));
    if (Number.isFinite(n)) return n;
  }
  // slow path: remove signs, codes, spaces and grouping, then cast; the sign by notation is applied after
  let body = value.replaceAll('\u2212', '-').replace(DECORATION[format === 'decimal_comma' ? 'decimal_comma' : 'grouped'], '');
  if (format === 'decimal_comma') body = body.replaceAll(',', '.');
  if (!PLAIN.test(body)) return null;
  const n = Number(body.trim().replace(/^\+-/, '-'));
  if (!Number.isFinite(n)) return null;
  return negativeByNotation(value) ? -n : n;
}

type Vote = 'point' | 'comma' | 'either' | 'none';

/** What one value says about the decimal separator. */
export function decimalVote(value: string): Vote {
  // only the run of digits and marks matters; signs, currency ("kr.") and space/apostrophe grouping are dropped
  const s = value.replace(/[\s'’\u00A0\u2009\u202F\u2007]/g, '').match(/[.,]?\d(?:[\d.,]*\d)?/)?.[0] ?? '';
  const dot = s.lastIndexOf('.');
  const comma = s.lastIndexOf(',');
  if (dot < 0 && comma < 0) return 'none';
  if (dot >= 0 && comma >= 0) return dot > comma ? 'point' : 'comma';
  const mark = dot >= 0 ? '.' : ',';
  const parts = s.split(mark);
  // a mark used twice groups thousands: the decimal separator is the other one
  if (parts.length > 2) return mark === '.' ? 'comma' : 'point';
  const [int = '', frac = ''] = parts;
  // "1.234" / "12,500": a valid thousands group as well as three decimals
  if (frac.length === 3 && int.length >= 1 && int.length <= 3 && !int.startsWith('0')) return 'either';
  return mark === '.' ? 'point' : 'comma';
}

/** Tallies the decimal-separator votes of sample values. */
export function decimalVotes(values: readonly string[]): DecimalVotes {
  const votes: DecimalVotes = { point: 0, comma: 0, either: 0 };
  for (const v of values) {
    const d = decimalVote(v);
    if (d !== 'none') votes[d]++;
  }
  return votes;
}

/** Detects the number notation of a column from sample values (empty cells and "n/a"-like markers ignored); null when not numeric. */
export function detectNumber(samples: readonly string[], preferComma?: boolean): NumberDetection | null {
  const values = samples.map((s) => s.trim()).filter((s) => s !== '' && !isMissingMarker(s));
  if (values.length === 0) return null;
  const votes = decimalVotes(values);
  let comma: boolean;
  let ambiguous = false;
  if (votes.point > 0 && votes.comma > 0) {
    // conflicting values: the majority wins; more than a sliver of the other kind is worth a question
    comma = votes.comma > votes.point;
    ambiguous = Math.min(votes.point, votes.comma) > 0.02 * (votes.point + votes.comma);
  } else if (votes.point > 0 || votes.comma > 0) {
    comma = votes.comma > 0;
  } else {
    // nothing decides: another column's (or the caller's) preference, else the decimal point
    comma = preferComma === true;
    ambiguous = votes.either > 0 && preferComma === undefined;
  }
  const candidates: NumberFormat[] = comma ? ['decimal_comma'] : ['plain', 'grouped'];
  let best: NumberDetection | null = null;
  for (const format of candidates) {
    let ok = 0;
    let integer = true;
    for (const v of values) {
      const n = parseNumber(v, format);
      if (n !== null) {
        ok++;
        if (!Number.isInteger(n)) integer = false;
      }
    }
    const share = ok / values.length;
    const parsesAll = format !== 'plain' || values.every((v) => PLAIN.test(v));
    // plain only when the engine's cast alone reads every value (cheapest to parse)
    if (parsesAll && (best === null || share > best.share + 1e-9)) best = { format, share, integer, ambiguous, votes };
  }
  if (best === null || best.share === 0) return null;
  const example = telling(values, best.format);
  return example ? { ...best, example } : best;
}

// the sample value that best shows how the column is read: one with a decimal separator and grouping
function telling(values: readonly string[], format: NumberFormat): { text: string; value: number } | undefined {
  let best: { text: string; value: number; score: number } | undefined;
  for (const text of values.slice(0, 500)) {
    const value = parseNumber(text, format);
    if (value === null) continue;
    const vote = decimalVote(text);
    const score = (vote === 'either' ? 3 : vote === 'none' ? 0 : 2) + (/[.,].*[.,]/.test(text) ? 2 : 0) + (/[^\d.,+-]/.test(text) ? 1 : 0);
    if (!best || score > best.score) best = { text, value, score };
  }
  return best && { text: best.text, value: best.value };
}

/** The reading in words for the Columns tab, e.g. "decimal comma (read 1.234,50 as 1234.5)". */
export function numberLabel(d: Pick<NumberDetection, 'format' | 'ambiguous' | 'example'>): string {
  const name = d.format === 'decimal_comma' ? 'decimal comma' : d.format === 'grouped' ? 'decimal point' : 'plain numbers';
  const read = d.example && d.example.text !== String(d.example.value) ? ` (read ${d.example.text} as ${d.example.value})` : '';
  return `${name}${read}${d.ambiguous ? ' — a guess: no value shows which mark is the decimal separator' : ''}`;
}
