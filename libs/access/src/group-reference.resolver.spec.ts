import type { DirectorySnapshot } from '#vigie/identity';
import { EVERYONE_GROUPS, GROUP_REFERENCE_CASES, tableSnapshot } from './__fixtures__/group-reference.cases.js';
import { readGroupReference } from './group-reference.js';
import { GroupReferenceResolver } from './group-reference.resolver.js';

describe(GroupReferenceResolver.name, () => {
  let ad: DirectorySnapshot;
  let ldap: DirectorySnapshot;
  beforeAll(async () => {
    [ad, ldap] = await Promise.all([tableSnapshot('corp-ad'), tableSnapshot('corp-ldap')]);
  });
  const resolverFor = (directory: string) =>
    directory === 'corp-ad'
      ? GroupReferenceResolver.ofSnapshots([ad])
      : GroupReferenceResolver.ofSnapshots([ldap], { everyoneGroups: EVERYONE_GROUPS['corp-ldap'] });

  it.each(GROUP_REFERENCE_CASES.map((c) => [c.directory, c.about, c] as const))('in %s, %s', (directory, _about, c) => {
    const answer = resolverFor(directory).resolve(c.ref);
    expect({ status: answer.status, principals: answer.principals.map((p) => p.name).sort() }).toEqual({ status: c.answer, principals: c.principals });
    // Everyone-like and unknown answers say why; a plain group needs no reason.
    expect(answer.reason === undefined).toBe(c.answer === 'group');
  });

  it('says why a reference is unknown, in words for the author of the policy', () => {
    const resolver = resolverFor('corp-ad');
    expect(resolver.unknownReason('GG_Nowhere')).toBe('no group of directory corp-ad has this name or DN (check the spelling, or sync the directory first)');
    expect(resolver.unknownReason('S-1-5-21-100-200-300-9999')).toBe(
      "no group of directory corp-ad has this SID (check the SID's domain part, or sync the directory first)",
    );
    expect(resolver.unknownReason('CN=Jean Dupont,OU=People,DC=corp,DC=test')).toBe(
      'this names an account of directory corp-ad, not a group: access is granted through groups (name the group instead)',
    );
    expect(resolver.unknownReason('Anonymous Logon')).toMatch(
      /^Anonymous Logon \(S-1-5-7\) is a well-known principal that no object of directory corp-ad stands for/,
    );
    expect(resolver.unknownReason('CN=GG_Finance,,OU=Groups,DC=corp,DC=test')).toMatch(
      /^not a valid DN \(invalid DN .*\): write the group's DN as the directory shows it, or its name$/,
    );
    expect(resolver.unknownReason('Everyone')).toBeUndefined();
  });

  it('says why a reference stands for everybody', () => {
    expect(resolverFor('corp-ad').resolve('Everyone').reason).toBe('Everyone (S-1-1-0) is in the logon token of every account');
    expect(resolverFor('corp-ad').resolve('Domain Users').reason).toBe(
      'Domain Users (S-1-5-21-100-200-300-513) stands for every account or computer of the domain',
    );
    expect(resolverFor('corp-ldap').resolve('all-staff').reason).toBe("all-staff is one of the policy's everyoneGroups: every account is in it");
  });

  it('knows a reference one directory of several knows, and merges their principals', () => {
    const both = GroupReferenceResolver.ofSnapshots([ad, ldap], { everyoneGroups: ['all-staff'] });
    expect(both.label).toBe('directories corp-ad, corp-ldap');
    expect(both.resolve('finance')).toMatchObject({ status: 'group', principals: [expect.objectContaining({ name: 'finance' })] });
    expect(both.resolve('all-staff').status).toBe('everyone-like');
    expect(both.resolve('Everyone').principals).toHaveLength(2);
    expect(both.unknownReason('Domain Users')).toBeUndefined();
    expect(both.unknownReason('GG_Nowhere')).toBe(
      'no group of directories corp-ad, corp-ldap has this name or DN (check the spelling, or sync the directory first)',
    );
    // Reasons that differ are given per directory.
    expect(both.unknownReason('CN=Jean Dupont,OU=People,DC=corp,DC=test')).toBe(
      'this names an account of directory corp-ad, not a group: access is granted through groups (name the group instead); no group of directory corp-ldap has this name or DN (check the spelling, or sync the directory first)',
    );
  });

  it('names the directories as the caller says', () => {
    expect(GroupReferenceResolver.ofSnapshots([ad], { label: 'the LDIF export ad.ldif' }).unknownReason('GG_Nowhere')).toMatch(
      /^no group of the LDIF export ad\.ldif has this name or DN/,
    );
  });
});

describe(readGroupReference.name, () => {
  it.each([
    ['Everyone', { kind: 'sid', sid: 'S-1-1-0' }],
    ['  utilisateurs authentifiés ', { kind: 'sid', sid: 'S-1-5-11' }],
    ['s-1-5-21-1-2-3-512', { kind: 'sid', sid: 'S-1-5-21-1-2-3-512' }],
    ['CN=A\\, B , OU=G,DC=x', { kind: 'dn', dnNorm: 'cn=a\\, b,ou=g,dc=x' }],
    [' GG_Finance ', { kind: 'name', name: 'gg_finance' }],
  ])('reads %j as %j', (ref, form) => {
    expect(readGroupReference(ref)).toEqual(form);
  });

  it('reads a reference with "=" that is no DN as invalid, with why', () => {
    expect(readGroupReference('cn=a,,ou=b')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('invalid DN') });
  });
});
