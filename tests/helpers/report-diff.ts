// Compares two report.json files figure by figure (the browser's export and the command
// line's): counts, sums and text exactly; model outputs (k-means, ARIMA, BG/NBD/Gamma-Gamma,
// recommendation evaluation) within a stated relative tolerance; the run's own fields
// (generated_at, version, file sizes) ignored. Returns every difference as "path: a ≠ b".

/** Paths (dotted, [] for any array index) whose values describe the run, not the data. */
export const IGNORED = ['app.generated_at', 'app.version', 'dataset.read.files[].bytes'];

/**
 * Relative tolerances, most specific path first. Counts (integers) are always exact.
 * - Any other figure: 1e-12 (DuckDB adds floating-point numbers in another order on
 *   several native threads than on one wasm thread: a quantile or a sum can differ in the
 *   last bits; figures rounded to cents are then equal).
 * - Model outputs (TypeScript run in Node's V8 for the CLI, Chromium's V8 on the page):
 *   k-means, ARIMA, findings 1e-6. BG/NBD (lifetime value) 1e-4, and its standard errors 5%:
 *   the fit's curvature on UCI is flat (the verdict itself says the model is not identified,
 *   a standard error three times its estimate), so last-bit differences of Math.pow/exp
 *   between the two V8 versions move the numerical Hessian by up to 2% (measured: se of b
 *   19.65 on the page, 19.96 in Node, with the same inputs from either engine).
 * Numbers inside text (a verdict that prints a figure) get the tolerance of their path.
 */
export const MODEL_TOLERANCE: { prefix: string; rel: number }[] = [
  { prefix: 'clv.bgnbd.se', rel: 0.05 },
  { prefix: 'clv.verdict', rel: 0.05 },
  { prefix: 'clv', rel: 1e-4 },
  { prefix: 'clusters', rel: 1e-6 },
  { prefix: 'forecast', rel: 1e-6 },
  { prefix: 'insights', rel: 1e-6 },
  { prefix: '', rel: 1e-12 },
];

const toleranceOf = (path: string): number =>
  (MODEL_TOLERANCE.find((t) => t.prefix === '' || path === t.prefix || path.startsWith(`${t.prefix}.`) || path.startsWith(`${t.prefix}[`)) as { rel: number }).rel;

const close = (a: number, b: number, rel: number): boolean => a === b || Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b));

/** Two texts that differ only in figures within `rel` of each other (last printed digit included). */
function sameText(a: string, b: string, rel: number): boolean {
  const num = /-?\d+(?:\.\d+)?/g;
  if (a.replace(num, '#') !== b.replace(num, '#')) return false;
  const na = a.match(num) ?? [];
  const nb = b.match(num) ?? [];
  return na.every((x, i) => {
    const y = nb[i] as string;
    const digits = Math.max((x.split('.')[1] ?? '').length, (y.split('.')[1] ?? '').length);
    return Math.abs(Number(x) - Number(y)) <= rel * Math.max(Math.abs(Number(x)), Math.abs(Number(y))) + 10 ** -digits;
  });
}

const generic = (path: string): string => path.replace(/\[\d+\]/g, '[]');

/** Every difference between two reports (empty when they agree). */
export function reportDiff(a: unknown, b: unknown, path = ''): string[] {
  if (IGNORED.includes(generic(path))) return [];
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return [];
    if (!(Number.isInteger(a) && Number.isInteger(b)) && close(a, b, toleranceOf(path))) return [];
    return [`${path}: ${a} ≠ ${b}`];
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: string[] = [];
    if (a.length !== b.length) out.push(`${path}: ${a.length} items ≠ ${b.length} items`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) out.push(...reportDiff(a[i], b[i], `${path}[${i}]`));
    return out;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const out: string[] = [];
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) {
      const p = path ? `${path}.${k}` : k;
      if (!(k in a) || !(k in b)) {
        if (!IGNORED.includes(generic(p))) out.push(`${p}: only in ${k in a ? 'the first' : 'the second'} report`);
        continue;
      }
      out.push(...reportDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], p));
    }
    return out;
  }
  if (typeof a === 'string' && typeof b === 'string' && toleranceOf(path) > 1e-12 && sameText(a, b, toleranceOf(path))) return [];
  return a === b ? [] : [`${path}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`];
}
