import type { Vigie } from '../composition/create-vigie.js';
import { workRequestNotices } from '../jobs/request-notice.jobs.js';
import { QueuedScheduledJobs, workScheduledJobs } from './queued-scheduled-jobs.js';
import { workHrJobs } from './hr-jobs.js';
import { workRequestJobs } from './request-jobs.js';
import { ScheduledJobs } from './scheduled-jobs.js';
import { Scheduler } from './scheduler.js';

/**
 * The worker's clock over a composed Vigie, started now and stopped with the returned scheduler. node-cron ticks on
 * every replica; each tick enqueues its slot's job once on the job queue, and this replica's workers run the jobs with
 * the others'. The access requests' jobs (provisioning, notices) run even with the clock off: approvals enqueue them.
 */
export async function startScheduler(vigie: Vigie): Promise<Scheduler> {
  const logger = vigie.dependencies.loggerFor('Scheduler');
  const queue = await vigie.dependencies.jobQueue();
  // Whether the clock runs or not, this replica is a worker: approvals enqueue provisioning jobs and notices.
  await workRequestJobs(queue, vigie);
  await workRequestNotices(queue, vigie);
  // HR events too: a hire due at once is enqueued when it is received.
  await workHrJobs(queue, vigie);
  if (!vigie.config.scheduler.enabled) {
    const off = new Scheduler(vigie.config, new ScheduledJobs(vigie, logger), logger);
    off.start();
    return off;
  }
  await workScheduledJobs(queue, new ScheduledJobs(vigie, logger));
  const scheduler = new Scheduler(vigie.config, new QueuedScheduledJobs(queue, logger), logger);
  scheduler.start();
  return scheduler;
}
