import {
  type EnqueueOptions,
  type FailedJob,
  type JobFailureListener,
  type JobHandler,
  type JobOutbox,
  type JobPayload,
  JobQueue,
  type WorkOptions,
  isVigieError,
  VigieError,
} from '#vigie/common';
import type PgBoss from 'pg-boss';
import type { SqlClient, SqlQuery } from '../sql-client.js';
import { executorOn, singletonJobId } from './pg-boss.executor.js';

export const JOB_SCHEMA = 'pgboss';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = 86_400;
/** Tries again after 'unavailable' by default: with the default delay, about three hours of a server being down. */
const RETRY_LIMIT = 10;

export interface PgBossJobQueueOptions {
  /** Every queue a process may enqueue on, created at start (a job sent to a queue that does not exist is dropped). */
  queues: readonly string[];
  onFailed?: JobFailureListener;
  /** pg-boss's own errors (a poll that failed while the database was away): logged, never thrown. */
  onError?: (err: unknown) => void;
  /** How often an idle worker looks for jobs (default 2 s), and how often lost jobs are looked for (default 60 s). */
  pollingIntervalSeconds?: number;
  maintenanceIntervalSeconds?: number;
}

/**
 * The job queue on PostgreSQL, by pg-boss 10 in the `pgboss` schema, through Vigie's own SqlClient (the pg pool, or
 * the embedded PGlite). Workers take jobs with SELECT … FOR UPDATE SKIP LOCKED, so any number of replicas share a
 * queue and each job is taken by one of them; a job active past its expiry (its worker died) is failed by the
 * maintenance of any replica and tried again.
 */
export class PgBossJobQueue extends JobQueue {
  private readonly queues: Set<string>;
  private stopped = false;

  private constructor(
    private readonly boss: PgBoss,
    private readonly db: SqlClient,
    private readonly options: PgBossJobQueueOptions,
  ) {
    super();
    this.queues = new Set(options.queues);
  }

