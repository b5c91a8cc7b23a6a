import { SILENT_LOGGER, type VigieLogger } from '#vigie/logging';
import { type AuditRunResult, type Severity, alertable, severityRank } from '#vigie/audit';
import { AlertChannel } from './alert-channel.js';
import { alertTitle } from './alert.model.js';

export interface AlertOutcome {
  findings: number;
  sent: string[];
  failed: Array<{ channel: string; reason: string }>;
}

export abstract class AlertSettings {
  abstract readonly minSeverity: Severity;
  abstract readonly publicUrl: string | null;
}

/**
 * Tells the security officer at once of new or returning findings at or above the configured
 * severity, on every channel. A channel that fails is logged and reported, never fatal to the audit.
 */
export class AlertService {
  constructor(
    private readonly channels: AlertChannel[],
    private readonly settings: AlertSettings,
    private readonly logger: VigieLogger = SILENT_LOGGER,
  ) {}

  async afterAudit(result: AuditRunResult): Promise<AlertOutcome> {
    const min = severityRank(this.settings.minSeverity);
    const findings = alertable(result.lifecycle, result.report.findings, (s) => severityRank(s as Severity) <= min);
    const outcome: AlertOutcome = { findings: findings.length, sent: [], failed: [] };
    if (!findings.length || !this.channels.length) return outcome;
    const alert = {
      title: alertTitle(findings),
      asOf: result.report.asOf,
      policyVersion: result.report.policyVersion,
      auditRunId: result.runId,
      findings,
      link: this.settings.publicUrl ? `${this.settings.publicUrl.replace(/\/$/, '')}/api/findings?severity=${this.settings.minSeverity}` : null,
    };
    await Promise.all(
      this.channels.map(async (c) => {
        try {
          await c.send(alert);
          outcome.sent.push(c.name);
        } catch (err) {
          const reason = err instanceof Error ? err.message : String(err);
          outcome.failed.push({ channel: c.name, reason });
          this.logger.error({ msg: 'alert not delivered', channel: c.name, reason, auditRunId: result.runId });
        }
      }),
    );
    return outcome;
  }
}
