import { Injectable, Logger } from '@nestjs/common';
import { ComplianceAuditService } from '#vigie/application';
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
      const ran = await this.lock.runExclusive('audit', async () => {
        await this.audit.run();
      });
      if (!ran) this.logger.log('audit already running elsewhere; skipped');
    } catch (err) {
      this.logger.error({ msg: 'scheduled audit failed', err });
    }
  }
}
