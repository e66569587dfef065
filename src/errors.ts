// Errors as every layer shares them: one plain {name, message} shape that crosses worker
// boundaries, DuckDB's wording, and one AbortError for cancellation (and one test for it).
// No engine here: the connectors (src/engine/connector.ts re-exports these), the analyses and
// the views all use the same helpers.

/** A plain error that crosses worker boundaries intact. */
export interface PlainError {
  name: string;
  message: string;
}

/** DuckDB's message in its usual "Parser Error: …" form: streamed queries report errors as JSON ({exception_type, exception_message}). */
export function duckdbMessage(message: string): string {
  if (!message.startsWith('{')) return message;
  try {
    const o = JSON.parse(message) as { exception_type?: unknown; exception_message?: unknown };
    if (typeof o.exception_message !== 'string') return message;
    return typeof o.exception_type === 'string' && o.exception_type ? `${o.exception_type} Error: ${o.exception_message}` : o.exception_message;
  } catch {
    return message;
  }
}

/** Flattens anything thrown into {name, message} (structured-clone safe), with DuckDB's usual wording. */
export function toPlainError(e: unknown): PlainError {
  if (e instanceof Error) return { name: e.name || 'Error', message: duckdbMessage(e.message) };
  if (typeof e === 'object' && e !== null && 'message' in e) {
    const o = e as { name?: unknown; message?: unknown };
    return { name: typeof o.name === 'string' ? o.name : 'Error', message: duckdbMessage(String(o.message)) };
  }
  return { name: 'Error', message: String(e) };
}

/** The error a cancelled operation rejects with (one shape everywhere: name 'AbortError'). */
export function abortError(): Error {
  const e = new Error('Cancelled');
  e.name = 'AbortError';
  return e;
}

/** True for a cancellation, whichever layer raised it (our abortError, a DOMException, an aborted signal's reason). */
export function isAbort(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}
