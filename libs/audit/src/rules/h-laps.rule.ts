import type { AuditContext } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledAccounts } from './audit-rule.js';
import { isDomainController } from './h-unconstrained.rule.js';

/**
 * PingCastle (LAPS): without LAPS, a computer's local Administrator password is set once (often by the master image)
 * and is the same everywhere: one compromised machine opens them all (pass-the-hash). LAPS (legacy or Windows LAPS)
 * writes an expiry date on the computer object when it manages the password; an enabled computer without one is
 * reported. Domain controllers have no local accounts and are left out.
 */
export class LapsRule implements AuditRule {
  readonly id = 'H-LAPS';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const account of enabledAccounts(view)) {
        if (account.kind !== 'computer' || account.lapsPasswordExpires || isDomainController(account)) continue;
        emit({
          view,
          account,
          message: 'Local administrator password not managed by LAPS',
          evidence: { lapsPasswordExpires: null, operatingSystem: account.operatingSystem, userAccountControl: account.userAccountControl },
          explain: [
            `${account.login ?? account.dn} is an enabled computer, not a domain controller (no SERVER_TRUST_ACCOUNT 0x2000, primary group ${account.primaryGroupId ?? 'unknown'})`,
            'neither msLAPS-PasswordExpirationTime nor ms-Mcs-AdmPwdExpirationTime is set: LAPS does not manage its local administrator password',
          ],
        });
      }
    }
  }
}
