import { loadConfig } from '#vigie/config';
import { SILENT_LOGGER } from '#vigie/logging';
import { PgBossJobQueue, PgSqlClient } from '#vigie/persistence';
import { QueuedScheduledJobs, workScheduledJobs } from '../../libs/application/src/scheduling/queued-scheduled-jobs.js';
import { SCHEDULED_QUEUES } from '../../libs/application/src/scheduling/scheduled-queues.js';
import { Scheduler } from '../../libs/application/src/scheduling/scheduler.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Two worker replicas, each with its clock and its workers: a schedule's tick runs once, whichever replica ticks. */
describe('scheduled jobs on the job queue, across replicas, on a real PostgreSQL', () => {
  let db: TestDatabase;
  const pools: PgSqlClient[] = [];
  const queues: PgBossJobQueue[] = [];
  const schedulers: Scheduler[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(schedulers.map((s) => s.stop()));
    await Promise.all(queues.map((q) => q.stop()));
    await Promise.all(pools.map((p) => p.close()));
    await db?.drop();
  });

  it('enqueues one job per schedule and slot from every replica, and runs it once', async () => {
    const calls: string[] = [];
    const jobs = (replica: string) => ({
      sync: async (mode: 'full' | 'incremental') => void calls.push(`${replica} sync ${mode}`),
      audit: async () => void calls.push(`${replica} audit`),
      checkpoint: async () => void calls.push(`${replica} checkpoint`),
      prune: async () => void calls.push(`${replica} prune`),
      sweepSignInAttempts: async () => void calls.push(`${replica} sweep`),
      sweepAccessRequests: async () => void calls.push(`${replica} sweep requests`),
      sweepHrEvents: async () => void calls.push(`${replica} sweep hr`),
    });
    const config = loadConfig({ env: {}, file: '/dev/null', overrides: {} });
    let now = new Date('2026-12-07T02:00:00.050Z');
    for (const replica of ['a', 'b']) {
      const pool = await PgSqlClient.connect({ url: db.url, dataDir: '' });
      pools.push(pool);
      const queue = await PgBossJobQueue.start(pool, { queues: Object.values(SCHEDULED_QUEUES), pollingIntervalSeconds: 0.5 });
      queues.push(queue);
      await workScheduledJobs(queue, jobs(replica));
      const scheduler = new Scheduler(config, new QueuedScheduledJobs(queue, SILENT_LOGGER, () => now), SILENT_LOGGER);
      scheduler.start();
      schedulers.push(scheduler);
    }
    // Both clocks tick for the 02:00 slot of the audit, then both for 02:01.
    for (const s of schedulers) await s.runNow('audit');
    await sleep(2500);
    expect(calls.filter((c) => c.endsWith('audit'))).toHaveLength(1);
    now = new Date('2026-12-07T02:01:00.020Z');
    for (const s of schedulers) await s.runNow('audit');
    for (const s of schedulers) await s.runNow('full-sync');
    await sleep(2500);
    expect(calls.filter((c) => c.endsWith('audit'))).toHaveLength(2);
    expect(calls.filter((c) => c.endsWith('sync full'))).toHaveLength(1);
  });
});
