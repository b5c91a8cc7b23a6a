import type { AttributeValue, DirectoryEntry, DirectorySource } from '#vigie/directory';
import { VigieError } from '#vigie/common';
import { dateToFiletime, filetimeToDate, sidFromString } from '#vigie/directory';
import { InMemoryUnitOfWork } from '#vigie/common/testing';
import { BufferedTrailWriter, RecordingTrailWriter } from '#vigie/trail/testing';
import { DuplicateObjectError } from './sync/snapshot-builder.js';
import { SyncService, type SyncTransaction } from './sync.service.js';
import { FakeDirectory } from './testing/fake-directory.js';
import { InMemorySnapshotStore } from './testing/in-memory-snapshot.store.js';
import { InMemorySyncRunStore } from './testing/in-memory-sync-run.store.js';

const guid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const DOMAIN = 'S-1-5-21-1-2-3';
const AD: DirectorySource = { kind: 'ad', name: 'corp', url: 'ldaps://dc1.acme.test', baseDn: 'DC=acme,DC=test' };
const LDAP: DirectorySource = { kind: 'ldap', name: 'corp', url: 'ldap://ldap.acme.test', baseDn: 'dc=acme,dc=test' };

function adUser(login: string, rid: number, extra: Record<string, AttributeValue[]> = {}): Record<string, AttributeValue[]> {
  return {
    objectClass: ['top', 'person', 'organizationalPerson', 'user'],
    sAMAccountName: [login],
    userAccountControl: ['512'],
    objectSid: [sidFromString(`${DOMAIN}-${rid}`)],
    primaryGroupID: ['513'],
    ...extra,
  };
}

function adGroup(name: string, rid: number, members: string[]): Record<string, AttributeValue[]> {
  return {
    objectClass: ['top', 'group'],
    sAMAccountName: [name],
    groupType: ['-2147483646'],
    objectSid: [sidFromString(`${DOMAIN}-${rid}`)],
    ...(members.length ? { member: members } : {}),
  };
}

const ou = (name: string) => ({ objectClass: ['top', 'organizationalUnit'], ou: [name] });

/** An AD domain: two OUs, three users, Domain Admins and a nested group. */
function adDomain(): FakeDirectory {
  const dir = new FakeDirectory('ad');
  dir.put(guid(1), 'OU=People,DC=acme,DC=test', ou('People'));
  dir.put(guid(2), 'OU=Sales,OU=People,DC=acme,DC=test', ou('Sales'));
  dir.put(guid(10), 'CN=Alice,OU=People,DC=acme,DC=test', adUser('alice', 1101));
  dir.put(guid(11), 'CN=Bob,OU=Sales,OU=People,DC=acme,DC=test', adUser('bob', 1102, { lastLogonTimestamp: ['133500000000000000'] }));
  dir.put(guid(12), 'CN=Carol,OU=Sales,OU=People,DC=acme,DC=test', adUser('carol', 1103));
  dir.put(guid(20), 'CN=Domain Admins,CN=Users,DC=acme,DC=test', adGroup('Domain Admins', 512, ['CN=Alice,OU=People,DC=acme,DC=test']));
  dir.put(
    guid(21),
    'CN=Sales Team,OU=Sales,OU=People,DC=acme,DC=test',
    adGroup('Sales Team', 1200, ['CN=Bob,OU=Sales,OU=People,DC=acme,DC=test', 'CN=Carol,OU=Sales,OU=People,DC=acme,DC=test']),
  );
  return dir;
}

function setup(dir: FakeDirectory) {
  const snapshots = new InMemorySnapshotStore();
  const runs = new InMemorySyncRunStore(snapshots);
  const trail = new RecordingTrailWriter();
  // The in-memory stores apply a commit at once; the trail's entries land only when the transaction does.
  const uow = new InMemoryUnitOfWork<SyncTransaction>(() => {
    const buffered = new BufferedTrailWriter();
    return { tx: { snapshots, runs, trail: buffered }, commit: () => buffered.flushTo(trail) };
  });
  return { snapshots, runs, trail, uow, sut: new SyncService({ reader: dir, snapshots, runs, trail, uow }) };
}

