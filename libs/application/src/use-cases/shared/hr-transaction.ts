import type { JobOutbox } from '#vigie/common';
import { type HrEvent, type HrEventStore, HR_QUEUES } from '#vigie/hr';
import type { TrailRecordInput, TrailWriter } from '#vigie/trail';

/** What a use case on HR events writes in one unit of work: the event and the person, their trail entries, their jobs. */
export interface HrTransaction {
  hr: HrEventStore;
  trail: TrailWriter;
  jobs: Pick<JobOutbox, 'enqueue'>;
}

/** How often an event that cannot be applied yet is tried (config hr.retries). */
export interface HrRetries {
  limit: number;
  delaySeconds: number;
}

/**
 * Asks the worker to apply the event (the hr.apply job), once per version of the event: a replay (version + 1) makes a
 * new job, a sweep finding it still pending does not. The handler itself decides retry or dead-letter (it marks the
 * event), so pg-boss's retries are the waits between tries.
 */
export function enqueueApply(jobs: HrTransaction['jobs'], event: HrEvent, retries: HrRetries): Promise<string | null> {
  return jobs.enqueue(
    HR_QUEUES.apply,
    { eventId: event.id },
    { singletonKey: `hr:${event.id}:${event.version}`, retryLimit: retries.limit, retryDelaySeconds: retries.delaySeconds, retryBackoff: true },
  );
}

/**
 * A trail entry about an HR event: its target, and the person as the subject (names, mail and DNs in its details go
 * to the personal part, which erasure can remove).
 */
export function hrEntry(
  event: HrEvent,
  entry: Omit<TrailRecordInput, 'target' | 'subjects'>,
  login: string | null = null,
  directory: string | null = null,
): TrailRecordInput {
  return { ...entry, target: { type: 'hr-event', id: event.id }, subjects: [{ employeeId: event.person.employeeId, login, directory }] };
}
