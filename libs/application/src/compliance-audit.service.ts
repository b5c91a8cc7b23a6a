import { Injectable } from '@nestjs/common';
import { type AlertOutcome, AlertService } from '#vigie/alerts';
import { type AuditRunResult, AuditService } from '#vigie/audit';

export type ComplianceAuditResult = AuditRunResult & { alerts: AlertOutcome };

/** The audit as every entry point runs it (nightly job, CLI, API): evaluate and store, then alert. */
@Injectable()
export class ComplianceAuditService {
  constructor(
    private readonly audit: AuditService,
    private readonly alerts: AlertService,
  ) {}

  async run(options: { asOf?: Date } = {}): Promise<ComplianceAuditResult> {
    const result = await this.audit.run(options);
    return { ...result, alerts: await this.alerts.afterAudit(result) };
  }
}
