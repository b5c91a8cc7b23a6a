import type { EnqueueOptions, JobPayload } from '#vigie/common';
import { RecordingLogger } from '../testing/recording-logger.js';
import { QueuedScheduledJobs, slotOf, workScheduledJobs } from './queued-scheduled-jobs.js';
import { SCHEDULED_QUEUES } from './scheduled-queues.js';

describe(QueuedScheduledJobs.name, () => {
  const outbox = (fail = false) => {
    const sent: Array<{ name: string; payload: JobPayload; options?: EnqueueOptions }> = [];
    return {
      sent,
      enqueue: async (name: string, payload: JobPayload, options?: EnqueueOptions) => {
        if (fail) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        sent.push({ name, payload, options });
        return 'id';
      },
    };
  };

  it("enqueues each tick on its schedule's queue, keyed by the minute it fired in, without retries", async () => {
    const queue = outbox();
    const sut = new QueuedScheduledJobs(queue, new RecordingLogger(), () => new Date('2026-12-07T02:00:00.420Z'));
    await sut.sync('full');
    await sut.sync('incremental');
    await sut.audit();
    await sut.checkpoint();
    await sut.prune();
    await sut.sweepSignInAttempts();
    await sut.sweepAccessRequests();
    await sut.sweepHrEvents();
    expect(queue.sent.map((s) => s.name)).toEqual(Object.values(SCHEDULED_QUEUES));
    expect(new Set(queue.sent.map((s) => s.options?.singletonKey))).toEqual(new Set(['2026-12-07T02:00:00.000Z']));
    expect(queue.sent[0]!.options).toMatchObject({ retryLimit: 0 });
  });

  it('gives two replicas ticking a moment apart the same slot, and the next minute another', () => {
    expect(slotOf(new Date('2026-12-07T02:00:00.010Z'))).toBe(slotOf(new Date('2026-12-07T02:00:00.900Z')));
    expect(slotOf(new Date('2026-12-07T02:01:00.010Z'))).not.toBe(slotOf(new Date('2026-12-07T02:00:00.010Z')));
  });

  it('never throws at the clock: a tick that cannot enqueue is logged', async () => {
    const logger = new RecordingLogger();
    await expect(new QueuedScheduledJobs(outbox(true), logger).audit()).resolves.toBeUndefined();
    expect(logger.errors).toEqual([expect.objectContaining({ msg: 'could not enqueue a scheduled job; the next tick will', job: 'scheduled.audit' })]);
  });

  it('has a worker for each schedule run the scheduled job of the same name', async () => {
    const handlers = new Map<string, () => Promise<void>>();
    const calls: string[] = [];
    await workScheduledJobs({ work: async (name: string, handler: () => Promise<void>) => void handlers.set(name, handler) } as never, {
      sync: async (mode) => void calls.push(`sync ${mode}`),
      audit: async () => void calls.push('audit'),
      checkpoint: async () => void calls.push('checkpoint'),
      prune: async () => void calls.push('prune'),
      sweepSignInAttempts: async () => void calls.push('sweep'),
      sweepAccessRequests: async () => void calls.push('sweep requests'),
      sweepHrEvents: async () => void calls.push('sweep hr'),
    });
    for (const name of Object.values(SCHEDULED_QUEUES)) await handlers.get(name)!();
    expect(calls).toEqual(['sync full', 'sync incremental', 'audit', 'checkpoint', 'prune', 'sweep', 'sweep requests', 'sweep hr']);
  });
});
