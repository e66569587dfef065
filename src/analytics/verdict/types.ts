// The verdict every fitted model carries: can its figures be trusted, and why not.

/** One check behind a verdict: what was tested, whether it passed (null: could not be checked), and the figures in words. */
export interface VerdictCheck {
  /** 'identified' | 'baseline' | 'residuals' | … */
  name: string;
  passed: boolean | null;
  detail: string;
}

/** Whether a model's figures can be shown as fact; `reasons` (plain sentences with the figures) say why not. Empty when reliable. */
export interface ModelVerdict {
  reliable: boolean;
  reasons: string[];
  checks: VerdictCheck[];
}

/** Builds a verdict from its checks: reliable when no check failed; the failing checks' details are the reasons. */
export function verdictOf(checks: VerdictCheck[]): ModelVerdict {
  const reasons = checks.filter((c) => c.passed === false).map((c) => c.detail);
  return { reliable: reasons.length === 0, reasons, checks };
}

/** A parameter estimate whose standard error is missing (flat or singular Hessian) or larger than the estimate itself. */
export function poorlyDetermined(value: number, se: number): boolean {
  return !Number.isFinite(se) || !Number.isFinite(value) || se > Math.abs(value);
}

/** Formats an estimate and its standard error for a reason sentence, both to the estimate's precision: "0.0034 ± 0.0076", "6.74 ± 16.09". */
export function plusMinus(value: number, se: number): string {
  const a = Math.abs(value);
  const digits = a >= 100 ? 1 : a >= 1 || a === 0 || !Number.isFinite(a) ? 2 : Math.min(6, Math.max(2, Math.ceil(-Math.log10(a)) + 1));
  const f = (v: number): string => (Number.isFinite(v) ? v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'undefined');
  return `${f(value)} ± ${f(se)}`;
}
