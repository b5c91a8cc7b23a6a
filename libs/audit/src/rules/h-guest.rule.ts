import { domainRidOf } from '#vigie/access';
import type { AuditContext } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

const GUEST_RID = 501;

/** PingCastle A-Guest: the built-in Guest account (RID 501, whatever its name) must stay disabled. */
export class GuestRule implements AuditRule {
  readonly id = 'H-GUEST';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const account of view.snapshot.accounts) {
        if (!account.enabled || domainRidOf(account.objectSid) !== GUEST_RID) continue;
        emit({
          view,
          account,
          message: 'The built-in Guest account is enabled',
          evidence: { objectSid: account.objectSid, userAccountControl: account.userAccountControl },
          explain: [
            `objectSid ${account.objectSid} ends in -${GUEST_RID}: the built-in Guest account`,
            `userAccountControl ${account.userAccountControl} lacks ACCOUNTDISABLE (0x2)`,
          ],
        });
      }
    }
  }
}