/** Makes the store's commits fail as a lost database would; returns the real commit, to put back. */
function failCommits(snapshots: InMemorySnapshotStore): InMemorySnapshotStore['commit'] {
  const commit = snapshots.commit.bind(snapshots);
  snapshots.commit = async () => {
    throw new Error('the database went away');
  };
  return commit;
}

/** The stored snapshot in a comparable form: what a full sync of the directory as it is now gives. */
async function storedSnapshot(store: InMemorySnapshotStore) {
  const [s] = await store.load();
  const sort = <T extends { dnNorm: string }>(list: T[]) => [...list].sort((a, b) => a.dnNorm.localeCompare(b.dnNorm));
  return {
    accounts: sort(s!.accounts),
    groups: sort(s!.groups),
    objects: sort(s!.objects),
    memberships: s!.memberships.map((m) => `${m.groupDnNorm} <- ${m.memberDnNorm}`).sort(),
  };
}

async function fullSnapshotOf(dir: FakeDirectory, source: DirectorySource) {
  const fresh = setup(dir);
  await fresh.sut.sync(source, { mode: 'full' });
  return storedSnapshot(fresh.snapshots);
}

describe(SyncService.name, () => {
  it('makes a first full sync a baseline: the whole snapshot, no change recorded', async () => {
    const { sut, snapshots, runs, trail } = setup(adDomain());
    const result = await sut.sync(AD);
    expect(result).toMatchObject({ mode: 'full', fullReason: 'no earlier sync of this directory' });
    expect(trail.actions).toEqual(['sync.started', 'sync.succeeded']);
    expect(result.stats).toMatchObject({ accounts: 3, groups: 2, objects: 2, memberships: 3, baseline: 1, added: 7, membershipsAdded: 3 });
    expect(snapshots.lastChanges).toEqual([]);
    expect(snapshots.lastMembershipChanges).toEqual([]);
    expect(await runs.get(result.runId)).toMatchObject({ status: 'succeeded', mode: 'full' });
    const [snap] = await snapshots.load();
    expect(snap!.objects.map((o) => o.kind).sort()).toEqual(['organizational-unit', 'organizational-unit']);
    expect(snap!.groups.find((g) => g.name === 'Domain Admins')).toMatchObject({ scope: 'global', security: true, objectGuid: guid(20) });
  });

  it('records what a later full sync finds: added, modified, moved, removed, memberships; not logons', async () => {
    const dir = adDomain();
    const { sut, snapshots } = setup(dir);
    await sut.sync(AD);

    dir.modify(guid(11), { userAccountControl: ['66048'], lastLogonTimestamp: ['133600000000000000'] }); // bob: never expires
    dir.modify(guid(12), { lastLogonTimestamp: ['133600000000000000'] }); // carol signs in: volatile
    dir.move(guid(10), 'CN=Alice Martin,OU=Sales,OU=People,DC=acme,DC=test'); // renamed and moved, still an admin
    dir.put(guid(13), 'CN=Dave,OU=People,DC=acme,DC=test', adUser('dave', 1104, { servicePrincipalName: ['HTTP/web.acme.test'] }));
    dir.modify(guid(20), { member: ['CN=Alice Martin,OU=Sales,OU=People,DC=acme,DC=test', 'CN=Dave,OU=People,DC=acme,DC=test'] });
    dir.delete(guid(12)); // carol leaves: out of Sales Team too

    const result = await sut.sync(AD, { mode: 'full' });
    expect(result.stats).toMatchObject({ baseline: 0, added: 1, modified: 1, moved: 1, removed: 1, membershipsAdded: 1, membershipsRemoved: 1 });
    const changes = snapshots.lastChanges.map((c) => ({
      action: c.action,
      name: c.name,
      oldDn: c.oldDn,
      dn: c.dn,
      changes: c.changes.map((x) => x.attribute),
    }));
    expect(changes).toEqual(
      expect.arrayContaining([
        {
          action: 'added',
          name: 'dave',
          oldDn: null,
          dn: 'CN=Dave,OU=People,DC=acme,DC=test',
          changes: expect.arrayContaining(['login', 'servicePrincipalNames', 'objectSid']),
        },
        { action: 'modified', name: 'bob', oldDn: null, dn: 'CN=Bob,OU=Sales,OU=People,DC=acme,DC=test', changes: ['userAccountControl'] },
        { action: 'moved', name: 'alice', oldDn: 'CN=Alice,OU=People,DC=acme,DC=test', dn: 'CN=Alice Martin,OU=Sales,OU=People,DC=acme,DC=test', changes: [] },
        { action: 'removed', name: 'carol', oldDn: null, dn: 'CN=Carol,OU=Sales,OU=People,DC=acme,DC=test', changes: [] },
      ]),
    );
    expect(changes).toHaveLength(4);
    expect(snapshots.lastChanges.find((c) => c.name === 'bob')!.changes).toEqual([{ attribute: 'userAccountControl', old: 512, new: 66048 }]);
    // Alice was renamed, not removed from Domain Admins: only Dave is new there.
    expect(snapshots.lastMembershipChanges.map((m) => `${m.action} ${m.memberName} ${m.groupName}`).sort()).toEqual([
      'added dave Domain Admins',
      'removed carol Sales Team',
    ]);
    expect(snapshots.lastMembershipChanges.find((m) => m.action === 'added')).toMatchObject({ memberType: 'user', memberGuid: guid(13), groupGuid: guid(20) });
    // Bob's new logon is stored, though a logon is not a change worth recording.
    const [snap] = await snapshots.load();
    expect(snap!.accounts.find((a) => a.login === 'bob')!.lastLogon).toEqual(new Date('2024-05-12T15:06:40.000Z'));
    expect(await storedSnapshot(snapshots)).toEqual(await fullSnapshotOf(dir, AD));
  });

  it('syncs AD incrementally from uSNChanged: changes, tombstones, and an OU rename that carries its content', async () => {
    const dir = adDomain();
    const { sut, snapshots } = setup(dir);
    await sut.sync(AD);

    dir.move(guid(2), 'OU=Ventes,OU=People,DC=acme,DC=test'); // Bob, Carol and Sales Team move along, unwritten
    dir.modify(guid(20), { member: ['CN=Alice,OU=People,DC=acme,DC=test', 'CN=Bob,OU=Ventes,OU=People,DC=acme,DC=test'] });
    dir.delete(guid(12));
    const result = await sut.sync(AD);
    expect(result).toMatchObject({ mode: 'incremental', fullReason: null });
    // Read: the OU and Domain Admins only; Carol's tombstone comes from Deleted Objects.
    // Sales Team is read again too: it names Bob and Carol, one moved and one deleted.
    expect(result.stats).toMatchObject({ entries: 3, moved: 3, removed: 1, membershipsAdded: 1, membershipsRemoved: 1 });
    const moved = snapshots.lastChanges.filter((c) => c.action === 'moved').map((c) => `${c.oldDn} -> ${c.dn}`);
    expect(moved.sort()).toEqual([
      'CN=Bob,OU=Sales,OU=People,DC=acme,DC=test -> CN=Bob,OU=Ventes,OU=People,DC=acme,DC=test',
      'CN=Sales Team,OU=Sales,OU=People,DC=acme,DC=test -> CN=Sales Team,OU=Ventes,OU=People,DC=acme,DC=test',
      'OU=Sales,OU=People,DC=acme,DC=test -> OU=Ventes,OU=People,DC=acme,DC=test',
    ]);
    expect(snapshots.lastMembershipChanges.map((m) => `${m.action} ${m.memberName} ${m.groupName}`).sort()).toEqual([
      'added bob Domain Admins',
      'removed carol Sales Team',
    ]);
    expect(await storedSnapshot(snapshots)).toEqual(await fullSnapshotOf(dir, AD));

    // Nothing changed since: an incremental run reads nothing and records nothing.
    const idle = await sut.sync(AD);
    expect(idle.stats).toMatchObject({ entries: 0, added: 0, modified: 0, moved: 0, removed: 0 });
  });

  it('reads AD accounts with a failed password since the last run, though badPwdCount moves no uSNChanged, and counts them', async () => {
    const dir = adDomain();
    const { sut, snapshots } = setup(dir);
    await sut.sync(AD);
    const later = dateToFiletime(new Date(Date.now() + 20));
    dir.failPassword(guid(10), later);
    dir.failPassword(guid(12), later);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const run = await sut.sync(AD);
    expect(run).toMatchObject({ mode: 'incremental', stats: { entries: 2, modified: 0, badPasswords: 2 } });
    const [snap] = await snapshots.load();
    const alice = snap!.accounts.find((a) => a.login === 'alice')!;
    expect(alice).toMatchObject({ badPasswordCount: 1, lastBadPassword: filetimeToDate(later) });
    // Nothing new since: the failures are read again (within the margin for clock skew) but not counted twice.
    expect((await sut.sync(AD)).stats.badPasswords).toBe(0);
  });

  it('falls back to a full sync when the domain controller that gave the watermark is not the one answering', async () => {
    const dir = adDomain();
    const { sut } = setup(dir);
    await sut.sync(AD);
    dir.serverName = 'CN=NTDS Settings,CN=DC2,CN=Servers,CN=Default-First-Site-Name,CN=Sites,CN=Configuration,DC=acme,DC=test';
    const result = await sut.sync(AD);
    expect(result.mode).toBe('full');
    expect(result.fullReason).toMatch(/another domain controller answered/);
  });

  it('syncs OpenLDAP incrementally from modifyTimestamp, and finds deletions and silent moves by reconciliation', async () => {
    const dir = new FakeDirectory('ldap');
    const person = (uid: string) => ({ objectClass: ['inetOrgPerson'], uid: [uid], cn: [uid], sn: [uid] });
    dir.put(guid(1), 'ou=people,dc=acme,dc=test', ou('people'));
    dir.put(guid(2), 'ou=staff,ou=people,dc=acme,dc=test', ou('staff'));
    dir.put(guid(10), 'uid=ann,ou=staff,ou=people,dc=acme,dc=test', person('ann'));
    dir.put(guid(11), 'uid=ben,ou=people,dc=acme,dc=test', person('ben'));
    dir.put(guid(20), 'cn=admins,dc=acme,dc=test', { objectClass: ['groupOfNames'], cn: ['admins'], member: ['uid=ann,ou=staff,ou=people,dc=acme,dc=test'] });
    const { sut, snapshots } = setup(dir);
    let now = new Date('2026-01-01T00:00:00Z');
    const opts = { now: () => now, reconcileIntervalMs: 3_600_000 };
    await sut.sync(LDAP, opts);

    dir.tick(5);
    dir.modify(guid(11), { title: ['Engineer'] });
    dir.delete(guid(10)); // refint takes ann out of admins: a write to the group
    now = new Date('2026-01-01T00:10:00Z');
    const first = await sut.sync(LDAP, opts);
    expect(first).toMatchObject({ mode: 'incremental' });
    // The watermark keeps a margin (the run's duration and a second before the latest change
    // seen): the entries of the full sync's last second, admins among them, are read again.
    // admins no longer names Ann; Ann herself is not seen to be gone...
    expect(first.stats).toMatchObject({ entries: 4, reconciled: 0, modified: 1, removed: 0, membershipsRemoved: 1 });
    expect((await snapshots.load())[0]!.accounts.map((a) => a.login).sort()).toEqual(['ann', 'ben']);

    // ...until the reconciliation is due: then she is seen as removed, and an entry whose DN
    // changed without a write is read again and seen as moved.
    dir.move(guid(11), 'uid=ben,ou=staff,ou=people,dc=acme,dc=test', { silent: true });
    now = new Date('2026-01-01T01:10:00Z');
    const second = await sut.sync(LDAP, opts);
    expect(second.stats).toMatchObject({ reconciled: 1, removed: 1, moved: 1 });
    expect(snapshots.lastChanges).toHaveLength(2);
    expect(snapshots.lastChanges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'moved', name: 'ben', oldDn: 'uid=ben,ou=people,dc=acme,dc=test', dn: 'uid=ben,ou=staff,ou=people,dc=acme,dc=test' }),
        expect.objectContaining({ action: 'removed', name: 'ann', objectType: 'user' }),
      ]),
    );
    expect(await storedSnapshot(snapshots)).toEqual(await fullSnapshotOf(dir, LDAP));
  });

  it('syncs OpenLDAP with syncprov from the contextCSN read before the last run: only what changed since, nothing twice', async () => {
    const dir = new FakeDirectory('ldap');
    dir.syncprov = true;
    const person = (uid: string) => ({ objectClass: ['inetOrgPerson'], uid: [uid], cn: [uid], sn: [uid] });
    dir.put(guid(1), 'ou=people,dc=acme,dc=test', ou('people'));
    dir.put(guid(10), 'uid=ann,ou=people,dc=acme,dc=test', person('ann'));
    dir.put(guid(11), 'uid=ben,ou=people,dc=acme,dc=test', person('ben'));
    const { sut, runs, snapshots } = setup(dir);
    const full = await sut.sync(LDAP);
    expect(full.mode).toBe('full');
    expect((await runs.state())!.watermark).toEqual({ kind: 'csn', csn: (await dir.serverState()).contextCsn });

    // Changes in the same second as the full sync's last write: read once each, never again.
    dir.modify(guid(11), { title: ['Engineer'] });
    const first = await sut.sync(LDAP);
    expect(first).toMatchObject({ mode: 'incremental', stats: { entries: 1, modified: 1 } });
    dir.modify(guid(10), { title: ['Accountant'] });
    const second = await sut.sync(LDAP);
    expect(second).toMatchObject({ mode: 'incremental', stats: { entries: 1, modified: 1 } });
    const nothing = await sut.sync(LDAP);
    expect(nothing).toMatchObject({ mode: 'incremental', stats: { entries: 0, modified: 0 } });

    // syncprov removed since: the watermark falls back to the latest modifyTimestamp, from the CSN's time.
    dir.syncprov = false;
    await sut.sync(LDAP);
    expect((await runs.state())!.watermark).toMatchObject({ kind: 'modify-timestamp' });
    dir.tick(5);
    dir.modify(guid(10), { title: ['Head accountant'] });
    expect((await sut.sync(LDAP)).stats).toMatchObject({ modified: 1 });
    expect(await storedSnapshot(snapshots)).toEqual(await fullSnapshotOf(dir, LDAP));
  });

  it('finds at the reconciliation an entry added with changes older than the watermark (a restored export)', async () => {
    const dir = new FakeDirectory('ldap');
    dir.syncprov = true;
    dir.put(guid(1), 'ou=people,dc=acme,dc=test', ou('people'));
    const { sut, snapshots } = setup(dir);
    let now = new Date('2026-01-01T00:00:00Z');
    const opts = { now: () => now, reconcileIntervalMs: 3_600_000 };
    await sut.sync(LDAP, opts);
    dir.put(guid(12), 'uid=cara,ou=people,dc=acme,dc=test', { objectClass: ['inetOrgPerson'], uid: ['cara'], cn: ['cara'], sn: ['cara'] }, { silent: true });
    expect((await sut.sync(LDAP, opts)).stats).toMatchObject({ entries: 0, added: 0 });
    now = new Date('2026-01-01T01:10:00Z');
    const reconciled = await sut.sync(LDAP, opts);
    expect(reconciled.stats).toMatchObject({ reconciled: 1, added: 1 });
    expect(snapshots.lastChanges).toEqual([expect.objectContaining({ action: 'added', name: 'cara' })]);
    expect(await storedSnapshot(snapshots)).toEqual(await fullSnapshotOf(dir, LDAP));
  });

  it('reads everything when a full run was asked for in its watermark (an erasure did), then goes back to incremental', async () => {
    const dir = new FakeDirectory('ldap');
    dir.syncprov = true;
    dir.put(guid(1), 'ou=people,dc=acme,dc=test', ou('people'));
    const { sut, snapshots } = setup(dir);
    await sut.sync(LDAP);
    snapshots.state = { ...snapshots.state!, watermark: { kind: 'full-requested', reason: 'an erasure rewrote accounts that are still in the directory' } };
    const full = await sut.sync(LDAP);
    expect(full).toMatchObject({ mode: 'full', fullReason: 'an erasure rewrote accounts that are still in the directory', stats: { entries: 1 } });
    expect(snapshots.state!.watermark).toMatchObject({ kind: 'csn' });
    expect(await sut.sync(LDAP)).toMatchObject({ mode: 'incremental' });
  });

  it('keeps the previous snapshot when the directory fails mid-read, and records the run failed with its reason', async () => {
    const dir = adDomain();
    const { sut, snapshots, runs, trail } = setup(dir);
    await sut.sync(AD);
    const before = await storedSnapshot(snapshots);
    dir.modify(guid(11), { userAccountControl: ['514'] });
    dir.failAfter = { entries: 3, error: new Error('cannot reach ldaps://dc1.acme.test:636: connection reset by the server') };
    await expect(sut.sync(AD, { mode: 'full' })).rejects.toThrow(/connection reset/);
    expect(await storedSnapshot(snapshots)).toEqual(before);
    expect(await runs.latest('corp')).toMatchObject({ status: 'failed', error: expect.stringMatching(/connection reset/) });
    expect((await runs.latest('corp'))!.stats).toMatchObject({ entries: 3 });
    expect(trail.actions.slice(-2)).toEqual(['sync.started', 'sync.failed']);
  });

  it('chains the changes in the trail only once the snapshot is committed, and none when the commit fails', async () => {
    const dir = adDomain();
    const { sut, snapshots, trail } = setup(dir);
    await sut.sync(AD);
    dir.modify(guid(11), { userAccountControl: ['66048'] });
    const commit = failCommits(snapshots);
    await expect(sut.sync(AD, { mode: 'full' })).rejects.toThrow('the database went away');
    expect(trail.actions.slice(2)).toEqual(['sync.started', 'sync.failed']);

    snapshots.commit = commit;
    await sut.sync(AD, { mode: 'full' });
    expect(trail.actions.slice(4)).toEqual(['sync.started', 'directory.object-modified', 'sync.succeeded']);
  });

  it('commits the snapshot, its changes and their trail entries in one transaction, and none of them when it fails', async () => {
    const dir = adDomain();
    const { sut, snapshots, trail, uow } = setup(dir);
    await sut.sync(AD);
    dir.modify(guid(11), { userAccountControl: ['66048'] });
    const before = { ...uow.counts };
    const commit = failCommits(snapshots);
    await expect(sut.sync(AD, { mode: 'full' })).rejects.toThrow('the database went away');
    // The run's start, then the failed commit rolled back with the change's entry, then the failure recorded.
    expect({ runs: uow.counts.runs - before.runs, rollbacks: uow.counts.rollbacks - before.rollbacks }).toEqual({ runs: 3, rollbacks: 1 });
    expect(trail.actions.slice(-2)).toEqual(['sync.started', 'sync.failed']);

    snapshots.commit = commit;
    await sut.sync(AD, { mode: 'full' });
    expect(trail.actions.slice(-3)).toEqual(['sync.started', 'directory.object-modified', 'sync.succeeded']);
  });

  it('marks runs left running by a stopped process as failed, before starting', async () => {
    const { sut, runs } = setup(adDomain());
    const stale = await runs.start('corp', 'full');
    await sut.sync(AD);
    expect(await runs.get(stale)).toMatchObject({ status: 'failed', error: expect.stringMatching(/interrupted/) });
  });

  it('starts nothing when the trail refuses the start of a run: the run and its entry are one transaction', async () => {
    const { sut, trail, uow } = setup(adDomain());
    const record = trail.record.bind(trail);
    trail.record = async (input) => {
      if (input.action === 'sync.started') throw new VigieError('unavailable', 'the connection to PostgreSQL was lost');
      return record(input);
    };
    // The buffered trail of the transaction hands its entries to the real one at commit: that is where it fails.
    await expect(sut.sync(AD)).rejects.toThrow('the connection to PostgreSQL was lost');
    expect(uow.counts).toMatchObject({ runs: 1, rollbacks: 1, commits: 0 });
    expect(trail.actions).toEqual([]);
  });

  it('says that the next sync will mark the run interrupted when its failure cannot be recorded, and keeps the kind', async () => {
    const { sut, snapshots, runs, trail } = setup(adDomain());
    runs.fail = async () => {
      throw new VigieError('unavailable', 'cannot connect to PostgreSQL: connection refused');
    };
    snapshots.commit = async () => {
      throw new VigieError('unavailable', 'the connection to PostgreSQL was lost (Connection terminated unexpectedly)');
    };
    const err = await sut.sync(AD).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VigieError);
    expect(err).toMatchObject({
      kind: 'unavailable',
      message:
        'the connection to PostgreSQL was lost (Connection terminated unexpectedly). The run could not be recorded as failed: the next sync of this directory will mark it interrupted.',
    });
    expect(await runs.latest('corp')).toMatchObject({ status: 'running' });
    // Nothing is attempted on a database that cannot record the run.
    expect(trail.actions).toEqual(['sync.started']);
  });

  it('leaves a bug as it is when its failure cannot be recorded', async () => {
    const { sut, snapshots, runs } = setup(adDomain());
    const bug = new TypeError("Cannot read properties of undefined (reading 'dn')");
    snapshots.commit = async () => {
      throw bug;
    };
    runs.fail = async () => {
      throw new VigieError('unavailable', 'cannot connect to PostgreSQL: connection refused');
    };
    expect(await sut.sync(AD).catch((e: unknown) => e)).toBe(bug);
  });

  it('refuses a read where two entries claim the same objectGUID', async () => {
    const dir = new FakeDirectory('ad');
    dir.put(guid(10), 'CN=Alice,OU=People,DC=acme,DC=test', adUser('alice', 1101));
    dir.put(guid(11), 'CN=Alice2,OU=People,DC=acme,DC=test', adUser('alice2', 1105));
    const entries: DirectoryEntry[] = [];
    for await (const e of dir.read(AD)) entries.push(e);
    entries[1]!.attributes.objectguid = entries[0]!.attributes.objectguid!;
    const duplicated = Object.assign(Object.create(dir) as FakeDirectory, {
      read: async function* () {
        yield* entries;
      },
    });
    const { sut, runs } = setup(duplicated);
    const err = await sut.sync(AD).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DuplicateObjectError);
    expect(err).toMatchObject({ kind: 'invalid-input' });
    expect((err as Error).message).toMatch(
      /^directory "corp" read from ldaps:\/\/dc1\.acme\.test: objectGUID \/ entryUUID 00000000-0000-4000-8000-00000000000a is carried by two entries/,
    );
    expect(await runs.latest('corp')).toMatchObject({ status: 'failed' });
  });

  it('always reads an LDIF export whole', async () => {
    const dir = adDomain();
    const { sut } = setup(dir);
    const ldif: DirectorySource = { kind: 'ldif', name: 'corp', file: 'export.ldif' };
    await sut.sync(ldif);
    const second = await sut.sync(ldif);
    expect(second).toMatchObject({ mode: 'full', fullReason: 'an LDIF export is always read whole' });
  });
});
