import { UserAccountControl, hasFlag } from '#vigie/directory';
import type { AuditContext } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledUsers } from './audit-rule.js';

/** PingCastle S-PwdNeverExpires: a password that never expires is never rotated. Privileged accounts go to H-PRIV-NEVER-EXPIRES. */
export class PwdNeverExpiresRule implements AuditRule {
  readonly id = 'H-PWD-NEVER-EXPIRES';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const account of enabledUsers(view)) {
        const uac = account.userAccountControl;
        if (uac === null || !hasFlag(uac, UserAccountControl.DONT_EXPIRE_PASSWORD)) continue;
        if (view.privilegedGroupsOf(account).length) continue;
        emit({
          view,
          account,
          message: 'Password never expires on an enabled account',
          evidence: { userAccountControl: uac },
          explain: [`userAccountControl ${uac} has DONT_EXPIRE_PASSWORD (0x10000)`, 'the account is enabled and in no privileged group'],
        });
      }
    }
  }
}
