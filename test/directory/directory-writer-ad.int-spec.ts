/**
 * DirectoryWriter against a real Active Directory (a private Samba 4 DC of this file, since the last test stops it),
 * in a test OU: memberships, an account created with an awkward name and enabled once its password is set over LDAPS,
 * disabled (the DC then refuses its bind), moved; the refusals a job queue must tell apart. Outcomes are read from the
 * DC: attributes with ldapsearch as Administrator, passwords and disabled accounts by binding as the account.
 */
import { createDirectoryWriter, type DirectoryWriter, sidToString } from '#vigie/directory';
import { bindResult } from '../support/ldap-bind.js';
import { addAces, createTestOu, type SambaInstance, startSambaDc, type TestOu, unicodePwdBase64 } from '../support/samba.js';

const SAMBA_START_MS = 240_000;
const PASSWORD = 'Writer-Test-Pw-2026!';
const NEW_PASSWORD = 'Fresh-Ad-Pw-2026!';
// schemaIDGUIDs and rightsGUIDs of the stock AD schema (MS-ADA1, MS-ADA3, MS-ADTS 5.1.3.2.1).
const USER = 'bf967aba-0de6-11d0-a285-00aa003049e2';
const GROUP = 'bf967a9c-0de6-11d0-a285-00aa003049e2';
const MEMBER = 'bf9679c0-0de6-11d0-a285-00aa003049e2';
const PWD_LAST_SET = 'bf967a0a-0de6-11d0-a285-00aa003049e2';
const USER_ACCOUNT_CONTROL = 'bf967a68-0de6-11d0-a285-00aa003049e2';
const NAME = 'bf967a0e-0de6-11d0-a285-00aa003049e2';
const CN = 'bf96793f-0de6-11d0-a285-00aa003049e2';
const RESET_PASSWORD = '00299570-246d-11d0-a768-00aa006e0529';
/** The delegation docs/provisioning.md gives, as SDDL ACEs for the OU that holds Vigie's users and groups. */
const delegatedAces = (sid: string) =>
  [
    `(OA;CI;CCDC;${USER};;${sid})`, // create and delete user objects
    `(OA;CIIO;WP;${MEMBER};${GROUP};${sid})`, // write member on groups
    `(OA;CIIO;CR;${RESET_PASSWORD};${USER};${sid})`, // reset password on users
    `(OA;CIIO;WP;${PWD_LAST_SET};${USER};${sid})`, // write pwdLastSet on users
    `(OA;CIIO;WP;${USER_ACCOUNT_CONTROL};${USER};${sid})`, // write userAccountControl on users
    `(OA;CIIO;WP;${NAME};${USER};${sid})`, // write name and cn on users: Samba checks both on a move
    `(OA;CIIO;WP;${CN};${USER};${sid})`,
  ].join('');
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

  it('works with a service account delegated only the rights docs/provisioning.md lists', async () => {
    await dc.addLdif(user('Vigie Writer', 'writer') + '\n', { tls: true });
    const writerDn = dnOf('Vigie Writer', staff());
    const [sidBase64] = (await dc.ldapTool('ldapsearch', ['-LLL', '-o', 'ldif-wrap=no', '-s', 'base', '-b', writerDn, '(objectClass=*)', 'objectSid']))
      .split('\n')
      .filter((l) => l.startsWith('objectSid:: '))
      .map((l) => l.slice('objectSid:: '.length));
    const sid = sidToString(Buffer.from(sidBase64!, 'base64'));
    // The delegation of docs/provisioning.md, on the test OU and everything below it.
    await addAces(dc, ou.dn, delegatedAces(sid));
    const delegated = make({ bindDn: writerDn, bindPassword: PASSWORD });

    const { dn } = await delegated.createAccount('corp-ad', { parentDn: staff(), login: sam('newhire'), givenName: 'Loïc', surname: "N'Diaye-Delegated" });
    await delegated.setPassword('corp-ad', dn, NEW_PASSWORD, { mustChange: false });
    await delegated.enableAccount('corp-ad', dn);
    expect(await bind(dn, NEW_PASSWORD)).toBe(0);
    await expect(delegated.addMember('corp-ad', group(), dn)).resolves.toBe('added');
    await expect(delegated.isMember('corp-ad', group(), dn)).resolves.toBe(true);
    const moved = await delegated.moveAccount('corp-ad', dn, leavers());
    await delegated.disableAccount('corp-ad', moved.dn);
    expect(await bind(moved.dn, NEW_PASSWORD)).toBe(49);
    await delegated.setPassword('corp-ad', moved.dn, PASSWORD, { mustChange: true });
    expect(await valuesOf(moved.dn, 'pwdLastSet')).toEqual(['0']);
    await expect(delegated.removeMember('corp-ad', group(), moved.dn)).resolves.toBe('removed');
    // Outside the delegated OU, the same account may write nothing.
    await expect(delegated.addMember('corp-ad', `CN=Domain Admins,CN=Users,${dc.baseDn}`, moved.dn)).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('says unavailable when the DC is stopped', async () => {
    await dc.kill();
    await expect(writer.addMember('corp-ad', group(), dnOf('Alice Martin', leavers()))).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
