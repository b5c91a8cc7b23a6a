import type { EnqueueOptions, JobPayload } from '#vigie/common';
import { InMemoryUnitOfWork } from '#vigie/common/testing';
import type { HrEvent, HrPerson } from '#vigie/hr';
import { InMemoryHrEventStore } from '#vigie/hr/testing';
import { BufferedTrailWriter, RecordingTrailWriter } from '#vigie/trail/testing';
import type { HrTransaction } from '../use-cases/shared/hr-transaction.js';
import type { EnqueuedJob } from './access-requests.world.js';

/**
 * The stores an HR use case writes in one unit of work, in memory: the events and people (the in-memory store has no
 * rollback: each call lands at once), the trail entries and the jobs, which land only when the unit of work commits.
 */
export function hrEventsWorld(seed: { events?: HrEvent[]; persons?: HrPerson[] } = {}) {
  const store = new InMemoryHrEventStore();
  for (const e of seed.events ?? []) store.events.set(e.id, structuredClone(e));
  for (const p of seed.persons ?? []) store.persons.set(p.employeeId, structuredClone(p));
  const trail = new RecordingTrailWriter();
  const jobs: EnqueuedJob[] = [];
  const uow = new InMemoryUnitOfWork<HrTransaction>(() => {
    const buffered = new BufferedTrailWriter();
    const enqueued: EnqueuedJob[] = [];
    return {
      tx: {
        hr: store,
        trail: buffered,
        jobs: {
          enqueue: async (name: string, payload: JobPayload, options?: EnqueueOptions) => {
            enqueued.push({ name, payload, ...(options ? { options } : {}) });
            return `job-${jobs.length + enqueued.length}`;
          },
        },
      },
      commit: async () => {
        await buffered.flushTo(trail);
        jobs.push(...enqueued);
      },
    };
  });
  return { store, trail, jobs, uow };
}
