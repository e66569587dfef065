// What the SQL console refuses to run (issue 16): anything that reaches outside this tab —
// files, web addresses, extensions, attached databases, settings. Checked on every
// statement before any runs, so one refused statement stops the whole run. Pure: no engine.
// The engine has its own lockdown behind this (src/engine's lockdown.ts); this check is the
// first line, with plain words for the user, and errs on the side of refusing.
import { skipQuoted } from './statement';

/** One token of SQL: a bare or quoted name (lower-cased when bare), a string literal, or a symbol. */
interface Token {
  kind: 'word' | 'quoted' | 'string' | 'symbol' | 'number';
  text: string;
}

/** Statements that are refused by their first words, with the words shown in the message. */
const REFUSED_START: Record<string, string> = {
  copy: 'COPY',
  export: 'EXPORT DATABASE',
  import: 'IMPORT DATABASE',
  attach: 'ATTACH',
  detach: 'DETACH',
  install: 'INSTALL',
  load: 'LOAD',
  set: 'SET',
  reset: 'RESET',
};

/** PRAGMAs that only read (PRAGMA table_info('sales')); every other PRAGMA may change a setting. */
const READ_PRAGMAS = new Set(['table_info', 'show_tables', 'show_tables_expanded', 'show_databases', 'database_list', 'database_size', 'version', 'platform', 'functions', 'show', 'collations', 'storage_info', 'metadata_info', 'user_agent']);

/** Table and scalar functions that read files or URLs, or run SQL given as text. */
const FILE_FUNCTIONS = new Set([
  'glob', 'sniff_csv', 'parquet_scan', 'parquet_metadata', 'parquet_schema', 'parquet_file_metadata', 'parquet_kv_metadata', 'parquet_bloom_probe',
  'query', 'query_table', 'json_execute_serialized_sql', 'sqlite_attach', 'iceberg_metadata', 'iceberg_snapshots', 'delta_scan', 'st_read', 'st_read_meta',
  'load_aws_credentials', 'duckdb_secrets', 'which_secret', 'http_get', 'http_post',
]);

/** True for a function name that touches files, URLs or runs text as SQL (read_*, *_scan and the list above). */
function isFileFunction(name: string): boolean {
  return FILE_FUNCTIONS.has(name) || name.startsWith('read_') || name.endsWith('_scan') || name.startsWith('parquet_') || name.startsWith('iceberg_');
}

/** Keywords after which a table reference follows (where a string literal would be read as a file or URL). */
const TABLE_INTRO = new Set(['from', 'join', 'using', 'describe', 'desc', 'summarize', 'table', 'pivot', 'unpivot', 'pivot_wider', 'pivot_longer', 'into', 'update', 'show']);

/** Splits one statement into tokens; comments are dropped (nested block comments included). */
export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (/\s/.test(c)) i++;
    else if (c === '-' && next === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
    } else if (c === '/' && next === '*') {
      // nested like PostgreSQL's scanner (DuckDB's parser comes from it)
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') (depth++, (i += 2));
        else if (sql[i] === '*' && sql[i + 1] === '/') (depth--, (i += 2));
        else i++;
      }
      // an unclosed comment swallows the rest, as DuckDB would (and then reports an error)
    } else if (c === "'" || ((c === 'e' || c === 'E') && next === "'") || ((c === 'u' || c === 'U') && next === '&' && sql[i + 2] === "'")) {
      const backslash = c === 'e' || c === 'E';
      const open = c === "'" ? i : c === 'e' || c === 'E' ? i + 1 : i + 2;
      const end = skipQuoted(sql, open, "'", backslash);
      out.push({ kind: 'string', text: unquote(sql.slice(open, end), "'") });
      i = end;
    } else if (c === '"') {
      const end = skipQuoted(sql, i, '"', false);
      out.push({ kind: 'quoted', text: unquote(sql.slice(i, end), '"') });
      i = end;
    } else if (c === '$' && /^\$([A-Za-z_]\w*)?\$/.test(sql.slice(i))) {
      const tag = (/^\$([A-Za-z_]\w*)?\$/.exec(sql.slice(i)) as RegExpExecArray)[0];
      const close = sql.indexOf(tag, i + tag.length);
      out.push({ kind: 'string', text: sql.slice(i + tag.length, close < 0 ? n : close) });
      i = close < 0 ? n : close + tag.length;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      const m = /^[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*/.exec(sql.slice(i)) as RegExpExecArray;
      out.push({ kind: 'word', text: m[0].toLowerCase() });
      i += m[0].length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9][\w.]*/.exec(sql.slice(i)) as RegExpExecArray;
      out.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else {
      out.push({ kind: 'symbol', text: c });
      i++;
    }
  }
  return out;
}

const unquote = (s: string, q: string): string => s.slice(1, s.endsWith(q) && s.length > 1 ? -1 : undefined).replaceAll(q + q, q);

const isName = (t: Token | undefined): boolean => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');

/** Why the console will not run this statement, in plain words; null when it may run. */
export function refusal(sql: string): string | null {
  // each piece between semicolons is checked on its own, in case this text holds more than one
  // statement by DuckDB's reading (the engine runs them all)
  const pieces: Token[][] = [[]];
  for (const t of tokenize(sql)) {
    if (t.kind === 'symbol' && t.text === ';') pieces.push([]);
    else (pieces[pieces.length - 1] as Token[]).push(t);
  }
  for (const piece of pieces) {
    const why = check(piece);
    if (why) return why;
  }
  return null;
}

