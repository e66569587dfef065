// SQL expressions that turn raw VARCHAR cells into typed values, for the notations
// decided in src/mapping (numbers.ts, dates.ts). Unparseable cells become NULL (TRY_*),
// so a bad cell is counted by the cleaning rules instead of failing the load.
import { MONTH_KEYS, strptimeFormats, type DateDetection } from '../mapping/dates';
import { decorationPattern, TRAILING_MINUS, type NumberFormat } from '../mapping/numbers';
import { literal } from './ident';

/**
 * SQL turning a VARCHAR expression into DOUBLE for a number notation (mirrors parseNumber in
 * src/mapping/numbers.ts). The engine's own cast runs first; only the cells it cannot read
 * (currency, grouping, accounting negatives — or text, which ends NULL) take the regex path.
 */
export function numberSql(col: string, format: NumberFormat): string {
  // coalesce evaluates its second argument only on the rows where the first is NULL.
  // A failing cast is expensive in the engine (~0.5 µs a cell), so each path is chosen to succeed on most cells:
  // plain columns try the engine's cast alone; the others first drop grouping, spaces and the commonest
  // signs with plain replace() (~3× cheaper than a regex); what is left (codes, accounting negatives, text) takes the regex.
  const first = format === 'plain' ? `TRY_CAST(${col} AS DOUBLE)` : `TRY_CAST(${commonStrip(col, format)} AS DOUBLE)`;
  // the cast reads 'NaN' and 'inf', which are no amounts. The first path is computed on every row anyway,
  // so repeating it costs nothing; the regex path is bound through a lambda, because a repeated
  // sub-expression is hoisted by the optimizer out of the coalesce and would run on every row.
  const fast = `(CASE WHEN isfinite(${first}) THEN ${first} END)`;
  const slow = `list_transform([${decoratedNumberSql(col, format === 'decimal_comma' ? 'decimal_comma' : 'grouped')}], x -> CASE WHEN isfinite(x) THEN x END)[1]`;
  return `coalesce(${fast}, ${slow})`;
}

// grouping mark, spaces and the commonest currency signs removed; a decimal comma turned into a point
function commonStrip(col: string, format: 'grouped' | 'decimal_comma'): string {
  let e = col;
  for (const ch of [format === 'decimal_comma' ? '.' : ',', ' ', '$', '€', '£']) e = `replace(${e}, ${literal(ch)}, '')`;
  return format === 'decimal_comma' ? `replace(${e}, ',', '.')` : e;
}

function decoratedNumberSql(col: string, format: 'grouped' | 'decimal_comma'): string {
  // no sub-expression may repeat: the optimizer would hoist it out of the coalesce and run it on every row
  const negative = `${col} LIKE '%(%)%' OR regexp_matches(${col}, ${literal(TRAILING_MINUS)})`;
  let body = `regexp_replace(replace(${col}, chr(8722), '-'), ${literal(decorationPattern(format))}, '', 'g')`;
  if (format === 'decimal_comma') body = `replace(${body}, ',', '.')`;
  return `(CASE WHEN ${negative} THEN -1 ELSE 1 END * TRY_CAST(${body} AS DOUBLE))`;
}

/**
 * SQL turning a VARCHAR expression into TIMESTAMP for a date notation (and, in order, the minority
 * notations seen in the same column). Each path is NULL where it does not apply; coalesce only
 * evaluates a later path on the rows the earlier ones left NULL, so the common case pays for one path.
 */
export function dateSql(col: string, d: DateDetection): string {
  const paths = [d, ...(d.also ?? [])].flatMap((one) => datePaths(col, one));
  return paths.length === 1 ? (paths[0] as string) : `coalesce(${paths.join(', ')})`;
}

// a time with a UTC offset or zone word at the end (the date's own "-01" is not an offset: a time must precede)
const ZONE_SUFFIX = String.raw`(:\d{2}(?:[.,]\d+)?)\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)$`;

