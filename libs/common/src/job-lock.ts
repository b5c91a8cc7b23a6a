/**
 * Runs a job on one process at a time across replicas (a sync of one directory, the audit, a checkpoint); the others
 * skip it. The composition root binds PostgreSQL's advisory locks, or an in-process lock on the embedded database.
 */
export abstract class JobLock {
  /**
   * Runs fn if no other holder has the lock; returns false (without running fn) otherwise. `signal` aborts when the
   * lock is lost while fn runs (its database connection ended): another replica may take the job, so fn should stop.
   */
  abstract runExclusive(name: string, fn: (signal: AbortSignal) => Promise<void>): Promise<boolean>;
}
