/**
 * The directory library against a real Active Directory: DefaultDirectoryReader (kind 'ad') reading a Samba 4
 * AD DC loaded with the AD fixtures. Decoded values are cross-checked with the server itself wherever AD can
 * answer the same question another way (<GUID=...> and <SID=...> lookups, the in-chain matching rule).
 */
import { readFileSync } from 'node:fs';
import {
  DefaultDirectoryReader,
  DirectoryAuthError,
  DirectoryTlsError,
  type DirectoryEntry,
  type LdapDirectorySource,
  filetimeToDate,
  firstBuffer,
  firstString,
  generalizedTimeToDate,
  groupTypeOf,
  guidToString,
  hasFlag,
  hasObjectClass,
  normalizeDn,
  ridOfSid,
  sidToString,
  stringValues,
  UserAccountControl,
} from '#vigie/directory';
import { Client } from 'ldapts';
import {
  adFixturePath,
  adGroupLdif,
  adUsersLdif,
  bulkLoad,
  FIXTURE_BASE,
  FIXTURE_PASSWORD,
  generatedUserDn,
  loadAdFixture,
  rebaseFixtureDn,
  type LoadedFixture,
} from '../support/ad-fixtures.js';
import { parseLdif } from '../support/ldif.js';
import { createTestOu, sambaDc, startSambaDc, type SambaInstance, type TestOu } from '../support/samba.js';

const SAMBA_START_MS = 180_000;
const FSP_SID = 'S-1-5-21-1111111111-2222222222-3333333333-1105';

async function readAll(source: LdapDirectorySource): Promise<DirectoryEntry[]> {
  const entries: DirectoryEntry[] = [];
  for await (const entry of new DefaultDirectoryReader().read(source)) entries.push(entry);
  return entries;
}

/** The DNs a search answers, asked with OpenLDAP's ldapsearch (the server's view, not the library's). */
async function serverDns(dc: SambaInstance, base: string, filter = '(objectClass=*)', scope = 'sub'): Promise<string[]> {
  const out = await dc.ldapTool('ldapsearch', ['-LLL', '-o', 'ldif-wrap=no', '-s', scope, '-b', base, filter, '1.1']);
  return out
    .split('\n')
    .filter((line) => line.startsWith('dn:'))
    .map((line) => (line.startsWith('dn:: ') ? Buffer.from(line.slice(5), 'base64').toString('utf8') : line.slice(4)));
}

