import type { EnqueueOptions, JobOutbox, JobQueue } from '#vigie/common';
import type { VigieLogger } from '#vigie/logging';
import type { ScheduledJobs } from './scheduled-jobs.js';
import { SCHEDULED_QUEUES } from './scheduled-queues.js';

type Schedules = Pick<ScheduledJobs, 'sync' | 'audit' | 'checkpoint' | 'prune' | 'sweepSignInAttempts' | 'sweepAccessRequests' | 'sweepHrEvents'>;

/**
 * The slot a tick belongs to: the minute it fired in. Every replica's clock ticks for the same slot, and the slot is
 * the job's singleton key, so the queue holds one job per schedule and slot however many replicas tick.
 */
export function slotOf(at: Date): string {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000).toISOString();
}

/**
 * What the clock does on the queue: each tick enqueues its schedule's job for its slot, and returns at once; a worker of
 * any replica runs it (workScheduledJobs). A lost run is not tried again: the next slot's job does the work.
 */
export class QueuedScheduledJobs implements Schedules {
  constructor(
    private readonly queue: Pick<JobOutbox, 'enqueue'>,
    private readonly logger: VigieLogger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  sync(mode: 'full' | 'incremental'): Promise<void> {
    return this.enqueue(mode === 'full' ? SCHEDULED_QUEUES['full-sync'] : SCHEDULED_QUEUES['incremental-sync']);
  }
  audit(): Promise<void> {
    return this.enqueue(SCHEDULED_QUEUES.audit);
  }
  checkpoint(): Promise<void> {
    return this.enqueue(SCHEDULED_QUEUES['trail-checkpoint']);
  }
  prune(): Promise<void> {
    return this.enqueue(SCHEDULED_QUEUES['trail-prune']);
  }
  sweepSignInAttempts(): Promise<void> {
    return this.enqueue(SCHEDULED_QUEUES['sign-in-attempts']);
  }
  sweepAccessRequests(): Promise<void> {
    return this.enqueue(SCHEDULED_QUEUES['access-requests']);
  }
  sweepHrEvents(): Promise<void> {
    return this.enqueue(SCHEDULED_QUEUES['hr-events']);
  }

  /** Never throws at the clock: a tick that could not enqueue (the database away) is logged, and the next one tries. */
  private async enqueue(name: string): Promise<void> {
    // A long full sync must not be taken for a dead worker's and started twice: hours before it counts as lost.
    const options: EnqueueOptions = { singletonKey: slotOf(this.now()), retryLimit: 0, expireInSeconds: 4 * 3600 };
    try {
      await this.queue.enqueue(name, {}, options);
    } catch (err) {
      this.logger.error({ msg: 'could not enqueue a scheduled job; the next tick will', job: name, err });
    }
  }
}

/** Runs the scheduled jobs this replica's workers take from the queue, one at a time per schedule. */
export async function workScheduledJobs(queue: Pick<JobQueue, 'work'>, jobs: Schedules): Promise<void> {
  await queue.work(SCHEDULED_QUEUES['full-sync'], () => jobs.sync('full'));
  await queue.work(SCHEDULED_QUEUES['incremental-sync'], () => jobs.sync('incremental'));
  await queue.work(SCHEDULED_QUEUES.audit, () => jobs.audit());
  await queue.work(SCHEDULED_QUEUES['trail-checkpoint'], () => jobs.checkpoint());
  await queue.work(SCHEDULED_QUEUES['trail-prune'], () => jobs.prune());
  await queue.work(SCHEDULED_QUEUES['sign-in-attempts'], () => jobs.sweepSignInAttempts());
  await queue.work(SCHEDULED_QUEUES['access-requests'], () => jobs.sweepAccessRequests());
  await queue.work(SCHEDULED_QUEUES['hr-events'], () => jobs.sweepHrEvents());
}
