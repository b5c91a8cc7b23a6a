import type { Vigie } from '#vigie/application';
import { readFileSync } from 'node:fs';
import { type Memberships, membershipsOf } from '#vigie/access';
import { type LdapDirectorySource, normalizeDn } from '#vigie/directory';
import { type AccountRecord, type DirectorySnapshot, DuplicateObjectError, type GroupRecord, SyncService } from '#vigie/identity';
import { type ClosableSqlClient, PgSnapshotStore, PgSyncRunStore } from '#vigie/persistence';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testVigie } from '../support/vigie.js';
import { type SlapdInstance, startSlapd } from '../support/slapd.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** 3000 people and one group of them all: past AD's 1500-value range, one entry. */
function bigGroupLdif(members: number): string {
  const people = Array.from(
    { length: members },
    (_, i) => `dn: uid=m${i},ou=crowd,dc=acme,dc=test\nobjectClass: inetOrgPerson\nuid: m${i}\ncn: M ${i}\nsn: M\n`,
  );
  const group = `dn: cn=everyone,dc=acme,dc=test\nobjectClass: groupOfNames\ncn: everyone\n${people.map((_, i) => `member: uid=m${i},ou=crowd,dc=acme,dc=test`).join('\n')}\n`;
  return ['dn: ou=crowd,dc=acme,dc=test\nobjectClass: organizationalUnit\nou: crowd\n', ...people, group].join('\n');
}

