import type { JobQueue } from '#vigie/common';
import { REQUEST_QUEUES } from '#vigie/requests';
import type { Vigie } from '../composition/create-vigie.js';

/**
 * The directory writes one replica runs at once per queue (a burst of approvals is not provisioned one by one), and
 * how often an idle worker looks for them: half a second (pg-boss's least) rather than the queue's 2 s, so that an
 * approval reaches the directory within about a second, for a few cheap indexed queries a second per replica.
 */
const WORKERS = { concurrency: 4, pollingIntervalSeconds: 0.5 };

/**
 * Runs the provisioning jobs of access requests that this replica's workers take from the queue: each job runs its use
 * case as the system. An error is the job's: 'unavailable' (the directory down) is tried again with a growing delay,
 * anything else keeps the job failed for an administrator (`vigie jobs failed`, and the failed-job alert).
 */
export async function workRequestJobs(queue: Pick<JobQueue, 'work'>, vigie: Pick<Vigie, 'run'>): Promise<void> {
  const actor = { type: 'system' as const, id: 'provisioning' };
  await queue.work<{ requestId: string }>(
    REQUEST_QUEUES.provision,
    async ({ requestId }, job) => void (await vigie.run('provision-access', { requestId }, { actor, correlationId: job.id })),
    WORKERS,
  );
  await queue.work<{ requestId: string }>(
    REQUEST_QUEUES.remove,
    async ({ requestId }, job) => void (await vigie.run('remove-access', { requestId }, { actor, correlationId: job.id })),
    WORKERS,
  );
}
