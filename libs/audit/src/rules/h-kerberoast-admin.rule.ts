import type { AuditContext } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledUsers } from './audit-rule.js';
import { passwordAgeOf } from './password-age.js';

/**
 * PingCastle P-Kerberoasting: any domain user can ask a service ticket for an account with a servicePrincipalName,
 * encrypted with that account's password, and crack it offline. On a privileged account with a password older than
 * the threshold (40 days), cracking it hands over the domain. pwdLastSet, else creation when never set.
 */
export class KerberoastAdminRule implements AuditRule {
  readonly id = 'H-KERBEROAST-ADMIN';
  readonly defaultSeverity = 'critical' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const threshold = ctx.settingsOf(this.id).thresholdDays;
    for (const view of ctx.directories) {
      for (const account of enabledUsers(view)) {
        if (!account.servicePrincipalNames.length) continue;
        const age = passwordAgeOf(account, ctx.asOf, threshold);
        if (!age || age.days <= threshold) continue;
        const { days } = age;
        const groups = view.privilegedGroupsOf(account);
        if (!groups.length) continue;
        const spns = account.servicePrincipalNames;
        emit({
          view,
          account,
          message: `Privileged account with a service principal name and a ${days}-day-old password (more than ${threshold}): its password can be cracked offline from a service ticket`,
          evidence: {
            servicePrincipalNames: spns,
            pwdLastSet: account.pwdLastSet?.toISOString() ?? null,
            ageDays: days,
            thresholdDays: threshold,
            privilegedGroups: groups.map((g) => g.name),
          },
          explain: [
            `servicePrincipalName ${spns.slice(0, 3).join(', ')}${spns.length > 3 ? ` and ${spns.length - 3} more` : ''}: any domain user can request a ticket encrypted with its password`,
            age.explain,
            ...view.explainMembership(account, groups[0]),
            `${groups[0].name} is a privileged group`,
          ],
        });
      }
    }
  }
}
