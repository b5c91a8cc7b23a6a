import { dnEquals, escapeDnValue, formatDn, isDnWithin, normalizeDn, parentDn, parseDn, rdnValue } from './dn.js';
import { InvalidDnError } from './errors.js';

describe('parseDn', () => {
  it('splits RDNs and pairs', () => {
    expect(parseDn('CN=Jane Doe,OU=Ventes,DC=acme,DC=test')).toEqual([
      [{ type: 'CN', value: 'Jane Doe' }],
      [{ type: 'OU', value: 'Ventes' }],
      [{ type: 'DC', value: 'acme' }],
      [{ type: 'DC', value: 'test' }],
    ]);
  });

  it('unescapes special characters and hex pairs, UTF-8 sequences included', () => {
    expect(parseDn('cn=Doe\\, John\\+1 \\"x\\" \\\\ \\<\\>\\;\\=\\#,dc=test')[0]).toEqual([{ type: 'cn', value: 'Doe, John+1 "x" \\ <>;=#' }]);
    expect(rdnValue('cn=Doe\\2C John,dc=test')).toBe('Doe, John');
    expect(rdnValue('cn=H\\C3\\A9l\\C3\\A8ne,dc=test')).toBe('Hélène');
    expect(rdnValue('cn=Hélène Dupré,dc=test')).toBe('Hélène Dupré');
  });

  it('reads multi-valued RDNs', () => {
    expect(parseDn('cn=Jane+uid=jdoe,dc=test')[0]).toEqual([
      { type: 'cn', value: 'Jane' },
      { type: 'uid', value: 'jdoe' },
    ]);
  });

  it('allows spaces around separators and drops unescaped leading and trailing spaces', () => {
    expect(parseDn('  cn = Jane Doe ,  ou=Ventes ;dc=test  ')).toEqual([
      [{ type: 'cn', value: 'Jane Doe' }],
      [{ type: 'ou', value: 'Ventes' }],
      [{ type: 'dc', value: 'test' }],
    ]);
  });

  it('keeps escaped leading and trailing spaces', () => {
    expect(rdnValue('cn=\\ a\\ ,dc=test')).toBe(' a ');
    expect(rdnValue('cn=a \\20,dc=test')).toBe('a  ');
  });

  it('reads quoted values (RFC 2253) and hexstring values', () => {
    expect(rdnValue('cn="Doe, John",dc=test')).toBe('Doe, John');
    expect(parseDn('1.3.6.1.4.1.1466.0=#04024869,dc=test')[0]).toEqual([{ type: '1.3.6.1.4.1.1466.0', value: '#04024869' }]);
  });

  it('returns no RDN for the empty DN and accepts an empty value', () => {
    expect(parseDn('')).toEqual([]);
    expect(parseDn('cn=,dc=test')[0]).toEqual([{ type: 'cn', value: '' }]);
  });

  it.each([
    ['cn=a,,dc=test'],
    ['cn=a,'],
    ['=a,dc=test'],
    ['cn a,dc=test'],
    ['c n=a'],
    ['cn=a\\'],
    ['cn=a\\x'],
    ['cn=a\\C3,dc=test'],
    ['cn="a,dc=test'],
    ['cn=a"b'],
    ['cn=<a>'],
    ['cn=#abc'],
    ['cn=a+'],
  ])('throws InvalidDnError for %s', (dn) => {
    expect(() => parseDn(dn)).toThrow(InvalidDnError);
  });
});

describe('normalizeDn and dnEquals', () => {
  it('lower-cases types and values, canonicalizes escapes and spacing', () => {
    expect(normalizeDn('CN=Doe\\2C  John , OU=Ventes,DC=ACME,DC=test')).toBe('cn=doe\\, john,ou=ventes,dc=acme,dc=test');
    expect(normalizeDn('CN=HÉLÈNE Dupré,DC=acme')).toBe('cn=hélène dupré,dc=acme');
  });

  it('compares accented values case-insensitively and across Unicode forms', () => {
    expect(dnEquals('CN=ÉLODIE,DC=acme', 'cn=\\C3\\A9lodie,dc=acme')).toBe(true);
    expect(dnEquals('cn=e\u0301lodie,dc=acme', 'cn=\u00e9lodie,dc=acme')).toBe(true);
    expect(dnEquals('cn=a,dc=acme', 'cn=b,dc=acme')).toBe(false);
  });

  it('sorts the pairs of a multi-valued RDN', () => {
    expect(dnEquals('uid=jdoe+cn=Jane,dc=test', 'CN=jane+UID=JDOE,dc=test')).toBe(true);
  });

  it('round-trips an escaped comma and accents through format and parse', () => {
    const dn = 'CN=Doe\\, Hélène,OU=Ventes,DC=acme,DC=test';
    const again = formatDn(parseDn(dn));
    expect(again).toBe(dn);
    expect(rdnValue(again)).toBe('Doe, Hélène');
    expect(normalizeDn(normalizeDn(dn))).toBe(normalizeDn(dn));
  });

  it('throws InvalidDnError on malformed input', () => {
    expect(() => normalizeDn('not a dn')).toThrow(InvalidDnError);
    expect(() => dnEquals('cn=a', 'garbage')).toThrow(InvalidDnError);
  });
});

