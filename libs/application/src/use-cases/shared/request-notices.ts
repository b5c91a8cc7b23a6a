import type { JobOutbox } from '#vigie/common';
import { type AccessRequest, REQUEST_QUEUES, type RequestNoticeKind } from '#vigie/requests';

/**
 * Enqueues one notice in the transaction of the change it tells about: one job per request, kind and version, so a
 * use case run twice on the same version sends it once.
 */
export async function enqueueNotice(jobs: Pick<JobOutbox, 'enqueue'>, request: AccessRequest, kind: RequestNoticeKind): Promise<void> {
  await jobs.enqueue(REQUEST_QUEUES.notify, { requestId: request.id, kind }, { singletonKey: `notify:${request.id}:${kind}:${request.version}` });
}
