import { type AuditContext, daysBetween } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

/**
 * PingCastle S-C-Inactive: an enabled computer account nobody uses can be taken over (its password does not change
 * any more). Activity is lastLogonTimestamp, else the last machine password change (machines change it every 30
 * days while they run), else the creation.
 */
export class InactiveComputerRule implements AuditRule {
  readonly id = 'H-INACTIVE-COMPUTER';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const threshold = ctx.settingsOf(this.id).thresholdDays;
    for (const view of ctx.directories) {
      for (const account of view.snapshot.accounts) {
        if (account.kind !== 'computer' || !account.enabled) continue;
        const [since, what] = lastSign(account);
        if (!since) continue;
        const days = daysBetween(since, ctx.asOf);
        if (days < threshold) continue;
        emit({
          view,
          account,
          message: `Enabled computer not seen for ${days} days`,
          evidence: {
            lastLogon: account.lastLogon?.toISOString() ?? null,
            pwdLastSet: account.pwdLastSet?.toISOString() ?? null,
            inactiveDays: days,
            thresholdDays: threshold,
          },
          explain: [`${what} ${since.toISOString().slice(0, 10)}`, `${days} days without activity, threshold ${threshold} days`],
        });
      }
    }
  }
}

function lastSign(account: { lastLogon: Date | null; pwdLastSet: Date | null; whenCreated: Date | null }): [Date | null, string] {
  if (account.lastLogon) return [account.lastLogon, 'last logon'];
  if (account.pwdLastSet) return [account.pwdLastSet, 'no logon recorded; machine password last changed'];
  return [account.whenCreated, 'no logon recorded; created'];
}
