import { describe, expect, it } from '@jest/globals';
import { formatDate, formatNumber } from './format';

describe('dates and numbers as the reader writes them', () => {
  it('writes French as a French SME expects it', () => {
    expect(formatDate('2026-12-07T10:00:00Z', 'fr')).toBe('7 déc. 2026');
    // A narrow no-break space between thousands.
    expect(formatNumber(1234, 'fr')).toBe('1\u202f234');
  });

  it('writes English, and a dash for what is missing', () => {
    expect(formatDate('2026-12-07T10:00:00Z', 'en')).toBe('7 Dec 2026');
    expect(formatNumber(1234, 'en')).toBe('1,234');
    expect(formatDate(null, 'fr')).toBe('—');
    expect(formatNumber(null, 'en')).toBe('—');
  });
});
