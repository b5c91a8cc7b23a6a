import type { JobHandler, JobPayload } from '#vigie/common';
import { REQUEST_QUEUES } from '#vigie/requests';
import { workRequestNotices } from './request-notice.jobs.js';

describe(workRequestNotices.name, () => {
  it('runs each access.notify job as the notify-access-request use case, as the system, under the job id', async () => {
    const handlers = new Map<string, JobHandler>();
    const runs: unknown[] = [];
    const queue = { work: async (name: string, handler: JobHandler<JobPayload>) => void handlers.set(name, handler) };
    await workRequestNotices(queue as never, { run: (async (...args: unknown[]) => void runs.push(args)) as never });
    expect([...handlers.keys()]).toEqual([REQUEST_QUEUES.notify]);
    const payload = { requestId: '3b2f7a4e-5c1d-4e8f-9a0b-1c2d3e4f5a6b', kind: 'approved' };
    const job = { id: 'job-1', name: REQUEST_QUEUES.notify, retryCount: 0 };
    await handlers.get(REQUEST_QUEUES.notify)!(payload, job);
    expect(runs).toEqual([['notify-access-request', payload, { actor: { type: 'system', id: 'notify' }, correlationId: 'job-1' }]]);
  });

  it("lets the use case's error reach the queue, which retries an 'unavailable' one", async () => {
    const handlers = new Map<string, JobHandler>();
    const down = Object.assign(new Error('the mail server is down'), { kind: 'unavailable' });
    await workRequestNotices({ work: async (name: string, handler: JobHandler) => void handlers.set(name, handler) } as never, {
      run: (async () => {
        throw down;
      }) as never,
    });
    await expect(handlers.get(REQUEST_QUEUES.notify)!({ requestId: 'x', kind: 'approved' }, { id: 'j', name: 'n', retryCount: 2 })).rejects.toBe(down);
  });
});