function datePaths(col: string, d: DateDetection): string[] {
  const strp = (c: string): string => `try_strptime(${c}, [${strptimeFormats(d).map(literal).join(', ')}])`;
  switch (d.family) {
    case 'iso': {
      // DuckDB's own cast: fastest, accepts missing padding, 'T', 'Z' and '+01:00' (keeping the written time)
      const paths = [`TRY_CAST(${col} AS TIMESTAMP)`, `TRY_CAST(trim(${col}) AS TIMESTAMP)`];
      // " +0100", " GMT", "Z" after fractional seconds …: the zone dropped, then cast
      if (d.zone) paths.push(`TRY_CAST(regexp_replace(trim(${col}), ${literal(ZONE_SUFFIX)}, '\\1') AS TIMESTAMP)`);
      if (d.times.some((t) => t.includes('%p'))) paths.push(strp(`trim(${col})`));
      if (d.zone !== 'utc') return paths;
      return [`(coalesce(${paths.join(', ')}) - to_minutes(${offsetMinutesSql(col)}))`];
    }
    case 'epoch': {
      // seconds (with an optional fraction) or milliseconds since 1970-01-01 UTC; out-of-range values are NULL
      const x = `TRY_CAST(${col} AS DOUBLE)`;
      const micros = d.unit === 'ms' ? `${x} * 1000` : `${x} * 1000000`;
      const max = d.unit === 'ms' ? 4102444800000 : 4102444800;
      return [`(CASE WHEN ${x} BETWEEN 0 AND ${max} THEN make_timestamp(CAST(round(${micros}) AS BIGINT)) END)`];
    }
    case 'serial': {
      // Excel 1900 system: day 25569 is 1970-01-01 (day 60, the invented 1900-02-29, lies far below the range read)
      const x = `TRY_CAST(${col} AS DOUBLE)`;
      return [`(CASE WHEN ${x} BETWEEN 61 AND 2958465 THEN make_timestamp(CAST(round((${x} - 25569) * 86400) AS BIGINT) * 1000000) END)`];
    }
    case 'named':
      // English month names through strptime; other languages, weekdays, "Sept", odd separators by regex
      return d.foreignMonths ? [namedDateSql(col, d.order)] : [strp(col), strp(`trim(${col})`), namedDateSql(col, d.order)];
    default:
      return [strp(col), strp(`trim(${col})`)];
  }
}

// minutes east of UTC written at the end of an ISO value (0 when none)
function offsetMinutesSql(col: string): string {
  const g = `regexp_extract(trim(${col}), ${literal(String.raw`:\d{2}(?:[.,]\d+)?\s*([+-])(\d{2}):?(\d{2})?$`)}, ['sign', 'h', 'm'])`;
  return `CAST(coalesce((CASE WHEN ${g}.sign = '-' THEN -1 ELSE 1 END) * (TRY_CAST(${g}.h AS INTEGER) * 60 + coalesce(TRY_CAST(${g}.m AS INTEGER), 0)), 0) AS INTEGER)`;
}

