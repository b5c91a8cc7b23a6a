import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import cron, { type ScheduledTask } from 'node-cron';
import { AppConfig } from '#vigie/config';
import { SyncJob } from './sync.job.js';
import { AuditJob } from './audit.job.js';
import { TrailJob } from './trail.job.js';

/**
 * Registers the cron schedules from configuration. Each job takes a lock first (an advisory lock on
 * PostgreSQL), so with several worker replicas a run still happens once.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SchedulerService.name);
  private readonly tasks: ScheduledTask[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly syncJob: SyncJob,
    private readonly auditJob: AuditJob,
    private readonly trailJob: TrailJob,
  ) {}

  onApplicationBootstrap(): void {
    const s = this.config.value.scheduler;
    if (!s.enabled) {
      this.logger.log('scheduler disabled by configuration');
      return;
    }
    const options = { timezone: s.timezone, noOverlap: true };
    this.tasks.push(cron.schedule(s.fullSync, () => this.syncJob.run('full'), { ...options, name: 'full-sync' }));
    if (s.incrementalSync !== 'off') {
      this.tasks.push(cron.schedule(s.incrementalSync, () => this.syncJob.run('incremental'), { ...options, name: 'incremental-sync' }));
    }
    this.tasks.push(cron.schedule(s.audit, () => this.auditJob.run(), { ...options, name: 'audit' }));
    const t = this.config.value.trail;
    this.tasks.push(cron.schedule(t.checkpointCron, () => this.trailJob.checkpoint(), { ...options, name: 'trail-checkpoint' }));
    this.tasks.push(cron.schedule(t.pruneCron, () => this.trailJob.prune(), { ...options, name: 'trail-prune' }));
    this.logger.log({ msg: 'scheduler started', fullSync: s.fullSync, incrementalSync: s.incrementalSync, audit: s.audit, timezone: s.timezone });
  }

  async onApplicationShutdown(): Promise<void> {
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
