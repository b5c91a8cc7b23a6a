import type { JobQueue } from '#vigie/common';
import { REQUEST_QUEUES } from '#vigie/requests';
import type { Vigie } from '../composition/create-vigie.js';
import type { UseCaseInput } from '../composition/use-case-registry.js';

/**
 * Runs the `access.notify` jobs this replica takes from the queue: each is the notify-access-request use case, as the
 * system. Its 'unavailable' error (a mail server or the webhook down) has the queue try again later; any other error
 * (an unknown request, a payload no use case accepts) fails the job at once, kept for an administrator.
 */
export async function workRequestNotices(queue: Pick<JobQueue, 'work'>, vigie: Pick<Vigie, 'run'>): Promise<void> {
  await queue.work<UseCaseInput<'notify-access-request'>>(
    REQUEST_QUEUES.notify,
    async (payload, job) => {
      await vigie.run('notify-access-request', payload, { actor: { type: 'system', id: 'notify' }, correlationId: job.id });
    },
    // Notices are independent of each other, and one waiting on a slow mail server should not hold the others.
    { concurrency: 4 },
  );
}
