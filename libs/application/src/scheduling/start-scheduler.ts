import type { Vigie } from '../composition/create-vigie.js';
import { ScheduledJobs } from './scheduled-jobs.js';
import { Scheduler } from './scheduler.js';

/** The worker's clock over a composed Vigie: started now, stopped with the returned scheduler. */
export function startScheduler(vigie: Vigie): Scheduler {
  const logger = vigie.dependencies.loggerFor('Scheduler');
  const scheduler = new Scheduler(vigie.config, new ScheduledJobs(vigie, logger), logger);
  scheduler.start();
  return scheduler;
}
