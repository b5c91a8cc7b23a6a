import { type EnqueueOptions, type JobPayload, VigieError } from '#vigie/common';
import { InMemoryUnitOfWork } from '#vigie/common/testing';
import type { AccessRequest, AccessRequestStore, PersonRef } from '#vigie/requests';
import { InMemoryAccessRequestStore, aPersonRef } from '#vigie/requests/testing';
import { BufferedTrailWriter, RecordingTrailWriter } from '#vigie/trail/testing';

export interface EnqueuedJob {
  name: string;
  payload: JobPayload;
  options?: EnqueueOptions;
}

/**
 * The stores a request use case writes in one unit of work, in memory: the requests, the trail entries and the jobs
 * each commit makes visible together (a unit of work that throws leaves none of them). `people` knows the company
 * fixture's logins.
 */
export function accessRequestsWorld(...requests: AccessRequest[]) {
  const store = new InMemoryAccessRequestStore(...requests);
  const trail = new RecordingTrailWriter();
  const jobs: EnqueuedJob[] = [];
  const uow = new InMemoryUnitOfWork(() => {
    const t = store.inTransaction();
    const buffered = new BufferedTrailWriter();
    const enqueued: EnqueuedJob[] = [];
    return {
      tx: {
        requests: t.store as AccessRequestStore,
        trail: buffered,
        jobs: {
          enqueue: async (name: string, payload: JobPayload, options?: EnqueueOptions) => {
            enqueued.push({ name, payload, ...(options ? { options } : {}) });
            return `job-${jobs.length + enqueued.length}`;
          },
          retry: async (): Promise<never> => {
            throw new Error('no request use case retries a job');
          },
        },
      },
      commit: async () => {
        t.commit();
        await buffered.flushTo(trail);
        jobs.push(...enqueued);
      },
    };
  });
  const known = new Set(['erin', 'mark', 'olga', 'paul', 'sam', 'sofia']);
  const people = {
    byLogin: async (login: string): Promise<PersonRef> => {
      if (!known.has(login)) throw new VigieError('not-found', `no account has the login "${login}"`);
      return aPersonRef(login);
    },
  };
  return { store, trail, jobs, uow, people, request: (id: string) => store.rows.get(id)! };
}
