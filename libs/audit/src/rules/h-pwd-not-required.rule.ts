import { UserAccountControl, hasFlag } from '#vigie/directory';
import type { AuditContext } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledUsers } from './audit-rule.js';

/** PingCastle S-PwdNotRequired: the account may have an empty password. */
export class PwdNotRequiredRule implements AuditRule {
  readonly id = 'H-PWD-NOT-REQUIRED';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const account of enabledUsers(view)) {
        const uac = account.userAccountControl;
        if (uac === null || !hasFlag(uac, UserAccountControl.PASSWD_NOTREQD)) continue;
        emit({
          view,
          account,
          message: 'Password not required on an enabled account (it may be empty)',
          evidence: { userAccountControl: uac },
          explain: [`userAccountControl ${uac} has PASSWD_NOTREQD (0x20)`, 'the account is enabled'],
        });
      }
    }
  }
}
