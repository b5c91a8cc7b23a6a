/**
 * The account writes of the HR flows (findAccount, updateAccount, listGroupsOf, deleteAccount) against a real
 * OpenLDAP, bound as the service account of docs/provisioning.md; what they did is read back as the root DN.
 */
import { createDirectoryWriter, type DirectoryWriter } from '#vigie/directory';
import { type SlapdInstance, startSlapd } from '../support/slapd.js';

const SUFFIX = 'dc=acme,dc=test';
const PEOPLE = `ou=people,${SUFFIX}`;
const GROUPS = `ou=groups,${SUFFIX}`;
const WRITER_DN = `cn=vigie-writer,ou=services,${SUFFIX}`;
const PASSWORD = 'Svc-Pw-2026';
const person = (uid: string) => `uid=${uid},${PEOPLE}`;
const group = (cn: string) => `cn=${cn},${GROUPS}`;
const entry = (dn: string, ...lines: string[]) => [`dn: ${dn}`, ...lines].join('\n') + '\n';
const personLdif = (uid: string, employeeNumber: string) =>
  entry(person(uid), 'objectClass: inetOrgPerson', `uid: ${uid}`, `cn: ${uid}`, `sn: ${uid}`, `employeeNumber: ${employeeNumber}`);

const ACL = `
access to dn.subtree="${PEOPLE}"
    by dn.exact="${WRITER_DN}" write
    by * read
access to dn.subtree="${GROUPS}" attrs=member,uniqueMember,memberUid
    by dn.exact="${WRITER_DN}" write
    by * read
`;

const LDIF = [
  entry(PEOPLE, 'objectClass: organizationalUnit', 'ou: people'),
  entry(GROUPS, 'objectClass: organizationalUnit', 'ou: groups'),
  entry(`ou=services,${SUFFIX}`, 'objectClass: organizationalUnit', 'ou: services'),
  entry(WRITER_DN, 'objectClass: organizationalRole', 'objectClass: simpleSecurityObject', 'cn: vigie-writer', `userPassword: ${PASSWORD}`),
  personLdif('jean.martin', 'E1'),
  personLdif('paul.boss', 'E9'),
  entry(group('finance'), 'objectClass: groupOfNames', 'cn: finance', `member: ${person('jean.martin')}`),
  entry(group('auditors'), 'objectClass: groupOfUniqueNames', 'cn: auditors', `uniqueMember: ${person('jean.martin')}`),
  entry(group('unix'), 'objectClass: posixGroup', 'cn: unix', 'gidNumber: 5000', 'memberUid: jean.martin'),
  entry(group('other'), 'objectClass: groupOfNames', 'cn: other', `member: ${person('paul.boss')}`),
].join('\n');

describe('account writes of the HR flows on a real OpenLDAP', () => {
  let slapd: SlapdInstance;
  let writer: DirectoryWriter;
  const read = (dn: string, attribute: string) =>
    slapd.ldapTool('ldapsearch', ['-LLL', '-o', 'ldif-wrap=no', '-s', 'base', '-b', dn, '(objectClass=*)', attribute]);

  beforeAll(async () => {
    slapd = await startSlapd({ ldif: LDIF, extraConfig: ACL });
    writer = createDirectoryWriter({
      directories: [{ kind: 'ldap', name: 'corp', url: slapd.url, baseDn: SUFFIX, bindDn: WRITER_DN, bindPassword: PASSWORD, timeoutMs: 5000 }],
    });
  });
  afterAll(async () => {
    await slapd?.stop();
  });

  it('finds an account by its uid anywhere under the base, with its employee number', async () => {
    await expect(writer.findAccount('corp', 'jean.martin')).resolves.toEqual({ dn: person('jean.martin'), login: 'jean.martin', employeeId: 'E1', mail: null });
    await expect(writer.findAccount('corp', 'nobody')).resolves.toBeNull();
  });

  it('finds an account by its employee number, the value escaped', async () => {
    await expect(writer.findAccountByEmployeeId('corp', 'E9')).resolves.toMatchObject({ dn: person('paul.boss'), login: 'paul.boss', employeeId: 'E9' });
    await expect(writer.findAccountByEmployeeId('corp', '*')).resolves.toBeNull();
    await expect(writer.findAccountByEmployeeId('corp', 'E9)(uid=*')).resolves.toBeNull();
  });

  it('reads a login as a value, never as filter syntax', async () => {
    await expect(writer.findAccount('corp', '*')).resolves.toBeNull();
    await expect(writer.findAccount('corp', 'x)(uid=*')).resolves.toBeNull();
    await expect(writer.findAccount('corp', 'jean.martin)(|(uid=*')).resolves.toBeNull();
  });

  it('replaces title, department, manager and mail, and removes what is null', async () => {
    await writer.updateAccount('corp', person('jean.martin'), {
      title: 'Comptable',
      department: 'Finance',
      managerDn: person('paul.boss'),
      mail: 'j@acme.test',
    });
    const after = await read(person('jean.martin'), '*');
    expect(after).toContain('title: Comptable');
    expect(after).toContain('departmentNumber: Finance');
    expect(after).toContain(`manager: ${person('paul.boss')}`);
    await writer.updateAccount('corp', person('jean.martin'), { title: 'Chef)(uid=*', mail: null });
    const again = await read(person('jean.martin'), '*');
    expect(again).toContain('title: Chef)(uid=*');
    expect(again).not.toContain('mail:');
  });

  it('lists the direct groups of every kind that hold the account, and only those', async () => {
    const groups = await writer.listGroupsOf('corp', person('jean.martin'));
    expect(groups.map((g) => g.toLowerCase()).sort()).toEqual([group('auditors'), group('finance'), group('unix')].sort());
  });

  it('deletes an account once: deleted, then absent', async () => {
    await expect(writer.deleteAccount('corp', person('paul.boss'))).resolves.toBe('deleted');
    await expect(writer.deleteAccount('corp', person('paul.boss'))).resolves.toBe('absent');
    await expect(writer.findAccount('corp', 'paul.boss')).resolves.toBeNull();
  });
});
