// Compares two report.json files figure by figure (the browser's export and the command
// line's): counts, sums and text exactly; model outputs (k-means, ARIMA, BG/NBD/Gamma-Gamma,
// recommendation evaluation) within a stated relative tolerance; the run's own fields
// (generated_at, version, file sizes) ignored. Returns every difference as "path: a ≠ b".

/** Paths (dotted, [] for any array index) whose values describe the run, not the data. */
export const IGNORED = ['app.generated_at', 'app.version', 'dataset.read.files[].bytes'];

/**
 * Sections computed by iterative models in floating point: their order of additions
 * differs between one wasm thread and native threads, so they agree to this relative
 * tolerance (1e-6 ≈ a cent in ten thousand currency units), not to the last bit.
 */
export const MODEL_TOLERANCE: { prefix: string; rel: number }[] = [
  { prefix: 'clusters', rel: 1e-6 },
  { prefix: 'forecast', rel: 1e-6 },
  { prefix: 'clv', rel: 1e-6 },
  { prefix: 'insights', rel: 1e-6 },
];

const generic = (path: string): string => path.replace(/\[\d+\]/g, '[]');

/** Every difference between two reports (empty when they agree). */
export function reportDiff(a: unknown, b: unknown, path = ''): string[] {
  if (IGNORED.includes(generic(path))) return [];
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return [];
    const tol = MODEL_TOLERANCE.find((t) => path === t.prefix || path.startsWith(`${t.prefix}.`) || path.startsWith(`${t.prefix}[`));
    if (tol && Math.abs(a - b) <= tol.rel * Math.max(1, Math.abs(a), Math.abs(b))) return [];
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
  return a === b ? [] : [`${path}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`];
}
