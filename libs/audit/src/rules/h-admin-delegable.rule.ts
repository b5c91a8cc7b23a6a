import { DomainRid } from '#vigie/access';
import { UserAccountControl, hasFlag } from '#vigie/directory';
import type { AuditContext } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledUsers } from './audit-rule.js';

/**
 * PingCastle P-Delegated: a privileged account that may be delegated can be impersonated by any service trusted
 * for delegation. Protected by "sensitive and cannot be delegated" (NOT_DELEGATED, 0x100000) or by membership of
 * Protected Users (RID 525).
 */
export class AdminDelegableRule implements AuditRule {
  readonly id = 'H-ADMIN-DELEGABLE';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      const protectedUsers = view.groupsWithRid(DomainRid.PROTECTED_USERS);
      for (const account of enabledUsers(view)) {
        const uac = account.userAccountControl;
        if (uac === null || hasFlag(uac, UserAccountControl.NOT_DELEGATED)) continue;
        const groups = view.privilegedGroupsOf(account);
        if (!groups.length || protectedUsers.some((g) => view.access.memberships.reaches(account, g.dnNorm))) continue;
        emit({
          view,
          account,
          message: `Privileged account (member of ${groups.map((g) => g.name).join(', ')}) that can be delegated: set "sensitive and cannot be delegated" or add it to Protected Users`,
          evidence: { userAccountControl: uac, privilegedGroups: groups.map((g) => g.name), protectedUsers: false },
          explain: [
            `userAccountControl ${uac} lacks NOT_DELEGATED (0x100000)`,
            protectedUsers.length ? `not a member of ${protectedUsers[0].name}` : 'the directory has no Protected Users group',
            ...view.explainMembership(account, groups[0]),
            `${groups[0].name} is a privileged group`,
          ],
        });
      }
    }
  }
}
