/**
 * Proves the Samba AD harness: the shared DC, test OUs, LDIF loading, LDAPS/StartTLS with the CA file, and a
 * private DC's kill/restart/stop.
 */
import { existsSync } from 'node:fs';
import { Client, InvalidCredentialsError } from 'ldapts';
import { FIXTURE_BASE, prepareAdFixtureLdif } from './ad-fixtures.js';
import { ldifLine } from './ldif.js';
import { createTestOu, sambaDc, startSambaDc, type SambaInstance, type TestOu } from './samba.js';

const SAMBA_START_MS = 180_000;

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>, ca?: Buffer): Promise<T> {
  const client = new Client({ url, connectTimeout: 3000, timeout: 10_000, tlsOptions: ca ? { ca: [ca] } : undefined });
  try {
    return await fn(client);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

describe('prepareAdFixtureLdif', () => {
  const target = { ouDn: 'OU=t 1a2b,DC=acme,DC=test', tag: '1a2b', baseDn: 'DC=acme,DC=test', realm: 'ACME.TEST' };
  const ldif = [
    `dn: ${FIXTURE_BASE}`,
    'objectClass: organizationalUnit',
    '',
    `dn: CN=G1,${FIXTURE_BASE}`,
    'objectClass: group',
    'sAMAccountName: G1',
    `member: CN=G2,${FIXTURE_BASE}`,
    'member: CN=S-1-5-21-1-2-3-1105,CN=ForeignSecurityPrincipals,DC=acme,DC=test',
    '',
    `dn: CN=G2,${FIXTURE_BASE}`,
    'objectClass: group',
    'sAMAccountName: G2',
    `member: CN=G1,${FIXTURE_BASE}`,
    '',
    `dn: CN=U,${FIXTURE_BASE}`,
    'objectClass: user',
    'sAMAccountName: u',
    'userPrincipalName: u@acme.test',
    'userAccountControl: 512',
    '',
    `dn: CN=V,${FIXTURE_BASE}`,
    'objectClass: user',
    'userAccountControl: 544',
    '',
  ].join('\n');
  const out = prepareAdFixtureLdif(ldif, target);
  const records = out.trim().split('\n\n');

  it('drops the root OU, moves entries into the test OU and prefixes unique names with its tag', () => {
    expect(records[0]).toMatch(/^dn: CN=G1,OU=t 1a2b,DC=acme,DC=test\n/);
    expect(out).not.toContain(FIXTURE_BASE);
    expect(out).toContain('sAMAccountName: 1a2b-G1');
    expect(out).toContain('userPrincipalName: 1a2b-u@acme.test');
  });

  it('adds a member that names an entry further down once that entry exists, and foreign principals by SID', () => {
    expect(records[0]).not.toContain('member: CN=G2');
    // Base64: a value may not start with "<" in LDIF (RFC 2849).
    expect(records[0]).toContain(ldifLine('member', '<SID=S-1-5-21-1-2-3-1105>'));
    expect(records[1]).toContain('member: CN=G1,OU=t 1a2b,DC=acme,DC=test');
    expect(records.at(-1)).toBe('dn: CN=G1,OU=t 1a2b,DC=acme,DC=test\nchangetype: modify\nadd: member\nmember: CN=G2,OU=t 1a2b,DC=acme,DC=test\n-');
  });

  it('gives a password to the accounts whose userAccountControl needs one, not to those that need none', () => {
    expect(records[2]).toMatch(/^unicodePwd:: /m);
    expect(records[3]).not.toMatch(/unicodePwd/);
  });
});

describe('sambaDc (shared)', () => {
  let dc: SambaInstance;
  let ou: TestOu;

  beforeAll(async () => {
    dc = await sambaDc();
    ou = await createTestOu('harness', dc);
  }, SAMBA_START_MS);
  afterAll(async () => {
    await ou?.remove();
  });

  it('is an AD domain controller for ACME.TEST on its own loopback address', async () => {
    expect(dc.url).toMatch(/^ldap:\/\/127\.0\.0\.\d+:389$/);
    expect(dc.url).not.toBe('ldap://127.0.0.1:389');
    expect(dc.baseDn).toBe('DC=acme,DC=test');
    expect(dc.realm).toBe('ACME.TEST');
    expect(dc.shared).toBe(true);
    const rootDse = await dc.ldapTool('ldapsearch', ['-LLL', '-s', 'base', '-b', '', 'defaultNamingContext', 'dnsHostName', 'supportedCapabilities']);
    expect(rootDse).toContain('defaultNamingContext: DC=acme,DC=test');
    expect(rootDse.toLowerCase()).toContain('dnshostname: dc1.acme.test');
    // LDAP_CAP_ACTIVE_DIRECTORY_OID: the server says it is AD.
    expect(rootDse).toContain('supportedCapabilities: 1.2.840.113556.1.4.800');
  });

  it('is the same DC for every caller of the run', async () => {
    const again = await sambaDc();
    expect(again.url).toBe(dc.url);
    expect(again.dataDir).toBe(dc.dataDir);
  });

  it('loads LDIF into a test OU and sets a password over LDAPS so the user can bind', async () => {
    const user = `CN=Harness User,${ou.dn}`;
    await dc.addLdif(`dn: ${user}\nobjectClass: user\nsAMAccountName: ${ou.tag}-harness\n`);
    await dc.setPassword(user, 'Harness-Pw-2024!');
    await dc.modifyLdif(`dn: ${user}\nchangetype: modify\nreplace: userAccountControl\nuserAccountControl: 512\n-\n`);
    await withClient(dc.url, (c) => c.bind(user, 'Harness-Pw-2024!'));
    await expect(withClient(dc.url, (c) => c.bind(user, 'wrong'))).rejects.toBeInstanceOf(InvalidCredentialsError);
  });

  it('serves LDAPS and StartTLS with a certificate its caFile verifies, and nothing trusts it without', async () => {
    expect(existsSync(dc.caFile)).toBe(true);
    const { readFileSync } = await import('node:fs');
    const ca = readFileSync(dc.caFile);
    await withClient(dc.ldapsUrl, (c) => c.bind(dc.adminDn, dc.adminPassword), ca);
    await withClient(dc.url, async (c) => {
      await c.startTLS({ ca: [ca], host: dc.host });
      await c.bind(dc.adminDn, dc.adminPassword);
    });
    await expect(withClient(dc.ldapsUrl, (c) => c.bind(dc.adminDn, dc.adminPassword))).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
  });

  it('reports the tool error of a bad LDIF', async () => {
    await expect(dc.addLdif(`dn: CN=Nobody,OU=Missing Parent,${ou.dn}\nobjectClass: user\n`)).rejects.toThrow(/ldapmodify exited.*No such object/s);
  });

  it('removes a test OU with everything under it', async () => {
    const other = await createTestOu('to remove', dc);
    await dc.addLdif(`dn: CN=Leaf,${other.dn}\nobjectClass: user\nsAMAccountName: ${other.tag}-leaf\n`);
    await other.remove();
    const out = await dc.ldapTool('ldapsearch', ['-LLL', '-b', dc.baseDn, `(ou=to remove ${other.tag})`, 'dn']);
    // Only the reference to the Configuration partition that every subtree search from the root returns.
    expect(out.split('\n').filter((l) => l.startsWith('dn:'))).toEqual([]);
    expect(out).toMatch(/^# refldap:/m);
  });
});

describe('startSambaDc (private)', () => {
  let dc: SambaInstance;

  beforeAll(async () => {
    dc = await startSambaDc();
  }, SAMBA_START_MS);
  afterAll(async () => {
    await dc?.stop();
  });

  it('gets another address than the shared DC', async () => {
    const shared = await sambaDc();
    expect(dc.shared).toBe(false);
    expect(dc.host).not.toBe(shared.host);
  });

  it('keeps its data across kill and restart, and stop removes it', async () => {
    await dc.addLdif(`dn: OU=Kept,${dc.baseDn}\nobjectClass: organizationalUnit\n`);
    await dc.kill();
    await expect(withClient(dc.url, (c) => c.bind(dc.adminDn, dc.adminPassword))).rejects.toThrow();
    await dc.restart();
    const out = await dc.ldapTool('ldapsearch', ['-LLL', '-b', `OU=Kept,${dc.baseDn}`, '-s', 'base', 'dn']);
    expect(out).toContain(`dn: OU=Kept,${dc.baseDn}`);
    await dc.stop();
    expect(existsSync(dc.dataDir)).toBe(false);
  }, 60_000);
});