describe('every object kind and decoding rule, from a real slapd and an AD export into a real PostgreSQL', () => {
  let slapd: SlapdInstance;
  let crowd: SlapdInstance;
  let db: TestDatabase;
  let vigie: Vigie;
  let sql: ClosableSqlClient;
  let sync: SyncService;
  let snapshots: PgSnapshotStore;
  let runs: PgSyncRunStore;
  const load = async (name: string): Promise<DirectorySnapshot> => (await snapshots.load([name]))[0]!;
  const ldapSource = (instance: SlapdInstance, name: string): LdapDirectorySource => ({
    kind: 'ldap',
    name,
    url: instance.url,
    baseDn: instance.suffix,
    bindDn: instance.rootDn,
    bindPassword: instance.rootPassword,
    pageSize: 500,
  });

  beforeAll(async () => {
    [slapd, crowd, db] = await Promise.all([
      startSlapd({ ldif: readFileSync(fixture('ldif/ok/openldap-every-kind.ldif'), 'utf8') }),
      startSlapd({ ldif: bigGroupLdif(3000) }),
      createTestDatabase(),
    ]);
    vigie = testVigie({ url: db.url });
    sql = await vigie.dependencies.database();
    snapshots = new PgSnapshotStore(sql);
    runs = new PgSyncRunStore(sql);
    sync = await vigie.dependencies.syncService();
  });

  afterAll(async () => {
    await vigie?.close();
    await Promise.all([slapd?.stop(), crowd?.stop(), db?.drop()]);
  });

  describe('OpenLDAP', () => {
    let snap: DirectorySnapshot;
    const has = (group: string, member: string) => snap.memberships.some((m) => m.groupDnNorm === normalizeDn(group) && m.memberDnNorm === normalizeDn(member));

    beforeAll(async () => {
      const result = await sync.sync(ldapSource(slapd, 'ldap-kinds'));
      expect(result.stats).toMatchObject({ accounts: 4, groups: 5, objects: 3 });
      // uid=partner (another directory) and memberUid nobody-here name no entry here.
      expect(result.stats.unresolvedMembers).toBe(2);
      snap = await load('ldap-kinds');
    });

    it('takes entryUUID as identity and reads ppolicy state and UTF-8 names', () => {
      const helene = snap.accounts.find((a) => a.login === 'hlefevre')!;
      expect(helene).toMatchObject({ dn: 'uid=hlefevre,ou=Comptabilité,ou=people,dc=acme,dc=test', displayName: 'Hélène Lefèvre', enabled: true });
      expect(helene.objectGuid).toMatch(UUID);
      expect(helene.pwdLastSet).toEqual(new Date('2024-01-01T00:00:00Z'));
      expect(helene.lastLogon).toEqual(new Date('2025-06-01T08:00:00Z'));
      expect(helene.whenChanged).toBeInstanceOf(Date);
      // slapd gives the DN back in its own spelling (\2C); the normalized form is the same.
      expect(snap.accounts.find((a) => a.login === 'pmartin')).toMatchObject({
        enabled: false,
        dnNorm: normalizeDn('cn=Martin\\, Paul,ou=people,dc=acme,dc=test'),
      });
      expect(new Set(snap.accounts.map((a) => a.objectGuid)).size).toBe(4);
    });

    it('keeps the OUs, the accented one included', () => {
      expect(snap.objects.map((o) => `${o.kind} ${o.name}`).sort()).toEqual([
        'organizational-unit Comptabilité',
        'organizational-unit groups',
        'organizational-unit people',
      ]);
    });

    it('resolves members spelled differently, escaped, multi-valued RDNs, uniqueMember, memberUid and a cycle', () => {
      expect(has('cn=finance,ou=groups,dc=acme,dc=test', 'uid=hlefevre,ou=Comptabilité,ou=people,dc=acme,dc=test')).toBe(true);
      expect(has('cn=finance,ou=groups,dc=acme,dc=test', 'cn=Martin\\, Paul,ou=people,dc=acme,dc=test')).toBe(true);
      expect(has('cn=project-b,ou=groups,dc=acme,dc=test', 'cn=O\\+Brien Sean,ou=people,dc=acme,dc=test')).toBe(true);
      expect(has('cn=project-b,ou=groups,dc=acme,dc=test', 'cn=Jean Dupont+employeeNumber=E3004,ou=people,dc=acme,dc=test')).toBe(true);
      expect(has('cn=auditors,ou=groups,dc=acme,dc=test', 'cn=Martin\\, Paul,ou=people,dc=acme,dc=test')).toBe(true);
      expect(has('cn=staff,ou=groups,dc=acme,dc=test', 'uid=hlefevre,ou=Comptabilité,ou=people,dc=acme,dc=test')).toBe(true);
      // A member in another directory is kept: it is still a member.
      expect(has('cn=project-b,ou=groups,dc=acme,dc=test', 'uid=partner,ou=people,dc=partner,dc=example')).toBe(true);

      const memberships = membershipsOf(snap);
      const obrien = snap.accounts.find((a) => a.login === 'sobrien')!;
      const groups = reachedGroups(memberships, obrien)
        .map((r) => `${r.group.name} (${r.how})`)
        .sort();
      expect(groups).toEqual(['finance (nested)', 'project-a (nested)', 'project-b (direct)']);
    });

    it('stores a group of 3000 members whole', async () => {
      const result = await sync.sync(ldapSource(crowd, 'crowd'));
      expect(result.stats).toMatchObject({ accounts: 3000, groups: 1, memberships: 3000, unresolvedMembers: 0 });
      const everyone = (await load('crowd')).memberships.filter((m) => m.groupDnNorm === 'cn=everyone,dc=acme,dc=test');
      expect(new Set(everyone.map((m) => m.memberDnNorm)).size).toBe(3000);
    });
  });

  describe('an Active Directory export (ldifde)', () => {
    let snap: DirectorySnapshot;

    beforeAll(async () => {
      const result = await sync.sync({ kind: 'ldif', name: 'ad-export', file: fixture('ldif/ok/ad-every-kind.ldif') });
      expect(result.stats).toMatchObject({ accounts: 4, groups: 6, objects: 6, skipped: 1, unresolvedMembers: 0 });
      snap = await load('ad-export');
    });

    it('decodes GUIDs, SIDs, FILETIMEs and what the hygiene rules read', () => {
      const jean = snap.accounts.find((a) => a.login === 'jdupont')!;
      expect(jean).toMatchObject({
        dn: 'CN=Jean Dupont,OU=Comptabilit\\C3\\A9,DC=acme,DC=test',
        dnNorm: 'cn=jean dupont,ou=comptabilité,dc=acme,dc=test',
        objectGuid: '6a1d2c3b-0000-4000-8000-000000000010',
        objectSid: 'S-1-5-21-1004336348-1177238915-682003330-1105',
        userAccountControl: 66048,
        adminCount: 1,
        servicePrincipalNames: ['MSSQLSvc/sql01.acme.test:1433'],
        sidHistory: ['S-1-5-21-9-9-9-1105'],
        supportedEncryptionTypes: 3,
        accountExpires: null,
        primaryGroupId: 513,
        employeeId: 'E1042',
      });
      expect(jean.pwdLastSet).toEqual(new Date('2024-01-15T10:30:00.000Z'));
      expect(jean.lastLogon).toEqual(new Date('2024-01-17T21:20:00.000Z'));
      expect(snap.accounts.find((a) => a.login === 'pmartin')).toMatchObject({ enabled: false, pwdLastSet: null, accountExpires: null });
      expect(snap.accounts.find((a) => a.login === 'PC042$')).toMatchObject({
        kind: 'computer',
        operatingSystem: 'Windows Server 2008 R2 Standard',
        operatingSystemVersion: '6.1 (7601)',
        dnsHostName: 'pc042.acme.test',
        servicePrincipalNames: ['HOST/PC042', 'HOST/pc042.acme.test'],
        lapsPasswordExpires: new Date('2024-05-12T15:06:40.000Z'),
        primaryGroupId: 515,
      });
    });

    it('reads each group scope and kind from groupType', () => {
      const kinds = Object.fromEntries(snap.groups.map((g) => [g.name, `${g.scope} ${g.security ? 'security' : 'distribution'}`]));
      expect(kinds).toEqual({
        Administrators: 'builtin security',
        'Domain Admins': 'global security',
        'Domain Users': 'global security',
        DL_Finance_RW: 'domain-local security',
        GG_Projet_X: 'universal security',
        Newsletter: 'universal distribution',
      });
    });

    it('keeps OUs, the published printer and share, and foreign security principals by SID', () => {
      const objects = Object.fromEntries(snap.objects.map((o) => [o.name, o]));
      expect(objects['Compta Laser']).toMatchObject({
        kind: 'printer',
        uncName: '\\\\prn01\\Compta',
        serverName: 'prn01.acme.test',
        location: 'Bât. A, 2e étage',
      });
      expect(objects.Finance).toMatchObject({
        kind: 'share',
        uncName: '\\\\fs01\\Finance',
        managedBy: 'CN=Jean Dupont,OU=Comptabilit\\C3\\A9,DC=acme,DC=test',
      });
      expect(objects['S-1-5-11']).toMatchObject({ kind: 'foreign-principal', objectSid: 'S-1-5-11' });
      expect(objects['S-1-5-21-7-8-9-1105']).toMatchObject({ kind: 'foreign-principal', objectSid: 'S-1-5-21-7-8-9-1105' });
      expect(objects['Comptabilité']).toMatchObject({ kind: 'organizational-unit', description: 'Service comptable' });
    });

    it('finds primary-group membership, nesting through a cycle, and members spelled with escapes or UTF-8', () => {
      const memberships = membershipsOf(snap);
      const account = (login: string) => snap.accounts.find((a) => a.login === login)!;
      const reach = (login: string) => Object.fromEntries(reachedGroups(memberships, account(login)).map((r) => [r.group.name, r.how]));
      // Domain Users is nobody's `member`: primaryGroupID 513 says it.
      expect(reach('jdupont')).toEqual({ 'Domain Admins': 'direct', 'Domain Users': 'primary group', Administrators: 'nested' });
      // Primary group 512: an admin that no `member` value shows.
      expect(reach('sobrien')).toMatchObject({ 'Domain Admins': 'primary group', Newsletter: 'direct', Administrators: 'nested' });
      expect(reach('pmartin')).toEqual({
        GG_Projet_X: 'direct',
        DL_Finance_RW: 'nested',
        'Domain Admins': 'nested',
        'Domain Users': 'primary group',
        Administrators: 'nested',
      });
      const fsp = snap.memberships.filter((m) => m.memberDnNorm.includes('foreignsecurityprincipals')).map((m) => m.memberDnNorm);
      expect(fsp.sort()).toEqual([
        'cn=s-1-5-11,cn=foreignsecurityprincipals,dc=acme,dc=test',
        'cn=s-1-5-21-7-8-9-1105,cn=foreignsecurityprincipals,dc=acme,dc=test',
      ]);
    });
  });

  it('refuses an export where two entries carry the same objectGUID, and records why', async () => {
    const err = await sync.sync({ kind: 'ldif', name: 'bad-export', file: fixture('ldif/not-ok/duplicate-guid.ldif') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DuplicateObjectError);
    expect((err as Error).message).toMatch(
      /objectGUID \/ entryUUID 6a1d2c3b-0000-4000-8000-00000000000a is carried by two entries, CN=Jean Dupont,OU=Finance,DC=acme,DC=test and CN=Jean Dupont 2/,
    );
    expect(await runs.latest('bad-export')).toMatchObject({ status: 'failed', error: expect.stringMatching(/carried by two entries/) });
    expect(await snapshots.load(['bad-export'])).toEqual([]);
  });
});

/**
 * The groups an account reaches through its own memberships and how (the last link of the path). Paths that start
 * with an implicit principal (Authenticated Users, Everyone) are left out: every account has those.
 */
function reachedGroups(memberships: Memberships, account: AccountRecord): Array<{ group: GroupRecord; how: string }> {
  return memberships
    .groupsOf(account)
    .filter((r) => r.principal.group && r.path[0]?.how !== 'implicit')
    .map((r) => ({ group: r.principal.group!, how: r.path[r.path.length - 1].how }));
}
