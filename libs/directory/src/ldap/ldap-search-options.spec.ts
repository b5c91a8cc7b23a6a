import type { LdapDirectorySource } from '../directory-source.js';
import { InvalidDirectorySourceError } from '../errors.js';
import { attributesFor, DEFAULT_FILTER, DEFAULT_GROUP_FILTER, DEFAULT_OTHER_FILTER, DEFAULT_USER_FILTER, searchFilterFor } from './ldap-search-options.js';

const source = (extra: Partial<LdapDirectorySource> = {}): LdapDirectorySource => ({
  kind: 'ldap',
  name: 'test',
  url: 'ldap://127.0.0.1',
  baseDn: 'dc=acme,dc=test',
  ...extra,
});

describe('searchFilterFor', () => {
  it('uses the default filter covering AD and OpenLDAP principals', () => {
    expect(searchFilterFor(source())).toBe(DEFAULT_FILTER);
    for (const oc of ['person', 'inetOrgPerson', 'posixAccount', 'group', 'groupOfNames', 'groupOfUniqueNames', 'posixGroup', 'organizationalUnit', 'printQueue', 'volume', 'foreignSecurityPrincipal']) {
      expect(DEFAULT_FILTER).toContain(`(objectClass=${oc})`);
    }
  });

  it('replaces the account or group part with the source filters', () => {
    expect(searchFilterFor(source({ userFilter: 'objectClass=user' }))).toBe(`(|(objectClass=user)${DEFAULT_GROUP_FILTER}${DEFAULT_OTHER_FILTER})`);
    expect(searchFilterFor(source({ groupFilter: '(cn=app-*)' }))).toBe(`(|${DEFAULT_USER_FILTER}(cn=app-*)${DEFAULT_OTHER_FILTER})`);
  });

  it('refuses a filter that does not parse, naming the option', () => {
    expect(() => searchFilterFor(source({ groupFilter: '(&(cn=a)' }))).toThrow(InvalidDirectorySourceError);
    expect(() => searchFilterFor(source({ groupFilter: '(&(cn=a)' }))).toThrow(/groupFilter/);
  });
});

describe('attributesFor', () => {
  it('asks OpenLDAP for the operational attributes an audit needs', () => {
    expect(attributesFor(source())).toEqual(expect.arrayContaining(['*', 'entryUUID', 'pwdLastSuccess', 'authTimestamp', 'pwdAccountLockedTime', 'memberOf']));
  });

  it('asks AD for * plus memberOf and encryption types, never ranged member', () => {
    expect(attributesFor(source({ kind: 'ad' }))).toEqual(['*', 'memberOf', 'msDS-SupportedEncryptionTypes']);
  });
});
