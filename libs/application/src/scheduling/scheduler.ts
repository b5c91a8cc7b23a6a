import cron, { type ScheduledTask } from 'node-cron';
import type { VigieConfig } from '#vigie/config';
import type { VigieLogger } from '#vigie/logging';
import type { ScheduledJobs } from './scheduled-jobs.js';

/**
 * The clock: registers the cron schedules of the configuration and starts the scheduled jobs. Each job takes a lock
 * first (an advisory lock on PostgreSQL), so with several worker replicas a run still happens once.
 */
export class Scheduler {
  private readonly tasks: ScheduledTask[] = [];

  constructor(
    private readonly config: Pick<VigieConfig, 'scheduler' | 'trail'>,
    private readonly jobs: Pick<ScheduledJobs, 'sync' | 'audit' | 'checkpoint' | 'prune' | 'sweepSignInAttempts' | 'sweepAccessRequests' | 'sweepHrEvents'>,
    private readonly logger: VigieLogger,
  ) {}

  start(): void {
    const s = this.config.scheduler;
    if (!s.enabled) {
      this.logger.log('scheduler disabled by configuration');
      return;
    }
    const options = { timezone: s.timezone, noOverlap: true };
    this.tasks.push(cron.schedule(s.fullSync, () => this.jobs.sync('full'), { ...options, name: 'full-sync' }));
    if (s.incrementalSync !== 'off')
      this.tasks.push(cron.schedule(s.incrementalSync, () => this.jobs.sync('incremental'), { ...options, name: 'incremental-sync' }));
    this.tasks.push(cron.schedule(s.audit, () => this.jobs.audit(), { ...options, name: 'audit' }));
    const t = this.config.trail;
    this.tasks.push(cron.schedule(t.checkpointCron, () => this.jobs.checkpoint(), { ...options, name: 'trail-checkpoint' }));
    this.tasks.push(cron.schedule(t.pruneCron, () => this.jobs.prune(), { ...options, name: 'trail-prune' }));
    // Every minute, not configured: a window of failed sign-ins is summarised in the trail within a minute of closing.
    this.tasks.push(cron.schedule('* * * * *', () => this.jobs.sweepSignInAttempts(), { ...options, name: 'sign-in-attempts' }));
    // Every minute too: a grant ends, and a request expires, within a minute of its time.
    this.tasks.push(cron.schedule('* * * * *', () => this.jobs.sweepAccessRequests(), { ...options, name: 'access-requests' }));
    // And HR events: one received weeks early is applied within a minute of its effective time; follow-ups likewise.
    this.tasks.push(cron.schedule('* * * * *', () => this.jobs.sweepHrEvents(), { ...options, name: 'hr-events' }));
    this.logger.log({ msg: 'scheduler started', fullSync: s.fullSync, incrementalSync: s.incrementalSync, audit: s.audit, timezone: s.timezone });
  }

  async stop(): Promise<void> {
    await Promise.all(this.tasks.map((t) => t.destroy()));
    this.tasks.length = 0;
  }

  /** Runs a registered task now, as its schedule would (for tests and an operator's command). */
  async runNow(name: string): Promise<void> {
    const task = this.tasks.find((t) => t.name === name);
    if (!task) throw new Error(`no scheduled task named ${name}`);
    await task.execute();
  }

  /** The schedules as registered, with their next run (for status output and tests). */
  schedules(): Array<{ name: string | undefined; pattern: string; nextRun: Date | null }> {
    return this.tasks.map((t) => ({ name: t.name, pattern: t.getPattern(), nextRun: t.getNextRun() }));
  }
}
