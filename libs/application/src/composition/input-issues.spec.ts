import { nulCharacterAt } from './input-issues.js';

describe(nulCharacterAt.name, () => {
  it('names where a NUL character is, in a field, a list or a key', () => {
    expect(nulCharacterAt({ directory: 'corp\u0000' })).toBe('directory');
    expect(nulCharacterAt({ filter: { logins: ['a', 'b\u0000c'] } })).toBe('filter.logins.1');
    expect(nulCharacterAt({ ['x\u0000']: 1 })).toBe('x\\0');
    expect(nulCharacterAt('\u0000')).toBe('');
  });

  it('finds none in ordinary input', () => {
    expect(nulCharacterAt({ login: 'jdupont', until: new Date(), limit: 5, tags: ['a'], none: null })).toBeNull();
  });
});
