/**
 * Directory sign-in (DirectoryLogin) against a real OpenLDAP over LDAPS and StartTLS: the person's bind, groups of the
 * three schemas with nesting (and a membership loop), the refusals (wrong or empty password, duplicate login, locked
 * account), logins that try to inject a filter, and re-reads after the directory changed. Whether a bind happened is
 * read from the server itself: ppolicy records each failed bind (pwdFailureTime) and `lastbind` each successful one
 * (pwdLastSuccess), so "nobody was bound as" is a search, not a belief.
 */
import type { DirectoryLogin } from '#vigie/access-control';
import { createVigie } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { createDirectoryLogin, normalizeDn } from '#vigie/directory';
import { freePort } from '../support/server-readiness.js';
import { ldapModify, type SlapdInstance, startSlapd } from '../support/slapd.js';

const SUFFIX = 'dc=acme,dc=test';
const PASSWORD = 'Right-Pw-2026';
const SERVICE_DN = `cn=vigie-svc,ou=services,${SUFFIX}`;
const SERVICE_PASSWORD = 'Svc-Pw-2026';
const POLICY = `cn=default,ou=policies,${SUFFIX}`;
type LoginSource = Parameters<typeof createDirectoryLogin>[0]['directories'][number];
const person = (uid: string) => `uid=${uid},ou=people,${SUFFIX}`;
const group = (cn: string) => `cn=${cn},ou=groups,${SUFFIX}`;

const entry = (dn: string, ...lines: string[]) => [`dn: ${dn}`, ...lines].join('\n') + '\n';
const personLdif = (uid: string, extra: string[] = [], dn = person(uid)) =>
  entry(dn, 'objectClass: inetOrgPerson', `uid: ${uid}`, `cn: ${uid}`, `sn: ${uid}`, `userPassword: ${PASSWORD}`, ...extra);

const LDIF = [
  entry(`ou=people,${SUFFIX}`, 'objectClass: organizationalUnit', 'ou: people'),
  entry(`ou=groups,${SUFFIX}`, 'objectClass: organizationalUnit', 'ou: groups'),
  entry(`ou=services,${SUFFIX}`, 'objectClass: organizationalUnit', 'ou: services'),
  entry(`ou=policies,${SUFFIX}`, 'objectClass: organizationalUnit', 'ou: policies'),
  // Failed binds are recorded (pwdFailureTime); the lockout threshold is out of reach of these tests.
  entry(POLICY, 'objectClass: device', 'objectClass: pwdPolicy', 'cn: default', 'pwdAttribute: userPassword', 'pwdLockout: TRUE', 'pwdMaxFailure: 50'),
  entry(SERVICE_DN, 'objectClass: organizationalRole', 'objectClass: simpleSecurityObject', 'cn: vigie-svc', `userPassword: ${SERVICE_PASSWORD}`),
  personLdif('alice', ['displayName: Alice Martin', 'mail: alice.martin@acme.test']),
  personLdif('bruno'),
  personLdif('admin'),
  personLdif('carole', ['pwdAccountLockedTime: 000001010000Z']),
  // Two entries with one uid: a login that names two accounts names nobody.
  personLdif('dup', [], `cn=dup one,ou=people,${SUFFIX}`),
  personLdif('dup', [], `cn=dup two,ou=people,${SUFFIX}`),
  entry(group('app-users'), 'objectClass: groupOfNames', 'cn: app-users', `member: ${person('alice')}`, `member: ${person('bruno')}`),
  // Nested: alice is a Vigie admin through app-users only.
  entry(group('vigie-admins'), 'objectClass: groupOfNames', 'cn: vigie-admins', `member: ${group('app-users')}`),
  entry(group('auditors'), 'objectClass: groupOfUniqueNames', 'cn: auditors', `uniqueMember: ${person('alice')}`),
  entry(group('staff'), 'objectClass: posixGroup', 'cn: staff', 'gidNumber: 5000', 'memberUid: alice'),
  // A loop: each holds the other, and alice is in the first.
  entry(group('loop-a'), 'objectClass: groupOfNames', 'cn: loop-a', `member: ${person('alice')}`, `member: ${group('loop-b')}`),
  entry(group('loop-b'), 'objectClass: groupOfNames', 'cn: loop-b', `member: ${group('loop-a')}`),
  entry(group('others'), 'objectClass: groupOfNames', 'cn: others', `member: ${person('admin')}`),
].join('\n');

