/**
 * DirectoryWriter against a real Active Directory (a private Samba 4 DC of this file, since the last test stops it),
 * in a test OU: memberships, an account created with an awkward name and enabled once its password is set over LDAPS,
 * disabled (the DC then refuses its bind), moved; the refusals a job queue must tell apart. Outcomes are read from the
 * DC: attributes with ldapsearch as Administrator, passwords and disabled accounts by binding as the account.
 */
import { createDirectoryWriter, type DirectoryWriter } from '#vigie/directory';
import { bindResult } from '../support/ldap-bind.js';
import { createTestOu, type SambaInstance, startSambaDc, type TestOu, unicodePwdBase64 } from '../support/samba.js';

const SAMBA_START_MS = 240_000;
const PASSWORD = 'Writer-Test-Pw-2026!';
const NEW_PASSWORD = 'Fresh-Ad-Pw-2026!';
type WriterSource = Parameters<typeof createDirectoryWriter>[0]['directories'][number];

describe('DirectoryWriter on a real Samba AD DC', () => {
  let dc: SambaInstance;
  let ou: TestOu;
  let writer: DirectoryWriter;
  const dnOf = (cn: string, parent = ou.dn) => `CN=${cn},${parent}`;
  const staff = () => `OU=Staff,${ou.dn}`;
  const leavers = () => `OU=Leavers,${ou.dn}`;
  const sam = (name: string) => `${ou.tag}-${name}`;
  const make = (overrides: Partial<WriterSource> = {}) =>
    createDirectoryWriter({
      directories: [
        {
          kind: 'ad',
          name: 'corp-ad',
          url: dc.ldapsUrl,
          caFile: dc.caFile,
          baseDn: dc.baseDn,
          bindDn: dc.adminDn,
          bindPassword: dc.adminPassword,
          timeoutMs: 10_000,
          ...overrides,
        },
      ],
    });
  const user = (cn: string, name: string) =>
    [
      `dn: ${dnOf(cn, staff())}`,
      'objectClass: user',
      `sAMAccountName: ${sam(name)}`,
      'userAccountControl: 512',
      `unicodePwd:: ${unicodePwdBase64(PASSWORD)}`,
    ].join('\n');
  /** The values of an attribute of dn, read by Administrator. */
  const valuesOf = async (dn: string, attribute: string): Promise<string[]> => {
    const out = await dc.ldapTool('ldapsearch', ['-LLL', '-o', 'ldif-wrap=no', '-s', 'base', '-b', dn, '(objectClass=*)', attribute]);
    return out
      .split('\n')
      .filter((l) => l.toLowerCase().startsWith(`${attribute.toLowerCase()}:`))
      .map((l) =>
        l.slice(attribute.length + 1).startsWith(':') ? Buffer.from(l.slice(attribute.length + 3), 'base64').toString('utf8') : l.slice(attribute.length + 2),
      );
  };
  const bind = (dn: string, password: string) => bindResult(dc.ldapsUrl, dc.caFile, dn, password);
  const group = () => dnOf('GG-App', ou.dn);

  beforeAll(async () => {
    dc = await startSambaDc({ startTimeoutMs: SAMBA_START_MS });
    ou = await createTestOu('directory-writer', dc);
    await dc.addLdif(
      [
        `dn: ${staff()}\nobjectClass: organizationalUnit`,
        `dn: ${leavers()}\nobjectClass: organizationalUnit`,
        user('Alice Martin', 'alice'),
        user('Vigie Reader', 'reader'),
        `dn: ${group()}\nobjectClass: group\nsAMAccountName: ${sam('gg-app')}\ngroupType: -2147483646`,
      ].join('\n\n') + '\n',
      { tls: true },
    );
    writer = make();
  }, SAMBA_START_MS);
  afterAll(async () => {
    await dc?.stop();
  });

  it('adds a member once: added, then already (Samba answers 68), and reads it back', async () => {
    const alice = dnOf('Alice Martin', staff());
    await expect(writer.isMember('corp-ad', group(), alice)).resolves.toBe(false);
    await expect(writer.addMember('corp-ad', group(), alice)).resolves.toBe('added');
    await expect(writer.addMember('corp-ad', group(), alice)).resolves.toBe('already');
    await expect(writer.isMember('corp-ad', group(), alice)).resolves.toBe(true);
    expect(await valuesOf(group(), 'member')).toEqual([alice]);
  });

  it('removes a member once: removed, then absent', async () => {
    const alice = dnOf('Alice Martin', staff());
    await expect(writer.removeMember('corp-ad', group(), alice)).resolves.toBe('removed');
    await expect(writer.removeMember('corp-ad', group(), alice)).resolves.toBe('absent');
    await expect(writer.isMember('corp-ad', group(), alice)).resolves.toBe(false);
    expect(await valuesOf(group(), 'member')).toEqual([]);
  });

  it('says not-found for a group that does not exist, or a member', async () => {
    const alice = dnOf('Alice Martin', staff());
    await expect(writer.addMember('corp-ad', dnOf('GG-None'), alice)).rejects.toMatchObject({ kind: 'not-found', message: expect.stringContaining('GG-None') });
    await expect(writer.isMember('corp-ad', dnOf('GG-None'), alice)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(writer.addMember('corp-ad', group(), dnOf('Nobody', staff()))).rejects.toMatchObject({ kind: 'not-found' });
  });

  it.each([
    ["O'Brien, Seán", { givenName: 'Seán', surname: "O'Brien", commonName: "O'Brien, Seán" }, "CN=O'Brien\\, Seán"],
    ['Élodie de La Fontaine', { givenName: 'Élodie', surname: 'de La Fontaine' }, 'CN=Élodie de La Fontaine'],
    ["Loïc N'Diaye", { givenName: 'Loïc', surname: "N'Diaye" }, "CN=Loïc N'Diaye"],
    ['a+b=c', { surname: 'a+b=c' }, 'CN=a\\+b\\=c'],
  ])('creates %s disabled, with its sAMAccountName and userPrincipalName, and moves it', async (cn, names, rdn) => {
    const login = sam(`u${Math.random().toString(36).slice(2, 7)}`);
    const { dn } = await writer.createAccount('corp-ad', { parentDn: staff(), login, ...names });
    expect(dn).toBe(`${rdn},${staff()}`);
    expect(await valuesOf(dn, 'cn')).toEqual([cn]);
    expect(await valuesOf(dn, 'sAMAccountName')).toEqual([login]);
    expect(await valuesOf(dn, 'userPrincipalName')).toEqual([`${login}@acme.test`]);
    expect(await valuesOf(dn, 'userAccountControl')).toEqual(['514']);
    // The DN answered names the entry: a group takes it as a member, and it moves with its RDN escaped alike.
    await expect(writer.addMember('corp-ad', group(), dn)).resolves.toBe('added');
    const moved = await writer.moveAccount('corp-ad', dn, leavers());
    expect(moved).toEqual({ dn: `${rdn},${leavers()}` });
    await expect(writer.isMember('corp-ad', group(), moved.dn)).resolves.toBe(true);
    await expect(writer.removeMember('corp-ad', group(), moved.dn)).resolves.toBe('removed');
  });

  it('says conflict for an account whose name is taken', async () => {
    await expect(writer.createAccount('corp-ad', { parentDn: staff(), login: sam('alice2'), givenName: 'Alice', surname: 'Martin' })).rejects.toMatchObject({
      kind: 'conflict',
    });
  });

  it('sets a password over LDAPS, enables the account, and it binds; disabled, the DC refuses its bind', async () => {
    const { dn } = await writer.createAccount('corp-ad', { parentDn: staff(), login: sam('seanob'), givenName: 'Seán', surname: "O'Brien Jr" });
    expect(await bind(dn, NEW_PASSWORD)).toBe(49);
    await writer.setPassword('corp-ad', dn, NEW_PASSWORD, { mustChange: false });
    await writer.enableAccount('corp-ad', dn);
    expect(await valuesOf(dn, 'userAccountControl')).toEqual(['512']);
    expect(await bind(dn, NEW_PASSWORD)).toBe(0);
    await writer.disableAccount('corp-ad', dn);
    await writer.disableAccount('corp-ad', dn);
    expect(await valuesOf(dn, 'userAccountControl')).toEqual(['514']);
    expect(await bind(dn, NEW_PASSWORD)).toBe(49);
    await writer.enableAccount('corp-ad', dn);
    expect(await bind(dn, NEW_PASSWORD)).toBe(0);
  });

  it('sets pwdLastSet to 0 when the password must be changed, and refuses plain ldap:// before connecting', async () => {
    const alice = dnOf('Alice Martin', staff());
    await writer.setPassword('corp-ad', alice, NEW_PASSWORD, { mustChange: true });
    expect(await valuesOf(alice, 'pwdLastSet')).toEqual(['0']);
    await make({ url: dc.url, startTls: true }).setPassword('corp-ad', alice, PASSWORD, { mustChange: false });
    expect(await bind(alice, PASSWORD)).toBe(0);
    await expect(make({ url: dc.url }).setPassword('corp-ad', alice, NEW_PASSWORD, { mustChange: false })).rejects.toMatchObject({ kind: 'configuration' });
    expect(await bind(alice, PASSWORD)).toBe(0);
  });

  it('says invalid-input for a password the domain policy refuses, without showing it', async () => {
    const error = (await writer.setPassword('corp-ad', dnOf('Alice Martin', staff()), 'abc', { mustChange: false }).catch((e: unknown) => e)) as Error & {
      kind: string;
    };
    expect(error.kind).toBe('invalid-input');
    expect(error.message).not.toContain('abc');
  });

  it('moves an account to another OU, keeping its group, and a retried move finds it there', async () => {
    const alice = dnOf('Alice Martin', staff());
    await writer.addMember('corp-ad', group(), alice);
    const moved = await writer.moveAccount('corp-ad', alice, leavers());
    expect(moved).toEqual({ dn: dnOf('Alice Martin', leavers()) });
    await expect(writer.isMember('corp-ad', group(), moved.dn)).resolves.toBe(true);
    expect(await valuesOf(moved.dn, 'sAMAccountName')).toEqual([sam('alice')]);
    await expect(writer.moveAccount('corp-ad', alice, leavers())).resolves.toEqual(moved);
  });

  it('says forbidden when the service account is a plain user', async () => {
    const reader = make({ bindDn: dnOf('Vigie Reader', staff()), bindPassword: PASSWORD });
    const error = (await reader.removeMember('corp-ad', group(), dnOf('Alice Martin', leavers())).catch((e: unknown) => e)) as Error & { kind: string };
    expect(error).toMatchObject({ kind: 'forbidden', message: expect.stringContaining('Vigie Reader') });
    await expect(reader.disableAccount('corp-ad', dnOf('Alice Martin', leavers()))).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(reader.createAccount('corp-ad', { parentDn: staff(), login: sam('nope'), surname: 'Nope' })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(writer.isMember('corp-ad', group(), dnOf('Alice Martin', leavers()))).resolves.toBe(true);
  });

  it('says unavailable when the DC is stopped', async () => {
    await dc.kill();
    await expect(writer.addMember('corp-ad', group(), dnOf('Alice Martin', leavers()))).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
