import { addAffected, copyText } from './sql-bulk.js';

describe('copyText: a value in the text format of COPY', () => {
  it('writes null and undefined as \\N, and booleans as t / f', () => {
    expect(copyText(null, 'text')).toBe('\\N');
    expect(copyText(undefined, 'integer')).toBe('\\N');
    expect(copyText(true, 'boolean')).toBe('t');
    expect(copyText(false, 'boolean')).toBe('f');
  });

  it('escapes the backslash of an escaped DN, tabs and line ends, and leaves other text as it is', () => {
    expect(copyText('cn=Martin\\, Paul,ou=people', 'text')).toBe('cn=Martin\\\\, Paul,ou=people');
    expect(copyText('a\tb\nc\rd', 'text')).toBe('a\\tb\\nc\\rd');
    expect(copyText('Élodie Lefèvre', 'text')).toBe('Élodie Lefèvre');
  });

  it('writes dates in ISO 8601 (UTC) and JSON as JSON, escaped', () => {
    expect(copyText(new Date(Date.UTC(2026, 10, 29, 5, 0, 0)), 'timestamptz')).toBe('2026-11-29T05:00:00.000Z');
    expect(copyText(['HTTP/web\\01'], 'jsonb')).toBe('["HTTP/web\\\\\\\\01"]');
    expect(copyText(42, 'integer')).toBe('42');
  });
});

describe('addAffected: the rows an UPDATE or a DELETE touched', () => {
  it('adds the count of a `[rows, affected]` result, and becomes null when a driver does not give it', () => {
    expect(addAffected(2, [[], 3])).toBe(5);
    expect(addAffected(2, [{ id: 1 }])).toBeNull();
    expect(addAffected(null, [[], 3])).toBeNull();
  });
});
