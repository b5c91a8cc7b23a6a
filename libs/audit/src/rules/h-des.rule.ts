import { UserAccountControl, hasFlag } from '#vigie/directory';
import type { AuditContext } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledAccounts } from './audit-rule.js';

/**
 * PingCastle S-DesEnabled: DES Kerberos keys are broken in hours. Read from userAccountControl's
 * USE_DES_KEY_ONLY (0x200000); msDS-SupportedEncryptionTypes is not synchronised yet.
 */
export class DesRule implements AuditRule {
  readonly id = 'H-DES';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const account of enabledAccounts(view)) {
        const uac = account.userAccountControl;
        if (uac === null || !hasFlag(uac, UserAccountControl.USE_DES_KEY_ONLY)) continue;
        emit({
          view,
          account,
          message: 'Kerberos may use only DES keys for this account (USE_DES_KEY_ONLY)',
          evidence: { userAccountControl: uac },
          explain: [`userAccountControl ${uac} has USE_DES_KEY_ONLY (0x200000)`, 'DES Kerberos keys are cracked in hours'],
        });
      }
    }
  }
}
