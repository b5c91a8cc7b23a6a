import type { Vigie } from '#vigie/application';
/**
 * The sync against a real Active Directory (a private Samba 4 DC): every object kind and decoding rule stored,
 * primary groups and nesting, incremental runs from uSNChanged with deletions from the Deleted Objects container,
 * moves and an OU rename seen as such, a DC killed mid-read, a wrong password and an untrusted certificate.
 */
import { type Memberships, membershipsOf } from '#vigie/access';
import { DirectoryAuthError, DirectoryTlsError, DirectoryUnreachableError, type LdapDirectorySource, normalizeDn } from '#vigie/directory';
import { type AccountRecord, type DirectorySnapshot, type GroupRecord, SyncService } from '#vigie/identity';
import { type ClosableSqlClient, PgSnapshotStore, PgSyncChangeStore, PgSyncRunStore } from '#vigie/persistence';
import { adUsersLdif, bulkLoad, FIXTURE_BASE, loadAdFixture, type LoadedFixture } from '../support/ad-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testVigie } from '../support/vigie.js';
import { createTestOu, startSambaDc, type SambaInstance, type TestOu } from '../support/samba.js';
import { comparable } from '../support/comparable-snapshot.js';

const SAMBA_START_MS = 240_000;
const FSP_SID = 'S-1-5-21-1111111111-2222222222-3333333333-1105';
const BULK_USERS = 1500;

