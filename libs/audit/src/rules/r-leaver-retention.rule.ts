import { personLabel } from '#vigie/hr';
import { type AuditContext, daysBetween } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

/**
 * GDPR art. 5(1)(e) (storage limitation): a leaver's account, disabled as G-LEAVER asks, still holds personal data
 * (name, mail, manager, group history) and is deleted once the retention period after departure has passed (settings
 * retention.leaverAccountDays, 90 by default). The Belgian DPA fined a company in 2020 for a mailbox kept two years.
 * Counted from the HR end date; an enabled leaver is G-LEAVER's (critical), not this rule's.
 */
export class LeaverRetentionRule implements AuditRule {
  readonly id = 'R-LEAVER-RETENTION';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    if (!ctx.hr) return;
    const retention = ctx.policy.settings.retention.leaverAccountDays;
    for (const view of ctx.directories) {
      for (const account of view.snapshot.accounts) {
        if (account.kind !== 'user' || account.enabled) continue;
        const person = ctx.hr.find(account);
        if (!person?.endDate) continue;
        const days = daysBetween(person.endDate, ctx.asOf);
        if (days <= retention) continue;
        const endDate = person.endDate.toISOString().slice(0, 10);
        emit({
          view,
          account,
          message: `Disabled account of a person who left ${days} days ago (HR end date ${endDate}), kept beyond the ${retention}-day retention period`,
          evidence: { endDate, daysSinceEnd: days, retentionDays: retention, enabled: false, whenChanged: account.whenChanged?.toISOString() ?? null },
          explain: [
            `HR: ${personLabel(person)} left on ${endDate}, ${days} days ago`,
            `${account.login ?? account.dn} is disabled but still in the directory`,
            `retention of leaver accounts: ${retention} days (settings retention.leaverAccountDays): delete it, or export what must be kept`,
          ],
        });
      }
    }
  }
}
