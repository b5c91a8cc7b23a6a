import type { AuditContext } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledUsers } from './audit-rule.js';
import { neverExpiringPassword } from './password-expiry.js';

/** PingCastle P-ServiceDomainAdmin: a privileged password that never changes is the attacker's best friend. */
export class PrivNeverExpiresRule implements AuditRule {
  readonly id = 'H-PRIV-NEVER-EXPIRES';
  readonly defaultSeverity = 'critical' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const account of enabledUsers(view)) {
        const never = neverExpiringPassword(view, account);
        if (!never) continue;
        const groups = view.privilegedGroupsOf(account);
        if (!groups.length) continue;
        emit({
          view,
          account,
          message: `Password never expires on a privileged account (member of ${groups.map((g) => g.name).join(', ')})`,
          evidence: { ...never.evidence, privilegedGroups: groups.map((g) => g.name) },
          explain: [...never.explain, ...view.explainMembership(account, groups[0]), `${groups[0].name} is a privileged group`],
        });
      }
    }
  }
}
