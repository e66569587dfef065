// ?data=<url>: same origin loads at once, another origin asks, other schemes are refused.
import { describe, expect, it } from 'vitest';
import { blockedMessage, dataSourceDecision, violationFor } from '../../src/security/consent';

const PAGE = 'https://lens.example.com/app/index.html?data=x';

describe('dataSourceDecision', () => {
  it('loads same-origin addresses (relative or absolute) without asking', () => {
    expect(dataSourceDecision('./sample.csv.gz', PAGE)).toEqual({ kind: 'same-origin', url: 'https://lens.example.com/app/sample.csv.gz' });
    expect(dataSourceDecision('/data/shop.csv', PAGE)).toEqual({ kind: 'same-origin', url: 'https://lens.example.com/data/shop.csv' });
    expect(dataSourceDecision('https://lens.example.com/x.parquet', PAGE).kind).toBe('same-origin');
  });

  it('asks first for another origin: other host, other port, other scheme, protocol-relative', () => {
    expect(dataSourceDecision('https://example.org/shop.csv', PAGE)).toEqual({ kind: 'ask', url: 'https://example.org/shop.csv', host: 'example.org', origin: 'https://example.org' });
    expect(dataSourceDecision('https://lens.example.com:8443/a.csv', PAGE)).toMatchObject({ kind: 'ask', host: 'lens.example.com:8443' });
    expect(dataSourceDecision('http://lens.example.com/a.csv', PAGE)).toMatchObject({ kind: 'ask', origin: 'http://lens.example.com' });
    expect(dataSourceDecision('//evil.example.net/a.csv', PAGE)).toMatchObject({ kind: 'ask', host: 'evil.example.net' });
    // a look-alike host is another origin
    expect(dataSourceDecision('https://lens.example.com.evil.net/a.csv', PAGE)).toMatchObject({ kind: 'ask', host: 'lens.example.com.evil.net' });
    expect(dataSourceDecision('  https://EXAMPLE.org/a.csv ', PAGE)).toMatchObject({ kind: 'ask', host: 'example.org' });
  });

  it('refuses javascript:, data:, blob:, file: and credentials in the address', () => {
    for (const raw of ['javascript:alert(1)', 'data:text/csv,a,b', 'blob:https://lens.example.com/1', 'file:///etc/passwd']) {
      expect(dataSourceDecision(raw, PAGE).kind, raw).toBe('refuse');
    }
    expect(dataSourceDecision('https://user:pw@example.org/a.csv', PAGE).kind).toBe('refuse');
    expect(dataSourceDecision('http://[::1', PAGE)).toMatchObject({ kind: 'refuse' });
  });
});

describe('a fetch blocked by the policy', () => {
  it('is matched by origin and explained with the connect-src fix', () => {
    expect(violationFor('https://example.org/shop.csv', 'https://example.org')).toBe(true);
    expect(violationFor('https://example.org', 'https://example.org')).toBe(true);
    expect(violationFor('https://example.org.evil.net/x', 'https://example.org')).toBe(false);
    expect(violationFor('', 'https://example.org')).toBe(false);
    expect(violationFor('eval', 'https://example.org')).toBe(false);
    const m = blockedMessage('https://example.org');
    expect(m.title).toBe('This site does not allow loading data from example.org');
    expect(m.message).toContain('add https://example.org to connect-src');
  });
});
