import { UserAccountControl, hasFlag } from '#vigie/directory';
import type { AccountRecord } from '#vigie/identity';
import type { AuditContext } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledAccounts } from './audit-rule.js';

/**
 * PingCastle S-PrimaryGroup: the primary group is not listed in the group's `member`, so a primary group other than
 * the default hides a membership from most tools. Defaults: users 513 (Domain Users) or 514 (Domain Guests);
 * computers and gMSAs 515 (Domain Computers) or 514; domain controllers 516, read-only ones 521.
 */
export class PrimaryGroupRule implements AuditRule {
  readonly id = 'H-PRIMARYGROUP';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const account of enabledAccounts(view)) {
        const id = account.primaryGroupId;
        if (id === null || !account.objectSid || expectedPrimaryGroups(account).includes(id)) continue;
        const group = view.access.memberships.primaryGroupOf(account);
        emit({
          view,
          account,
          message: `Primary group ${group?.name ?? `RID ${id}`} instead of ${expectedPrimaryGroups(account).join(' or ')}: this membership does not show in the group's member list`,
          evidence: { primaryGroupId: id, primaryGroup: group?.name ?? null, expected: expectedPrimaryGroups(account) },
          explain: [
            `primaryGroupID ${id}, expected ${expectedPrimaryGroups(account).join(' or ')} for a ${account.kind}`,
            ...(group ? [`${account.login ?? account.dn} ∈ ${group.name} (primary group)`] : []),
            "the primary group is never listed in the group's member attribute",
          ],
        });
      }
    }
  }
}

function expectedPrimaryGroups(account: AccountRecord): number[] {
  const uac = account.userAccountControl ?? 0;
  if (hasFlag(uac, UserAccountControl.SERVER_TRUST_ACCOUNT)) return [516];
  if (hasFlag(uac, UserAccountControl.PARTIAL_SECRETS_ACCOUNT)) return [521];
  return account.kind === 'computer' ? [515, 514] : [513, 514];
}
