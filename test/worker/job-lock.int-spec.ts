import { type ClosableSqlClient, AdvisoryJobLock, openSqlClient } from '#vigie/persistence';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** Two replicas = two connection pools on one PostgreSQL: a scheduled job must run on one of them only. */
describe('the job lock across replicas, on a real PostgreSQL', () => {
  let db: TestDatabase;
  let replicaA: ClosableSqlClient;
  let replicaB: ClosableSqlClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    replicaA = await openSqlClient({ url: db.url, dataDir: '' });
    replicaB = await openSqlClient({ url: db.url, dataDir: '' });
  });

  afterAll(async () => {
    await replicaA?.close();
    await replicaB?.close();
    await db?.drop();
  });

  it('lets one replica run the job while the other skips it, then frees it', async () => {
    const a = new AdvisoryJobLock(replicaA);
    const b = new AdvisoryJobLock(replicaB);
    let release!: () => void;
    const holding = new Promise<void>((r) => (release = r));
    const runs: string[] = [];
    const first = a.runExclusive('audit', async () => {
      runs.push('a');
      await holding;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(await b.runExclusive('audit', async () => void runs.push('b'))).toBe(false);
    expect(await b.runExclusive('sync:corp', async () => void runs.push('b-other-job'))).toBe(true);
    release();
    expect(await first).toBe(true);
    expect(await b.runExclusive('audit', async () => void runs.push('b-after'))).toBe(true);
    expect(runs).toEqual(['a', 'b-other-job', 'b-after']);
  });

  it('frees the lock when the job fails', async () => {
    const a = new AdvisoryJobLock(replicaA);
    await expect(a.runExclusive('audit', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await new AdvisoryJobLock(replicaB).runExclusive('audit', async () => undefined)).toBe(true);
  });
});
