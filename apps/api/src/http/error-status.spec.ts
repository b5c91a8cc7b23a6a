import { ERROR_KINDS } from '#vigie/common';
import { ERROR_STATUS } from './error-status.js';

describe('ERROR_STATUS', () => {
  it('gives every kind of error an HTTP error status, and names no kind that does not exist', () => {
    // Fails when a kind is added to ERROR_KINDS without a status here (the type says so too, but tests run untyped).
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...ERROR_KINDS].sort());
    for (const kind of ERROR_KINDS) {
      expect(Number.isInteger(ERROR_STATUS[kind])).toBe(true);
      expect(ERROR_STATUS[kind]).toBeGreaterThanOrEqual(400);
      expect(ERROR_STATUS[kind]).toBeLessThan(600);
    }
  });

  it.each([
    ['invalid-input', 400],
    ['usage', 400],
    ['unauthenticated', 401],
    ['forbidden', 403],
    ['not-found', 404],
    ['conflict', 409],
    ['configuration', 500],
    ['unavailable', 503],
    ['resource-exhausted', 503],
    ['too-many-requests', 429],
  ] as const)('answers %s with %i', (kind, status) => {
    expect(ERROR_STATUS[kind]).toBe(status);
  });
});