describe('sync from a real Samba AD DC into a real PostgreSQL', () => {
  let dc: SambaInstance;
  let ou: TestOu;
  let fx: LoadedFixture;
  let db: TestDatabase;
  let vigie: Vigie;
  let sql: ClosableSqlClient;
  let sync: SyncService;
  let snapshots: PgSnapshotStore;
  let runs: PgSyncRunStore;
  let changes: PgSyncChangeStore;
  let bulkOu: string;
  const source = (overrides: Partial<LdapDirectorySource> = {}): LdapDirectorySource => ({
    kind: 'ad',
    name: 'corp-ad',
    url: dc.url,
    baseDn: ou.dn,
    bindDn: dc.adminDn,
    bindPassword: dc.adminPassword,
    pageSize: 50,
    ...overrides,
  });
  const load = async (name = 'corp-ad'): Promise<DirectorySnapshot> => (await snapshots.load([name]))[0]!;
  const at = (fixtureDn: string) => normalizeDn(fx.dn(fixtureDn));
  const staff = (cn: string) => `CN=${cn},OU=Staff,${FIXTURE_BASE}`;
  const groupDn = (cn: string) => `CN=${cn},OU=Groups,${FIXTURE_BASE}`;

  beforeAll(async () => {
    [dc, db] = await Promise.all([startSambaDc(), createTestDatabase()]);
    ou = await createTestOu('sync', dc);
    fx = await loadAdFixture(ou, 'ad-company', 'ad-resources');
    bulkOu = `OU=Bulk,${dc.baseDn}`;
    await dc.addLdif(`dn: ${bulkOu}\nobjectClass: organizationalUnit\n`);
    await bulkLoad(dc, adUsersLdif(bulkOu, BULK_USERS, { prefix: 'bulk' }));
    vigie = testVigie({ url: db.url });
    sql = await vigie.dependencies.database();
    snapshots = new PgSnapshotStore(sql);
    runs = new PgSyncRunStore(sql);
    changes = new PgSyncChangeStore(sql);
    sync = await vigie.dependencies.syncService();
  }, SAMBA_START_MS);

  afterAll(async () => {
    await vigie?.close();
    await Promise.all([dc?.stop(), db?.drop()]);
  });

  describe('a full sync', () => {
    let snap: DirectorySnapshot;

    beforeAll(async () => {
      const result = await sync.sync(source());
      expect(result).toMatchObject({ mode: 'full', stats: { baseline: 1 } });
      snap = await load();
    });

    it('stores every object kind: users, computers, groups, OUs, the printer and the shares', () => {
      expect(snap.accounts.filter((a) => a.kind === 'user')).toHaveLength(11);
      expect(snap.accounts.filter((a) => a.kind === 'computer')).toHaveLength(3);
      expect(snap.groups).toHaveLength(10);
      const kinds = snap.objects.map((o) => o.kind).sort();
      expect(kinds).toEqual([
        'organizational-unit',
        'organizational-unit',
        'organizational-unit',
        'organizational-unit',
        'organizational-unit',
        'organizational-unit',
        'printer',
        'share',
        'share',
      ]);
      const printer = snap.objects.find((o) => o.kind === 'printer')!;
      expect(printer.uncName).toMatch(/^\\\\/);
      expect(printer.serverName).toBeTruthy();
      expect(snap.objects.filter((o) => o.kind === 'share').every((s) => s.uncName?.startsWith('\\\\'))).toBe(true);
    });

    it('keeps objectGUID as the identity the DC resolves, and decodes SIDs, FILETIMEs and flags', async () => {
      const alice = snap.accounts.find((a) => a.dnNorm === at(staff('Alice Martin')))!;
      const resolved = await dc.ldapTool('ldapsearch', ['-LLL', '-o', 'ldif-wrap=no', '-s', 'base', '-b', `<GUID=${alice.objectGuid}>`, '1.1']);
      expect(normalizeDn(/^dn:: ?(.*)$|^dn: (.*)$/m.exec(resolved)!.slice(1).find(Boolean)!)).toBe(alice.dnNorm);
      expect(alice).toMatchObject({ login: fx.login('amartin'), enabled: true, userAccountControl: 512, primaryGroupId: 513, accountExpires: null });
      expect(alice.objectSid).toMatch(/^S-1-5-21-\d+-\d+-\d+-\d+$/);
      expect(alice.pwdLastSet).toBeInstanceOf(Date);
      expect(snap.accounts.find((a) => a.dnNorm === at(staff('Nouvel Arrivant')))).toMatchObject({ userAccountControl: 546, enabled: false, pwdLastSet: null });
      expect(snap.accounts.find((a) => a.dnNorm === at(staff('Paul Interim')))!.accountExpires).toEqual(new Date('2030-01-01T00:00:00.000Z'));
      const xp = snap.accounts.find((a) => a.dnNorm === at(`CN=WS-OLD-XP,OU=Computers,${FIXTURE_BASE}`))!;
      expect(xp).toMatchObject({ kind: 'computer', operatingSystemVersion: '5.1 (2600)', enabled: false });
      expect(xp.operatingSystem).toMatch(/Windows XP/);
    });

    it('reads scope and kind of each group from groupType', () => {
      const kind = (cn: string) => {
        const g = snap.groups.find((x) => x.dnNorm === at(groupDn(cn)))!;
        return `${g.scope} ${g.security ? 'security' : 'distribution'}`;
      };
      expect(kind('GG-Compta')).toBe('global security');
      expect(kind('DL-Share-Compta-RW')).toBe('domain-local security');
      expect(kind('UG-All-Staff')).toBe('universal security');
      expect(kind('GD-Newsletter')).toBe('global distribution');
      expect(kind('DLD-Partners')).toBe('domain-local distribution');
      expect(kind('UD-Announcements')).toBe('universal distribution');
    });

    it('keeps a member from another domain, escaped and accented members, and the nested cycle', () => {
      const members = (cn: string) => snap.memberships.filter((m) => m.groupDnNorm === at(groupDn(cn))).map((m) => m.memberDnNorm);
      expect(members('DL-Share-Compta-RW')).toEqual(expect.arrayContaining([`cn=${FSP_SID.toLowerCase()},cn=foreignsecurityprincipals,dc=acme,dc=test`]));
      expect(members('GG-Compta').sort()).toEqual([at(staff('Dupont\\, Jean')), at(`CN=Hélène Lefèvre,OU=Comptabilité,${FIXTURE_BASE}`)].sort());
      const memberships = membershipsOf(snap);
      const marc = snap.accounts.find((a) => a.dnNorm === at(staff('Marc Lenoir')))!;
      const reached = reachedGroups(memberships, marc)
        .map((r) => `${r.group.name.replace(`${ou.tag}-`, '')} ${r.how}`)
        .sort();
      expect(reached).toEqual(['GG-Cycle-A nested', 'GG-Cycle-B nested', 'GG-Cycle-C direct']);
    });
  });

  it('sees the domain: primary groups (Domain Users), builtin groups, foreign security principals by SID', async () => {
    await sync.sync(source({ name: 'corp-root', baseDn: dc.baseDn, pageSize: 500 }));
    const snap = await load('corp-root');
    const memberships = membershipsOf(snap);
    const alice = snap.accounts.find((a) => a.dnNorm === at(staff('Alice Martin')))!;
    const reach = reachedGroups(memberships, alice);
    expect(reach.find((r) => r.how === 'primary group')?.group).toMatchObject({ name: 'Domain Users', scope: 'global', security: true });
    expect(snap.groups.find((g) => g.objectSid === 'S-1-5-32-544')).toMatchObject({ name: 'Administrators', scope: 'builtin' });
    expect(snap.objects.find((o) => o.kind === 'foreign-principal' && o.objectSid === FSP_SID)).toBeDefined();
  });

  it('syncs incrementally from uSNChanged: a change, a new member, a move, an OU rename, and a deletion from the tombstones', async () => {
    // The full sync above left a watermark: USN + 1 of this DC.
    const alice = fx.dn(staff('Alice Martin'));
    const claire = fx.dn(staff('Claire Petit'));
    const bruno = fx.dn(staff('Bruno Durand'));
    await dc.modifyLdif(
      [
        `dn: ${alice}\nchangetype: modify\nreplace: title\ntitle: Directrice financière\n`,
        `dn: ${fx.dn(groupDn('GG-Direction'))}\nchangetype: modify\nadd: member\nmember: ${claire}\n`,
        `dn: ${bruno}\nchangetype: modrdn\nnewrdn: CN=Bruno Durand\ndeleteoldrdn: 1\nnewsuperior: ${fx.dn(`OU=Comptabilité,${FIXTURE_BASE}`)}\n`,
        `dn: ${fx.dn(`OU=Groups,${FIXTURE_BASE}`)}\nchangetype: modrdn\nnewrdn: OU=Groupes\ndeleteoldrdn: 1\n`,
        `dn: ${fx.dn(staff('svc-legacy'))}\nchangetype: delete\n`,
      ].join('\n'),
    );
    const result = await sync.sync(source());
    expect(result).toMatchObject({ mode: 'incremental', fullReason: null });
    // Far fewer than the 33 objects of the OU: the changed ones, and the groups that name Bruno or svc-legacy.
    expect(result.stats.entries).toBeLessThan(20);
    const found = await changes.objectChanges(result.runId);
    const short = (name: string | null) => name?.replace(`${ou.tag}-`, '') ?? null;
    const summary = found.map((c) => `${c.action} ${c.objectType} ${short(c.name)}`).sort();
    expect(summary).toEqual(
      expect.arrayContaining([
        'modified user amartin',
        'moved user bdurand',
        'moved organizational-unit Groupes',
        'moved group GG-Compta',
        'moved group GG-Cycle-A',
        'removed user svc-legacy',
      ]),
    );
    expect(found.filter((c) => c.action === 'moved' && c.objectType === 'group')).toHaveLength(10);
    // Alice's manager is Bruno: AD now gives his new DN, which names the same person, not a change.
    expect(found.find((c) => short(c.name) === 'amartin')!.changes).toEqual([{ attribute: 'title', old: expect.any(String), new: 'Directrice financière' }]);
    expect(found.find((c) => short(c.name) === 'svc-legacy')).toMatchObject({ dn: fx.dn(staff('svc-legacy')) });
    const memberships = (await changes.membershipChanges(result.runId)).map((m) => `${m.action} ${short(m.memberName)} ${short(m.groupName)}`);
    // Bruno moved: still a member of his groups. Claire joined GG-Direction.
    expect(memberships).toContain('added cpetit GG-Direction');
    expect(memberships.filter((m) => m.includes('bdurand'))).toEqual([]);

    await sync.sync(source({ name: 'corp-ad-check' }), { mode: 'full' });
    expect(comparable(await load())).toEqual(comparable(await load('corp-ad-check')));
  });

  it('refuses a wrong password and an untrusted certificate with clear errors, and records the runs failed', async () => {
    const wrong = await sync.sync(source({ bindPassword: 'not-the-password' })).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(DirectoryAuthError);
    expect((wrong as Error).message).toMatch(/^bind as CN=Administrator,CN=Users,DC=acme,DC=test was refused: invalid credentials/);
    expect((wrong as Error).message).not.toContain('not-the-password');
    expect(await runs.latest('corp-ad')).toMatchObject({ status: 'failed', error: expect.stringMatching(/invalid credentials/) });

    const untrusted = await sync.sync(source({ url: dc.ldapsUrl })).catch((e: unknown) => e);
    expect(untrusted).toBeInstanceOf(DirectoryTlsError);
    expect((untrusted as Error).message).toMatch(/the server certificate is not signed by a trusted CA/);
    expect((untrusted as Error).message).toMatch(/Set the caFile option/);
    const ok = await sync.sync(source({ url: dc.ldapsUrl, caFile: dc.caFile }));
    expect(ok.stats).toMatchObject({ added: 0, removed: 0 });
  });

  it('keeps the previous snapshot when the DC is killed during a paged read, and records the run failed', async () => {
    const bulk = source({ name: 'bulk', baseDn: bulkOu, pageSize: 100, timeoutMs: 5000 });
    expect((await sync.sync(bulk)).stats.accounts).toBe(BULK_USERS);
    const before = await snapshots.load(['bulk']);
    let killed: Promise<void> | undefined;
    const err = await sync
      .sync(bulk, {
        mode: 'full',
        onProgress: (p) => {
          if (p.phase === 'reading' && p.entries >= 300 && !killed) killed = dc.kill();
        },
      })
      .catch((e: unknown) => e);
    await killed;
    expect(err).toBeInstanceOf(DirectoryUnreachableError);
    const run = await runs.latest('bulk');
    expect(run).toMatchObject({ status: 'failed', error: (err as Error).message });
    expect(run!.stats.entries).toBeGreaterThanOrEqual(300);
    expect(run!.stats.entries).toBeLessThan(BULK_USERS);
    expect(await snapshots.load(['bulk'])).toEqual(before);
    await dc.restart();
    expect((await sync.sync(bulk, { mode: 'full' })).stats).toMatchObject({ accounts: BULK_USERS, added: 0, removed: 0 });
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
