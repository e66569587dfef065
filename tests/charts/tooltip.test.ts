// Tooltip HTML: every value and key from data is escaped; an "image" field is text, not <img>.
import { describe, expect, it } from 'vitest';
import { escapeHtml, tooltipHtml } from '../../src/charts/tooltip';

describe('tooltipHtml', () => {
  it('escapes all five HTML characters (vega-tooltip’s default escapes only & and <)', () => {
    expect(escapeHtml(`<img src=x onerror="a">&'`)).toBe('&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;');
  });

  it('shows hostile product names, keys and titles as text', () => {
    const html = tooltipHtml({ title: '<script>alert(1)</script>', '"><svg onload=alert(1)>': '<img src=x onerror=alert(1)>', image: 'javascript:alert(1)', n: 3 });
    expect(html).not.toMatch(/<(script|img|svg)/i);
    expect(html).toContain('<h2>&lt;script&gt;alert(1)&lt;/script&gt;</h2>');
    expect(html).toContain('<td class="key">&quot;&gt;&lt;svg onload=alert(1)&gt;</td><td class="value">&lt;img src=x onerror=alert(1)&gt;</td>');
    expect(html).toContain('<td class="key">image</td><td class="value">javascript:alert(1)</td>');
    expect(html).toContain('<td class="value">3</td>');
  });

  it('handles plain values, arrays and nested objects', () => {
    expect(tooltipHtml('a<b')).toBe('a&lt;b');
    expect(tooltipHtml(['<a>', 1])).toBe('[&lt;a&gt;, 1]');
    expect(tooltipHtml({ k: { inner: '<x>' } })).toContain('{&quot;inner&quot;:&quot;&lt;x&gt;&quot;}');
    expect(tooltipHtml({})).toBe('{}');
  });
});
