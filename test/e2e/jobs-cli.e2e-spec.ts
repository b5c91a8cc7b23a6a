import { VigieError } from '#vigie/common';
import { PgBossJobQueue, PgSqlClient } from '#vigie/persistence';
import { runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { trailKeyEnv } from '../support/trail.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An administrator after a job-failed alert: lists the failed jobs with `vigie jobs failed`, and retries one. */
describe('vigie jobs, on a real PostgreSQL', () => {
  let db: TestDatabase;
  let pool: PgSqlClient;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    env = { DATABASE_URL: db.url, ...trailKeyEnv() };
  });

  afterAll(async () => {
    await pool?.close();
    await db?.drop();
  });

  it('lists a failed job with its error, puts it back on its queue once, and records the retry in the trail', async () => {
    const none = await runCli(['jobs', 'failed'], env);
    expect([none.code, none.stdout, none.stderr]).toEqual([0, '', 'no failed job\n']);

    // A worker replica whose job fails: the group it was to write does not exist.
    pool = await PgSqlClient.connect({ url: db.url, dataDir: '' });
    const queue = await PgBossJobQueue.start(pool, { queues: ['scheduled.audit'], pollingIntervalSeconds: 0.5 });
    const id = (await queue.enqueue('scheduled.audit', {}))!;
    await queue.work('scheduled.audit', async () => {
      throw new VigieError('not-found', 'the group cn=payroll does not exist');
    });
    const state = async () => ((await pool.query(`SELECT state FROM pgboss.job WHERE id = $1`, [id])) as Array<{ state: string }>)[0]!.state;
    for (let i = 0; i < 200 && (await state()) !== 'failed'; i++) await sleep(50);
    await queue.stop();

    const listed = await runCli(['jobs', 'failed'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${id}  scheduled\\.audit  \\S+Z  tries 1  not-found: the group cn=payroll does not exist\\n$`));

    const retried = await runCli(['jobs', 'retry', id], env);
    expect([retried.code, retried.stdout]).toEqual([0, `job ${id} (scheduled.audit) put back on its queue\n`]);
    expect(await state()).toBe('retry');
    expect(await pool.query(`SELECT count(*)::int AS n FROM trail_entry WHERE action = 'job.retried' AND target_id = $1`, [id])).toEqual([{ n: 1 }]);

    const again = await runCli(['jobs', 'retry', id], env);
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining(`no failed job has the id ${id}`)]);
    const garbage = await runCli(['jobs', 'retry', 'payroll'], env);
    expect([garbage.code, garbage.stderr]).toEqual([65, expect.stringContaining('expected a job id, as `vigie jobs failed` shows it')]);
  });
});
