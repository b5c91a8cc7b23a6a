import { UserAccountControl, hasFlag } from '#vigie/directory';
import type { AuditContext } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledUsers } from './audit-rule.js';

/** PingCastle S-Reversible: the password is stored with reversible encryption, as good as clear text for a DC thief. */
export class ReversibleRule implements AuditRule {
  readonly id = 'H-REVERSIBLE';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const account of enabledUsers(view)) {
        const uac = account.userAccountControl;
        if (uac === null || !hasFlag(uac, UserAccountControl.ENCRYPTED_TEXT_PWD_ALLOWED)) continue;
        emit({
          view,
          account,
          message: 'The password is stored with reversible encryption',
          evidence: { userAccountControl: uac },
          explain: [`userAccountControl ${uac} has ENCRYPTED_TEXT_PWD_ALLOWED (0x80)`, 'the password is kept in a form that can be decrypted'],
        });
      }
    }
  }
}
