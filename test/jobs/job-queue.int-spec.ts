import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { type FailedJob, VigieError } from '#vigie/common';
import { PgBossJobQueue, type PgBossJobQueueOptions, PgSqlClient } from '#vigie/persistence';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Two replicas: two pools on one PostgreSQL, each with its own pg-boss, as two worker processes would have. */
describe('the job queue on a real PostgreSQL (pg-boss)', () => {
  let db: TestDatabase;
  let poolA: PgSqlClient;
  let poolB: PgSqlClient;
  const started: PgBossJobQueue[] = [];
  const alerts: FailedJob[] = [];

  const replica = async (pool: PgSqlClient, queues: string[], more: Partial<PgBossJobQueueOptions> = {}) => {
    const q = await PgBossJobQueue.start(pool, { queues, pollingIntervalSeconds: 0.5, onFailed: (job) => void alerts.push(job), ...more });
    started.push(q);
    return q;
  };
  const stateOf = async (id: string): Promise<string | undefined> =>
    ((await poolA.query(`SELECT state FROM pgboss.job WHERE id = $1`, [id])) as Array<{ state: string }>)[0]?.state;

  beforeAll(async () => {
    db = await createTestDatabase();
    poolA = await PgSqlClient.connect({ url: db.url, dataDir: '' });
    poolB = await PgSqlClient.connect({ url: db.url, dataDir: '' });
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((q) => q.stop()));
    alerts.length = 0;
  });

  afterAll(async () => {
    await poolA?.close();
    await poolB?.close();
    await db?.drop();
  });

  it('runs a job enqueued in a transaction once if the transaction commits, never if it rolls back', async () => {
    const a = await replica(poolA, ['provision-commit']);
    await expect(
      poolA.transaction(async (tx) => {
        await a.outboxOn(tx).enqueue('provision-commit', { step: 'rolled back' });
        throw new Error('the decision was refused');
      }),
    ).rejects.toThrow('the decision was refused');
    const id = await poolA.transaction(async (tx) => {
      const queued = await a.outboxOn(tx).enqueue('provision-commit', { step: 'committed' });
      // Not there for anyone else before the commit.
      expect(await poolB.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'provision-commit'`)).toEqual([{ n: 0 }]);
      return queued;
    });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const seen: unknown[] = [];
    await a.work('provision-commit', async (payload) => void seen.push(payload));
    await waitFor('the committed job to complete', async () => (await stateOf(id!)) === 'completed');
    await sleep(1200);
    expect(seen).toEqual([{ step: 'committed' }]);
  });

  it('shares one queue between two replicas, each of 400 jobs run exactly once', async () => {
    const [a, b] = [await replica(poolA, ['fan-out']), await replica(poolB, ['fan-out'])];
    const runs = new Map<number, number>();
    const by = { a: 0, b: 0 };
    const handler = (who: 'a' | 'b') => async (payload: { n: number }) => {
      runs.set(payload.n, (runs.get(payload.n) ?? 0) + 1);
      by[who]++;
      await sleep(10);
    };
    for (let n = 0; n < 400; n++) await a.enqueue('fan-out', { n });
    await a.work('fan-out', handler('a'), { concurrency: 5 });
    await b.work('fan-out', handler('b'), { concurrency: 5 });
    await waitFor('400 jobs to run', () => runs.size === 400, 60_000);
    await waitFor('every job completed', async () => {
      const rows = (await poolA.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'fan-out' AND state = 'completed'`)) as Array<{ n: number }>;
      return rows[0]!.n === 400;
    });
    await sleep(1200);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(by.a + by.b).toBe(400);
    expect(by.a).toBeGreaterThan(0);
    expect(by.b).toBeGreaterThan(0);
  });

  it("tries a job failing with 'unavailable' again with a growing delay, and completes it when the server is back", async () => {
    const a = await replica(poolA, ['directory-down']);
    const tries: Array<{ retryCount: number; at: number }> = [];
    await a.work('directory-down', async (_payload, job) => {
      tries.push({ retryCount: job.retryCount, at: Date.now() });
      if (tries.length <= 2) throw new VigieError('unavailable', 'the directory ldap://dir.acme.test does not answer');
    });
    const id = await a.enqueue('directory-down', { group: 'cn=payroll' }, { retryDelaySeconds: 1 });
    await waitFor('the job to complete after two failures', async () => (await stateOf(id!)) === 'completed');
    expect(tries.map((t) => t.retryCount)).toEqual([0, 1, 2]);
    // Backoff: 1–2 s before the second try, 2–4 s before the third (plus polling).
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(900);
    expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(1900);
    expect((await a.failed()).map((f) => f.id)).not.toContain(id);
    expect(alerts).toEqual([]);
  }, 30_000);

  it("keeps a job still 'unavailable' after its last try as failed, and alerts", async () => {
    const a = await replica(poolA, ['still-down']);
    let tries = 0;
    await a.work('still-down', async () => {
      tries++;
      throw new VigieError('unavailable', 'the directory ldap://dir.acme.test does not answer');
    });
    const id = await a.enqueue('still-down', {}, { retryLimit: 1, retryDelaySeconds: 1, retryBackoff: false });
    await waitFor('the job to fail', async () => (await stateOf(id!)) === 'failed');
    await waitFor('the alert', () => alerts.length === 1);
    expect(tries).toBe(2);
    expect(alerts[0]).toMatchObject({ id, name: 'still-down', retryCount: 1, error: { kind: 'unavailable' } });
  }, 30_000);

  it('fails any other error at once, lists it with its error, alerts, and runs it again on retry', async () => {
    const a = await replica(poolA, ['bad-input']);
    const tries: number[] = [];
    let fixed = false;
    await a.work('bad-input', async (_payload, job) => {
      tries.push(job.retryCount);
      if (!fixed) throw new VigieError('invalid-input', 'the group cn=nowhere does not exist in the directory');
      // Retried by the administrator while the directory is down: waited for, as the first time.
      if (tries.length === 2) throw new VigieError('unavailable', 'the directory does not answer');
    });
    const id = (await a.enqueue('bad-input', { group: 'cn=nowhere' }, { retryDelaySeconds: 1 }))!;
    await waitFor('the job to fail', async () => (await stateOf(id)) === 'failed');
    await waitFor('the alert', () => alerts.length === 1);
    await sleep(1200);
    expect(tries).toEqual([0]);
    const failed = (await a.failed()).filter((f) => f.name === 'bad-input');
    expect(failed).toEqual([
      {
        id,
        name: 'bad-input',
        payload: { group: 'cn=nowhere' },
        error: { message: 'the group cn=nowhere does not exist in the directory', kind: 'invalid-input' },
        retryCount: 0,
        createdAt: expect.any(Date),
        failedAt: expect.any(Date),
      },
    ]);
    expect(alerts).toEqual(failed.map((f) => ({ ...f, failedAt: expect.any(Date) })));

    fixed = true;
    await a.retry(id);
    await waitFor('the retried job to complete', async () => (await stateOf(id)) === 'completed');
    expect(tries).toEqual([0, 1, 2]);
    expect((await a.failed()).map((f) => f.id)).not.toContain(id);
    await expect(a.retry(id)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(a.retry('not-a-job')).rejects.toMatchObject({ kind: 'invalid-input' });
  });

  it('fails a plain error (a bug) at once too', async () => {
    const a = await replica(poolA, ['bug']);
    let tries = 0;
    await a.work('bug', async () => {
      tries++;
      throw new TypeError("Cannot read properties of undefined (reading 'dn')");
    });
    const id = (await a.enqueue('bug', {}))!;
    await waitFor('the job to fail', async () => (await stateOf(id)) === 'failed');
    await sleep(1200);
    expect(tries).toBe(1);
    expect((await a.failed()).find((f) => f.id === id)?.error).toEqual({ message: "Cannot read properties of undefined (reading 'dn')", kind: null });
  });

  it('makes a second enqueue of the same singletonKey a no-op, on any replica, before and after the job ran', async () => {
    const [a, b] = [await replica(poolA, ['once']), await replica(poolB, ['once'])];
    const both = await Promise.all([
      poolA.transaction((tx) => a.outboxOn(tx).enqueue('once', { grant: 1 }, { singletonKey: 'request-1/step-2' })),
      b.enqueue('once', { grant: 1 }, { singletonKey: 'request-1/step-2' }),
    ]);
    expect(both.filter((id) => id !== null)).toHaveLength(1);
    const id = both.find((x) => x !== null)!;
    const runs: unknown[] = [];
    await a.work('once', async (payload) => void runs.push(payload));
    await waitFor('the job to complete', async () => (await stateOf(id)) === 'completed');
    expect(await a.enqueue('once', { grant: 1 }, { singletonKey: 'request-1/step-2' })).toBeNull();
    // Still a no-op once pg-boss has moved the completed job to its archive.
    await poolA.transaction(async (tx) => {
      await tx.query(`INSERT INTO pgboss.archive SELECT *, now() FROM pgboss.job WHERE name = 'once' AND id = $1`, [id]);
      await tx.query(`DELETE FROM pgboss.job WHERE name = 'once' AND id = $1`, [id]);
    });
    expect(await b.enqueue('once', { grant: 1 }, { singletonKey: 'request-1/step-2' })).toBeNull();
    expect(await a.enqueue('once', { grant: 2 }, { singletonKey: 'request-2/step-1' })).not.toBeNull();
    await waitFor('the other intent to run', () => runs.length === 2);
    await sleep(1200);
    expect(runs).toEqual([{ grant: 1 }, { grant: 2 }]);
  });

  it('gives the job of a worker killed mid-job to another after it expires, which completes it once', async () => {
    const queue = 'killed-mid-job';
    const a = await replica(poolA, [queue], { maintenanceIntervalSeconds: 1 });
    const id = (await a.enqueue(queue, { group: 'cn=payroll' }, { expireInSeconds: 2, retryDelaySeconds: 1 }))!;
    const child = spawn(process.execPath, [resolve('test/fixtures/jobs/stuck-worker.mjs'), db.url, queue], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
    await waitFor(`the child to take the job (${out})`, () => out.includes(`started ${id}`));
    expect(await stateOf(id)).toBe('active');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const runs: number[] = [];
    await a.work(queue, async (_payload, job) => void runs.push(job.retryCount));
    await waitFor('the job to complete on the surviving replica', async () => (await stateOf(id)) === 'completed', 30_000);
    await sleep(1200);
    expect(runs).toEqual([1]);
  }, 45_000);

  it('lets several replicas start together on a new database: one creates the schema, the others wait for it', async () => {
    const fresh = await createTestDatabase();
    const pools = await Promise.all([1, 2, 3].map(() => PgSqlClient.connect({ url: fresh.url, dataDir: '' })));
    try {
      const queues = await Promise.all(pools.map((pool) => PgBossJobQueue.start(pool, { queues: ['first-start'] })));
      expect(queues).toHaveLength(3);
      // And a queue none of them knew, worked by all three at once.
      await Promise.all(queues.map((q) => q.work('first-work', async () => undefined)));
      await Promise.all(queues.map((q) => q.stop()));
      expect(await pools[0]!.query(`SELECT name FROM pgboss.queue ORDER BY name`)).toEqual([{ name: 'first-start' }, { name: 'first-work' }]);
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
      await fresh.drop();
    }
  });
});
