// Tooltip text for vega-tooltip's handler: every value from data is HTML-escaped (all five
// special characters, not only & and <), and an "image" key is shown as text, never as <img>.

/** Escapes &, <, >, " and ' so a string is inert inside HTML text and attributes. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const text = (v: unknown, depth: number): string => {
  if (v !== null && typeof v === 'object') {
    try {
      return JSON.stringify(v, (_k, x: unknown) => x, depth > 0 ? 0 : undefined) ?? '';
    } catch {
      return '[object]';
    }
  }
  return String(v);
};

/** The tooltip's inner HTML: a title line and a key/value table, all values escaped. */
export function tooltipHtml(value: unknown, _sanitize?: unknown, maxDepth = 2): string {
  if (Array.isArray(value)) return `[${value.map((v) => escapeHtml(text(v, maxDepth))).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const { title, ...rest } = value as Record<string, unknown>;
    let html = title !== undefined && title !== null && title !== '' ? `<h2>${escapeHtml(text(title, maxDepth))}</h2>` : '';
    const rows = Object.entries(rest).filter(([, v]) => v !== undefined);
    if (rows.length) html += `<table>${rows.map(([k, v]) => `<tr><td class="key">${escapeHtml(k)}</td><td class="value">${escapeHtml(text(v, maxDepth))}</td></tr>`).join('')}</table>`;
    return html || '{}';
  }
  return escapeHtml(text(value, maxDepth));
}