const MONTH_WORD = 'à-ÿ';
/** SQL reading a date with a month name in any language of MONTH_KEYS, by regex (the slow path for named dates). */
function namedDateSql(col: string, order: 'dmy' | 'mdy'): string {
  const L = `a-z${MONTH_WORD}`;
  const weekday = String.raw`(?:[${L}]{2,10}\.?,?\s+)?`;
  const time = String.raw`(?:[ t]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s?([ap])?)?`;
  const re =
    order === 'dmy'
      ? String.raw`^${weekday}(\d{1,2})(?:st|nd|rd|th)?\.?[ ./-]?\s*([${L}]{3,10})\.?\s*[ ./,-]?\s*(\d{4}|\d{2})${time}`
      : String.raw`^${weekday}([${L}]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}|\d{2})${time}`;
  const names = order === 'dmy' ? `['d', 'mon', 'y', 'h', 'mi', 's', 'ap']` : `['mon', 'd', 'y', 'h', 'mi', 's', 'ap']`;
  // the extracted parts are bound once through a lambda: repeated, the optimizer would hoist the regex
  // out of the surrounding coalesce and run it on every row, not only on those strptime could not read
  const g = 'g';
  const keys = `[${MONTH_KEYS.map(([k]) => literal(k)).join(', ')}]`;
  const months = `[${MONTH_KEYS.map(([, m]) => m).join(', ')}]`;
  const key = `(CASE WHEN ${g}.mon LIKE 'jui%' THEN left(${g}.mon, 4) ELSE left(${g}.mon, 3) END)`;
  const month = `${months}[list_position(${keys}, ${key})]`;
  const y = `TRY_CAST(${g}.y AS INTEGER)`;
  const year = `(CASE WHEN ${y} < 100 THEN ${y} + CASE WHEN ${y} < 69 THEN 2000 ELSE 1900 END ELSE ${y} END)`;
  const h = `coalesce(TRY_CAST(${g}.h AS INTEGER), 0)`;
  const hour = `(CASE WHEN ${g}.ap = 'p' THEN ${h} % 12 + 12 WHEN ${g}.ap = 'a' THEN ${h} % 12 ELSE ${h} END)`;
  const text = `printf('%04d-%02d-%02d %02d:%02d:%02d', ${year}, ${month}, TRY_CAST(${g}.d AS INTEGER), ${hour}, coalesce(TRY_CAST(${g}.mi AS INTEGER), 0), coalesce(TRY_CAST(${g}.s AS INTEGER), 0))`;
  return `list_transform([regexp_extract(lower(trim(${col})), ${literal(re)}, ${names})], g -> TRY_CAST(${text} AS TIMESTAMP))[1]`;
}

/** SQL returning the largest first and second numeric part of a column (decides day/month order on all rows). */
export function datePartMaximaSql(table: string, col: string, sep: string): string {
  const s = sep.replace(/[.\\^$|?*+()[\]{}-]/g, '\\$&');
  const re = `^\\s*(\\d{1,2})${s}(\\d{1,2})${s}`;
  return `SELECT max(TRY_CAST(regexp_extract(${col}, ${literal(re)}, 1) AS INTEGER)) AS first_max,
  max(TRY_CAST(regexp_extract(${col}, ${literal(re)}, 2) AS INTEGER)) AS second_max FROM ${table}`;
}

/**
 * SQL counting on every row the cells of a column that decide a decimal comma or a decimal point
 * (mirrors decimalVote in src/mapping/numbers.ts): for columns whose sample could be read either way.
 */
export function decimalVotesSql(table: string, col: string): string {
  const core = `regexp_extract(regexp_replace(${col}, ${literal("[\\s'\\x{2019}\\x{A0}\\x{202F}\\x{2009}]")}, '', 'g'), ${literal(String.raw`[.,]?\d(?:[\d.,]*\d)?`)})`;
  const vote = `CASE
    WHEN contains(core, '.') AND contains(core, ',') THEN CASE WHEN regexp_matches(core, ${literal(String.raw`,\d*$`)}) THEN 'comma' ELSE 'point' END
    WHEN NOT contains(core, '.') AND NOT contains(core, ',') THEN NULL
    WHEN length(core) - length(replace(replace(core, '.', ''), ',', '')) > 1 THEN CASE WHEN contains(core, '.') THEN 'comma' ELSE 'point' END
    WHEN regexp_full_match(core, ${literal(String.raw`[1-9]\d{0,2}[.,]\d{3}`)}) THEN 'either'
    WHEN contains(core, ',') THEN 'comma' ELSE 'point' END`;
  return `SELECT count_if(vote = 'point') AS point, count_if(vote = 'comma') AS comma, count_if(vote = 'either') AS either
  FROM (SELECT ${vote} AS vote FROM (SELECT ${core} AS core FROM ${table} WHERE ${col} IS NOT NULL))`;
}
