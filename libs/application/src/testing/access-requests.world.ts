import type { EnqueueOptions, JobOutbox, JobPayload } from '#vigie/common';
import { InMemoryUnitOfWork } from '#vigie/common/testing';
import { VigieError } from '#vigie/common';
import type { AccessRequest, PersonRef } from '#vigie/requests';
import { BufferedTrailWriter, RecordingTrailWriter } from '#vigie/trail/testing';
import { InMemoryAccessRequestStore, aPersonRef } from './access-requests.js';

export interface EnqueuedJob {
  name: string;
  payload: JobPayload;
  options?: EnqueueOptions;
}

/**
 * The stores a request use case writes in one unit of work, in memory: the trail entries and jobs of a transaction
 * reach `committed` and `jobs` only if it commits (the store's own writes are immediate: specs read them after a
 * success). `people` knows the company fixture's logins.
 */
export function accessRequestsWorld(...requests: AccessRequest[]) {
  const store = new InMemoryAccessRequestStore(...requests);
  const committed = new RecordingTrailWriter();
  const jobs: EnqueuedJob[] = [];
  const uow = new InMemoryUnitOfWork(() => {
    const trail = new BufferedTrailWriter();
    const enqueued: EnqueuedJob[] = [];
    const outbox: JobOutbox = {
      enqueue: async (name, payload, options) => {
        enqueued.push({ name, payload, ...(options ? { options } : {}) });
        return `job-${jobs.length + enqueued.length}`;
      },
      retry: async () => {
        throw new Error('not used by these specs');
      },
    };
    return {
      tx: { requests: store, trail, jobs: outbox },
      commit: async () => {
        await trail.flushTo(committed);
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
  return { store, uow, committed, jobs, people };
}
