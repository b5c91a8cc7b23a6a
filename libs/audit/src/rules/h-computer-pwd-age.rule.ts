import { type AuditContext, daysBetween } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

/**
 * PingCastle S-PwdLastSet-90: a running domain member changes its machine password every 30 days; one that is active
 * (logged on within the last 45 days) with a password older than 90 days has that rotation disabled, and a stolen
 * machine secret stays valid. Inactive computers are H-INACTIVE-COMPUTER's.
 */
export class ComputerPwdAgeRule implements AuditRule {
  readonly id = 'H-COMPUTER-PWD-AGE';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const threshold = ctx.settingsOf(this.id).thresholdDays;
    for (const view of ctx.directories) {
      for (const account of view.snapshot.accounts) {
        if (account.kind !== 'computer' || !account.enabled || !account.lastLogon || !account.pwdLastSet) continue;
        const seen = daysBetween(account.lastLogon, ctx.asOf);
        const age = daysBetween(account.pwdLastSet, ctx.asOf);
        if (seen > ACTIVE_DAYS || age <= threshold) continue;
        emit({
          view,
          account,
          message: `Active computer whose machine password is ${age} days old (more than ${threshold})`,
          evidence: { pwdLastSet: account.pwdLastSet.toISOString(), ageDays: age, lastLogon: account.lastLogon.toISOString(), thresholdDays: threshold },
          explain: [
            `last logon ${account.lastLogon.toISOString().slice(0, 10)}, ${seen} days ago: the computer is in use`,
            `machine password last changed ${account.pwdLastSet.toISOString().slice(0, 10)}, ${age} days ago; threshold ${threshold} days (machines change it every 30)`,
          ],
        });
      }
    }
  }
}

// lastLogonTimestamp lags up to 14 days: 45 days is "in use" with room.
const ACTIVE_DAYS = 45;
