import { Module } from '@nestjs/common';
import { AuditJob } from './audit.job.js';
import { SchedulerService } from './scheduler.service.js';
import { SyncJob } from './sync.job.js';
import { TrailJob } from './trail.job.js';

@Module({ providers: [SchedulerService, SyncJob, AuditJob, TrailJob], exports: [SchedulerService, SyncJob, AuditJob, TrailJob] })
export class WorkerModule {}
