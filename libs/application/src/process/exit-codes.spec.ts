import { ERROR_KINDS, UsageError, VigieError } from '#vigie/common';
import { EXIT_CODES, UNEXPECTED_ERROR_EXIT_CODE, exitCodeOf } from './exit-codes.js';

describe('EXIT_CODES', () => {
  it('gives every kind of error a failing exit code, and names no kind that does not exist', () => {
    // Fails when a kind is added to ERROR_KINDS without an exit code here (the type says so too, but tests run untyped).
    expect(Object.keys(EXIT_CODES).sort()).toEqual([...ERROR_KINDS].sort());
    for (const kind of ERROR_KINDS) {
      expect(Number.isInteger(EXIT_CODES[kind])).toBe(true);
      expect(EXIT_CODES[kind]).toBeGreaterThan(0);
      expect(EXIT_CODES[kind]).toBeLessThan(126); // above are the shell's own (not executable, not found, signals)
    }
  });

  it.each([
    ['usage', 64],
    ['invalid-input', 65],
    ['unavailable', 69],
    ['configuration', 78],
    ['resource-exhausted', 71],
    ['too-many-requests', 75],
    ['not-found', 1],
    ['conflict', 1],
    ['unauthenticated', 1],
    ['forbidden', 1],
  ] as const)('exits with %i for a VigieError of kind %s', (kind, code) => {
    expect(exitCodeOf(new VigieError(kind, 'x'))).toBe(code);
  });
});

describe(exitCodeOf.name, () => {
  it('reads the kind of subclasses', () => {
    expect(exitCodeOf(new UsageError('--until expects a date'))).toBe(64);
  });

  it('exits with 1 for anything that is not a VigieError: a bug', () => {
    expect(UNEXPECTED_ERROR_EXIT_CODE).toBe(1);
    for (const err of [new Error('boom'), new TypeError('x is undefined'), 'a string', undefined]) expect(exitCodeOf(err)).toBe(1);
  });
});
