import { PgSqlClient, TypeormTrailStore, openDataSource } from '#vigie/persistence';
import { ChainedTrailWriter, type DirectoryChange, TrailContext, TrailVerifier } from '#vigie/trail';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testTrailKeys } from '../support/trail.js';

const changes = (n: number, from = 0): DirectoryChange[] =>
  Array.from({ length: n }, (_, i) => ({
    type: 'object-modified',
    objectType: 'account',
    dn: `uid=u${from + i},ou=people,dc=corp`,
    person: { login: `u${from + i}` },
    attributes: { title: { before: 'Clerk', after: 'Manager' } },
  }));

/**
 * A sync's change entries chained in a transaction of the trail's own, beside the picture's commit (the pg pool of
 * `vigie sync`): they must land only when committed, keep the chain whole, and hold back other appenders meanwhile.
 */
describe('trail entries staged beside a commit, on a real PostgreSQL', () => {
  const keys = testTrailKeys();
  let db: TestDatabase;
  let ds: DataSource;
  let client: PgSqlClient;
  let writer: ChainedTrailWriter;
  const count = async () => Number((await ds.query(`SELECT count(*) AS n FROM trail_entry WHERE chain = 'change'`))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await openDataSource({ url: db.url, dataDir: '' });
    client = await PgSqlClient.connect({ url: db.url, dataDir: '' });
    writer = new ChainedTrailWriter(new TypeormTrailStore(client), keys.pseudonymKey);
  });

  afterAll(async () => {
    await client?.close();
    await ds?.destroy();
    await db?.drop();
  });

  const inRun = <T>(fn: () => Promise<T>) => TrailContext.run({ correlationId: 'run', actor: { type: 'system', id: 'test' } }, fn);

  it('lands at commit only, after what other appenders of the chain had to wait for', async () => {
    const staged = await inRun(() => writer.prepareDirectoryChanges('corp', 'run-1', changes(1200)).stage());
    expect(staged).not.toBeNull();
    // Chained (in batches of 500) but not visible before the commit.
    expect(await count()).toBe(0);
    // Another replica appending to the same chain waits for the head's lock.
    const other = new ChainedTrailWriter(new TypeormTrailStore(ds), keys.pseudonymKey);
    let otherDone = false;
    const otherAppend = inRun(() => other.recordDirectoryChanges('corp', 'run-2', changes(3, 5000))).then((sealed) => ((otherDone = true), sealed));
    await new Promise((r) => setTimeout(r, 300));
    expect(otherDone).toBe(false);
    await staged!.commit();
    const otherSealed = await otherAppend;
    expect(await count()).toBe(1203);
    // The waiting appender came after the staged entries, on the chain they left.
    expect(otherSealed.map((e) => e.seq)).toEqual([1201, 1202, 1203]);
    expect((await new TrailVerifier(new TypeormTrailStore(ds), keys).verify()).problems).toEqual([]);
  });

  it('leaves neither entries nor a moved head when rolled back, and refuses to end twice', async () => {
    const before = await ds.query(`SELECT seq, hash FROM trail_head WHERE chain = 'change'`);
    const staged = await inRun(() => writer.prepareDirectoryChanges('corp', 'run-3', changes(10, 9000)).stage());
    await staged!.rollback();
    await expect(staged!.commit()).rejects.toThrow(/already ended/);
    expect(await ds.query(`SELECT seq, hash FROM trail_head WHERE chain = 'change'`)).toEqual(before);
    expect(await count()).toBe(1203);
    // The chain goes on from where it was, and verifies.
    const sealed = await inRun(() => writer.recordDirectoryChanges('corp', 'run-4', changes(2, 9100)));
    expect(sealed.map((e) => e.seq)).toEqual([1204, 1205]);
    expect((await new TrailVerifier(new TypeormTrailStore(ds), keys).verify()).problems).toEqual([]);
  });

  it('is not offered on a store whose connection cannot hold a transaction beside others (TypeORM here, PGlite)', async () => {
    const onTypeorm = new ChainedTrailWriter(new TypeormTrailStore(ds), keys.pseudonymKey);
    expect(await inRun(() => onTypeorm.prepareDirectoryChanges('corp', 'run-5', changes(1)).stage())).toBeNull();
  });
});
