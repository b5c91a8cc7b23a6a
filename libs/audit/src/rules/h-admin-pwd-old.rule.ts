import type { AuditContext } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledUsers } from './audit-rule.js';
import { passwordAgeOf } from './password-age.js';

/**
 * PingCastle P-AdminPwdTooOld: a privileged password older than three years has had time to leak. pwdLastSet, or
 * the creation date when the password was never set (pwdLastSet 0).
 */
export class AdminPwdOldRule implements AuditRule {
  readonly id = 'H-ADMIN-PWD-OLD';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const threshold = ctx.settingsOf(this.id).thresholdDays;
    for (const view of ctx.directories) {
      for (const account of enabledUsers(view)) {
        const age = passwordAgeOf(account, ctx.asOf, threshold);
        if (!age || age.days <= threshold) continue;
        const { days } = age;
        const groups = view.privilegedGroupsOf(account);
        if (!groups.length) continue;
        emit({
          view,
          account,
          message: `The password of a privileged account is ${days} days old (more than ${threshold})`,
          evidence: {
            pwdLastSet: account.pwdLastSet?.toISOString() ?? null,
            ageDays: days,
            thresholdDays: threshold,
            privilegedGroups: groups.map((g) => g.name),
          },
          explain: [age.explain, ...view.explainMembership(account, groups[0]), `${groups[0].name} is a privileged group`],
        });
      }
    }
  }
}
