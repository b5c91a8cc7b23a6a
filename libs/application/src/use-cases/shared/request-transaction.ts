import type { JobOutbox } from '#vigie/common';
import { type AccessRequest, REQUEST_QUEUES, type AccessRequestStore, type RequestNoticeKind } from '#vigie/requests';
import type { TrailRecordInput, TrailWriter } from '#vigie/trail';

/** What a use case on access requests writes in one unit of work: the request, its trail entries, its jobs. */
export interface RequestTransaction {
  requests: AccessRequestStore;
  trail: TrailWriter;
  jobs: Pick<JobOutbox, 'enqueue'>;
}

/** Tells people of a step of the request (the access.notify job), once per kind and version of the request. */
export function enqueueNotice(jobs: RequestTransaction['jobs'], request: AccessRequest, kind: RequestNoticeKind): Promise<string | null> {
  return jobs.enqueue(REQUEST_QUEUES.notify, { requestId: request.id, kind }, { singletonKey: `notify:${request.id}:${kind}:${request.version}` });
}

/** Asks the worker to remove the grant's membership (the access.remove job), once per request. */
export function enqueueRemoval(jobs: RequestTransaction['jobs'], request: AccessRequest): Promise<string | null> {
  return jobs.enqueue(REQUEST_QUEUES.remove, { requestId: request.id }, { singletonKey: `remove:${request.id}` });
}

/**
 * A trail entry about a request: its target, and the beneficiary as the person it is about (the DNs it carries name
 * them, so its details go to the personal part, which erasure can remove).
 */
export function requestEntry(request: AccessRequest, entry: Omit<TrailRecordInput, 'target' | 'subjects'>): TrailRecordInput {
  const { login, directory, employeeId } = request.beneficiary;
  return { ...entry, target: { type: 'access-request', id: request.id }, subjects: [{ login, directory, employeeId }] };
}

/** The membership a grant writes, as the trail and the logs name it. */
export function membershipOf(request: AccessRequest): { directory: string; groupDn: string; memberDn: string } {
  const g = request.grant!;
  return { directory: g.directory, groupDn: g.groupDn, memberDn: g.memberDn };
}
