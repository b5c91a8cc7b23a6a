import * as z from 'zod';
import type { UnitOfWork } from '#vigie/common';
import { HR_QUEUES } from '#vigie/hr';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { enqueueApply, type HrRetries, type HrTransaction } from '../shared/hr-transaction.js';

export const sweepHrEventsInput = z.object({}).strict();

export interface SweepHrEventsOutput {
  /** Events whose effective time came, handed to hr.apply (a job already there for the same version is not doubled). */
  events: number;
  /** Follow-ups past their due time, handed to hr.follow-up. */
  followUps: number;
}

/** How many of each one sweep hands over: the rest waits for the next minute. */
const BATCH = 500;

/**
 * The worker's minute for HR events: the pending events whose effective date came (received weeks early) and the
 * follow-ups now due are put on their queues. The jobs' singleton keys make a second sweep, or a second replica, harmless.
 */
export class SweepHrEvents implements UseCase<typeof sweepHrEventsInput, SweepHrEventsOutput> {
  static readonly definition: UseCaseDefinition<typeof sweepHrEventsInput> = { name: 'sweep-hr-events', input: sweepHrEventsInput };
  readonly definition = SweepHrEvents.definition;

  constructor(
    private readonly uow: UnitOfWork<HrTransaction>,
    private readonly retries: HrRetries,
    private readonly now: () => Date = () => new Date(),
  ) {}

  execute(): Promise<SweepHrEventsOutput> {
    const now = this.now();
    return this.uow.run(async (tx) => {
      // A pending event with a try made has its job already (in flight, or retried by the queue when its worker died):
      // each try bumps the version, and a new job for it here would run beside that one.
      const events = (await tx.hr.due(now, BATCH)).filter((e) => e.attempts === 0);
      for (const event of events) await enqueueApply(tx.jobs, event, this.retries);
      const followUps = await tx.hr.dueFollowUps(now, BATCH);
      for (const f of followUps)
        await tx.jobs.enqueue(
          HR_QUEUES.followUp,
          { followUpId: f.id },
          { singletonKey: `hr-follow-up:${f.id}`, retryLimit: this.retries.limit, retryDelaySeconds: this.retries.delaySeconds, retryBackoff: true },
        );
      return { events: events.length, followUps: followUps.length };
    });
  }
}
