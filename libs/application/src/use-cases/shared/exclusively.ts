import type { JobLock } from '#vigie/common';

/**
 * Runs a job under its lock, once across processes: its value, or `ran: false` when another process holds the lock
 * (the job was not run here). The lock's signal aborts when the lock is lost while the job runs.
 */
export async function exclusively<T>(lock: JobLock, name: string, job: (signal: AbortSignal) => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  let value: T | undefined;
  const ran = await lock.runExclusive(name, async (signal) => {
    value = await job(signal);
  });
  return ran ? { ran: true, value: value as T } : { ran: false };
}
