import type { LdapDirectorySource } from '../directory-source.js';
import { InvalidDirectorySourceError } from '../errors.js';
import {
  attributesFor,
  groupsFirstFilters,
  DEFAULT_FILTER,
  DEFAULT_GROUP_FILTER,
  DEFAULT_OTHER_FILTER,
  DEFAULT_USER_FILTER,
  searchFilterFor,
} from './ldap-search-options.js';

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
    for (const oc of [
      'person',
      'inetOrgPerson',
      'posixAccount',
      'group',
      'groupOfNames',
      'groupOfUniqueNames',
      'posixGroup',
      'organizationalUnit',
      'printQueue',
      'volume',
      'foreignSecurityPrincipal',
    ]) {
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

describe('groupsFirstFilters', () => {
  it('splits the read into the groups, then the accounts and every other kind', () => {
    expect(groupsFirstFilters(source())).toEqual([DEFAULT_GROUP_FILTER, `(|${DEFAULT_USER_FILTER}${DEFAULT_OTHER_FILTER})`]);
  });

  it("uses the source's own filters, checked", () => {
    const [groups, rest] = groupsFirstFilters(source({ userFilter: 'objectClass=user', groupFilter: '(objectClass=group)' }));
    expect(groups).toBe('(objectClass=group)');
    expect(rest).toBe(`(|(objectClass=user)${DEFAULT_OTHER_FILTER})`);
    expect(() => groupsFirstFilters(source({ groupFilter: '(&(cn=a)' }))).toThrow(/groupFilter/);
  });
});

describe('attributesFor', () => {
  it('asks OpenLDAP for the operational attributes an audit needs, by name', () => {
    expect(attributesFor(source())).toEqual(
      expect.arrayContaining(['entryUUID', 'createTimestamp', 'modifyTimestamp', 'pwdLastSuccess', 'authTimestamp', 'pwdAccountLockedTime', 'memberUid']),
    );
  });

  it('asks AD for what it maps, encryption types and plain member included, never *, memberOf or a ranged member', () => {
    const ad = attributesFor(source({ kind: 'ad' }));
    expect(ad).toEqual(expect.arrayContaining(['objectGUID', 'objectSid', 'userAccountControl', 'msDS-SupportedEncryptionTypes', 'member', 'primaryGroupID']));
    expect(ad).not.toContain('*');
    expect(ad.map((a) => a.toLowerCase())).not.toContain('memberof');
    expect(ad.filter((a) => a.includes(';'))).toEqual([]);
    // Each name once, whatever its case.
    expect(new Set(ad.map((a) => a.toLowerCase())).size).toBe(ad.length);
  });
});
