import { UserAccountControl, hasFlag } from '#vigie/directory';
import type { AccountRecord } from '#vigie/identity';
import type { AuditContext } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledAccounts } from './audit-rule.js';

const DC_PRIMARY_GROUPS = new Set([516, 521]);

/**
 * PingCastle P-UnconstrainedDelegation: an account trusted for unconstrained delegation (0x80000) keeps the TGT of
 * everyone who connects to it; only domain controllers need it.
 */
export class UnconstrainedDelegationRule implements AuditRule {
  readonly id = 'H-UNCONSTRAINED';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const account of enabledAccounts(view)) {
        const uac = account.userAccountControl;
        if (uac === null || !hasFlag(uac, UserAccountControl.TRUSTED_FOR_DELEGATION) || isDomainController(account)) continue;
        emit({
          view,
          account,
          message: `${account.kind === 'computer' ? 'Computer' : 'Account'} trusted for unconstrained delegation, which only domain controllers need`,
          evidence: { userAccountControl: uac, primaryGroupId: account.primaryGroupId },
          explain: [
            `userAccountControl ${uac} has TRUSTED_FOR_DELEGATION (0x80000)`,
            `not a domain controller: no SERVER_TRUST_ACCOUNT (0x2000), primary group ${account.primaryGroupId ?? 'unknown'} (516 or 521 on a DC)`,
          ],
        });
      }
    }
  }
}

export function isDomainController(account: AccountRecord): boolean {
  const uac = account.userAccountControl ?? 0;
  return (
    hasFlag(uac, UserAccountControl.SERVER_TRUST_ACCOUNT) ||
    hasFlag(uac, UserAccountControl.PARTIAL_SECRETS_ACCOUNT) ||
    DC_PRIMARY_GROUPS.has(account.primaryGroupId ?? -1)
  );
}
