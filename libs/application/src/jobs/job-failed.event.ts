import type { FailedJob } from '#vigie/common';

/**
 * What an administrator is told when a job fails for good: which job, its error, and what to do. Not its payload,
 * which may name people.
 */
export function jobFailedEvent(job: FailedJob): { kind: 'job-failed'; title: string; lines: string[] } {
  const tries = job.retryCount + 1;
  return {
    kind: 'job-failed',
    title: `Job ${job.name} failed`,
    lines: [
      `Job ${job.id} (${job.name}) failed after ${tries} ${tries === 1 ? 'try' : 'tries'}${job.error.kind ? ` (${job.error.kind})` : ''}: ${job.error.message}`,
      '`vigie jobs failed` lists the failed jobs; once the cause is fixed, `vigie jobs retry <id>` runs this one again.',
    ],
  };
}
