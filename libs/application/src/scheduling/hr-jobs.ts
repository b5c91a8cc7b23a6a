import type { JobQueue } from '#vigie/common';
import { HR_QUEUES } from '#vigie/hr';
import type { Vigie } from '../composition/create-vigie.js';

/**
 * A burst of hires is applied eight at a time per replica: each spends most of its time waiting on the directory and
 * the database (bench:hr: 1,000 hires, docs/performance.md). An idle worker looks each second (a worker that found a
 * job looks again at once): an event's effective time is kept to the minute, not the second.
 */
const APPLY_WORKERS = { concurrency: 8, pollingIntervalSeconds: 1 };
/** Follow-ups come a few a day, due after weeks: one worker looking every few seconds is plenty. */
const FOLLOW_UP_WORKERS = { concurrency: 1, pollingIntervalSeconds: 5 };

/**
 * Runs the HR jobs this replica's workers take from the queue, each as the system: apply one event (the use case marks
 * it retrying or dead itself, and throws 'unavailable' only when it is to be tried again), carry out one follow-up.
 */
export async function workHrJobs(queue: Pick<JobQueue, 'work'>, vigie: Pick<Vigie, 'run'>): Promise<void> {
  const actor = { type: 'system' as const, id: 'hr' };
  await queue.work<{ eventId: string }>(
    HR_QUEUES.apply,
    async ({ eventId }, job) => void (await vigie.run('apply-hr-event', { eventId, retryCount: job.retryCount }, { actor, correlationId: job.id })),
    APPLY_WORKERS,
  );
  await queue.work<{ followUpId: string }>(
    HR_QUEUES.followUp,
    async ({ followUpId }, job) => void (await vigie.run('run-hr-follow-up', { followUpId }, { actor, correlationId: job.id })),
    FOLLOW_UP_WORKERS,
  );
}
