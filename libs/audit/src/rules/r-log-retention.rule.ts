import { type AuditContext, daysBetween } from '../audit-context.js';
import type { LogRetentionFact } from '../ports/log-retention.source.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

/** CNIL délibération 2021-122: access logs are kept at least 6 months. */
const CNIL_MIN_MONTHS = 6;

/** Months to days as the trail counts them: 6 -> 183, 12 -> 365, 36 -> 1095. */
export function monthsToDays(months: number): number {
  return Math.round((months * 365) / 12);
}

/**
 * CNIL délibération 2021-122: access and audit logs are kept 6 months to 1 year, up to 3 years only where it is
 * documented. The policy states the company's window (settings retention.auditLogMonths, beyond 12 only with
 * auditLogJustification); each log Vigie keeps is held against it: configured shorter than 6 months, configured
 * longer than the policy's window, or holding entries older than its own retention (pruning not done). The facts come
 * from the application (LogRetentionSource); without them (an offline audit) the rule is silent.
 */
export class LogRetentionRule implements AuditRule {
  readonly id = 'R-LOG-RETENTION';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    if (!ctx.logRetention) return;
    const { auditLogMonths, auditLogJustification } = ctx.policy.settings.retention;
    const minDays = monthsToDays(CNIL_MIN_MONTHS);
    const maxDays = monthsToDays(auditLogMonths);
    const window = `the policy keeps logs ${auditLogMonths} months (${maxDays} days; settings retention.auditLogMonths${auditLogJustification ? `, justified: ${auditLogJustification}` : ''})`;
    for (const fact of ctx.logRetention) {
      const problems: string[] = [];
      if (fact.retentionDays < minDays)
        problems.push(`is configured to keep ${fact.retentionDays} days, less than the 6 months (${minDays} days) the CNIL asks for investigations`);
      else if (fact.retentionDays > maxDays)
        problems.push(`is configured to keep ${fact.retentionDays} days, beyond the ${auditLogMonths} months the policy allows`);
      const age = fact.oldestEntry ? daysBetween(fact.oldestEntry, ctx.asOf) : null;
      if (age !== null && age > fact.retentionDays)
        problems.push(`holds entries ${age} days old, past its own retention of ${fact.retentionDays} days: pruning has not run`);
      if (!problems.length) continue;
      emit({
        log: fact.log,
        message: `${fact.log} (${fact.description}) ${problems.join('; it ')}`,
        evidence: evidenceOf(fact, auditLogMonths, age),
        explain: [
          `${fact.log} keeps ${fact.retentionDays} days (${fact.setting})${fact.justification ? `, justified: ${fact.justification}` : ''}`,
          fact.oldestEntry ? `its oldest entry is of ${fact.oldestEntry.toISOString().slice(0, 10)}, ${age} days ago` : 'it holds no entry yet',
          `${window}; the CNIL allows 6 months to 1 year, up to 3 years where documented`,
          ...problems,
        ],
      });
    }
  }
}

function evidenceOf(fact: LogRetentionFact, auditLogMonths: number, ageDays: number | null): Record<string, unknown> {
  return {
    retentionDays: fact.retentionDays,
    setting: fact.setting,
    justification: fact.justification,
    oldestEntry: fact.oldestEntry?.toISOString() ?? null,
    oldestEntryAgeDays: ageDays,
    policyAuditLogMonths: auditLogMonths,
  };
}
