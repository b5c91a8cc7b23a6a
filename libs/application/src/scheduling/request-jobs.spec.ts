import { VigieError } from '#vigie/common';
import { REQUEST_QUEUES } from '#vigie/requests';
import { workRequestJobs } from './request-jobs.js';

describe('workRequestJobs', () => {
  const requestId = '0b7c4f6e-1d2a-4c3b-9e8f-000000000001';
  const setup = (fail?: Error) => {
    const handlers = new Map<string, (payload: object, job: object) => Promise<void>>();
    const runs: unknown[] = [];
    const queue = { work: async (name: string, handler: never) => void handlers.set(name, handler) } as never;
    const vigie = {
      run: async (name: string, input: unknown, context: unknown) => {
        runs.push([name, input, context]);
        if (fail) throw fail;
        return {};
      },
    } as never;
    return { handlers, runs, start: () => workRequestJobs(queue, vigie) };
  };

  it('runs the provisioning and removal jobs as their use cases, as the system, under the job id', async () => {
    const w = setup();
    await w.start();
    await w.handlers.get(REQUEST_QUEUES.provision)!({ requestId }, { id: 'job-1', name: REQUEST_QUEUES.provision, retryCount: 0 });
    await w.handlers.get(REQUEST_QUEUES.remove)!({ requestId }, { id: 'job-2', name: REQUEST_QUEUES.remove, retryCount: 0 });
    const actor = { type: 'system', id: 'provisioning' };
    expect(w.runs).toEqual([
      ['provision-access', { requestId }, { actor, correlationId: 'job-1' }],
      ['remove-access', { requestId }, { actor, correlationId: 'job-2' }],
    ]);
  });

  it("gives the job its use case's error: the queue retries 'unavailable' and keeps the rest failed", async () => {
    const w = setup(new VigieError('unavailable', 'corp is down'));
    await w.start();
    await expect(w.handlers.get(REQUEST_QUEUES.provision)!({ requestId }, { id: 'job-1' })).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
