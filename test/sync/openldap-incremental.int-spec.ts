import type { Vigie } from '#vigie/application';
import { readFileSync } from 'node:fs';
import { type LdapDirectorySource } from '#vigie/directory';
import { SyncService } from '#vigie/identity';
import { type ClosableSqlClient, PgSnapshotStore, PgSyncChangeStore, PgSyncRunStore } from '#vigie/persistence';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testVigie } from '../support/vigie.js';
import { comparable } from '../support/comparable-snapshot.js';
import { ldapAdd, ldapModify, type SlapdInstance, startSlapd } from '../support/slapd.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Both ways an OpenLDAP incremental run finds what changed: after the contextCSN that syncprov keeps
// (exact), and by modifyTimestamp with a margin on a server without syncprov.
describe.each([
  { syncprov: true, way: 'entryCSN after the contextCSN (syncprov)' },
  { syncprov: false, way: 'modifyTimestamp with a margin (no syncprov)' },
])('incremental sync of a real OpenLDAP by $way, then deletions by reconciliation', ({ syncprov }) => {
  let slapd: SlapdInstance;
  let db: TestDatabase;
  let vigie: Vigie;
  let sql: ClosableSqlClient;
  let sync: SyncService;
  let snapshots: PgSnapshotStore;
  let changes: PgSyncChangeStore;
  let source: LdapDirectorySource;
  const rarely = { reconcileIntervalMs: 24 * 3_600_000 };

  beforeAll(async () => {
    [slapd, db] = await Promise.all([startSlapd({ ldif: readFileSync(fixture('ldif/ok/openldap-company.ldif'), 'utf8'), syncprov }), createTestDatabase()]);
    vigie = testVigie({ url: db.url });
    sql = await vigie.dependencies.database();
    snapshots = new PgSnapshotStore(sql);
    changes = new PgSyncChangeStore(sql);
    sync = await vigie.dependencies.syncService();
    source = { kind: 'ldap', name: 'corp', url: slapd.url, baseDn: slapd.suffix, bindDn: slapd.rootDn, bindPassword: slapd.rootPassword, pageSize: 3 };
  });

  afterAll(async () => {
    await vigie?.close();
    await Promise.all([slapd?.stop(), db?.drop()]);
  });

  /** A full sync of the directory as it is now, under another name: what the incremental snapshot must equal. */
  async function fullSnapshot(): Promise<ReturnType<typeof comparable>> {
    await sync.sync({ ...source, name: 'corp-check' }, { mode: 'full' });
    return comparable((await snapshots.load(['corp-check']))[0]!);
  }

  it('starts with a full sync that is a baseline', async () => {
    const result = await sync.sync(source, rarely);
    expect(result).toMatchObject({ mode: 'full', stats: { baseline: 1 } });
    expect(await changes.objectChanges(result.runId)).toEqual([]);
  });

  it('starts from the watermark the full sync left: the contextCSN, else the latest change less a margin', async () => {
    const state = await new PgSyncRunStore(sql).state('corp');
    if (syncprov) expect(state!.watermark).toEqual({ kind: 'csn', csn: expect.stringMatching(/^\d{14}\.\d{6}Z#000000#000#000000$/) });
    else expect(state!.watermark).toEqual({ kind: 'modify-timestamp', timestamp: expect.stringMatching(/^\d{14}Z$/) });
  });

  it(
    syncprov ? 'reads only the entry changed since the full sync' : 'reads again the entries changed in the second before the latest change it saw',
    async () => {
      // Without syncprov the watermark keeps a margin (the run's duration, in whole seconds rounded
      // down): every entry was bulk-loaded in one second, so the next run reads them all again, and
      // moves the watermark past them once something newer is seen. With it, nothing is read twice.
      if (!syncprov) await sleep(2100);
      await ldapModify(slapd, 'dn: cn=sales-team,ou=groups,dc=acme,dc=test\nchangetype: modify\nreplace: description\ndescription: Sales\n');
      const result = await sync.sync(source, rarely);
      expect(result).toMatchObject({ mode: 'incremental', stats: { entries: syncprov ? 1 : 13, modified: 1 } });
    },
  );

  it('reads only what changed, and sees additions, modifications, memberships, moves and an OU rename', async () => {
    if (!syncprov) await sleep(2100);
    await ldapAdd(
      slapd,
      `dn: uid=cdubois,ou=people,dc=acme,dc=test\nobjectClass: inetOrgPerson\nuid: cdubois\ncn: Claire Dubois\nsn: Dubois\ntitle: Stagiaire\n`,
    );
    await ldapModify(
      slapd,
      [
        'dn: uid=adurand,ou=people,dc=acme,dc=test\nchangetype: modify\nreplace: title\ntitle: Cheffe comptable\n',
        'dn: cn=finance-share-rw,ou=groups,dc=acme,dc=test\nchangetype: modify\nadd: member\nmember: uid=cdubois,ou=people,dc=acme,dc=test\n',
        // Bruno moves to another OU (refint rewrites the groups that name him, without writing them).
        'dn: ou=sales,dc=acme,dc=test\nchangetype: add\nobjectClass: organizationalUnit\nou: sales\n',
        'dn: uid=bmartin,ou=people,dc=acme,dc=test\nchangetype: modrdn\nnewrdn: uid=bmartin\ndeleteoldrdn: 1\nnewsuperior: ou=sales,dc=acme,dc=test\n',
        // The groups OU is renamed: every group under it changes DN without being written.
        'dn: ou=groups,dc=acme,dc=test\nchangetype: modrdn\nnewrdn: ou=teams\ndeleteoldrdn: 1\n',
      ].join('\n'),
    );

    const result = await sync.sync(source, rarely);
    expect(result).toMatchObject({ mode: 'incremental', fullReason: null });
    // The changed entries, sales-team without syncprov (within the previous watermark's margin), and
    // the groups that name a moved entry, read again to see what refint did (project-x, project-y).
    expect(result.stats.entries).toBeLessThan(13);
    const found = await changes.objectChanges(result.runId);
    const summary = found.map((c) => `${c.action} ${c.objectType} ${c.name}`).sort();
    expect(summary).toEqual([
      'added organizational-unit sales',
      'added user cdubois',
      'modified user adurand',
      'moved group finance-share-rw',
      'moved group finance-team',
      'moved group hr-readers',
      'moved group project-x',
      'moved group project-y',
      'moved group sales-team',
      'moved group staff',
      'moved organizational-unit teams',
      'moved user bmartin',
    ]);
    expect(found.find((c) => c.name === 'adurand')!.changes).toEqual([{ attribute: 'title', old: 'Comptable', new: 'Cheffe comptable' }]);
    expect(found.find((c) => c.name === 'bmartin')).toMatchObject({
      oldDn: 'uid=bmartin,ou=people,dc=acme,dc=test',
      dn: 'uid=bmartin,ou=sales,dc=acme,dc=test',
    });
    expect(found.find((c) => c.name === 'staff')).toMatchObject({ oldDn: 'cn=staff,ou=groups,dc=acme,dc=test', dn: 'cn=staff,ou=teams,dc=acme,dc=test' });
    // Bruno was moved, not removed from his groups: only Claire is a new member.
    const memberships = await changes.membershipChanges(result.runId);
    expect(memberships.map((m) => `${m.action} ${m.memberName} ${m.groupName}`)).toEqual(['added cdubois finance-share-rw']);
    // Every change is in the tamper-evident trail too, one entry each, tied to the run.
    const trail: Array<{ action: string; n: number }> = await sql.query(
      `SELECT action, count(*)::int AS n FROM trail_entry WHERE correlation_id = $1 AND action LIKE 'directory.%' GROUP BY action ORDER BY action`,
      [result.runId],
    );
    expect(trail).toEqual([
      { action: 'directory.membership-added', n: 1 },
      { action: 'directory.object-added', n: 2 },
      { action: 'directory.object-modified', n: found.length - 2 },
    ]);
    // The counts the run records (the previous ones plus what changed) are those of the snapshot.
    expect(result.stats).toMatchObject(await snapshots.counts('corp'));
    expect(comparable((await snapshots.load(['corp']))[0]!)).toEqual(await fullSnapshot());
  });

  it('does not see a deletion until the identifiers are reconciled, then sees it as such', async () => {
    await ldapModify(slapd, 'dn: uid=hlefevre,ou=people,dc=acme,dc=test\nchangetype: delete\n');
    const before = await sync.sync(source, rarely);
    expect(before).toMatchObject({ mode: 'incremental', stats: { reconciled: 0, removed: 0 } });

    const after = await sync.sync(source, { reconcileIntervalMs: 0 });
    expect(after.stats).toMatchObject({ reconciled: 1, removed: 1 });
    expect(await changes.objectChanges(after.runId, { actions: ['removed'] })).toEqual([
      expect.objectContaining({ action: 'removed', objectType: 'user', name: 'hlefevre', dn: 'uid=hlefevre,ou=people,dc=acme,dc=test' }),
    ]);
    // staff (memberUid) and hr-readers (uniqueMember, outside refint_attributes here) still name her:
    // she is no longer a member of anything, and the values that named her stay, naming nobody.
    const memberships = (await changes.membershipChanges(after.runId)).map((m) => `${m.action} ${m.memberName} ${m.groupName}`);
    expect(memberships.sort()).toEqual(['removed hlefevre hr-readers', 'removed hlefevre staff']);
    expect(after.stats.unresolvedMembers).toBe(3);
    expect(after.stats).toMatchObject(await snapshots.counts('corp'));
    expect(comparable((await snapshots.load(['corp']))[0]!)).toEqual(await fullSnapshot());
  });
});
