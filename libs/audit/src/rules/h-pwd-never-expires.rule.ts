import type { AuditContext } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledUsers } from './audit-rule.js';
import { neverExpiringPassword } from './password-expiry.js';

/**
 * PingCastle S-PwdNeverExpires: a password that never expires is never rotated. AD says so in userAccountControl,
 * OpenLDAP in the account's password policy (pwdMaxAge 0). Privileged accounts go to H-PRIV-NEVER-EXPIRES.
 */
export class PwdNeverExpiresRule implements AuditRule {
  readonly id = 'H-PWD-NEVER-EXPIRES';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const account of enabledUsers(view)) {
        const never = neverExpiringPassword(view, account);
        if (!never) continue;
        if (view.privilegedGroupsOf(account).length) continue;
        emit({
          view,
          account,
          message: 'Password never expires on an enabled account',
          evidence: never.evidence,
          explain: [...never.explain, 'the account is enabled and in no privileged group'],
        });
      }
    }
  }
}
