import { Module } from '@nestjs/common';
import { AuditJob } from './audit.job.js';
import { SchedulerService } from './scheduler.service.js';
import { SyncJob } from './sync.job.js';

@Module({ providers: [SchedulerService, SyncJob, AuditJob], exports: [SchedulerService, SyncJob, AuditJob] })
export class WorkerModule {}
