import type { AccountRecord } from '#vigie/identity';
import { type AuditContext, daysBetween } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledUsers } from './audit-rule.js';

/**
 * PingCastle S-Inactive: an enabled account nobody uses is an open door. Activity is the last logon
 * (lastLogonTimestamp lags up to 14 days on AD; pwdLastSuccess or authTimestamp on OpenLDAP); an
 * account that never signed in counts from its creation. Without any of these the rule cannot judge.
 * Privileged accounts are left to H-INACTIVE-ADMIN.
 */
export class InactiveUserRule implements AuditRule {
  readonly id = 'H-INACTIVE-USER';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const { thresholdDays: threshold, highAfterDays } = ctx.settingsOf(this.id);
    for (const view of ctx.directories) {
      for (const account of enabledUsers(view)) {
        const since = account.lastLogon ?? account.whenCreated;
        if (!since) continue;
        const days = daysBetween(since, ctx.asOf);
        // Privileged accounts are H-INACTIVE-ADMIN's, with their own threshold and severity.
        if (days < threshold || view.isPrivileged(account)) continue;
        emit({
          view,
          account,
          severity: days > highAfterDays ? 'high' : undefined,
          message: account.lastLogon ? `No logon for ${days} days on an enabled account` : `Enabled account never used since its creation ${days} days ago`,
          evidence: {
            lastLogon: account.lastLogon?.toISOString() ?? null,
            whenCreated: account.whenCreated?.toISOString() ?? null,
            inactiveDays: days,
            thresholdDays: threshold,
          },
          explain: [
            account.lastLogon
              ? `last logon ${account.lastLogon.toISOString().slice(0, 10)}${lagNote(account)}`
              : `created ${account.whenCreated!.toISOString().slice(0, 10)}, no logon recorded since`,
            `${days} days without activity, threshold ${threshold} days${days > highAfterDays ? `, over ${highAfterDays}: high` : ''}`,
          ],
        });
      }
    }
  }
}

/** AD's lastLogonTimestamp lags behind real logons; OpenLDAP's pwdLastSuccess and authTimestamp do not. */
function lagNote(account: AccountRecord): string {
  return account.userAccountControl !== null ? ' (lastLogonTimestamp lags up to 14 days on AD)' : '';
}
