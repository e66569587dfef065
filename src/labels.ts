// Words for the codes the analyses use internally (method ids, rule kinds), so a user never
// reads "cold-start-top". Views pass every code they show through codeLabel().

const WORDS: Record<string, string> = {
  category: 'Favourite category',
  copurchase: 'Bought together',
  popularity: 'Best sellers',
  auto: 'Automatic',
  'cold-start-top': 'Best sellers (new or inactive customer)',
  'cold-start-trending': 'Trending now (new or inactive customer)',
  cold_start_top: 'Best sellers (new or inactive customer)',
  cold_start_trending: 'Trending now (new or inactive customer)',
  backfill: 'Best sellers (to fill the list)',
  pass: 'Pass',
  warn: 'Warning',
  fail: 'Fail',
  not_null: 'No empty values',
  unique: 'No duplicates',
  customer_id: 'Customer',
  tx_id: 'Transaction',
  unit_price: 'Unit price',
  ignore: 'Not used',
  accepted_range: 'Within range',
  consistency: 'Consistent',
  outliers: 'Outliers',
  ts: 'Date',
  amount: 'Amount',
  quantity: 'Quantity',
  product: 'Product',
  '(all columns)': 'All columns',
};

/** A code in words: a known code's label, else the code with its separators turned into spaces. */
export function codeLabel(code: unknown): string {
  if (code === null || code === undefined || code === '') return '—';
  const c = String(code);
  const known = WORDS[c];
  if (known) return known;
  const words = c.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
