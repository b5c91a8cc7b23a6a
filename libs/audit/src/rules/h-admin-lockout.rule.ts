import type { AuditContext } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

/**
 * ATT&CK T1110: a privileged account locked out after failed passwords is someone guessing an administrator's password
 * (or an administrator's forgotten service still using an old one): either way the officer must know at once. AD
 * lockoutTime, OpenLDAP pwdAccountLockedTime; the administrative lock of OpenLDAP disables and is not a lockout.
 */
export class AdminLockoutRule implements AuditRule {
  readonly id = 'H-ADMIN-LOCKOUT';
  readonly defaultSeverity = 'critical' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const account of view.snapshot.accounts) {
        if (!account.lockedOutAt) continue;
        const groups = view.privilegedGroupsOf(account);
        if (!groups.length) continue;
        const attribute = account.userAccountControl !== null ? 'lockoutTime' : 'pwdAccountLockedTime';
        emit({
          view,
          account,
          message: `Privileged account locked out on ${account.lockedOutAt.toISOString()} after failed passwords (member of ${groups.map((g) => g.name).join(', ')})`,
          evidence: {
            lockedOutAt: account.lockedOutAt.toISOString(),
            badPasswordCount: account.badPasswordCount,
            lastBadPassword: account.lastBadPassword?.toISOString() ?? null,
            privilegedGroups: groups.map((g) => g.name),
          },
          explain: [
            `${attribute} ${account.lockedOutAt.toISOString()}: the account is locked out`,
            ...view.explainMembership(account, groups[0]),
            `${groups[0].name} is a privileged group`,
          ],
        });
      }
    }
  }
}
