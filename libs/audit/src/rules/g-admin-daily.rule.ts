import { domainRidOf } from '#vigie/access';
import type { AuditContext } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledUsers, isServiceAccount } from './audit-rule.js';

/**
 * CIS 5.4, PingCastle P-AdminEmailOn: administrators use a separate account for administration. Flags privileged
 * rights on an everyday account (one with a mailbox: mail and web browsing are how attackers get in), and privileged
 * accounts nobody owns (no employee id, not a declared service account, not one of AD's built-in accounts).
 */
export class AdminDailyRule implements AuditRule {
  readonly id = 'G-ADMIN-DAILY';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const account of enabledUsers(view)) {
        const groups = view.privilegedGroupsOf(account);
        if (!groups.length) continue;
        const names = groups.map((g) => g.name);
        const rid = domainRidOf(account.objectSid);
        let message: string;
        let why: string;
        if (account.mail) {
          message = `Privileged rights (${names.join(', ')}) on an everyday account with a mailbox: use a separate administration account`;
          why = `mail ${account.mail}: the account reads mail and browses, how attackers get in`;
        } else if (!account.employeeId && !isServiceAccount(account, ctx.policy) && (rid === null || rid >= 1000)) {
          message = `Privileged account (${names.join(', ')}) that belongs to nobody: no employee id, and not a declared service account`;
          why = "no employeeID, not in the policy's serviceAccounts, not a built-in account";
        } else continue;
        emit({
          view,
          account,
          message,
          evidence: { privilegedGroups: names, mail: account.mail !== null, employeeId: account.employeeId },
          explain: [why, ...view.explainMembership(account, groups[0]), `${groups[0].name} is a privileged group`],
        });
      }
    }
  }
}
