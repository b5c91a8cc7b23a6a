import { JobLock } from '#vigie/common';
import type { SqlClient } from './sql-client.js';

export { JobLock };

/** Across replicas: a PostgreSQL session advisory lock, held on a dedicated connection while the job runs. */
export class AdvisoryJobLock extends JobLock {
  constructor(private readonly ds: Pick<SqlClient, 'createQueryRunner'>) {
    super();
  }

  async runExclusive(name: string, fn: (signal: AbortSignal) => Promise<void>): Promise<boolean> {
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    try {
      const [{ locked }] = await qr.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [`vigie:${name}`]);
      if (!locked) return false;
      const held = new AbortController();
      qr.onLost?.((err) => held.abort(err));
      try {
        await fn(held.signal);
      } finally {
        // A session that is gone took its locks with it: nothing to unlock, and fn's own error is the one to report.
        await qr.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`vigie:${name}`]).catch(() => undefined);
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

  async runExclusive(name: string, fn: (signal: AbortSignal) => Promise<void>): Promise<boolean> {
    if (this.running.has(name)) return false;
    this.running.add(name);
    try {
      // Held by this process: lost only with it.
      await fn(new AbortController().signal);
      return true;
    } finally {
      this.running.delete(name);
    }
  }
}
