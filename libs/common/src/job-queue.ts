/** What a job carries: plain JSON (stored in the database, read back by another process). */
export type JobPayload = Record<string, unknown>;

export interface EnqueueOptions {
  /**
   * The intent's own name (a request and its step, a schedule and its slot): a second enqueue with the same key on the
   * same queue is a no-op (enqueue answers null) for as long as the first job is kept, run or not.
   */
  singletonKey?: string;
  /** Not before this time. */
  startAfter?: Date;
  /** How many times a job failing with a VigieError of kind 'unavailable' is tried again (default 10). */
  retryLimit?: number;
  /** Waits twice as long before each new try (default true), from `retryDelaySeconds` (default 5). */
  retryBackoff?: boolean;
  retryDelaySeconds?: number;
  /** A job active for longer is taken as lost (its worker died) and tried again (default 15 minutes). */
  expireInSeconds?: number;
}

/**
 * Puts jobs on the queue: new ones, or a failed one again. Bound to a unit of work's transaction
 * (TransactionStores.jobs), the job exists if and only if the transaction commits: the outbox of a decision and the
 * decision land together.
 */
export interface JobOutbox {
  /** The job's id, or null when a job with the same singletonKey is already there. */
  enqueue(name: string, payload: JobPayload, options?: EnqueueOptions): Promise<string | null>;
  /** Puts a failed job back on its queue, its queue's name answered (a 'not-found' VigieError when no failed job has this id). */
  retry(id: string): Promise<{ id: string; name: string }>;
}

/** What a handler knows of the job it runs. */
export interface JobContext {
  id: string;
  name: string;
  /** 0 the first time, then 1, 2, … on each try after a failure or a lost worker. */
  retryCount: number;
}

/**
 * Carries a job out. Jobs are delivered at least once (a worker that dies mid-job leaves it to another after it
 * expires): a handler reads back what it would write before writing it. A VigieError of kind 'unavailable' (a server
 * that is down) is tried again later; any other error fails the job at once, kept with its error for an administrator.
 */
export type JobHandler<P extends JobPayload = JobPayload> = (payload: P, job: JobContext) => Promise<void>;

export interface WorkOptions {
  /** How many jobs of this queue this process runs at once (default 1). */
  concurrency?: number;
  /** How often an idle worker of this queue looks for jobs, at least 0.5 s (default: the queue's, 2 s). */
  pollingIntervalSeconds?: number;
}

/** A job that failed for good: what an administrator sees, and retries once the cause is fixed. */
export interface FailedJob {
  id: string;
  name: string;
  payload: JobPayload;
  /** The error's message, and its kind when it was a VigieError. */
  error: { message: string; kind: string | null };
  retryCount: number;
  createdAt: Date;
  failedAt: Date | null;
}

/** Told when a job fails for good (not when it will be tried again). */
export type JobFailureListener = (job: FailedJob) => void | Promise<void>;

/**
 * The durable job queue shared by every replica (pg-boss on PostgreSQL): each job is run by one worker at a time,
 * retried with a growing delay while what it needs is unavailable, and kept when it fails.
 */
export abstract class JobQueue implements JobOutbox {
  /** Outside any transaction (a clock tick, an operator's command). */
  abstract enqueue(name: string, payload: JobPayload, options?: EnqueueOptions): Promise<string | null>;
  /** Runs the queue's jobs in this process until `stop`. */
  abstract work<P extends JobPayload>(name: string, handler: JobHandler<P>, options?: WorkOptions): Promise<void>;
  /** The jobs that failed for good, newest first. */
  abstract failed(limit?: number): Promise<FailedJob[]>;
  abstract retry(id: string): Promise<{ id: string; name: string }>;
  /** Stops this process's workers, waiting for the jobs they run. */
  abstract stop(): Promise<void>;
}
