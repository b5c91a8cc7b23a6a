import { normalizeDn, parseDn, rdnValue } from '../dn.js';
import { dnsDomainOf, newAccountEntry, rdn, unicodePwd } from './new-account.js';

const OU = 'OU=Staff,DC=acme,DC=test';

describe(unicodePwd.name, () => {
  it('quotes the password and encodes it UTF-16LE', () => {
    expect(unicodePwd('ab')).toEqual(Buffer.from([0x22, 0x00, 0x61, 0x00, 0x62, 0x00, 0x22, 0x00]));
  });

  it('encodes accents and characters outside the BMP as UTF-16LE code units', () => {
    expect(unicodePwd('é€')).toEqual(Buffer.from([0x22, 0x00, 0xe9, 0x00, 0xac, 0x20, 0x22, 0x00]));
    expect(unicodePwd('😀')).toEqual(Buffer.from([0x22, 0x00, 0x3d, 0xd8, 0x00, 0xde, 0x22, 0x00]));
    expect(unicodePwd('Pw"1').toString('utf16le')).toBe('"Pw"1"');
  });
});

describe(rdn.name, () => {
  it.each([
    ['Élodie de La Fontaine', 'CN=Élodie de La Fontaine'],
    ["Loïc N'Diaye", "CN=Loïc N'Diaye"],
    ["O'Brien, Seán", "CN=O'Brien\\, Seán"],
    ['a+b=c', 'CN=a\\+b\\=c'],
    [' #lead', 'CN=\\ #lead'],
    ['trail ', 'CN=trail\\ '],
    ['x;y<z>"q"\\', 'CN=x\\;y\\<z\\>\\"q\\"\\\\'],
  ])('writes %j as %s, which parses back to the same value', (value, expected) => {
    const written = rdn('CN', value);
    expect(written).toBe(expected);
    expect(rdnValue(`${written},${OU}`)).toBe(value);
  });
});

describe(newAccountEntry.name, () => {
  it('builds a disabled AD user named by its common name, with its login and UPN', () => {
    const entry = newAccountEntry('ad', {
      parentDn: OU,
      login: 'sobrien',
      givenName: 'Seán',
      surname: "O'Brien",
      commonName: "O'Brien, Seán",
      employeeId: 'E1',
    });
    expect(entry.dn).toBe(`CN=O'Brien\\, Seán,${OU}`);
    expect(parseDn(entry.dn)).toHaveLength(4);
    expect(entry.attributes).toEqual({
      objectClass: ['top', 'person', 'organizationalPerson', 'user'],
      cn: ["O'Brien, Seán"],
      sn: ["O'Brien"],
      givenName: ['Seán'],
      displayName: ["Seán O'Brien"],
      employeeID: ['E1'],
      sAMAccountName: ['sobrien'],
      userPrincipalName: ['sobrien@acme.test'],
      userAccountControl: ['514'],
    });
  });

  it('builds an OpenLDAP inetOrgPerson named by its uid', () => {
    const entry = newAccountEntry('ldap', {
      parentDn: 'ou=people,dc=acme,dc=test',
      login: 'a+b=c',
      givenName: 'Élodie',
      surname: 'de La Fontaine',
      mail: 'e@acme.test',
    });
    expect(entry.dn).toBe('uid=a\\+b\\=c,ou=people,dc=acme,dc=test');
    expect(normalizeDn(entry.dn)).toBe(normalizeDn('UID=A\\+B\\=C, OU=People, DC=acme, DC=test'));
    expect(entry.attributes).toMatchObject({
      objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
      uid: ['a+b=c'],
      cn: ['Élodie de La Fontaine'],
      mail: ['e@acme.test'],
    });
    expect(entry.attributes).not.toHaveProperty('userAccountControl');
  });

  it('keeps a given userPrincipalName and trims values', () => {
    const entry = newAccountEntry('ad', { parentDn: OU, login: ' lndiaye ', givenName: ' Loïc', surname: "N'Diaye ", userPrincipalName: 'loic@corp.example' });
    expect(entry.attributes.sAMAccountName).toEqual(['lndiaye']);
    expect(entry.attributes.userPrincipalName).toEqual(['loic@corp.example']);
    expect(entry.dn).toBe(`CN=Loïc N'Diaye,${OU}`);
  });

  it.each([
    ['ad', { login: 'a-login-of-21-chars-x', surname: 'X' }, /longer than the 20 characters/],
    ['ad', { login: 'dom\\user', surname: 'X' }, /character AD refuses/],
    ['ad', { login: 'x@y', surname: 'X' }, /character AD refuses/],
    ['ldap', { login: 'two words', surname: 'X' }, /space/],
    ['ldap', { login: '', surname: 'X' }, /login is empty/],
    ['ldap', { login: 'x', surname: '  ' }, /surname is empty/],
    ['ldap', { login: 'x', surname: 'X\nchangetype: modify' }, /control character/],
    ['ad', { login: 'x', surname: 'X', mail: 'a\u0000b' }, /control character/],
  ] as const)('refuses on %s %j', (kind, fields, message) => {
    expect(() => newAccountEntry(kind, { parentDn: OU, ...fields })).toThrow(
      expect.objectContaining({ kind: 'invalid-input', message: expect.stringMatching(message) }),
    );
  });

  it('refuses a parent that is not a DN', () => {
    expect(() => newAccountEntry('ldap', { parentDn: 'people', login: 'x', surname: 'X' })).toThrow(expect.objectContaining({ kind: 'invalid-input' }));
  });
});

describe(dnsDomainOf.name, () => {
  it('joins the dc= parts', () => {
    expect(dnsDomainOf('OU=Staff,OU=Paris,DC=corp,DC=acme,DC=fr')).toBe('corp.acme.fr');
  });

  it('asks for a UPN when there is none', () => {
    expect(() => dnsDomainOf('ou=people,o=acme')).toThrow(/give the account's userPrincipalName/);
  });
});
