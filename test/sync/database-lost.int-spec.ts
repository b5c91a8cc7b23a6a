import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { isVigieError } from '#vigie/common';
import { DefaultDirectoryReader, type DirectoryEntry, type DirectorySource, type ReadOptions } from '#vigie/directory';
import type { SyncService } from '#vigie/identity';
import { AdvisoryJobLock, DatabaseUnavailableError, PgSqlClient, openDataSource } from '#vigie/persistence';
import { runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { sleep } from '../support/host.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { fileTrailKeyEnv, syncServiceOn } from '../support/vigie.js';

/** An LDIF export of `count` people in one OU. */
function peopleLdif(count: number): string {
  const lines = ['dn: ou=people,dc=acme,dc=test\nobjectClass: organizationalUnit\nou: people\n'];
  for (let i = 0; i < count; i++) {
    lines.push(`dn: uid=p${i},ou=people,dc=acme,dc=test\nobjectClass: inetOrgPerson\nuid: p${i}\ncn: Person ${i}\nsn: P${i}\ntitle: Staff\n`);
  }
  return lines.join('\n');
}

/** The real LDIF reader, which runs `between` once, after the second page of entries: when the database goes away. */
class ReaderInterrupted extends DefaultDirectoryReader {
  constructor(private readonly between: () => Promise<void>) {
    super();
  }

  override async *readBatches(source: DirectorySource, options?: ReadOptions): AsyncIterable<DirectoryEntry[]> {
    let pages = 0;
    for await (const batch of super.readBatches(source, options)) {
      yield batch;
      if (++pages === 2) await this.between();
    }
  }
}

/**
 * `vigie sync` on PostgreSQL when the database goes away during the run: pg_terminate_backend (a failover, an
 * administrator), or the server out of reach. The sync is composed as `vigie sync` composes it: a plain pg pool,
 * the advisory lock held on a session of its own, a first snapshot written in a transaction held open during the read.
 */
describe('a sync that loses its database', () => {
  let db: TestDatabase;
  let admin: pg.Client;
  let client: PgSqlClient;
  let dir: string;

  /** The sync as composed for the applications, on this client, with this reader. */
  const syncOn = (sql: PgSqlClient, reader = new DefaultDirectoryReader()) => syncServiceOn(sql, reader);
  /** As the command runs it: under the lock of the directory. */
  const lockedSync = (sql: PgSqlClient, sync: SyncService, source: DirectorySource) =>
    new AdvisoryJobLock(sql).runExclusive(`sync:${source.name}`, async (signal) => void (await sync.sync(source, { signal }))).catch((e: unknown) => e);
  /** Every connection Vigie holds to the test database, ended by the server. */
  const terminateVigie = async () =>
    (await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'vigie'`, [db.name])).rowCount ?? 0;
  const latestRun = async (directory: string) =>
    (
      await admin.query<{ id: string; status: string; error: string | null }>(
        `SELECT id, status, error FROM sync_run WHERE directory = $1 ORDER BY started_at DESC LIMIT 1`,
        [directory],
      )
    ).rows[0];
  const accounts = async (directory: string) => Number((await admin.query(`SELECT count(*) AS n FROM account WHERE directory = $1`, [directory])).rows[0].n);

  beforeAll(async () => {
    db = await createTestDatabase();
    await (await openDataSource({ url: db.url, dataDir: '' })).destroy();
    admin = new pg.Client({ connectionString: db.url, application_name: 'vigie-test' });
    await admin.connect();
    client = await PgSqlClient.connect({ url: db.url, dataDir: '' });
    dir = mkdtempSync(join(tmpdir(), 'vigie-db-lost-'));
    writeFileSync(join(dir, 'people.ldif'), peopleLdif(5000));
  });

  afterAll(async () => {
    await client?.close();
    await admin?.end();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('fails with an unavailable error when its connections are terminated, records the run failed, and writes nothing', async () => {
    const source: DirectorySource = { kind: 'ldif', name: 'people', file: join(dir, 'people.ldif') };
    let terminated = 0;
    const sync = await syncOn(
      client,
      new ReaderInterrupted(async () => {
        terminated = await terminateVigie();
      }),
    );
    const err = await lockedSync(client, sync, source);
    // At least the lock's session and the first snapshot's transaction, both idle then: each heard its end as an 'error' event.
    expect(terminated).toBeGreaterThanOrEqual(2);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect(isVigieError(err) && err.kind).toBe('unavailable');
    expect((err as Error).message).toMatch(
      new RegExp(`^the connection to PostgreSQL at 127\\.0\\.0\\.1:\\d+/${db.name} was lost \\(.+\\)\\. Check that the server is running and reachable`),
    );
    // Recorded through a new connection, with nothing of the first snapshot.
    expect(await latestRun('people')).toMatchObject({ status: 'failed', error: (err as Error).message });
    expect(await accounts('people')).toBe(0);

    // The pool has replaced its connections: the next run goes through.
    expect(await lockedSync(client, await syncOn(client), source)).toBe(true);
    expect(await accounts('people')).toBe(5000);
  });

  it('aborts the job of a lock whose connection ends: another process may take the lock meanwhile', async () => {
    const reason = await new AdvisoryJobLock(client)
      .runExclusive('sync:people', async (signal) => {
        await terminateVigie();
        if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        throw signal.reason;
      })
      .catch((e: unknown) => e);
    expect(reason).toBeInstanceOf(DatabaseUnavailableError);
    expect((reason as Error).message).toMatch(/^the connection to PostgreSQL at .* was lost \(terminating connection due to administrator command\)/);
    // Free at once: another process takes it.
    const other = await PgSqlClient.connect({ url: db.url, dataDir: '' });
    try {
      expect(await new AdvisoryJobLock(other).runExclusive('sync:people', async () => undefined)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('says that the next sync will mark the run interrupted when the database stays out of reach, and the next one does', async () => {
    const target = new URL(db.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const cutOff = await PgSqlClient.connect({ url: proxy.via(db.url), dataDir: '' });
    const source: DirectorySource = { kind: 'ldif', name: 'people-cut', file: join(dir, 'people.ldif') };
    try {
      const err = await lockedSync(cutOff, await syncOn(cutOff, new ReaderInterrupted(() => proxy.cut())), source);
      expect(isVigieError(err) && err.kind).toBe('unavailable');
      expect((err as Error).message).toMatch(
        /^(the connection to PostgreSQL at 127\.0\.0\.1:\d+\/\w+ was lost|cannot connect to PostgreSQL at 127\.0\.0\.1:\d+\/\w+: connection refused)[^]* The run could not be recorded as failed: the next sync of this directory will mark it interrupted\.$/,
      );
    } finally {
      await cutOff.close().catch(() => undefined);
    }
    const left = await latestRun('people-cut');
    expect(left).toMatchObject({ status: 'running' });
    expect(await accounts('people-cut')).toBe(0);

    expect(await lockedSync(client, await syncOn(client), source)).toBe(true);
    expect((await admin.query(`SELECT status, error FROM sync_run WHERE id = $1`, [left!.id])).rows[0]).toEqual({
      status: 'failed',
      error: 'interrupted: the process stopped before the run finished',
    });
  });

  it('ends the vigie command with one readable message and exit code 69, never an unhandled error event', async () => {
    const file = join(dir, 'many-people.ldif');
    writeFileSync(file, peopleLdif(60_000));
    const running = runCli(['sync'], { DATABASE_URL: db.url, VIGIE_LDIF_FILE: file, VIGIE_LDAP_NAME: 'cli-people', ...fileTrailKeyEnv() });
    // The run is recorded before the read starts; the first snapshot's transaction is open during the read.
    let terminated = 0;
    let ended = false;
    void running.then(() => (ended = true));
    const deadline = Date.now() + 60_000;
    // Until the command ends by itself: then it says why, which the assertions below show.
    while (!terminated && !ended && Date.now() < deadline) {
      if ((await latestRun('cli-people'))?.status === 'running') terminated = await terminateVigie();
      else await sleep(20);
    }
    const r = await running;
    expect(terminated).toBeGreaterThanOrEqual(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^vigie: sync failed \\(the previous snapshot is kept\\):\\n {2}cli-people: the connection to PostgreSQL at 127\\.0\\.0\\.1:\\d+/${db.name} was lost \\(.+\\)\\. Check that the server is running and reachable, then run the command again\\.\\n$`,
      ),
    );
    expect(r.code).toBe(69);
    expect(await latestRun('cli-people')).toMatchObject({ status: 'failed', error: expect.stringMatching(/was lost/) });
    expect(await accounts('cli-people')).toBe(0);
  }, 120_000);
});