  /** Creates (or upgrades) the `pgboss` schema and the queues, and starts the maintenance that expires lost jobs. */
  static async start(db: SqlClient, options: PgBossJobQueueOptions): Promise<PgBossJobQueue> {
    const { default: PgBoss } = await import('pg-boss');
    const boss = new PgBoss({
      db: executorOn(db),
      schema: JOB_SCHEMA,
      // node-cron is Vigie's clock (libs/application/src/scheduling): pg-boss's own cron stays off.
      schedule: false,
      ...(options.maintenanceIntervalSeconds ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds } : {}),
      // Failed jobs stay where `failed` lists them and `retry` can put them back, for a month.
      archiveFailedAfterSeconds: 30 * DAY,
      // The singleton key of a completed job holds for a week (its row moves to the archive after it).
      archiveCompletedAfterSeconds: 7 * DAY,
    });
    boss.on('error', (err) => options.onError?.(err));
    await oneAtATime(db, async () => {
      await boss.start();
      for (const name of options.queues) await boss.createQueue(name);
    });
    return new PgBossJobQueue(boss, db, options);
  }

  enqueue(name: string, payload: JobPayload, options?: EnqueueOptions): Promise<string | null> {
    return this.send(this.db, name, payload, options);
  }

  /** Enqueues on a transaction's client: the job is written, and seen by workers, only if the transaction commits. */
  outboxOn(tx: SqlQuery): JobOutbox {
    return { enqueue: (name, payload, options) => this.send(tx, name, payload, options), retry: (id) => this.retryOn(tx, id) };
  }

  private async send(sql: SqlQuery, name: string, payload: JobPayload, options: EnqueueOptions = {}): Promise<string | null> {
    if (!this.queues.has(name)) throw new Error(`no job queue named ${name}: name it in the queues the job queue is started with`);
    const db = executorOn(sql);
    const id = options.singletonKey === undefined ? undefined : singletonJobId(name, options.singletonKey);
    // The job table's primary key stops a second insert; a job already archived is looked for first.
    if (id && (await db.executeSql(`SELECT 1 FROM ${JOB_SCHEMA}.archive WHERE name = $1 AND id = $2`, [name, id])).rows.length) return null;
    return this.boss.send(name, payload, {
      db,
      ...(id ? { id, singletonKey: options.singletonKey } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      retryLimit: options.retryLimit ?? RETRY_LIMIT,
      retryBackoff: options.retryBackoff ?? true,
      retryDelay: options.retryDelaySeconds ?? 5,
      ...(options.expireInSeconds ? { expireInSeconds: options.expireInSeconds } : {}),
    });
  }

  async work<P extends JobPayload>(name: string, handler: JobHandler<P>, options: WorkOptions = {}): Promise<void> {
    if (this.stopped) throw new Error('the job queue is stopped');
    if (!this.queues.has(name)) {
      await oneAtATime(this.db, () => this.boss.createQueue(name));
      this.queues.add(name);
    }
    // One pg-boss worker per slot, each taking one job at a time: a slow job holds its own slot only.
    const interval = options.pollingIntervalSeconds ?? this.options.pollingIntervalSeconds;
    const polling = interval ? { pollingIntervalSeconds: interval } : {};
    for (let slot = 0; slot < Math.max(1, options.concurrency ?? 1); slot++) {
      let workerId = '';
      workerId = await this.boss.work<P>(name, { batchSize: 1, includeMetadata: true, ...polling }, async (jobs) => {
        for (const job of jobs) await this.runOne(name, job, handler);
        // A worker that found a job looks for the next one at once, not after the polling interval.
        if (jobs.length) this.boss.notifyWorker(workerId);
      });
    }
  }

  /** Completes or fails the job itself: a job that cannot succeed uses up its tries first, and is then alerted. */
  private async runOne<P extends JobPayload>(name: string, job: PgBoss.JobWithMetadata<P>, handler: JobHandler<P>): Promise<void> {
    try {
      await handler(job.data, { id: job.id, name, retryCount: job.retryCount });
    } catch (err) {
      await this.failed1(name, job, err).catch((e: unknown) => this.options.onError?.(e));
      return;
    }
    await this.boss.complete(name, job.id).catch((e: unknown) => this.options.onError?.(e));
  }

  private async failed1(name: string, job: PgBoss.JobWithMetadata<JobPayload>, err: unknown): Promise<void> {
    const retryable = isVigieError(err) && err.kind === 'unavailable';
    const error = { message: err instanceof Error ? err.message : String(err), kind: isVigieError(err) ? err.kind : null };
    await this.db.transaction(async (tx) => {
      // Nothing to try again: the job uses up its tries, and pg-boss's fail keeps it as failed.
      if (!retryable) await tx.query(`UPDATE ${JOB_SCHEMA}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2 AND state = 'active'`, [name, job.id]);
      await this.boss.fail(name, job.id, error, { db: executorOn(tx) });
    });
    if (retryable && job.retryCount < job.retryLimit) return;
    const failure: FailedJob = { id: job.id, name, payload: job.data, error, retryCount: job.retryCount, createdAt: job.createdOn, failedAt: new Date() };
    await this.options.onFailed?.(failure);
  }

  async failed(limit = 100): Promise<FailedJob[]> {
    const rows: Array<{
      id: string;
      name: string;
      data: JobPayload;
      output: { message?: string; kind?: string } | null;
      retry_count: number;
      created_on: Date;
      completed_on: Date | null;
    }> = await this.db.query(
      `SELECT id, name, data, output, retry_count, created_on, completed_on FROM ${JOB_SCHEMA}.job WHERE state = 'failed' ORDER BY completed_on DESC NULLS LAST, id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      payload: r.data ?? {},
      error: { message: r.output?.message ?? 'no error recorded', kind: r.output?.kind ?? null },
      retryCount: r.retry_count,
      createdAt: new Date(r.created_on),
      failedAt: r.completed_on ? new Date(r.completed_on) : null,
    }));
  }

  retry(id: string): Promise<{ id: string; name: string }> {
    return this.retryOn(this.db, id);
  }

  private async retryOn(sql: SqlQuery, id: string): Promise<{ id: string; name: string }> {
    if (!UUID.test(id)) throw new VigieError('invalid-input', `${JSON.stringify(id)} is not a job id: \`vigie jobs failed\` lists the failed jobs with theirs`);
    const rows: Array<{ name: string }> = await sql.query(`SELECT name FROM ${JOB_SCHEMA}.job WHERE id = $1 AND state = 'failed' FOR UPDATE`, [id]);
    const name = rows[0]?.name;
    if (!name) throw new VigieError('not-found', `no failed job has the id ${id}: \`vigie jobs failed\` lists the failed jobs`);
    // pg-boss's own retry gives one more try; the administrator's retry gives a fresh set, so that a directory down at
    // that moment is waited for as the first time.
    await sql.query(
      `UPDATE ${JOB_SCHEMA}.job SET state = 'retry', retry_limit = retry_count + 1 + $3, start_after = now() WHERE name = $1 AND id = $2 AND state = 'failed'`,
      [name, id, RETRY_LIMIT],
    );
    return { id, name };
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    // graceful: waits for the jobs in progress (up to the timeout); the database is Vigie's, closed by its owner.
    await this.boss.stop({ graceful: true, wait: true, close: false, timeout: 30_000 });
  }
}

/**
 * Runs `fn` (pg-boss's start, which creates or upgrades its schema, and the creation of queues) under a session
 * advisory lock: two replicas starting together on a new database would both create the schema, or both the table of
 * a new queue, and deadlock. The embedded PGlite lives in one process, where the queue starts once.
 */
async function oneAtATime(db: SqlClient, fn: () => Promise<unknown>): Promise<void> {
  if (!db.concurrentTransactions) {
    await fn();
    return;
  }
  const session = db.createQueryRunner();
  await session.connect();
  try {
    await session.query(`SELECT pg_advisory_lock(hashtext($1))`, [`vigie:${JOB_SCHEMA}`]);
    try {
      await fn();
    } finally {
      await session.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`vigie:${JOB_SCHEMA}`]).catch(() => undefined);
    }
  } finally {
    await session.release();
  }
}