const OUTSIDE = 'The console works only on the tables loaded in this tab: it does not read or write files, reach the network, load extensions or change settings. Nothing was run.';

function check(all: Token[]): string | null {
  // EXPLAIN ANALYZE runs the statement it explains: look at that statement
  let skip = 0;
  while (all[skip]?.kind === 'word' && /^(explain|analyze|analyse)$/.test((all[skip] as Token).text)) skip++;
  const tokens = all.slice(skip);
  const words = tokens.filter((t) => t.kind === 'word').map((t) => t.text);
  const head = tokens[0]?.kind === 'word' ? (tokens[0] as Token).text : '';
  const second = tokens[1]?.kind === 'word' ? (tokens[1] as Token).text : '';
  const outside = OUTSIDE;
  if (head in REFUSED_START) return `${REFUSED_START[head]} is not available in this console. ${outside}`;
  if (head === 'force' && second === 'install') return `FORCE INSTALL is not available in this console. ${outside}`;
  if (head === 'update' && second === 'extensions') return `UPDATE EXTENSIONS is not available in this console. ${outside}`;
  if (head === 'pragma') {
    const name = tokens[1]?.text.toLowerCase() ?? '';
    if (!READ_PRAGMAS.has(name) || tokens.some((t) => t.kind === 'symbol' && t.text === '=')) return `PRAGMA ${name} is not available in this console (it may change a setting). ${outside}`;
  }
  // CREATE [OR REPLACE] [PERSISTENT|TEMPORARY] SECRET: credentials for reaching other hosts
  if (head === 'create' && words.slice(1, 5).includes('secret')) return `CREATE SECRET is not available in this console. ${outside}`;
  // PREPARE p AS <statement>: the statement it holds is checked like any other
  if (head === 'prepare') {
    const as = tokens.findIndex((t) => t.kind === 'word' && t.text === 'as');
    const inner = as > 0 ? check(tokens.slice(as + 1)) : null;
    if (inner) return inner;
  }
  return refusalOfTokens(tokens, outside);
}

/** Functions whose own syntax uses FROM for something other than a table: trim(both 'x' FROM s), extract(year FROM ts). */
const FROM_IN_CALL = new Set(['trim', 'substring', 'substr', 'extract', 'overlay', 'position', 'date_part']);

function refusalOfTokens(tokens: Token[], outside: string): string | null {
  // which function opened each open parenthesis ('' for a plain one)
  const opener: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const next = tokens[i + 1];
    if (t.kind === 'symbol' && t.text === '(') opener.push(isName(tokens[i - 1]) ? (tokens[i - 1] as Token).text.toLowerCase() : '');
    else if (t.kind === 'symbol' && t.text === ')') opener.pop();
    // a function call: name ( … ), whether bare, quoted or schema-qualified (main.read_csv)
    if (isName(t) && next?.kind === 'symbol' && next.text === '(') {
      const name = t.text.toLowerCase();
      if (isFileFunction(name)) return `${name}(…) is not available in this console: it reads files or web addresses. To add a file, use “Load data”. ${outside}`;
    }
    // a table reference written as a string or a file-like quoted name: FROM 'data.csv', JOIN 'https://…', FROM "data.csv"
    if (t.kind === 'word' && TABLE_INTRO.has(t.text) && !(t.text === 'from' && FROM_IN_CALL.has(opener[opener.length - 1] ?? ''))) {
      const ref = tableRefs(tokens, i + 1).find((r) => r.kind === 'string' || (r.kind === 'quoted' && /[./\\:~]/.test(r.text)));
      if (ref) return `“${shorten(ref.text)}” cannot be used as a table: the console does not read files or web addresses. To add a file, use “Load data”. ${outside}`;
    }
  }
  return null;
}

/** The first token of each table reference in a FROM-like list starting at `start` (FROM a, 'b' JOIN …). */
function tableRefs(tokens: Token[], start: number): Token[] {
  const out: Token[] = [];
  let depth = 0;
  let expect = true;
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (expect) {
      // `(` opening the list item: look inside (FROM ('file.csv'), FROM (('x')))
      if (t.kind === 'symbol' && t.text === '(') {
        depth++;
        continue;
      }
      out.push(t);
      expect = false;
      continue;
    }
    if (t.kind === 'symbol' && t.text === '(') depth++;
    else if (t.kind === 'symbol' && t.text === ')') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && t.kind === 'symbol' && t.text === ',') expect = true;
    else if (depth === 0 && t.kind === 'symbol' && t.text === ';') break;
    else if (depth === 0 && t.kind === 'word' && /^(where|group|order|limit|having|qualify|window|on|union|except|intersect|select|returning|set|values|by)$/.test(t.text)) break;
  }
  return out;
}

const shorten = (s: string): string => (s.length > 80 ? `${s.slice(0, 77)}…` : s);

/** The first refusal among the statements, prefixed with its number when there are several; null when all may run. */
export function scriptRefusal(statements: readonly string[]): string | null {
  for (let i = 0; i < statements.length; i++) {
    const why = refusal(statements[i] as string);
    if (why) return statements.length > 1 ? `Statement ${i + 1} of ${statements.length}: ${why}` : why;
  }
  return null;
}
