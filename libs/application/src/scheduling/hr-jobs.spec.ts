import { HR_QUEUES } from '#vigie/hr';
import { workHrJobs } from './hr-jobs.js';

describe(workHrJobs.name, () => {
  it('runs apply-hr-event with the job try count, and run-hr-follow-up, as the system', async () => {
    const handlers = new Map<string, (payload: never, job: { id: string; name: string; retryCount: number }) => Promise<void>>();
    const queue = { work: async (name: string, handler: never) => void handlers.set(name, handler) };
    const runs: unknown[] = [];
    const vigie = { run: async (...args: unknown[]) => void runs.push(args) };
    await workHrJobs(queue as never, vigie as never);
    await handlers.get(HR_QUEUES.apply)!({ eventId: 'e1' } as never, { id: 'j1', name: HR_QUEUES.apply, retryCount: 2 });
    await handlers.get(HR_QUEUES.followUp)!({ followUpId: 'f1' } as never, { id: 'j2', name: HR_QUEUES.followUp, retryCount: 0 });
    expect(runs).toEqual([
      ['apply-hr-event', { eventId: 'e1', retryCount: 2 }, { actor: { type: 'system', id: 'hr' }, correlationId: 'j1' }],
      ['run-hr-follow-up', { followUpId: 'f1' }, { actor: { type: 'system', id: 'hr' }, correlationId: 'j2' }],
    ]);
  });
});
