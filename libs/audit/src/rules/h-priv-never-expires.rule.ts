import { UserAccountControl, hasFlag } from '#vigie/directory';
import type { AuditContext } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledUsers } from './audit-rule.js';

/** PingCastle P-ServiceDomainAdmin: a privileged password that never changes is the attacker's best friend. */
export class PrivNeverExpiresRule implements AuditRule {
  readonly id = 'H-PRIV-NEVER-EXPIRES';
  readonly defaultSeverity = 'critical' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const account of enabledUsers(view)) {
        const uac = account.userAccountControl;
        if (uac === null || !hasFlag(uac, UserAccountControl.DONT_EXPIRE_PASSWORD)) continue;
        const groups = view.privilegedGroupsOf(account);
        if (!groups.length) continue;
        const reached = view.access.graph.groupsOf(account);
        emit({
          view,
          account,
          message: `Password never expires on a privileged account (member of ${groups.map((g) => g.name).join(', ')})`,
          evidence: { userAccountControl: uac, privilegedGroups: groups.map((g) => g.name) },
          explain: [
            `userAccountControl ${uac} has DONT_EXPIRE_PASSWORD (0x10000)`,
            ...view.access.graph.pathTo(account, reached, groups[0].dnNorm).map((s) => `${s.member} ∈ ${s.group} (${s.how})`),
            `${groups[0].name} is a privileged group`,
          ],
        });
      }
    }
  }
}
