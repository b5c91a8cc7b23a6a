import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ComplianceAuditService } from '#vigie/application';
import { TrailContext } from '#vigie/trail';
import { JobLock } from '#vigie/persistence';

/** The nightly audit, run once across replicas. */
@Injectable()
export class AuditJob {
  private readonly logger = new Logger(AuditJob.name);

  constructor(
    private readonly audit: ComplianceAuditService,
    private readonly lock: JobLock,
  ) {}

  async run(): Promise<void> {
    try {
      const job = { correlationId: randomUUID(), actor: { type: 'system' as const, id: 'audit' } };
      const ran = await TrailContext.run(job, () => this.lock.runExclusive('audit', async () => {
        await this.audit.run();
      }));
      if (!ran) this.logger.log('audit already running elsewhere; skipped');
    } catch (err) {
      this.logger.error({ msg: 'scheduled audit failed', err });
    }
  }
}
