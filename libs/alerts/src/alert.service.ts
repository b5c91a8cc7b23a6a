import { SILENT_LOGGER, type VigieLogger } from '#vigie/logging';
import { type AuditRunResult, type Severity, alertable, severityRank } from '#vigie/audit';
import { AlertChannel } from './alert-channel.js';
import { type AlertMessage, type SecurityEvent, alertTitle, findingsMessage, securityEventMessage } from './alert.model.js';

/** Which channels took a message, and why the others did not. */
export interface DeliveryOutcome {
  sent: string[];
  failed: Array<{ channel: string; reason: string }>;
}

export interface AlertOutcome extends DeliveryOutcome {
  findings: number;
}

export abstract class AlertSettings {
  abstract readonly minSeverity: Severity;
  abstract readonly publicUrl: string | null;
}

/**
 * Tells the security officer at once, on every channel: of new or returning findings at or above the configured
 * severity, and of security events (a sign-in lockout, a burst of failed sign-ins). A channel that fails is logged and
 * reported, never fatal to the audit or to the request that raised the event.
 */
export class AlertService {
  constructor(
    private readonly channels: AlertChannel[],
    private readonly settings: AlertSettings,
    private readonly logger: VigieLogger = SILENT_LOGGER,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async afterAudit(result: AuditRunResult): Promise<AlertOutcome> {
    const min = severityRank(this.settings.minSeverity);
    const findings = alertable(result.lifecycle, result.report.findings, (s) => severityRank(s as Severity) <= min);
    if (!findings.length || !this.channels.length) return { findings: findings.length, sent: [], failed: [] };
    const alert = {
      title: alertTitle(findings),
      asOf: result.report.asOf,
      policyVersion: result.report.policyVersion,
      auditRunId: result.runId,
      findings,
      link: this.settings.publicUrl ? `${this.settings.publicUrl.replace(/\/$/, '')}/api/findings?severity=${this.settings.minSeverity}` : null,
    };
    return { findings: findings.length, ...(await this.deliver(findingsMessage(alert), { auditRunId: result.runId })) };
  }

  /** A security event, whatever the severity setting (it is for findings): each call is one message on every channel. */
  async securityEvent(event: SecurityEvent): Promise<DeliveryOutcome> {
    if (!this.channels.length) return { sent: [], failed: [] };
    const link = this.settings.publicUrl ? `${this.settings.publicUrl.replace(/\/$/, '')}/api/audit-log?action=auth.*` : null;
    return this.deliver(securityEventMessage(event, this.now().toISOString(), link), { kind: event.kind });
  }

  private async deliver(message: AlertMessage, about: Record<string, unknown>): Promise<DeliveryOutcome> {
    const outcome: DeliveryOutcome = { sent: [], failed: [] };
    await Promise.all(
      this.channels.map(async (c) => {
        try {
          await c.send(message);
          outcome.sent.push(c.name);
        } catch (err) {
          const reason = err instanceof Error ? err.message : String(err);
          outcome.failed.push({ channel: c.name, reason });
          this.logger.error({ msg: 'alert not delivered', channel: c.name, reason, ...about });
        }
      }),
    );
    return outcome;
  }
}
