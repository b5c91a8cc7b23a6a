import { identityPattern, identityRegExp, replacementText } from './identity-pattern.js';

/** PostgreSQL's ARE syntax is close enough to JavaScript's for these patterns ([[:alnum:]] and [[:space:]] aside). */
function matches(pattern: string, text: string): string[] {
  const js = pattern.replace(/\[\[:alnum:\]_/g, '[A-Za-z0-9_').replace(/\[\[:space:\]\]/g, '\\s');
  return [...text.matchAll(new RegExp(js, 'gu'))].map((m) => m[0]);
}

describe(identityPattern.name, () => {
  it('finds a name in any case, with or without its accents', () => {
    const p = identityPattern('Hélène Lefèvre');
    expect(matches(p, 'Hélène Lefèvre, HÉLÈNE LEFÈVRE, helene lefevre and Helene  Lefevre')).toEqual([
      'Hélène Lefèvre',
      'HÉLÈNE LEFÈVRE',
      'helene lefevre',
      'Helene  Lefevre',
    ]);
  });

  it('finds the form as a whole word only: not inside a longer login, an accented letter counting as a letter', () => {
    const p = identityPattern('jdupont');
    expect(matches(p, 'jdupont2 xjdupont jdupont_a é jdupont; uid=JDUPONT,ou=people')).toEqual(['jdupont', 'JDUPONT']);
    expect(matches(identityPattern('E2003'), 'E20031 E2003 ée2003')).toEqual(['E2003']);
  });

  it('escapes what regular expressions treat as special: a mail, a DN with an escaped comma', () => {
    expect(matches(identityPattern('helene.lefevre@acme.test'), 'HELENE.LEFEVRE@ACME.TEST heleneXlefevre@acme.test')).toEqual(['HELENE.LEFEVRE@ACME.TEST']);
    expect(matches(identityPattern('cn=Martin\\, Paul,ou=people'), 'member cn=martin\\, paul,ou=people here')).toEqual(['cn=martin\\, paul,ou=people']);
  });

  it('matches a form as a JSON string writes it, and writes the replacement so', () => {
    expect(matches(identityPattern('cn=Martin\\, Paul', { json: true }), '{"dn": "cn=Martin\\\\, Paul"}')).toEqual(['cn=Martin\\\\, Paul']);
    expect(replacementText('cn=erased-1\\, x', { json: true })).toBe('cn=erased-1\\\\\\\\, x');
    expect(replacementText('erased-1')).toBe('erased-1');
  });
});

describe(identityRegExp.name, () => {
  it('finds what the PostgreSQL pattern finds: any case, with or without accents, whole words', () => {
    const text = 'Hélène Lefèvre, HELENE LEFEVRE, xHélène Lefèvre, hélène lefèvreé';
    expect(text.match(identityRegExp('Hélène Lefèvre'))).toEqual(['Hélène Lefèvre', 'HELENE LEFEVRE']);
    expect('uid=HLEFEVRE,ou=people'.replace(identityRegExp('uid=hlefevre,ou=people'), 'uid=erased-1,ou=people')).toBe('uid=erased-1,ou=people');
    expect('cn=Martin\\, Paul'.match(identityRegExp('cn=martin\\, paul'))).toEqual(['cn=Martin\\, Paul']);
  });
});
