import { AndFilter, BerReader, BerWriter, EqualityFilter, ExtensibleFilter, type Filter, FilterParser, OrFilter, PresenceFilter } from 'ldapts';
import { sidFromString } from '../ad/ad-decoders.js';
import {
  accountFilter,
  accountKindFilter,
  adGroupBySidFilter,
  adNestedGroupsFilter,
  IN_CHAIN_RULE,
  isSearchableLogin,
  loginAttributeFor,
  MAX_LOGIN_LENGTH,
  openLdapGroupsFilter,
} from './login-filters.js';

/** The filter as the server receives it: written to BER and read back, as slapd or a DC decodes it. */
function onTheWire(filter: Filter): Filter {
  const writer = new BerWriter();
  filter.write(writer);
  return FilterParser.parse(new BerReader(writer.buffer));
}

/** Every equality assertion of a filter tree, as [attribute, value]. */
function equalities(filter: Filter): Array<[string, string]> {
  if (filter instanceof EqualityFilter) return [[filter.attribute.toLowerCase(), String(filter.value)]];
  if (filter instanceof AndFilter || filter instanceof OrFilter) return filter.filters.flatMap(equalities);
  return [];
}

const INJECTIONS = ['*)(uid=*', 'admin)(|(uid=*', '*', 'alice)(objectClass=*', 'x\\2a', ')(&'];

describe('isSearchableLogin', () => {
  it('accepts ordinary logins, accented and with punctuation', () => {
    for (const login of ['alice', 'jean.dupont', 'élodie-d', 'a', 'x'.repeat(MAX_LOGIN_LENGTH), '*)(uid=*']) expect(isSearchableLogin(login)).toBe(true);
  });

  it('refuses empty, over-long logins and control characters', () => {
    for (const login of ['', 'x'.repeat(MAX_LOGIN_LENGTH + 1), 'alice\u0000', 'al\nice', 'tab\there', 'del\u007f', 'c1\u0085']) {
      expect(isSearchableLogin(login)).toBe(false);
    }
  });
});

describe('loginAttributeFor', () => {
  it('is the configured attribute, else sAMAccountName on AD and uid on OpenLDAP', () => {
    expect(loginAttributeFor('ad')).toBe('sAMAccountName');
    expect(loginAttributeFor('ldap')).toBe('uid');
    expect(loginAttributeFor('ldap', 'mail')).toBe('mail');
    expect(loginAttributeFor('ad', 'userPrincipalName')).toBe('userPrincipalName');
  });
});

describe('accountFilter', () => {
  it('matches the login attribute exactly on OpenLDAP', () => {
    expect(accountFilter('ldap', 'uid', 'alice').toString()).toBe('(uid=alice)');
  });

  it('requires a person user on AD (no computer, no group)', () => {
    expect(accountFilter('ad', 'sAMAccountName', 'alice').toString()).toBe('(&(objectCategory=person)(objectClass=user)(sAMAccountName=alice))');
  });

  it.each(INJECTIONS)('sends %j as one literal assertion value, escaped as RFC 4515 says in its text form', (login) => {
    for (const kind of ['ldap', 'ad'] as const) {
      const filter = accountFilter(kind, loginAttributeFor(kind), login);
      const received = onTheWire(filter);
      const terms = equalities(received);
      // No presence or substring term appeared: a star stays a star in an equality value.
      expect(terms.filter(([attribute]) => attribute === loginAttributeFor(kind).toLowerCase())).toEqual([[loginAttributeFor(kind).toLowerCase(), login]]);
      expect(terms).toHaveLength(kind === 'ad' ? 3 : 1);
      expect(received.toString()).not.toMatch(/=\*\)/);
      // The text form escapes * ( ) \ and gives the same filter back when parsed.
      const text = filter.toString();
      expect(text).not.toMatch(/[^\\]\*|\(uid=\*|\)\(\|/);
      expect(equalities(FilterParser.parseString(text))).toEqual(equalities(filter));
    }
  });

  it('escapes *, (, ) and \\ in the text form', () => {
    expect(accountFilter('ldap', 'uid', '*)(uid=*').toString()).toBe('(uid=\\2a\\29\\28uid=\\2a)');
    expect(accountFilter('ldap', 'uid', 'admin)(|(uid=*').toString()).toBe('(uid=admin\\29\\28|\\28uid=\\2a)');
    expect(accountFilter('ldap', 'uid', 'a\\b').toString()).toBe('(uid=a\\5cb)');
  });
});

describe('accountKindFilter', () => {
  it('is any entry on OpenLDAP and a person user on AD', () => {
    expect(accountKindFilter('ldap')).toBeInstanceOf(PresenceFilter);
    expect(accountKindFilter('ad').toString()).toBe('(&(objectCategory=person)(objectClass=user))');
  });
});

describe('group filters', () => {
  const dn = 'CN=Doe\\, Jane (ext*),OU=Staff,DC=acme,DC=test';

  it('asks AD for the groups holding the DNs in chain, the DN as a literal value', () => {
    const one = onTheWire(adNestedGroupsFilter([dn])) as AndFilter;
    const chain = one.filters[1] as ExtensibleFilter;
    expect(chain).toBeInstanceOf(ExtensibleFilter);
    expect([chain.matchType, chain.rule, chain.value]).toEqual(['member', IN_CHAIN_RULE, dn]);
    const two = adNestedGroupsFilter([dn, 'CN=Domain Users,CN=Users,DC=acme,DC=test']);
    expect(two.toString()).toBe(
      '(&(objectClass=group)(|(member:1.2.840.113556.1.4.1941:=CN=Doe\\5c, Jane \\28ext\\2a\\29,OU=Staff,DC=acme,DC=test)(member:1.2.840.113556.1.4.1941:=CN=Domain Users,CN=Users,DC=acme,DC=test)))',
    );
  });

  it('finds an AD group by its binary SID, bytes unchanged on the wire', () => {
    const sid = sidFromString('S-1-5-21-1004336348-1177238915-682003330-513');
    const received = onTheWire(adGroupBySidFilter(sid)) as AndFilter;
    const bySid = received.filters[1] as EqualityFilter;
    expect(bySid.attribute.toLowerCase()).toBe('objectsid');
    // ldapts reads values back as latin1-ish text; compare the bytes written instead.
    const writer = new BerWriter();
    adGroupBySidFilter(sid).write(writer);
    expect(writer.buffer.includes(sid)).toBe(true);
  });

  it('asks OpenLDAP for member and uniqueMember of each DN, and memberUid of the uid when given', () => {
    expect(equalities(onTheWire(openLdapGroupsFilter([dn], '*)(uid=*')))).toEqual([
      ['member', dn],
      ['uniquemember', dn],
      ['memberuid', '*)(uid=*'],
    ]);
    expect(equalities(openLdapGroupsFilter(['cn=a,dc=x', 'cn=b,dc=x'])).map(([attribute]) => attribute)).toEqual([
      'member',
      'uniquemember',
      'member',
      'uniquemember',
    ]);
  });
});
