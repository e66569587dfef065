// The data cube: `sales`, `purchases` and `returns` pre-aggregated per day × the
// low-cardinality filter columns, with additive measures only (sums and row counts). A
// filter on cube columns and the date gives the same sums from a few thousand rows as from
// the million lines. The cube names its day column `ts` (a DATE) and keeps every dimension
// under its own name and type, so sql/filters.ts's predicates apply to it unchanged.
// Distinct counts (transactions, customers) are NOT additive across days or dimensions: the
// cube has none, callers take them from `sales` (see pipeline/cube.ts).
import { ident, literal, num } from './ident';
import { CANONICAL_COLUMNS, EXTRA_PREFIX } from './schema';
import { moneySumSql } from './kpis';
import { salesDaysSql } from './trends';

/** Name of the cube table. */
export const CUBE_TABLE = 'sales_cube';

/** Name of the cube's day table: per sales day, the earliest and latest time of day (what trends' coverage reads), when the analysis has no sales days table of its own (SALES_DAYS_TABLE). */
export const CUBE_DAYS_TABLE = 'sales_cube_days';

/** Canonical columns a cube may be cut by (categorical, few values); x_ extras qualify too. */
export const CUBE_CANDIDATES = ['category', 'country', 'region', 'payment', 'gender'] as const;

const CANONICAL = new Set<string>(CANONICAL_COLUMNS.map((c) => c.name));

/** A column of `sales` a cube may hold, quoted; throws on any other name. */
function dimColumn(name: string): string {
  if (!(CUBE_CANDIDATES as readonly string[]).includes(name) && !(name.startsWith(EXTRA_PREFIX) && !CANONICAL.has(name))) {
    throw new Error(`invalid cube column: ${name} (expected one of ${CUBE_CANDIDATES.join(', ')} or an ${EXTRA_PREFIX} column)`);
  }
  return ident(name);
}

/** A cube table's name, checked (callers pass names from buildCube, never user text). */
function tableName(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid cube table name: ${name}`);
  return name;
}

/** One row: `n_<i>` = distinct non-null values of each column of `sales` (0 for an unmapped, all-NULL column). */
export function cubeCardinalitySql(columns: readonly string[]): string {
  if (columns.length === 0) return 'SELECT 1 AS none';
  return `SELECT ${columns.map((c, i) => `count(DISTINCT ${dimColumn(c)})::BIGINT AS n_${i}`).join(', ')} FROM sales`;
}

/**
 * Creates the cube: one row per kind ('s' = sales, 'p' = purchases as bought, 'r' = returns),
 * day (`ts`, NULL for undated rows) and combination of `dims` present, with amount
 * (sum, gross for 'p'), matched (returns matched to purchases, 'r' only), lines (rows),
 * quantity (sum of quantity, NULL when none), items (sum of quantity counting a missing one
 * as 1) and no_customer (rows without a customer).
 */
export function buildCubeSql(dims: readonly string[], o: { days?: boolean } = {}): string {
  const d = dims.map(dimColumn);
  const cols = ['ts::DATE AS ts', ...d].join(', ');
  const part = (kind: string, table: string, amount: string, matched: string): string =>
    `SELECT ${literal(kind)} AS kind, ${cols}, ${moneySumSql(amount)}::DOUBLE AS amount, ${matched}::DOUBLE AS matched, count(*)::BIGINT AS lines,
    ${moneySumSql('quantity')}::DOUBLE AS quantity, ${moneySumSql('coalesce(quantity, 1)')}::DOUBLE AS items, count(*) FILTER (WHERE customer_id IS NULL)::BIGINT AS no_customer
  FROM ${table} GROUP BY ALL`;
  return `CREATE OR REPLACE TABLE ${CUBE_TABLE} AS
${part('s', 'sales', 'amount', '0')}
UNION ALL
${part('p', 'purchases', 'gross_amount', '0')}
UNION ALL
${part('r', 'returns', 'amount', moneySumSql('matched_amount'))}${o.days === false ? '' : `;\n${salesDaysSql(CUBE_DAYS_TABLE)}`}`;
}

/**
 * Creates a coarser cube `name` from the full one, over a subset of its dimensions (the same
 * columns and measures; every sum stays exact as sums of sums). A filter on one column reads
 * the cube of that column: a few thousand rows instead of the full cube's hundreds of thousands.
 */
export function rollupCubeSql(name: string, dims: readonly string[]): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid cube table name: ${name}`);
  const d = dims.map(dimColumn);
  return `CREATE OR REPLACE TABLE ${name} AS
SELECT kind, ${['ts', ...d].join(', ')}, ${moneySumSql('amount')}::DOUBLE AS amount, ${moneySumSql('matched')}::DOUBLE AS matched, sum(lines)::BIGINT AS lines,
  ${moneySumSql('quantity')}::DOUBLE AS quantity, ${moneySumSql('items')}::DOUBLE AS items, sum(no_customer)::BIGINT AS no_customer
FROM ${CUBE_TABLE} GROUP BY ALL`;
}

/**
 * The additive KPIs from the cube under a predicate over cube columns: gross_sales,
 * sales_value, returns_matched, returns, return_rows, lines, rows_without_customer, items,
 * first_date, last_date, days: the same values (and names) as kpisSql, without the distinct
 * counts (transactions, customers).
 */
