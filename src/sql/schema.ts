// The canonical tables every analysis reads. The user's own column names live only in
// the mapping step (src/mapping); everything downstream uses these names, so a query
// never needs to know which file it runs on.
//
//   raw      the file as loaded: every column VARCHAR, names as in the file
//   lines    every distinct raw row, typed, with its multiplicity (__n), cleaning status and
//            the returns matching (match_qty, match_value)
//   sales    view: cleaned sale lines (one row per transaction line, or per customer for
//            customer-level files), columns below, NET of the returns matched to them
//            (amount, quantity); gross_amount = as bought, returned_amount = taken off.
//            Purchases returned in full, returns and dropped rows are excluded
//   purchases  view: sales plus the purchases returned in full (same columns): gross figures
//   returns  view: the rows the cleaning rules classed as returns (amount < 0 or
//            quantity < 0), same columns as sales, amounts negative, plus matched_amount
//            (the part matched to purchases; the rest is unmatched)

/** Canonical column of `sales`/`returns`, with its SQL type. Columns whose role is unmapped are present and NULL. */
export const CANONICAL_COLUMNS = [
  { name: 'customer_id', type: 'VARCHAR', doc: 'customer key; NULL when the row has none' },
  { name: 'ts', type: 'TIMESTAMP', doc: 'purchase time (midnight when the file has dates only); NULL when the file has no date column' },
  { name: 'amount', type: 'DOUBLE', doc: 'line value: the amount column, or quantity × unit price' },
  { name: 'quantity', type: 'DOUBLE', doc: 'items on the line' },
  { name: 'unit_price', type: 'DOUBLE', doc: 'price per item' },
  { name: 'tx_id', type: 'VARCHAR', doc: 'transaction (invoice/order) id; one id per row when the file has none' },
  { name: 'product', type: 'VARCHAR', doc: 'product name or code' },
  { name: 'category', type: 'VARCHAR', doc: 'product category' },
  { name: 'country', type: 'VARCHAR', doc: 'country' },
  { name: 'region', type: 'VARCHAR', doc: 'region / state / location' },
  { name: 'payment', type: 'VARCHAR', doc: 'payment method' },
  { name: 'gender', type: 'VARCHAR', doc: 'customer gender' },
  { name: 'age', type: 'DOUBLE', doc: 'customer age in years' },
  { name: 'income', type: 'DOUBLE', doc: 'customer annual income' },
  { name: 'score', type: 'DOUBLE', doc: 'spending score' },
] as const;

/** Name of a canonical column. Other user columns kept as dimensions appear as `x_<slug>`. */
export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number]['name'];

/** Prefix of extra (non-canonical) dimension and attribute columns carried into `sales`. */
export const EXTRA_PREFIX = 'x_';
