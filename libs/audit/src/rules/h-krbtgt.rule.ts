import { domainRidOf } from '#vigie/access';
import { type AuditContext, daysBetween } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

const KRBTGT_RID = 502;

/**
 * PingCastle A-Krbtgt: every Kerberos ticket of the domain is signed with krbtgt's key; one not changed for a
 * year leaves a stolen key (golden tickets) valid that long. Judged on pwdLastSet, else on creation.
 */
export class KrbtgtRule implements AuditRule {
  readonly id = 'H-KRBTGT';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const threshold = ctx.settingsOf(this.id).thresholdDays;
    for (const view of ctx.directories) {
      for (const account of view.snapshot.accounts) {
        if (domainRidOf(account.objectSid) !== KRBTGT_RID) continue;
        const since = account.pwdLastSet ?? account.whenCreated;
        if (!since) continue;
        const days = daysBetween(since, ctx.asOf);
        if (days <= threshold) continue;
        emit({
          view,
          account,
          message: `The krbtgt password was last changed ${days} days ago (more than ${threshold})`,
          evidence: { pwdLastSet: account.pwdLastSet?.toISOString() ?? null, ageDays: days, thresholdDays: threshold },
          explain: [
            `objectSid ${account.objectSid} ends in -${KRBTGT_RID}: krbtgt, whose key signs every Kerberos ticket of the domain`,
            `${account.pwdLastSet ? 'password last set' : 'created'} ${since.toISOString().slice(0, 10)}, ${days} days ago; threshold ${threshold} days`,
          ],
        });
      }
    }
  }
}
