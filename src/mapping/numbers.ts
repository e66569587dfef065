// How numbers are written in a column: plain (`1234.5`), with thousands separators or
// currency signs (`$1,234.50`), or with a decimal comma (`1.234,50`). Decided once per
// column from a sample, then parsed in SQL by src/sql/parse.ts.

/** A column's number notation. */
export type NumberFormat = 'plain' | 'grouped' | 'decimal_comma';

/** What a sample says about a column's numbers. */
export interface NumberDetection {
  format: NumberFormat;
  /** Share of non-empty sample values that parse in this format. */
  share: number;
  /** True when every parsed sample value is a whole number. */
  integer: boolean;
}

const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const COMMA_DECIMAL = /^[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+$/;
// currency signs and codes around a number ("₺149,90", "12.50 TL", "R$ 9,90", "CHF 12.–")
const CODES = 'usd|eur|gbp|try|tl|inr|jpy|cny|rmb|brl|r\\$|aud|a\\$|cad|c\\$|chf|pln|zł|sek|nok|dkk|kr\\.?|krw|rub|ils|php|vnd|thb|rs\\.?';
const DECORATION = new RegExp(`[\\s$€£¥₹₺₩₽₪₱₫฿]|^(${CODES})|(${CODES})$`, 'gi');

function strip(v: string): { body: string; negative: boolean } {
  let s = v.trim();
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1);
  }
  return { body: s.replace(DECORATION, ''), negative };
}

/** Parses one value in a given format (JS mirror of the SQL, used on samples only). */
export function parseNumber(value: string, format: NumberFormat): number | null {
  if (format === 'plain') return PLAIN.test(value.trim()) ? Number(value.trim()) : null;
  const { body, negative } = strip(value);
  let n: number | null = null;
  if (format === 'grouped' && (PLAIN.test(body) || GROUPED.test(body))) n = Number(body.replaceAll(',', ''));
  if (format === 'decimal_comma' && (COMMA_DECIMAL.test(body) || /^[+-]?\d+$/.test(body))) n = Number(body.replaceAll('.', '').replace(',', '.'));
  if (n === null || !Number.isFinite(n)) return null;
  return negative ? -n : n;
}

/** Detects the number notation of a column from sample values (empty values ignored); null when not numeric. */
export function detectNumber(samples: readonly string[]): NumberDetection | null {
  const values = samples.map((s) => s.trim()).filter((s) => s !== '');
  if (values.length === 0) return null;
  let best: NumberDetection | null = null;
  for (const format of ['plain', 'grouped', 'decimal_comma'] as const) {
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
    // plain wins ties (cheapest to parse); the others must do strictly better
    if (best === null || share > best.share + 1e-9) best = { format, share, integer };
  }
  return best !== null && best.share > 0 ? best : null;
}
