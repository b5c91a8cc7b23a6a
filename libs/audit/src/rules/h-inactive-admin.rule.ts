import { type AuditContext, daysBetween } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledUsers } from './audit-rule.js';

/**
 * PingCastle P-Inactive, Purple Knight SI000038: a privileged account nobody uses keeps its power for whoever finds
 * its password. Same activity signals as H-INACTIVE-USER, which leaves privileged accounts to this rule.
 */
export class InactiveAdminRule implements AuditRule {
  readonly id = 'H-INACTIVE-ADMIN';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const threshold = ctx.settingsOf(this.id).thresholdDays;
    for (const view of ctx.directories) {
      for (const account of enabledUsers(view)) {
        const since = account.lastLogon ?? account.whenCreated;
        if (!since) continue;
        const days = daysBetween(since, ctx.asOf);
        if (days < threshold) continue;
        const groups = view.privilegedGroupsOf(account);
        if (!groups.length) continue;
        emit({
          view,
          account,
          message: `Privileged account (member of ${groups.map((g) => g.name).join(', ')}) unused for ${days} days`,
          evidence: {
            lastLogon: account.lastLogon?.toISOString() ?? null,
            whenCreated: account.whenCreated?.toISOString() ?? null,
            inactiveDays: days,
            thresholdDays: threshold,
            privilegedGroups: groups.map((g) => g.name),
          },
          explain: [
            account.lastLogon
              ? `last logon ${account.lastLogon.toISOString().slice(0, 10)}`
              : `created ${account.whenCreated!.toISOString().slice(0, 10)}, no logon recorded since`,
            `${days} days without activity, threshold ${threshold} days for privileged accounts`,
            ...view.explainMembership(account, groups[0]),
            `${groups[0].name} is a privileged group`,
          ],
        });
      }
    }
  }
}
