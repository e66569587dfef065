// Quoting for every identifier and literal the app writes into SQL. User column names
// arrive as-is (`Annual Income (k$)`, `Customer ID`, `order`, unicode): they are always
// passed through ident(), never pasted.

/** Quotes an identifier for DuckDB: wraps in double quotes, doubling any inside. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal for DuckDB: wraps in single quotes, doubling any inside. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A finite number as a SQL literal; refuses NaN/Infinity so they never reach a query. */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`invalid SQL number: ${value}`);
  return String(value);
}
