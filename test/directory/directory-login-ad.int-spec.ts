/**
 * Directory sign-in (DirectoryLogin) against a real Active Directory (the run's shared Samba 4 DC, in a test OU of its
 * own), over LDAPS and StartTLS, with a plain domain user as service account: nested groups resolved by the DC
 * (LDAP_MATCHING_RULE_IN_CHAIN), the primary group that `member` never lists, disabled and expired accounts, logins
 * that try to inject a filter, re-reads after the directory changed. Whether someone was bound as is read from the DC:
 * a successful bind sets lastLogonTimestamp (Samba counts no bad password, badPwdCount, without a lockout policy).
 */
import type { DirectoryLogin } from '#vigie/access-control';
import { createDirectoryLogin, dateToFiletime, normalizeDn } from '#vigie/directory';
import { createTestOu, sambaDc, type SambaInstance, type TestOu, unicodePwdBase64 } from '../support/samba.js';

const SAMBA_START_MS = 240_000;
const PASSWORD = 'Sign-In-Pw-2026!';
type LoginSource = Parameters<typeof createDirectoryLogin>[0]['directories'][number];

describe('DirectoryLogin on a real Samba AD DC', () => {
  let dc: SambaInstance;
  let ou: TestOu;
  let login: DirectoryLogin;
  const dnOf = (cn: string) => `CN=${cn},${ou.dn}`;
  const sam = (name: string) => `${ou.tag}-${name}`;
  const domainUsers = () => normalizeDn(`CN=Domain Users,CN=Users,${dc.baseDn}`);
  const make = (overrides: Partial<LoginSource> = {}) =>
    createDirectoryLogin({
      directories: [
        {
          kind: 'ad',
          name: 'corp-ad',
          url: dc.ldapsUrl,
          caFile: dc.caFile,
          baseDn: ou.dn,
          bindDn: dnOf('Vigie Service'),
          bindPassword: PASSWORD,
          timeoutMs: 10_000,
          ...overrides,
        },
      ],
    });

  const user = (cn: string, name: string, extra: string[] = [], userAccountControl = 512) =>
    [
      `dn: ${dnOf(cn)}`,
      'objectClass: user',
      `sAMAccountName: ${sam(name)}`,
      `displayName: ${cn}`,
      `userAccountControl: ${userAccountControl}`,
      `unicodePwd:: ${unicodePwdBase64(PASSWORD)}`,
      ...extra,
    ].join('\n');
  const groupLdif = (cn: string, members: string[]) =>
    [`dn: ${dnOf(cn)}`, 'objectClass: group', `sAMAccountName: ${sam(cn.toLowerCase())}`, 'groupType: -2147483646', ...members.map((m) => `member: ${m}`)].join(
      '\n',
    );

  /** The people of the OU (not the service account) the DC has recorded a successful bind of. */
  const boundPeople = async (): Promise<string[]> => {
    const filter = `(&(objectCategory=person)(!(sAMAccountName=${sam('svc')}))(lastLogonTimestamp=*))`;
    const out = await dc.ldapTool('ldapsearch', ['-LLL', '-o', 'ldif-wrap=no', '-b', ou.dn, filter, '1.1']);
    return out
      .split('\n')
      .filter((l) => l.startsWith('dn: '))
      .map((l) => normalizeDn(l.slice(4)));
  };
  beforeAll(async () => {
    dc = await sambaDc({ startTimeoutMs: SAMBA_START_MS });
    ou = await createTestOu('directory-login', dc);
    const longAgo = dateToFiletime(new Date('2020-01-01T00:00:00Z'));
    await dc.addLdif(
      [
        user('Vigie Service', 'svc'),
        user('Alice Martin', 'alice'),
        user('Bruno Durand', 'bruno'),
        user('Admin Person', 'admin'),
        user('Denis Disabled', 'denis', [], 514),
        user('Emma Expired', 'emma', [`accountExpires: ${longAgo}`]),
      ].join('\n\n') + '\n',
      { tls: true },
    );
    await dc.addLdif(
      [
        groupLdif('GG-App', [dnOf('Alice Martin'), dnOf('Bruno Durand')]),
        groupLdif('GG-Admins', [dnOf('GG-App')]),
        groupLdif('GG-Other', [dnOf('Admin Person')]),
      ].join('\n\n') + '\n',
    );
    login = make();
  }, SAMBA_START_MS);
  afterAll(async () => {
    await ou?.remove();
  });

  it('binds as nobody for logins that try to widen the filter, whatever the password', async () => {
    for (const attempt of ['*', '*)(sAMAccountName=*', `${sam('admin')})(|(sAMAccountName=*`, `${ou.tag}-*`, `${sam('alice')})(objectClass=*`]) {
      await expect(login.authenticate('corp-ad', attempt, PASSWORD)).resolves.toBeNull();
    }
    expect(await boundPeople()).toEqual([]);
  });

  it('signs alice in with her groups: direct, nested, the primary group (Domain Users) and the groups holding it', async () => {
    const account = await login.authenticate('corp-ad', sam('alice'), PASSWORD);
    expect(account).toMatchObject({ directory: 'corp-ad', login: sam('alice'), displayName: 'Alice Martin' });
    expect(normalizeDn(account!.dn)).toBe(normalizeDn(dnOf('Alice Martin')));
    // BUILTIN\Users holds Domain Users: reached through the primary group, which `member` never lists.
    expect(account!.groups).toEqual(
      [normalizeDn(dnOf('GG-App')), normalizeDn(dnOf('GG-Admins')), domainUsers(), normalizeDn(`CN=Users,CN=Builtin,${dc.baseDn}`)].sort(),
    );
    // The positive control of the test above: the DC recorded her bind.
    expect(await boundPeople()).toEqual([normalizeDn(dnOf('Alice Martin'))]);
  });

  it('signs in over StartTLS too', async () => {
    const account = await make({ url: dc.url, startTls: true }).authenticate('corp-ad', sam('bruno'), PASSWORD);
    expect(account?.groups).toEqual(expect.arrayContaining([normalizeDn(dnOf('GG-App')), normalizeDn(dnOf('GG-Admins')), domainUsers()]));
  });

  it('refuses a wrong password and an empty one', async () => {
    await expect(login.authenticate('corp-ad', sam('admin'), 'Not-The-Pw-1!')).resolves.toBeNull();
    await expect(login.authenticate('corp-ad', sam('admin'), '')).resolves.toBeNull();
    await expect(login.authenticate('corp-ad', sam('admin'), PASSWORD)).resolves.toMatchObject({ login: sam('admin') });
  });

  it('refuses a disabled account and an expired one, at sign-in and at re-read', async () => {
    await expect(login.authenticate('corp-ad', sam('denis'), PASSWORD)).resolves.toBeNull();
    await expect(login.reread('corp-ad', dnOf('Denis Disabled'))).resolves.toBeNull();
    await expect(login.authenticate('corp-ad', sam('emma'), PASSWORD)).resolves.toBeNull();
    await expect(login.reread('corp-ad', dnOf('Emma Expired'))).resolves.toBeNull();
    // Alice, enabled, re-reads: the refusals above are about those accounts.
    await expect(login.reread('corp-ad', dnOf('Alice Martin'))).resolves.not.toBeNull();
  });

  it('re-reads fresh groups: out of GG-App, alice loses GG-Admins with it and keeps Domain Users', async () => {
    await dc.modifyLdif(`dn: ${dnOf('GG-App')}\nchangetype: modify\ndelete: member\nmember: ${dnOf('Alice Martin')}\n`);
    const after = await login.reread('corp-ad', dnOf('Alice Martin'));
    expect(after).toMatchObject({ login: sam('alice'), displayName: 'Alice Martin' });
    expect(after!.groups).toContain(domainUsers());
    expect(after!.groups).not.toContain(normalizeDn(dnOf('GG-App')));
    expect(after!.groups).not.toContain(normalizeDn(dnOf('GG-Admins')));
  });

  it('re-reads a deleted account as null', async () => {
    await expect(login.reread('corp-ad', dnOf('Bruno Durand'))).resolves.not.toBeNull();
    await dc.ldapTool('ldapdelete', [dnOf('Bruno Durand')]);
    await expect(login.reread('corp-ad', dnOf('Bruno Durand'))).resolves.toBeNull();
  });

  it('refuses plain ldap:// without StartTLS before sending anything', async () => {
    await expect(make({ url: dc.url }).authenticate('corp-ad', sam('alice'), PASSWORD)).rejects.toMatchObject({ kind: 'configuration' });
  });
});