describe('DefaultDirectoryReader on a real Samba AD DC (kind ad)', () => {
  let dc: SambaInstance;
  let ou: TestOu;
  let fx: LoadedFixture;
  let loadedAt: Date;
  let entries: DirectoryEntry[];
  const byDn = new Map<string, DirectoryEntry>();
  const entry = (fixtureDn: string): DirectoryEntry => {
    const found = byDn.get(normalizeDn(fx.dn(fixtureDn)));
    if (!found) throw new Error(`${fixtureDn} was not read`);
    return found;
  };
  const staff = (cn: string) => entry(`CN=${cn},OU=Staff,${FIXTURE_BASE}`);
  const group = (cn: string) => entry(`CN=${cn},OU=Groups,${FIXTURE_BASE}`);
  const source = (overrides: Partial<LdapDirectorySource> = {}): LdapDirectorySource => ({
    kind: 'ad',
    name: 'samba',
    url: dc.url,
    baseDn: ou.dn,
    bindDn: dc.adminDn,
    bindPassword: dc.adminPassword,
    ...overrides,
  });

  beforeAll(async () => {
    dc = await sambaDc();
    ou = await createTestOu('samba-read', dc);
    loadedAt = new Date(Date.now() - 2000);
    fx = await loadAdFixture(ou, 'ad-company', 'ad-resources');
    entries = await readAll(source());
    for (const e of entries) byDn.set(normalizeDn(e.dn), e);
  }, SAMBA_START_MS);
  afterAll(async () => {
    await ou?.remove();
  });

  it('reads every object of the fixtures, and only those, whatever their kind', async () => {
    const expected = ['ad-company', 'ad-resources']
      .flatMap((name) => parseLdif(readFileSync(adFixturePath(name), 'utf8')))
      .map((r) => normalizeDn(rebaseFixtureDn(r.dn, { ouDn: ou.dn, baseDn: dc.baseDn })));
    expect([...byDn.keys()].sort()).toEqual([...new Set(expected)].sort());
    const count = (objectClass: string) => entries.filter((e) => hasObjectClass(e, objectClass)).length;
    expect(count('organizationalUnit')).toBe(6);
    expect(count('computer')).toBe(3);
    expect(count('user') - count('computer')).toBe(11);
    expect(count('group')).toBe(10);
    expect(count('printQueue')).toBe(1);
    expect(count('volume')).toBe(2);
    // The server agrees on the count: nothing skipped by the library's filter that the fixtures hold.
    expect((await serverDns(dc, ou.dn)).length).toBe(entries.length);
  });

  it('gives objectGUID and objectSid as Buffers that decode to what the DC finds them by', async () => {
    const alice = staff('Alice Martin');
    const guid = firstBuffer(alice, 'objectGUID');
    const sid = firstBuffer(alice, 'objectSid');
    expect(Buffer.isBuffer(guid)).toBe(true);
    expect(Buffer.isBuffer(sid)).toBe(true);
    expect(alice.attributes.objectguid?.every((v) => Buffer.isBuffer(v))).toBe(true);
    const guidText = guidToString(guid!);
    const sidText = sidToString(sid!);
    expect(guidText).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(sidText).toMatch(/^S-1-5-21-\d+-\d+-\d+-\d+$/);
    // AD resolves <GUID=...> and <SID=...> as a base DN: the decoded text must name the same object.
    expect(await serverDns(dc, `<GUID=${guidText}>`, '(objectClass=*)', 'base')).toEqual([alice.dn]);
    expect(await serverDns(dc, `<SID=${sidText}>`, '(objectClass=*)', 'base')).toEqual([alice.dn]);
    // Every security principal has a SID of this domain with a RID from the DC's pool; OUs have none.
    const rawDomainSid = /^objectSid:: (.+)$/m.exec(await dc.ldapTool('ldapsearch', ['-LLL', '-s', 'base', '-b', dc.baseDn, 'objectSid']))![1];
    const domainSid = sidToString(Buffer.from(rawDomainSid, 'base64'));
    for (const e of entries.filter((x) => hasObjectClass(x, 'user') || hasObjectClass(x, 'group'))) {
      const s = sidToString(firstBuffer(e, 'objectSid')!);
      expect(s.startsWith(`${domainSid}-`)).toBe(true);
      expect(ridOfSid(s)).toBeGreaterThanOrEqual(1000);
    }
    expect(firstBuffer(entry(`OU=Staff,${FIXTURE_BASE}`), 'objectSid')).toBeUndefined();
  });

  it('decodes FILETIME attributes: pwdLastSet, accountExpires (0 and 0x7FFFFFFFFFFFFFFF are never)', () => {
    const pwdLastSet = filetimeToDate(firstString(staff('Alice Martin'), 'pwdLastSet')!);
    expect(pwdLastSet!.getTime()).toBeGreaterThanOrEqual(loadedAt.getTime());
    expect(pwdLastSet!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    // No password yet, and "must change at next logon": both 0.
    expect(firstString(staff('Nouvel Arrivant'), 'pwdLastSet')).toBe('0');
    expect(firstString(staff('Marc Lenoir'), 'pwdLastSet')).toBe('0');
    expect(filetimeToDate('0')).toBeNull();

    expect(firstString(staff('Alice Martin'), 'accountExpires')).toBe('9223372036854775807');
    expect(filetimeToDate(firstString(staff('Alice Martin'), 'accountExpires')!)).toBeNull();
    expect(firstString(staff('svc-legacy'), 'accountExpires')).toBe('0');
    expect(filetimeToDate(firstString(staff('svc-legacy'), 'accountExpires')!)).toBeNull();
    expect(filetimeToDate(firstString(staff('Paul Interim'), 'accountExpires')!)?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(filetimeToDate(firstString(staff('Old Contractor'), 'accountExpires')!)?.toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });

  it('decodes whenCreated and whenChanged (GeneralizedTime)', () => {
    for (const e of entries) {
      const created = generalizedTimeToDate(firstString(e, 'whenCreated')!);
      const changed = generalizedTimeToDate(firstString(e, 'whenChanged')!);
      // GeneralizedTime here has whole seconds.
      expect(created!.getTime()).toBeGreaterThanOrEqual(Math.floor(loadedAt.getTime() / 1000) * 1000);
      expect(created!.getTime()).toBeLessThanOrEqual(Date.now());
      expect(changed!.getTime()).toBeGreaterThanOrEqual(created!.getTime());
    }
  });

  it('reads userAccountControl as AD sets it: 546 for a user created without password, 514 disabled', () => {
    const uac = (e: DirectoryEntry) => Number(firstString(e, 'userAccountControl'));
    expect(uac(staff('Nouvel Arrivant'))).toBe(546);
    expect(uac(staff('Claire Petit'))).toBe(514);
    expect(uac(staff('Alice Martin'))).toBe(512);
    expect(uac(staff('Bruno Durand'))).toBe(66048);
    expect(uac(staff('svc-backup'))).toBe(66080);
    expect(uac(staff('svc-legacy'))).toBe(4194816);
    const computer = (cn: string) => entry(`CN=${cn},OU=Computers,${FIXTURE_BASE}`);
    expect(uac(computer('WS-COMPTA-01'))).toBe(4096);
    expect(uac(computer('SRV-FILES'))).toBe(528384);
    expect(uac(computer('WS-OLD-XP'))).toBe(4098);

    const flags = (cn: string) => firstString(staff(cn), 'userAccountControl')!;
    expect(hasFlag(flags('Nouvel Arrivant'), UserAccountControl.ACCOUNTDISABLE)).toBe(true);
    expect(hasFlag(flags('Nouvel Arrivant'), UserAccountControl.PASSWD_NOTREQD)).toBe(true);
    expect(hasFlag(flags('Claire Petit'), UserAccountControl.ACCOUNTDISABLE)).toBe(true);
    expect(hasFlag(flags('Alice Martin'), UserAccountControl.ACCOUNTDISABLE)).toBe(false);
    expect(hasFlag(flags('Bruno Durand'), UserAccountControl.DONT_EXPIRE_PASSWORD)).toBe(true);
    expect(hasFlag(flags('svc-legacy'), UserAccountControl.DONT_REQ_PREAUTH)).toBe(true);
    expect(hasFlag(firstString(computer('SRV-FILES'), 'userAccountControl')!, UserAccountControl.TRUSTED_FOR_DELEGATION)).toBe(true);
    expect(firstString(computer('WS-COMPTA-01'), 'operatingSystem')).toBe('Windows 10 Enterprise');
    expect(firstString(computer('WS-OLD-XP'), 'operatingSystemVersion')).toBe('5.1 (2600)');
  });

  it('gives primaryGroupID 513, whose group (Domain Users) does not list the user in member', async () => {
    const alice = staff('Alice Martin');
    expect(firstString(alice, 'primaryGroupID')).toBe('513');
    const [domainUsers] = await readAll(source({ baseDn: `CN=Domain Users,CN=Users,${dc.baseDn}` }));
    expect(ridOfSid(firstBuffer(domainUsers!, 'objectSid')!)).toBe(513);
    const members = stringValues(domainUsers!, 'member').map(normalizeDn);
    expect(members).not.toContain(normalizeDn(alice.dn));
    expect(stringValues(alice, 'memberOf').map(normalizeDn)).not.toContain(normalizeDn(domainUsers!.dn));
    // Not even the DC's in-chain rule sees it: whoever computes effective membership must add primary groups.
    const viaServer = await serverDns(dc, ou.dn, `(memberOf:1.2.840.113556.1.4.1941:=${domainUsers!.dn})`);
    expect(viaServer.map(normalizeDn)).not.toContain(normalizeDn(alice.dn));
  });

  it('decodes groupType into security/distribution and global/domain-local/universal', () => {
    const kind = (cn: string) => groupTypeOf(firstString(group(cn), 'groupType')!);
    expect(kind('GG-Compta')).toEqual({ security: true, scope: 'global' });
    expect(kind('DL-Share-Compta-RW')).toEqual({ security: true, scope: 'domain-local' });
    expect(kind('UG-All-Staff')).toEqual({ security: true, scope: 'universal' });
    expect(kind('GD-Newsletter')).toEqual({ security: false, scope: 'global' });
    expect(kind('DLD-Partners')).toEqual({ security: false, scope: 'domain-local' });
    expect(kind('UD-Announcements')).toEqual({ security: false, scope: 'universal' });
  });

  it('reads nested groups and a cycle with the same transitive members the DC computes', async () => {
    const members = new Map(entries.filter((e) => hasObjectClass(e, 'group')).map((g) => [normalizeDn(g.dn), stringValues(g, 'member').map(normalizeDn)]));
    const closure = (root: string): Set<string> => {
      const seen = new Set<string>();
      const queue = [normalizeDn(root)];
      while (queue.length > 0) {
        for (const m of members.get(queue.shift()!) ?? []) {
          if (!seen.has(m)) {
            seen.add(m);
            queue.push(m);
          }
        }
      }
      return seen;
    };
    for (const cn of ['GG-Cycle-A', 'UG-All-Staff', 'UD-Announcements', 'DL-Share-Compta-RW']) {
      const dn = group(cn).dn;
      const fromServer = await serverDns(dc, dc.baseDn, `(memberOf:1.2.840.113556.1.4.1941:=${dn})`);
      expect([...closure(dn)].sort()).toEqual(fromServer.map(normalizeDn).sort());
    }
    // The cycle: A > B > C > A, and Marc in C is reached from A.
    const cycleA = closure(group('GG-Cycle-A').dn);
    expect(cycleA.has(normalizeDn(group('GG-Cycle-A').dn))).toBe(true);
    expect(cycleA.has(normalizeDn(staff('Marc Lenoir').dn))).toBe(true);
  });

  it('reads a foreign security principal added by SID into a domain-local group', async () => {
    const dl = group('DL-Share-Compta-RW');
    const fspDn = stringValues(dl, 'member').find((m) => /ForeignSecurityPrincipals/i.test(m));
    expect(fspDn && normalizeDn(fspDn)).toBe(normalizeDn(`CN=${FSP_SID},CN=ForeignSecurityPrincipals,${dc.baseDn}`));
    const [fsp] = await readAll(source({ baseDn: fspDn! }));
    expect(hasObjectClass(fsp!, 'foreignSecurityPrincipal')).toBe(true);
    expect(sidToString(firstBuffer(fsp!, 'objectSid')!)).toBe(FSP_SID);
  });

  it('keeps an escaped comma and accents in DNs and values, and member values match the DNs read', () => {
    const jean = staff('Dupont\\, Jean');
    expect(firstString(jean, 'cn')).toBe('Dupont, Jean');
    expect(jean.dn).toMatch(/^CN=Dupont\\, Jean,OU=Staff,/);
    const helene = entry(`CN=Hélène Lefèvre,OU=Comptabilité,${FIXTURE_BASE}`);
    expect(firstString(helene, 'cn')).toBe('Hélène Lefèvre');
    expect(firstString(helene, 'department')).toBe('Comptabilité');
    expect(firstString(entry(`OU=Comptabilité,${FIXTURE_BASE}`), 'description')).toBe('Service comptabilité, 2e étage');
    const compta = stringValues(group('GG-Compta'), 'member').map(normalizeDn).sort();
    expect(compta).toEqual([normalizeDn(jean.dn), normalizeDn(helene.dn)].sort());
    expect(normalizeDn(firstString(staff('Alice Martin'), 'manager')!)).toBe(normalizeDn(staff('Bruno Durand').dn));
  });

  it('reads published printers and shares with their UNC paths', () => {
    const printer = entry(`CN=PRN-COMPTA-01,OU=Resources,${FIXTURE_BASE}`);
    expect(hasObjectClass(printer, 'printQueue')).toBe(true);
    expect(firstString(printer, 'uNCName')).toBe('\\\\SRV-FILES\\PRN-COMPTA-01');
    expect(firstString(printer, 'serverName')).toBe('srv-files.acme.test');
    expect(firstString(printer, 'location')).toBe('Bâtiment A, 2e étage');
    const share = entry(`CN=Compta,OU=Resources,${FIXTURE_BASE}`);
    expect(hasObjectClass(share, 'volume')).toBe(true);
    expect(firstString(share, 'uNCName')).toBe('\\\\SRV-FILES\\Compta');
    expect(normalizeDn(firstString(share, 'managedBy')!)).toBe(normalizeDn(group('GG-Compta').dn));
  });

  it('reads the whole domain from its root although the DC answers with a reference to the Configuration partition', async () => {
    const raw = await dc.ldapTool('ldapsearch', ['-o', 'ldif-wrap=no', '-b', dc.baseDn, '(objectClass=organizationalUnit)', '1.1']);
    expect(raw).toMatch(new RegExp(`^ref: ldap://[^/]+/CN=Configuration,${dc.baseDn}$`, 'mi'));
    const all = await readAll(source({ baseDn: dc.baseDn, pageSize: 200 }));
    const dns = new Set(all.map((e) => normalizeDn(e.dn)));
    expect(dns.has(normalizeDn(`CN=Administrator,CN=Users,${dc.baseDn}`))).toBe(true);
    expect(dns.has(normalizeDn(`CN=Domain Admins,CN=Users,${dc.baseDn}`))).toBe(true);
    expect(dns.has(normalizeDn(`OU=Domain Controllers,${dc.baseDn}`))).toBe(true);
    for (const e of entries) expect(dns.has(normalizeDn(e.dn))).toBe(true);
    expect(all.some((e) => /CN=Configuration,/i.test(e.dn))).toBe(false);
  });

  it('sees lastLogonTimestamp only after the user has bound once', async () => {
    const aliceDn = staff('Alice Martin').dn;
    expect(firstString(staff('Alice Martin'), 'lastLogonTimestamp')).toBeUndefined();
    const before = Date.now() - 2000;
    const client = new Client({ url: dc.url });
    try {
      await client.bind(aliceDn, FIXTURE_PASSWORD);
    } finally {
      await client.unbind();
    }
    const [alice] = await readAll(source({ baseDn: aliceDn }));
    const lastLogon = filetimeToDate(firstString(alice!, 'lastLogonTimestamp')!);
    expect(lastLogon!.getTime()).toBeGreaterThanOrEqual(before);
    expect(lastLogon!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('sets unicodePwd over LDAPS, after which a user created without password can be enabled and bind', async () => {
    const dn = staff('Nouvel Arrivant').dn;
    await dc.setPassword(dn, 'Arrivant-Pw-2024!');
    await dc.modifyLdif(`dn: ${dn}\nchangetype: modify\nreplace: userAccountControl\nuserAccountControl: 512\n-\n`);
    const [user] = await readAll(source({ baseDn: dn, url: dc.ldapsUrl, caFile: dc.caFile, bindDn: dn, bindPassword: 'Arrivant-Pw-2024!' }));
    expect(firstString(user!, 'userAccountControl')).toBe('512');
    expect(filetimeToDate(firstString(user!, 'pwdLastSet')!)).not.toBeNull();
    expect(filetimeToDate(firstString(user!, 'lastLogonTimestamp')!)).not.toBeNull();
  });

  it("reports a wrong password as DirectoryAuthError with AD's reason", async () => {
    const error = await readAll(source({ bindPassword: 'not-the-password' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DirectoryAuthError);
    expect((error as Error).message).toMatch(/invalid credentials/i);
    expect((error as Error).message).not.toContain('not-the-password');
    const unknown = await readAll(source({ bindDn: `CN=Nobody,${ou.dn}` })).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(DirectoryAuthError);
  });

  it('pages through the DC whatever the page size', async () => {
    const small = await readAll(source({ pageSize: 7 }));
    expect(small.map((e) => normalizeDn(e.dn)).sort()).toEqual(entries.map((e) => normalizeDn(e.dn)).sort());
  });

  it('reads over LDAPS and StartTLS with the CA file, and refuses both without it (DirectoryTlsError)', async () => {
    const overLdaps = await readAll(source({ url: dc.ldapsUrl, caFile: dc.caFile }));
    expect(overLdaps.length).toBe(entries.length);
    const overStartTls = await readAll(source({ startTls: true, caFile: dc.caFile }));
    expect(overStartTls.length).toBe(entries.length);
    await expect(readAll(source({ url: dc.ldapsUrl }))).rejects.toBeInstanceOf(DirectoryTlsError);
    await expect(readAll(source({ startTls: true }))).rejects.toBeInstanceOf(DirectoryTlsError);
  });
});

describe('DefaultDirectoryReader on a Samba AD DC with 3000 users in one group', () => {
  // A private DC: 3000 users are quick to add (bulk LDIF) but slow to delete, and other tests read the shared one.
  let dc: SambaInstance;
  const USERS = 3000;
  let parent: string;
  let bigGroup: string;

  beforeAll(async () => {
    dc = await startSambaDc();
    parent = `OU=Bulk,${dc.baseDn}`;
    bigGroup = `CN=GG-Everyone,${parent}`;
    await dc.addLdif(`dn: ${parent}\nobjectClass: organizationalUnit\n`);
    await bulkLoad(dc, adUsersLdif(parent, USERS, { prefix: 'bulk' }));
    const members = Array.from({ length: USERS }, (_, i) => generatedUserDn(parent, i, 'bulk'));
    await bulkLoad(dc, adGroupLdif(bigGroup, { sAMAccountName: 'GG-Everyone', members }));
  }, SAMBA_START_MS);
  afterAll(async () => {
    await dc?.stop();
  });

  it('reads every member of a group over 1500 members (Samba sends plain member, no ranges)', async () => {
    const source: LdapDirectorySource = { kind: 'ad', name: 'bulk', url: dc.url, baseDn: parent, bindDn: dc.adminDn, bindPassword: dc.adminPassword };
    const all = await readAll(source);
    expect(all.filter((e) => hasObjectClass(e, 'user'))).toHaveLength(USERS);
    const group = all.find((e) => normalizeDn(e.dn) === normalizeDn(bigGroup))!;
    expect(Object.keys(group.attributes).filter((name) => name.startsWith('member;'))).toEqual([]);
    const members = stringValues(group, 'member').map(normalizeDn);
    expect(members).toHaveLength(USERS);
    expect(new Set(members)).toEqual(new Set(Array.from({ length: USERS }, (_, i) => normalizeDn(generatedUserDn(parent, i, 'bulk')))));
    // The users' memberOf back-links are not asked for: they repeat the group's member values.
    const user = all.find((e) => normalizeDn(e.dn) === normalizeDn(generatedUserDn(parent, 1234, 'bulk')))!;
    expect(stringValues(user, 'sAMAccountName')).toHaveLength(1);
    expect(user.attributes.memberof).toBeUndefined();
  });
});