export function cubeKpisSql(where = 'TRUE', table = CUBE_TABLE): string {
  const k = (kind: string): string => `kind = ${literal(kind)}`;
  return `SELECT
  coalesce(${moneySumSql('amount')} FILTER (WHERE ${k('p')}), 0)::DOUBLE AS gross_sales,
  coalesce(${moneySumSql('amount')} FILTER (WHERE ${k('s')}), 0)::DOUBLE AS sales_value,
  coalesce(${moneySumSql('matched')} FILTER (WHERE ${k('r')}), 0)::DOUBLE AS returns_matched,
  coalesce(${moneySumSql('amount')} FILTER (WHERE ${k('r')}), 0)::DOUBLE AS returns,
  coalesce(sum(lines) FILTER (WHERE ${k('r')}), 0)::BIGINT AS return_rows,
  coalesce(sum(lines) FILTER (WHERE ${k('s')}), 0)::BIGINT AS lines,
  coalesce(sum(no_customer) FILTER (WHERE ${k('s')}), 0)::BIGINT AS rows_without_customer,
  coalesce(${moneySumSql('quantity')} FILTER (WHERE ${k('s')}), 0)::DOUBLE AS items,
  strftime(min(ts) FILTER (WHERE ${k('s')}), '%Y-%m-%d') AS first_date,
  strftime(max(ts) FILTER (WHERE ${k('s')}), '%Y-%m-%d') AS last_date,
  count(DISTINCT ts) FILTER (WHERE ${k('s')})::BIGINT AS days
FROM ${tableName(table)} WHERE (${where})`;
}

/** The distinct counts kpisSql gives that the cube cannot: transactions and customers of `sales` under a predicate. */
export function distinctKpisSql(where = 'TRUE'): string {
  return `SELECT count(DISTINCT tx_id)::BIGINT AS transactions, count(DISTINCT customer_id)::BIGINT AS customers FROM sales WHERE ${where}`;
}

/** Per day (`day`, DATE) of the filtered sales: revenue, lines and items, from the cube (days without sales absent). */
export function cubeDailySql(where = 'TRUE', table = CUBE_TABLE): string {
  return `SELECT ts AS day, sum(amount)::DOUBLE AS revenue, sum(lines)::BIGINT AS lines, sum(items)::DOUBLE AS items
FROM ${tableName(table)} WHERE kind = 's' AND ts IS NOT NULL AND (${where}) GROUP BY ts ORDER BY ts`;
}

/**
 * Leaderboard of a cube column from the cube: label (NULL → '(missing)'), revenue, lines,
 * items, share_revenue (of all filtered revenue), top n by revenue or lines (ties as
 * leaderboardSql: the other measure, then label). No distinct counts.
 */
export function cubeLeaderboardSql(o: { column: string; by?: 'revenue' | 'count'; n?: number; where?: string; table?: string }): string {
  const col = dimColumn(o.column);
  const by = o.by ?? 'revenue';
  if (by !== 'revenue' && by !== 'count') throw new Error(`invalid leaderboard measure: ${String(by)}`);
  const n = o.n ?? 10;
  if (!Number.isInteger(n) || n < 1) throw new Error(`invalid n: ${n} (need an integer ≥ 1)`);
  const order = by === 'revenue' ? 'revenue DESC, lines DESC' : 'lines DESC, revenue DESC';
  return `WITH agg AS (
  SELECT coalesce(CAST(${col} AS VARCHAR), '(missing)') AS label, sum(amount)::DOUBLE AS revenue, sum(lines)::BIGINT AS lines, sum(items)::DOUBLE AS items
  FROM ${tableName(o.table ?? CUBE_TABLE)} WHERE kind = 's' AND (${o.where ?? 'TRUE'}) GROUP BY 1
)
SELECT label, revenue, lines, revenue / sum(revenue) OVER () AS share_revenue, items FROM agg
ORDER BY ${order}, label
LIMIT ${num(n)}`;
}

/**
 * Several cube leaderboards in one statement (one round trip for every board of a view):
 * cubeLeaderboardSql's rows of each, with `board` (the index in `boards`) and `rank` (1 = top,
 * the board's own order). Callers sort by board and rank.
 */
export function cubeLeaderboardsSql(boards: readonly { column: string; by?: 'revenue' | 'count'; n?: number; table?: string }[], where = 'TRUE'): string {
  if (boards.length === 0) throw new Error('cubeLeaderboardsSql: no boards');
  return boards
    .map((b, i) => {
      const order = (b.by ?? 'revenue') === 'count' ? 'lines DESC, revenue DESC' : 'revenue DESC, lines DESC';
      return `SELECT ${i}::INTEGER AS board, row_number() OVER (ORDER BY ${order}, label)::INTEGER AS rank, * FROM (${cubeLeaderboardSql({ ...b, where })})`;
    })
    .join('\nUNION ALL\n');
}

/** Distinct transactions and customers of the given labels of a column of `sales` under a predicate (the leaderboard's non-additive columns). */
export function labelDistinctSql(o: { column: string; labels: readonly string[]; where?: string }): string {
  const col = dimColumn(o.column);
  const present = o.labels.filter((l) => l !== '(missing)');
  const terms = [...(present.length ? [`CAST(${col} AS VARCHAR) IN (${present.map(literal).join(', ')})`] : []), ...(present.length !== o.labels.length ? [`${col} IS NULL`] : [])];
  const pick = terms.length ? terms.join(' OR ') : 'FALSE';
  return `SELECT coalesce(CAST(${col} AS VARCHAR), '(missing)') AS label, count(DISTINCT tx_id)::BIGINT AS transactions, count(DISTINCT customer_id)::BIGINT AS customers
FROM sales WHERE (${o.where ?? 'TRUE'}) AND (${pick}) GROUP BY 1`;
}
