/**
 * DirectoryWriter against a real OpenLDAP (slapd 2.5 with memberof, refint and ppolicy, over LDAPS and StartTLS), with
 * a service account that holds exactly the rights docs/provisioning.md gives as the ACL example, and one that may only
 * read. Every outcome is checked on the server itself: memberships with ldapsearch as the root DN, passwords and locks
 * by binding as the account.
 */
import { createVigie } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { createDirectoryWriter, type DirectoryWriter } from '#vigie/directory';
import { bindResult } from '../support/ldap-bind.js';
import { type SlapdInstance, startSlapd } from '../support/slapd.js';

const SUFFIX = 'dc=acme,dc=test';
const PEOPLE = `ou=people,${SUFFIX}`;
const STAFF = `ou=staff,${PEOPLE}`;
const LEAVERS = `ou=leavers,${PEOPLE}`;
const GROUPS = `ou=groups,${SUFFIX}`;
const WRITER_DN = `cn=vigie-writer,ou=services,${SUFFIX}`;
const READER_DN = `cn=vigie-reader,ou=services,${SUFFIX}`;
const SERVICE_PASSWORD = 'Svc-Pw-2026';
const POLICY = `cn=default,ou=policies,${SUFFIX}`;
const NEW_PASSWORD = 'Fresh-Pw-2026!';
type WriterSource = Parameters<typeof createDirectoryWriter>[0]['directories'][number];

const person = (uid: string) => `uid=${uid},${STAFF}`;
const group = (cn: string) => `cn=${cn},${GROUPS}`;
const entry = (dn: string, ...lines: string[]) => [`dn: ${dn}`, ...lines].join('\n') + '\n';
const personLdif = (uid: string) =>
  entry(person(uid), 'objectClass: inetOrgPerson', `uid: ${uid}`, `cn: ${uid}`, `sn: ${uid}`, `userPassword: ${SERVICE_PASSWORD}`);

// The ACL of docs/provisioning.md ("Directory writes"), as an administrator would put it in slapd.conf.
const WRITER_ACL = `
access to dn.subtree="${PEOPLE}" attrs=userPassword
    by dn.exact="${WRITER_DN}" write
    by self write
    by anonymous auth
    by * none
access to dn.subtree="${PEOPLE}"
    by dn.exact="${WRITER_DN}" write
    by * read
access to dn.subtree="${GROUPS}" attrs=member,uniqueMember,memberUid
    by dn.exact="${WRITER_DN}" write
    by * read
`;

const LDIF = [
  entry(PEOPLE, 'objectClass: organizationalUnit', 'ou: people'),
  entry(STAFF, 'objectClass: organizationalUnit', 'ou: staff'),
  entry(LEAVERS, 'objectClass: organizationalUnit', 'ou: leavers'),
  entry(GROUPS, 'objectClass: organizationalUnit', 'ou: groups'),
  entry(`ou=services,${SUFFIX}`, 'objectClass: organizationalUnit', 'ou: services'),
  entry(`ou=policies,${SUFFIX}`, 'objectClass: organizationalUnit', 'ou: policies'),
  // ppolicy honours pwdAccountLockedTime (the lock disableAccount writes) only under a policy with pwdLockout TRUE.
  entry(POLICY, 'objectClass: device', 'objectClass: pwdPolicy', 'cn: default', 'pwdAttribute: userPassword', 'pwdLockout: TRUE'),
  entry(WRITER_DN, 'objectClass: organizationalRole', 'objectClass: simpleSecurityObject', 'cn: vigie-writer', `userPassword: ${SERVICE_PASSWORD}`),
  entry(READER_DN, 'objectClass: organizationalRole', 'objectClass: simpleSecurityObject', 'cn: vigie-reader', `userPassword: ${SERVICE_PASSWORD}`),
  personLdif('alice'),
  personLdif('bruno'),
  entry(group('app-users'), 'objectClass: groupOfNames', 'cn: app-users', `member: ${person('bruno')}`),
  entry(group('auditors'), 'objectClass: groupOfUniqueNames', 'cn: auditors', `uniqueMember: ${person('bruno')}`),
  entry(group('staff'), 'objectClass: posixGroup', 'cn: staff', 'gidNumber: 5000'),
].join('\n');

