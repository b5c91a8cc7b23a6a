import type { Vigie } from '#vigie/application';
import { DirectoryAuthError, DirectoryTlsError, DirectoryUnreachableError, type LdapDirectorySource } from '#vigie/directory';
import type { FirstSnapshotWriter, SyncService } from '#vigie/identity';
import { type ClosableSqlClient, PgSnapshotStore, PgSyncRunStore } from '#vigie/persistence';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testVigie } from '../support/vigie.js';
import { ldapModify, type SlapdInstance, startSlapd } from '../support/slapd.js';

/** A directory big enough that a paged read takes many round trips: `count` people in one OU. */
function peopleLdif(count: number): string {
  const lines = ['dn: ou=people,dc=acme,dc=test\nobjectClass: organizationalUnit\nou: people\n'];
  for (let i = 0; i < count; i++) {
    lines.push(`dn: uid=p${i},ou=people,dc=acme,dc=test\nobjectClass: inetOrgPerson\nuid: p${i}\ncn: Person ${i}\nsn: P${i}\ntitle: Staff\n`);
  }
  return lines.join('\n');
}

describe('a sync that fails keeps the last good snapshot and says why', () => {
  let slapd: SlapdInstance;
  let db: TestDatabase;
  let vigie: Vigie;
  let sql: ClosableSqlClient;
  let sync: SyncService;
  let snapshots: PgSnapshotStore;
  let runs: PgSyncRunStore;
  let source: LdapDirectorySource;

  beforeAll(async () => {
    [slapd, db] = await Promise.all([startSlapd({ ldif: peopleLdif(20_000), tls: true }), createTestDatabase()]);
    vigie = testVigie({ url: db.url });
    sql = await vigie.dependencies.database();
    snapshots = new PgSnapshotStore(sql);
    runs = new PgSyncRunStore(sql);
    sync = await vigie.dependencies.syncService();
    source = {
      kind: 'ldap',
      name: 'big',
      url: slapd.url,
      baseDn: slapd.suffix,
      bindDn: slapd.rootDn,
      bindPassword: slapd.rootPassword,
      pageSize: 500,
      timeoutMs: 5000,
    };
    expect((await sync.sync(source)).stats).toMatchObject({ accounts: 20_000 });
  });

  afterAll(async () => {
    await vigie?.close();
    await Promise.all([slapd?.stop(), db?.drop()]);
  });

  it('leaves the previous snapshot when the directory is killed during a paged read, and records the run failed', async () => {
    await ldapModify(slapd, 'dn: uid=p7,ou=people,dc=acme,dc=test\nchangetype: modify\nreplace: title\ntitle: Director\n');
    const before = await snapshots.load(['big']);
    let killed: Promise<void> | undefined;
    const err = await sync
      .sync(source, {
        mode: 'full',
        onProgress: (p) => {
          if (p.phase === 'reading' && p.entries >= 4000 && !killed) killed = slapd.kill();
        },
      })
      .catch((e: unknown) => e);
    await killed;
    expect(killed).toBeDefined();
    expect(err).toBeInstanceOf(DirectoryUnreachableError);
    expect((err as Error).message).toMatch(new RegExp(`cannot reach ${slapd.url.replace(/\./g, '\\.')}:.*(closed|reset)`));
    const run = await runs.latest('big');
    expect(run).toMatchObject({ status: 'failed', mode: 'full', error: (err as Error).message });
    expect(run!.stats.entries).toBeGreaterThanOrEqual(4000);
    expect(run!.stats.entries).toBeLessThan(20_000);
    expect(await snapshots.load(['big'])).toEqual(before);
    expect(before[0]!.accounts.find((a) => a.login === 'p7')!.title).toBe('Staff');

    // Back up: the next run finds the change it missed.
    await slapd.restart();
    const again = await sync.sync(source, { mode: 'full' });
    expect(again.stats).toMatchObject({ accounts: 20_000, modified: 1 });
  });

  it('leaves nothing of a first snapshot written while it was read when the directory is killed, and records the run failed', async () => {
    // On a pg pool a directory's first snapshot is written during the read, in a transaction held open meanwhile: the
    // writers the real store opens are watched, to check that this path is the one taken.
    const writers: Array<FirstSnapshotWriter | null> = [];
    const open = PgSnapshotStore.prototype.openFirstSnapshot;
    PgSnapshotStore.prototype.openFirstSnapshot = async function (this: PgSnapshotStore, directory: string, runId: string) {
      const writer = await open.call(this, directory, runId);
      writers.push(writer);
      return writer;
    };
    try {
      const fresh = { ...source, name: 'big-first' };
      let killed: Promise<void> | undefined;
      const err = await sync
        .sync(fresh, {
          onProgress: (p) => {
            if (p.phase === 'reading' && p.entries >= 8000 && !killed) killed = slapd.kill();
          },
        })
        .catch((e: unknown) => e);
      await killed;
      expect(err).toBeInstanceOf(DirectoryUnreachableError);
      expect(writers).toHaveLength(1);
      expect(writers[0]).not.toBeNull();
      expect(await runs.latest('big-first')).toMatchObject({ status: 'failed', mode: 'full', error: (err as Error).message });
      expect(await snapshots.load(['big-first'])).toEqual([]);
      expect(await snapshots.counts('big-first')).toEqual({ accounts: 0, groups: 0, objects: 0, memberships: 0 });

      await slapd.restart();
      const again = await sync.sync(fresh);
      expect(again).toMatchObject({ mode: 'full', stats: { accounts: 20_000, baseline: 1 } });
      expect(writers).toHaveLength(2);
      expect(writers[1]).not.toBeNull();
      expect(await snapshots.counts('big-first')).toMatchObject({ accounts: 20_000 });
      // The run's success and its trail entry committed with the rows.
      const [ok] = await sql.query(`SELECT count(*)::int AS n FROM trail_entry WHERE action = 'sync.succeeded' AND target_id = 'big-first'`);
      expect(ok.n).toBe(1);
      // Stored rows now: the next first-snapshot writer is refused, and the sync compares instead.
      expect(await new PgSnapshotStore(sql).openFirstSnapshot('big-first', again.runId)).toBeNull();
    } finally {
      PgSnapshotStore.prototype.openFirstSnapshot = open;
    }
  });

  it('refuses a wrong password with a clear error, without the password', async () => {
    const err = await sync.sync({ ...source, bindPassword: 'not-the-password' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DirectoryAuthError);
    expect((err as Error).message).toBe('bind as cn=admin,dc=acme,dc=test was refused: invalid credentials. Check bindDn and the password variable');
    expect(await runs.latest('big')).toMatchObject({ status: 'failed', error: expect.stringMatching(/invalid credentials/) });
  });

  it.each([
    ['LDAPS', () => ({ url: slapd.ldapsUrl! })],
    ['StartTLS', () => ({ url: slapd.url, startTls: true })],
  ])('refuses a certificate it cannot verify over %s, and says to set caFile', async (_label, tls) => {
    const err = await sync.sync({ ...source, ...tls() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DirectoryTlsError);
    expect((err as Error).message).toMatch(
      /^TLS with ldaps?:\/\/127\.0\.0\.1:\d+ failed: the (server certificate|certificate chain|issuer).*(not trusted|untrusted)/,
    );
    expect((err as Error).message).toMatch(/Set the caFile option to the PEM of the CA/);
    // With the CA, the same server is read.
    const ok = await sync.sync({ ...source, ...tls(), caFile: slapd.caFile }, { mode: 'full' });
    expect(ok.stats.accounts).toBe(20_000);
  });
});
