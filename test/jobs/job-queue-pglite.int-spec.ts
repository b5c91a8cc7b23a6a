import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FailedJob, VigieError } from '#vigie/common';
import { type ClosableSqlClient, closeEmbeddedDatabase, openSqlClient, PgBossJobQueue } from '#vigie/persistence';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Without DATABASE_URL: pg-boss runs through the embedded PGlite, the same SqlClient as every store. */
describe('the job queue on the embedded PGlite', () => {
  let dir: string;
  let db: ClosableSqlClient;
  let queue: PgBossJobQueue;
  const alerts: FailedJob[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-jobs-'));
    db = await openSqlClient({ dataDir: join(dir, 'data') });
    queue = await PgBossJobQueue.start(db, { queues: ['provision'], pollingIntervalSeconds: 0.5, onFailed: (job) => void alerts.push(job) });
  });

  afterAll(async () => {
    await queue?.stop();
    await db?.close();
    await closeEmbeddedDatabase();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates its schema, runs a committed job once, never a rolled back one, and keeps a failure', async () => {
    await expect(
      db.transaction(async (tx) => {
        await queue.outboxOn(tx).enqueue('provision', { step: 'rolled back' });
        throw new Error('the decision was refused');
      }),
    ).rejects.toThrow('the decision was refused');
    await db.transaction((tx) => queue.outboxOn(tx).enqueue('provision', { step: 'committed' }, { singletonKey: 'r1' }));
    expect(await queue.enqueue('provision', { step: 'committed' }, { singletonKey: 'r1' })).toBeNull();
    await queue.enqueue('provision', { step: 'refused' });
    const seen: unknown[] = [];
    await queue.work('provision', async (payload) => {
      seen.push(payload);
      if (payload.step === 'refused') throw new VigieError('forbidden', 'the service account may not write this group');
    });
    await waitFor('both jobs to end', () => seen.length === 2 && alerts.length === 1);
    await sleep(1200);
    expect(seen).toEqual(expect.arrayContaining([{ step: 'committed' }, { step: 'refused' }]));
    expect(seen).toHaveLength(2);
    expect((await queue.failed()).map((f) => [f.payload, f.error.kind])).toEqual([[{ step: 'refused' }, 'forbidden']]);
  }, 60_000);
});