describe('DirectoryWriter on a real OpenLDAP', () => {
  let slapd: SlapdInstance;
  let writer: DirectoryWriter;
  const make = (overrides: Partial<WriterSource> = {}) =>
    createDirectoryWriter({
      directories: [
        {
          kind: 'ldap',
          name: 'corp-ldap',
          url: slapd.ldapsUrl!,
          caFile: slapd.caFile,
          baseDn: SUFFIX,
          bindDn: WRITER_DN,
          bindPassword: SERVICE_PASSWORD,
          timeoutMs: 5000,
          ...overrides,
        },
      ],
    });
  /** The values of an attribute of dn, read by the root DN (operational attributes when named). */
  const valuesOf = async (dn: string, attribute: string): Promise<string[]> => {
    const out = await slapd.ldapTool('ldapsearch', ['-LLL', '-o', 'ldif-wrap=no', '-s', 'base', '-b', dn, '(objectClass=*)', attribute]);
    return out
      .split('\n')
      .filter((l) => l.toLowerCase().startsWith(`${attribute.toLowerCase()}:`))
      .map((l) =>
        l.slice(attribute.length + 1).startsWith(':') ? Buffer.from(l.slice(attribute.length + 3), 'base64').toString('utf8') : l.slice(attribute.length + 2),
      );
  };
  const bind = (dn: string, password: string) => bindResult(slapd.ldapsUrl!, slapd.caFile!, dn, password);

  beforeAll(async () => {
    slapd = await startSlapd({ ldif: LDIF, tls: true, ppolicyDefault: POLICY, extraConfig: WRITER_ACL });
    writer = make();
  });
  afterAll(async () => {
    await slapd?.stop();
  });

  it('adds a member once: added, then already (OpenLDAP answers 20), and reads it back', async () => {
    await expect(writer.isMember('corp-ldap', group('app-users'), person('alice'))).resolves.toBe(false);
    await expect(writer.addMember('corp-ldap', group('app-users'), person('alice'))).resolves.toBe('added');
    await expect(writer.addMember('corp-ldap', group('app-users'), person('alice'))).resolves.toBe('already');
    await expect(writer.isMember('corp-ldap', group('app-users'), person('alice'))).resolves.toBe(true);
    // A DN spelt otherwise names the same member.
    await expect(writer.isMember('corp-ldap', group('app-users'), `UID=Alice, OU=Staff,OU=People,DC=ACME,DC=Test`)).resolves.toBe(true);
    expect(await valuesOf(group('app-users'), 'member')).toEqual([person('bruno'), person('alice')]);
    // The memberof overlay ran: the write went through the server, not around it.
    expect(await valuesOf(person('alice'), 'memberOf')).toEqual([group('app-users')]);
  });

  it('removes a member once: removed, then absent (16)', async () => {
    await expect(writer.removeMember('corp-ldap', group('app-users'), person('alice'))).resolves.toBe('removed');
    await expect(writer.removeMember('corp-ldap', group('app-users'), person('alice'))).resolves.toBe('absent');
    await expect(writer.isMember('corp-ldap', group('app-users'), person('alice'))).resolves.toBe(false);
    expect(await valuesOf(group('app-users'), 'member')).toEqual([person('bruno')]);
  });

  it('writes uniqueMember to a groupOfUniqueNames and the uid to a posixGroup', async () => {
    await expect(writer.addMember('corp-ldap', group('auditors'), person('alice'))).resolves.toBe('added');
    await expect(writer.addMember('corp-ldap', group('staff'), person('alice'))).resolves.toBe('added');
    await expect(writer.addMember('corp-ldap', group('staff'), person('alice'))).resolves.toBe('already');
    expect(await valuesOf(group('auditors'), 'uniqueMember')).toEqual([person('bruno'), person('alice')]);
    expect(await valuesOf(group('staff'), 'memberUid')).toEqual(['alice']);
    await expect(writer.isMember('corp-ldap', group('staff'), person('alice'))).resolves.toBe(true);
    await expect(writer.removeMember('corp-ldap', group('staff'), person('alice'))).resolves.toBe('removed');
    await expect(writer.isMember('corp-ldap', group('staff'), person('alice'))).resolves.toBe(false);
  });

  it('says not-found for a group or a member that does not exist, and writes nothing', async () => {
    await expect(writer.addMember('corp-ldap', group('no-such-group'), person('alice'))).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringContaining(group('no-such-group')),
    });
    await expect(writer.isMember('corp-ldap', group('no-such-group'), person('alice'))).rejects.toMatchObject({ kind: 'not-found' });
    await expect(writer.addMember('corp-ldap', group('app-users'), person('nobody'))).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringContaining('the member does not exist'),
    });
    expect(await valuesOf(group('app-users'), 'member')).toEqual([person('bruno')]);
  });

  it('creates an account with an awkward name and login, sets its password over LDAPS (hashed by slapd), and the account binds', async () => {
    const { dn } = await writer.createAccount('corp-ldap', {
      parentDn: STAFF,
      login: 'a+b=c',
      givenName: 'Élodie',
      surname: 'de La Fontaine',
      mail: 'elodie.delafontaine@acme.test',
      employeeId: 'E1042',
    });
    expect(dn).toBe(`uid=a\\+b\\=c,${STAFF}`);
    expect(await valuesOf(dn, 'cn')).toEqual(['Élodie de La Fontaine']);
    expect(await valuesOf(dn, 'employeeNumber')).toEqual(['E1042']);
    // No password yet: nobody can bind as it.
    expect(await bind(dn, NEW_PASSWORD)).toBe(49);
    await writer.setPassword('corp-ldap', dn, NEW_PASSWORD, { mustChange: true });
    expect(await bind(dn, NEW_PASSWORD)).toBe(0);
    const [stored] = await valuesOf(dn, 'userPassword');
    expect(stored).toMatch(/^\{SSHA\}/);
    expect(stored).not.toContain(NEW_PASSWORD);
    expect(await valuesOf(dn, 'pwdReset')).toEqual(['TRUE']);
    // The account the DN names is the one groups take.
    await expect(writer.addMember('corp-ldap', group('app-users'), dn)).resolves.toBe('added');
    await expect(writer.isMember('corp-ldap', group('app-users'), dn)).resolves.toBe(true);
  });

  it('says conflict when the account exists already', async () => {
    await expect(writer.createAccount('corp-ldap', { parentDn: STAFF, login: 'alice', surname: 'Martin' })).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('sets a password over StartTLS too, and refuses plain ldap:// before connecting', async () => {
    await make({ url: slapd.url, startTls: true }).setPassword('corp-ldap', person('bruno'), 'Over-StartTLS-1', { mustChange: false });
    expect(await bind(person('bruno'), 'Over-StartTLS-1')).toBe(0);
    const error = (await make({ url: slapd.url })
      .setPassword('corp-ldap', person('bruno'), 'In-Clear-Pw-1', { mustChange: false })
      .catch((e: unknown) => e)) as Error & { kind: string };
    expect(error).toMatchObject({ kind: 'configuration', message: expect.stringMatching(/ldaps:\/\/ url or set startTls/) });
    expect(error.message).not.toContain('In-Clear-Pw-1');
    expect(await bind(person('bruno'), 'Over-StartTLS-1')).toBe(0);
  });

  it('disables an account with ppolicy (bind refused) and enables it again', async () => {
    expect(await bind(person('alice'), SERVICE_PASSWORD)).toBe(0);
    await writer.disableAccount('corp-ldap', person('alice'));
    expect(await valuesOf(person('alice'), 'pwdAccountLockedTime')).toEqual(['000001010000Z']);
    expect(await bind(person('alice'), SERVICE_PASSWORD)).toBe(49);
    await writer.disableAccount('corp-ldap', person('alice'));
    await writer.enableAccount('corp-ldap', person('alice'));
    await writer.enableAccount('corp-ldap', person('alice'));
    expect(await valuesOf(person('alice'), 'pwdAccountLockedTime')).toEqual([]);
    expect(await bind(person('alice'), SERVICE_PASSWORD)).toBe(0);
  });

  it('moves an account to another OU, keeping its memberships (refint), and a retried move finds it there', async () => {
    await writer.addMember('corp-ldap', group('app-users'), person('alice'));
    const moved = await writer.moveAccount('corp-ldap', person('alice'), LEAVERS);
    expect(moved).toEqual({ dn: `uid=alice,${LEAVERS}` });
    expect(await valuesOf(moved.dn, 'uid')).toEqual(['alice']);
    await expect(writer.isMember('corp-ldap', group('app-users'), moved.dn)).resolves.toBe(true);
    await expect(writer.moveAccount('corp-ldap', person('alice'), LEAVERS)).resolves.toEqual(moved);
    await expect(writer.moveAccount('corp-ldap', moved.dn, LEAVERS)).resolves.toEqual(moved);
  });

  it('says forbidden, naming the service account, when it may only read', async () => {
    const reader = make({ bindDn: READER_DN });
    const error = (await reader.addMember('corp-ldap', group('app-users'), person('bruno')).catch((e: unknown) => e)) as Error & { kind: string };
    expect(error).toMatchObject({ kind: 'forbidden', message: expect.stringContaining(READER_DN) });
    expect(error.message).toMatch(/insufficient access/);
    await expect(reader.removeMember('corp-ldap', group('app-users'), person('bruno'))).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(reader.disableAccount('corp-ldap', person('bruno'))).rejects.toMatchObject({ kind: 'forbidden' });
    expect(await valuesOf(group('app-users'), 'member')).toContain(person('bruno'));
  });

  it('says configuration for a wrong service account password, never showing it', async () => {
    const error = (await make({ bindPassword: 'Wrong-Svc-Pw' })
      .addMember('corp-ldap', group('app-users'), person('bruno'))
      .catch((e: unknown) => e)) as Error & { kind: string };
    expect(error).toMatchObject({ kind: 'configuration', message: expect.stringContaining(WRITER_DN) });
    expect(error.message).not.toContain('Wrong-Svc-Pw');
  });

  it('is built once by the composition root for every LDAP and AD directory configured, with its service account', async () => {
    const vigie = createVigie(
      loadConfig({
        env: { WRITER_PASSWORD: SERVICE_PASSWORD },
        file: '/dev/null',
        overrides: {
          log: { level: 'silent' },
          scheduler: { enabled: false },
          directories: [
            {
              name: 'corp-ldap',
              kind: 'ldap',
              url: slapd.ldapsUrl,
              caFile: slapd.caFile,
              baseDn: SUFFIX,
              bindDn: WRITER_DN,
              bindPasswordEnv: 'WRITER_PASSWORD',
            },
            { name: 'export', kind: 'ldif', file: '/dev/null' },
          ],
        },
      }),
    );
    try {
      const composed = await vigie.dependencies.directoryWriter();
      expect(await vigie.dependencies.directoryWriter()).toBe(composed);
      await expect(composed.addMember('corp-ldap', group('app-users'), person('bruno'))).resolves.toBe('already');
      await expect(composed.isMember('export', group('app-users'), person('bruno'))).rejects.toMatchObject({ kind: 'configuration' });
    } finally {
      await vigie.close();
    }
  });

  it('says unavailable when the server is stopped', async () => {
    await slapd.kill();
    await expect(writer.addMember('corp-ldap', group('app-users'), person('bruno'))).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(writer.isMember('corp-ldap', group('app-users'), person('bruno'))).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
