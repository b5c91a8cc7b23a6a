import { UserAccountControl, hasFlag } from '#vigie/directory';
import type { AuditContext } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledUsers } from './audit-rule.js';

/**
 * PingCastle S-NoPreAuth: without Kerberos pre-authentication anyone can ask the KDC for a ticket encrypted with
 * the account's password and crack it offline (AS-REP roasting). Critical on a privileged account.
 */
export class AsRepRule implements AuditRule {
  readonly id = 'H-ASREP';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const account of enabledUsers(view)) {
        const uac = account.userAccountControl;
        if (uac === null || !hasFlag(uac, UserAccountControl.DONT_REQ_PREAUTH)) continue;
        const privileged = view.privilegedGroupsOf(account);
        emit({
          view,
          account,
          severity: privileged.length ? 'critical' : undefined,
          message: `Kerberos pre-authentication is not required (AS-REP roastable)${privileged.length ? ` on a privileged account (member of ${privileged.map((g) => g.name).join(', ')})` : ''}`,
          evidence: { userAccountControl: uac, privilegedGroups: privileged.map((g) => g.name) },
          explain: [
            `userAccountControl ${uac} has DONT_REQ_PREAUTH (0x400000)`,
            'anyone may ask the KDC for a reply encrypted with its password, and crack it offline',
            ...(privileged.length ? [...view.explainMembership(account, privileged[0]), `${privileged[0].name} is a privileged group`] : []),
          ],
        });
      }
    }
  }
}
