import type { SqlClient } from './sql-client.js';

/** Runs a job on one replica at a time; the others skip it. */
export abstract class JobLock {
  /** Runs fn if no other holder has the lock; returns false (without running fn) otherwise. */
  abstract runExclusive(name: string, fn: () => Promise<void>): Promise<boolean>;
}

/** Across replicas: a PostgreSQL session advisory lock, held on a dedicated connection while the job runs. */
export class AdvisoryJobLock extends JobLock {
  constructor(private readonly ds: Pick<SqlClient, 'createQueryRunner'>) {
    super();
  }

  async runExclusive(name: string, fn: () => Promise<void>): Promise<boolean> {
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    try {
      const [{ locked }] = await qr.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [`vigie:${name}`]);
      if (!locked) return false;
      try {
        await fn();
      } finally {
        await qr.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`vigie:${name}`]);
      }
      return true;
    } finally {
      await qr.release();
    }
  }
}

/**
 * The embedded database lives inside one process, so an in-process lock is the whole truth there;
 * holding a PGlite connection for the job's length would block the job's own queries.
 */
export class InProcessJobLock extends JobLock {
  private readonly running = new Set<string>();

  async runExclusive(name: string, fn: () => Promise<void>): Promise<boolean> {
    if (this.running.has(name)) return false;
    this.running.add(name);
    try {
      await fn();
      return true;
    } finally {
      this.running.delete(name);
    }
  }
}