describe('DirectoryLogin on a real OpenLDAP', () => {
  let slapd: SlapdInstance;
  let login: DirectoryLogin;
  const make = (overrides: Partial<LoginSource> = {}) =>
    createDirectoryLogin({
      directories: [
        {
          kind: 'ldap',
          name: 'corp-ldap',
          url: slapd.ldapsUrl!,
          caFile: slapd.caFile,
          baseDn: SUFFIX,
          bindDn: SERVICE_DN,
          bindPassword: SERVICE_PASSWORD,
          timeoutMs: 5000,
          ...overrides,
        },
      ],
    });

  /** DNs of the people the server has recorded a bind for, successful or not. */
  const boundPeople = async (): Promise<string[]> => {
    const out = await slapd.ldapTool('ldapsearch', [
      '-LLL',
      '-o',
      'ldif-wrap=no',
      '-b',
      `ou=people,${SUFFIX}`,
      '(|(pwdLastSuccess=*)(pwdFailureTime=*))',
      '1.1',
    ]);
    return out
      .split('\n')
      .filter((l) => l.startsWith('dn: '))
      .map((l) => normalizeDn(l.slice(4)));
  };
  const attributeOf = async (dn: string, attribute: string): Promise<string[]> => {
    const out = await slapd.ldapTool('ldapsearch', ['-LLL', '-o', 'ldif-wrap=no', '-s', 'base', '-b', dn, '(objectClass=*)', attribute]);
    return out
      .split('\n')
      .filter((l) => l.toLowerCase().startsWith(`${attribute.toLowerCase()}: `))
      .map((l) => l.slice(attribute.length + 2));
  };

  beforeAll(async () => {
    slapd = await startSlapd({ ldif: LDIF, tls: true, lastbind: true, ppolicyDefault: POLICY });
    login = make();
  });
  afterAll(async () => {
    await slapd?.stop();
  });

  it('binds as nobody for logins that try to widen the filter, whatever the password', async () => {
    for (const attempt of ['*)(uid=*', 'admin)(|(uid=*', '*', 'alice)(uid=*', 'a*', '*)(|(objectClass=*']) {
      await expect(login.authenticate('corp-ldap', attempt, PASSWORD)).resolves.toBeNull();
    }
    // Two accounts for one login: none is chosen, none is bound as.
    await expect(login.authenticate('corp-ldap', 'dup', PASSWORD)).resolves.toBeNull();
    expect(await boundPeople()).toEqual([]);
  });

  it('signs alice in with her groups: direct, nested, groupOfUniqueNames, posixGroup, a loop, normalised', async () => {
    const account = await login.authenticate('corp-ldap', 'alice', PASSWORD);
    expect(account).toEqual({
      directory: 'corp-ldap',
      dn: person('alice'),
      login: 'alice',
      displayName: 'Alice Martin',
      groups: ['app-users', 'auditors', 'loop-a', 'loop-b', 'staff', 'vigie-admins'].map((cn) => normalizeDn(group(cn))),
    });
    // The positive control of the test above: a real bind as her is on record.
    expect(await boundPeople()).toEqual([normalizeDn(person('alice'))]);
    expect(await attributeOf(person('alice'), 'pwdLastSuccess')).toHaveLength(1);
  });

  it('gives normalised DNs that compare with the DNs of a configuration however spelt', async () => {
    const account = await login.authenticate('corp-ldap', 'alice', PASSWORD);
    expect(account!.groups).toContain(normalizeDn('CN=Vigie-Admins, OU=Groups, DC=ACME, DC=Test'));
  });

  it('signs in over StartTLS too', async () => {
    const account = await make({ url: slapd.url, startTls: true }).authenticate('corp-ldap', 'bruno', PASSWORD);
    expect(account?.groups).toEqual(['app-users', 'vigie-admins'].map((cn) => normalizeDn(group(cn))));
    expect(account?.displayName).toBe('bruno');
  });

  it('matches the configured login attribute', async () => {
    const byMail = make({ loginAttribute: 'mail' });
    await expect(byMail.authenticate('corp-ldap', 'alice.martin@acme.test', PASSWORD)).resolves.toMatchObject({
      dn: person('alice'),
      login: 'alice.martin@acme.test',
    });
    await expect(byMail.authenticate('corp-ldap', 'alice', PASSWORD)).resolves.toBeNull();
  });

  it('refuses a wrong password (the server saw the failed bind) and an empty one (no bind)', async () => {
    await expect(login.authenticate('corp-ldap', 'admin', 'not-the-password')).resolves.toBeNull();
    expect(await attributeOf(person('admin'), 'pwdFailureTime')).toHaveLength(1);
    // An empty password would be an unauthenticated bind, which slapd accepts: refused before.
    await expect(login.authenticate('corp-ldap', 'admin', '')).resolves.toBeNull();
    expect(await attributeOf(person('admin'), 'pwdFailureTime')).toHaveLength(1);
    expect(await attributeOf(person('admin'), 'pwdLastSuccess')).toEqual([]);
  });

  it('refuses a locked account even with its password, at sign-in and at re-read (where only Vigie checks)', async () => {
    await expect(login.authenticate('corp-ldap', 'carole', PASSWORD)).resolves.toBeNull();
    await expect(login.reread('corp-ldap', person('carole'))).resolves.toBeNull();
  });

  it('re-reads fresh groups: out of app-users, alice loses vigie-admins with it', async () => {
    const before = await login.reread('corp-ldap', person('alice'));
    expect(before?.groups).toContain(normalizeDn(group('vigie-admins')));
    await ldapModify(slapd, `dn: ${group('app-users')}\nchangetype: modify\ndelete: member\nmember: ${person('alice')}\n`);
    const after = await login.reread('corp-ldap', person('alice'));
    expect(after).toMatchObject({ dn: person('alice'), login: 'alice', displayName: 'Alice Martin' });
    expect(after!.groups).toEqual(['auditors', 'loop-a', 'loop-b', 'staff'].map((cn) => normalizeDn(group(cn))));
  });

  it('re-reads a deleted account as null', async () => {
    await expect(login.reread('corp-ldap', person('bruno'))).resolves.not.toBeNull();
    await slapd.ldapTool('ldapdelete', [person('bruno')]);
    await expect(login.reread('corp-ldap', person('bruno'))).resolves.toBeNull();
    await expect(login.authenticate('corp-ldap', 'bruno', PASSWORD)).resolves.toBeNull();
  });

  it('refuses plain ldap:// without StartTLS before sending anything', async () => {
    await expect(make({ url: slapd.url }).authenticate('corp-ldap', 'alice', PASSWORD)).rejects.toMatchObject({ kind: 'configuration' });
  });

  it('says the directory is unavailable when the certificate is not trusted, or nothing listens', async () => {
    const untrusted = (await make({ caFile: undefined })
      .authenticate('corp-ldap', 'alice', PASSWORD)
      .catch((e: unknown) => e)) as Error & { kind: string };
    expect(untrusted.kind).toBe('unavailable');
    expect(untrusted.message).toMatch(/certificate/);
    expect(untrusted.message).not.toContain(PASSWORD);
    expect(untrusted.message).not.toContain(SERVICE_PASSWORD);
    const port = await freePort();
    await expect(make({ url: `ldaps://127.0.0.1:${port}` }).authenticate('corp-ldap', 'alice', PASSWORD)).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/connection refused/),
    });
  });

  it('reports a refused service account as a configuration error', async () => {
    await expect(make({ bindPassword: 'wrong' }).authenticate('corp-ldap', 'alice', PASSWORD)).rejects.toMatchObject({
      kind: 'configuration',
      message: expect.stringContaining(SERVICE_DN),
    });
  });

  it('is built once by the composition root from auth.directory, with its login attribute', async () => {
    const directories = [
      { name: 'corp-ldap', kind: 'ldap', url: slapd.ldapsUrl, caFile: slapd.caFile, baseDn: SUFFIX, bindDn: SERVICE_DN, bindPasswordEnv: 'SVC_PASSWORD' },
    ];
    const configured = createVigie(
      loadConfig({
        env: { SVC_PASSWORD: SERVICE_PASSWORD },
        file: '/dev/null',
        overrides: {
          log: { level: 'silent' },
          scheduler: { enabled: false },
          directories,
          auth: { directory: { directory: 'corp-ldap', loginAttribute: 'mail' } },
        },
      }),
    );
    const unconfigured = createVigie(
      loadConfig({ env: { SVC_PASSWORD: SERVICE_PASSWORD }, file: '/dev/null', overrides: { log: { level: 'silent' }, directories } }),
    );
    try {
      const composed = await configured.dependencies.directoryLogin();
      expect(await configured.dependencies.directoryLogin()).toBe(composed);
      await expect(composed.authenticate('corp-ldap', 'alice.martin@acme.test', PASSWORD)).resolves.toMatchObject({ dn: person('alice') });
      // Without auth.directory nobody signs in with a directory account, even where a directory is configured.
      await expect((await unconfigured.dependencies.directoryLogin()).authenticate('corp-ldap', 'alice', PASSWORD)).rejects.toMatchObject({
        kind: 'configuration',
      });
    } finally {
      await Promise.all([configured.close(), unconfigured.close()]);
    }
  });
});
