// The command line's arguments: a command, files, and --options. Pure (no Node imports), so
// it is unit-tested without a process.
import { DEFAULT_RULES, type CleanRules } from '../sql/clean';
import type { Role } from '../mapping/roles';

/** A parsed command line. */
export interface CliArgs {
  command: 'analyse' | 'check' | 'sql' | 'help' | 'version';
  files: string[];
  /** The query of `sql`. */
  query?: string;
  out?: string;
  format?: string;
  roles: { role: Role; column: string }[];
  rules: CleanRules;
  threads?: number;
  memoryLimit?: string;
  tempDir?: string;
  warnError: boolean;
  quiet: boolean;
}

/** A command line that cannot be run, with what to do (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

const ROLES: readonly Role[] = ['customer', 'date', 'amount', 'quantity', 'unit_price', 'tx_id', 'product', 'category', 'country', 'region', 'payment', 'gender', 'age', 'income', 'score', 'dimension', 'attribute', 'ignore'];

/** Rule names as typed (kebab or camel case) → the CleanRules key. */
const RULES: Record<string, keyof CleanRules> = {
  'bad-dates': 'badDates',
  baddates: 'badDates',
  duplicates: 'duplicates',
  'missing-amount': 'missingAmount',
  missingamount: 'missingAmount',
  returns: 'returns',
  'net-returns': 'netReturns',
  netreturns: 'netReturns',
  'zero-amount': 'zeroAmount',
  zeroamount: 'zeroAmount',
};

/** "customer=CustomerID,date=InvoiceDate": roles for named columns. */
export function parseRoles(text: string): { role: Role; column: string }[] {
  return text
    .split(',')
    .filter((t) => t.trim())
    .map((t) => {
      const at = t.indexOf('=');
      const role = t.slice(0, at).trim().toLowerCase().replace(/-/g, '_') as Role;
      const column = t.slice(at + 1).trim();
      if (at < 1 || !column) throw new UsageError(`--roles takes role=column pairs separated by commas (for example customer=CustomerID,date=InvoiceDate); “${t}” is not one.`);
      if (!ROLES.includes(role)) throw new UsageError(`“${role}” is not a role. Roles: ${ROLES.join(', ')}.`);
      return { role, column };
    });
}

/** "-duplicates,+returns": cleaning rules switched off (-) or on (+ or bare) from the defaults (all on). */
export function parseRules(text: string): CleanRules {
  const rules = { ...DEFAULT_RULES };
  for (const raw of text.split(',').map((t) => t.trim()).filter(Boolean)) {
    const off = raw.startsWith('-');
    const name = raw.replace(/^[-+]/, '').toLowerCase();
    const key = RULES[name];
    if (!key) throw new UsageError(`“${name}” is not a cleaning rule. Rules: bad-dates, duplicates, missing-amount, returns, net-returns, zero-amount (prefix - to switch one off).`);
    rules[key] = !off;
  }
  return rules;
}

const VALUE_OPTIONS = new Set(['--out', '-o', '--format', '--roles', '--rules', '--threads', '--memory-limit', '--temp-dir']);

/** Parses argv (after the program name); throws UsageError with words for the user. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const out: CliArgs = { command: 'help', files: [], roles: [], rules: { ...DEFAULT_RULES }, warnError: false, quiet: false };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (flag === '--help' || flag === '-h') return { ...out, command: 'help' };
    if (flag === '--version' || flag === '-v') return { ...out, command: 'version' };
    if (flag === '--warn-error') { out.warnError = true; continue; }
    if (flag === '--quiet' || flag === '-q') { out.quiet = true; continue; }
    if (VALUE_OPTIONS.has(flag)) {
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value.`);
      if (flag === '--out' || flag === '-o') out.out = value;
      else if (flag === '--format') out.format = value;
      else if (flag === '--roles') out.roles = parseRoles(value);
      else if (flag === '--rules') out.rules = parseRules(value);
      else if (flag === '--threads') {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1) throw new UsageError('--threads takes a whole number of at least 1.');
        out.threads = n;
      } else if (flag === '--memory-limit') {
        if (!/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(value)) throw new UsageError('--memory-limit takes a size such as 8GB or 512MB.');
        out.memoryLimit = value.replace(/\s+/g, '');
      } else out.tempDir = value;
      continue;
    }
    if (a.startsWith('-') && a !== '-') throw new UsageError(`Unknown option ${flag}. Run basket-lens --help for the options.`);
    positional.push(a);
  }
  const command = positional.shift();
  if (command === undefined || command === 'help') return out;
  if (command === 'analyse' || command === 'analyze') out.command = 'analyse';
  else if (command === 'check' || command === 'sql') out.command = command;
  else throw new UsageError(`Unknown command “${command}”. Commands: analyse, check, sql (basket-lens --help).`);
  if (out.command === 'sql') {
    out.query = positional.pop();
    if (!out.query) throw new UsageError('sql needs files and a query: basket-lens sql sales.csv "SELECT count(*) FROM sales"');
  }
  out.files = positional;
  if (out.files.length === 0) throw new UsageError(`${out.command} needs at least one file (or a glob such as "data/*.csv").`);
  const formats: Record<string, string[]> = { analyse: [], check: ['text', 'json', 'junit'], sql: ['table', 'csv', 'json'] };
  if (out.format !== undefined && !formats[out.command]!.includes(out.format)) {
    throw new UsageError(out.command === 'analyse' ? 'analyse writes report.json: it has no --format.' : `--format for ${out.command} is one of ${formats[out.command]!.join(', ')}.`);
  }
  return out;
}

/** The --help text. */
export const HELP = `basket-lens: the Basket Lens analysis on native DuckDB (same SQL, models and report.json as the web app)

Usage:
  basket-lens analyse <file…> [--out report.json] [--roles customer=CustomerID,date=InvoiceDate,…]
                      [--rules -duplicates,…] [--threads N] [--memory-limit 8GB] [--temp-dir DIR]
  basket-lens check <file…> [--format text|json|junit] [--warn-error]
  basket-lens sql <file…> "<query on the table sales>" [--format table|csv|json]

Files: CSV (also .csv.gz), Excel (.xlsx), Parquet, JSON / NDJSON; several files or globs ("data/*.csv") are
appended by column name. Options for every command: --roles, --rules, --threads, --memory-limit, --temp-dir, --quiet.
  --roles        override detected column roles (role=column, comma-separated)
  --rules        switch cleaning rules off (-) or on (+): bad-dates, duplicates, missing-amount, returns,
                 net-returns, zero-amount
  --warn-error   check: warnings fail the run too (as dbt's --warn-error)

Exit codes: 0 done (check: every test passed or only warned), 1 check: a data test failed,
            2 unusable input or command line (the message says what to do).`;
