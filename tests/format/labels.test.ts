// Codes are shown in words.
import { describe, expect, it } from 'vitest';
import { codeLabel } from '../../src/labels';

describe('codeLabel', () => {
  it('words for known codes and readable fallbacks for the rest', () => {
    expect(codeLabel('cold-start-top')).toBe('Best sellers (new or inactive customer)');
    expect(codeLabel('copurchase')).toBe('Bought together');
    expect(codeLabel('some_new-code')).toBe('Some new code');
    expect(codeLabel(null)).toBe('—');
    expect(codeLabel('cold-start-top')).not.toMatch(/-/);
  });
});
