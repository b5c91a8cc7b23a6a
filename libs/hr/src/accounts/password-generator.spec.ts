import { generatePassword, PASSWORD_ALPHABET } from './password-generator.js';

describe('generatePassword', () => {
  const passwords = Array.from({ length: 300 }, () => generatePassword());

  it('is at least 16 characters long, 20 by default', () => {
    expect(passwords.every((p) => p.length === 20)).toBe(true);
    expect(generatePassword(8)).toHaveLength(16);
  });

  it('holds an upper, a lower, a digit and a symbol every time (AD complexity)', () => {
    for (const p of passwords) {
      for (const alphabet of Object.values(PASSWORD_ALPHABET)) expect([...p].some((c) => alphabet.includes(c))).toBe(true);
    }
  });

  it('holds no character that LDAP, DNs, LDIF or unicodePwd would need to quote', () => {
    expect(passwords.join('')).not.toMatch(/["\\,;=+<>#*()&|!'`$\s]/);
  });

  it('differs each time', () => {
    expect(new Set(passwords).size).toBe(passwords.length);
  });

  it('does not hold a name it is told to avoid', () => {
    for (let i = 0; i < 50; i++) expect(generatePassword(16, ['abc']).toLowerCase()).not.toContain('abc');
  });
});