describe('escapeDnValue', () => {
  it('escapes what RFC 4514 requires and nothing else', () => {
    expect(escapeDnValue('Doe, John')).toBe('Doe\\, John');
    expect(escapeDnValue('a+b"c\\d<e>f;g')).toBe('a\\+b\\"c\\\\d\\<e\\>f\\;g');
    expect(escapeDnValue(' lead')).toBe('\\ lead');
    expect(escapeDnValue('trail ')).toBe('trail\\ ');
    expect(escapeDnValue('#tag')).toBe('\\#tag');
    expect(escapeDnValue('a=b é')).toBe('a=b é');
    expect(escapeDnValue('\\ ')).toBe('\\\\\\ ');
  });

  it('gives back values that parse to themselves', () => {
    for (const value of ['Doe, John', ' x ', '  ', 'a\\ ', '#x', 'é+è', 'a"b']) {
      expect(rdnValue(`cn=${escapeDnValue(value)},dc=test`)).toBe(value);
    }
  });
});

describe('rdnValue, parentDn, isDnWithin', () => {
  it('gives the first RDN value', () => {
    expect(rdnValue('cn=Jane Doe,ou=x')).toBe('Jane Doe');
    expect(() => rdnValue('')).toThrow(InvalidDnError);
  });

  it('gives the parent in its original spelling', () => {
    expect(parentDn('CN=Doe\\, John, OU=Ventes,DC=acme')).toBe('OU=Ventes,DC=acme');
    expect(parentDn('dc=test')).toBe('');
    expect(parentDn('')).toBeNull();
  });

  it('tells whether a DN is a base or below it, not fooled by escaped commas', () => {
    expect(isDnWithin('cn=a,ou=x,dc=acme,dc=test', 'DC=ACME,DC=TEST')).toBe(true);
    expect(isDnWithin('dc=acme,dc=test', 'dc=acme,dc=test')).toBe(true);
    expect(isDnWithin('dc=test', 'dc=acme,dc=test')).toBe(false);
    expect(isDnWithin('cn=a\\,dc=test', 'dc=test')).toBe(false);
    expect(isDnWithin('cn=a,dc=test', '')).toBe(true);
  });
});

describe('normalizeDn on plain DNs (the fast path)', () => {
  // The fast path must give exactly what the full parse gives: compare with a DN the fast path
  // does not take (an escaped comma at the end forces the parse) minus that part.
  it.each([
    'uid=user42,ou=people,dc=acme,dc=test',
    'CN=Jean Dupont,OU=Sales Team,DC=Acme,DC=Test',
    'cn=a.b_c-d@e,o=X',
    'CN=PC042,OU=Workstations,DC=corp,DC=example',
  ])('%s', (dn) => {
    expect(normalizeDn(dn)).toBe(dn.toLowerCase());
    expect(normalizeDn(`${dn},dc=x\\,y`)).toBe(`${dn.toLowerCase()},dc=x\\,y`);
  });

  it('leaves to the parse what needs it: spaces around separators, double spaces, escapes, OIDs, multi-valued RDNs', () => {
    expect(normalizeDn('CN=Jean  Dupont , OU=Sales')).toBe('cn=jean dupont,ou=sales');
    expect(normalizeDn('2.5.4.3=X,DC=a')).toBe('2.5.4.3=x,dc=a');
    expect(normalizeDn('uid=b+cn=A,dc=x')).toBe('cn=a+uid=b,dc=x');
    expect(normalizeDn('CN=Ｊｅａｎ,DC=x')).toBe('cn=jean,dc=x');
  });
});
