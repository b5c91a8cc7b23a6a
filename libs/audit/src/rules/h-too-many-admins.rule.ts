import type { AuditContext } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledUsers } from './audit-rule.js';

/**
 * PingCastle P-AdminNum: more than 50 privileged accounts, or (in domains over 100 users) more than 10 % of the
 * enabled users, means privileges are handed out rather than granted. One finding per directory.
 * Settings (the policy's rule catalogue): maxPrivileged, maxPercent, minUsers.
 */
export class TooManyAdminsRule implements AuditRule {
  readonly id = 'H-TOO-MANY-ADMINS';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const { maxPrivileged, maxPercent, minUsers } = ctx.settingsOf(this.id);
    for (const view of ctx.directories) {
      let users = 0;
      const privileged: string[] = [];
      for (const account of enabledUsers(view)) {
        users++;
        if (view.isPrivileged(account)) privileged.push(account.login ?? account.dn);
      }
      const percent = users ? (100 * privileged.length) / users : 0;
      const tooMany = privileged.length > maxPrivileged;
      const tooLarge = users > minUsers && percent > maxPercent;
      if (!tooMany && !tooLarge) continue;
      emit({
        view,
        message: `${privileged.length} enabled accounts are privileged (${percent.toFixed(1)} % of ${users} enabled users)${tooMany ? `, more than ${maxPrivileged}` : ''}${tooLarge ? `, more than ${maxPercent} %` : ''}`,
        evidence: {
          privileged: privileged.length,
          enabledUsers: users,
          percent: Math.round(percent * 10) / 10,
          maxPrivileged,
          maxPercent,
          sample: privileged.slice(0, 20),
        },
        explain: [
          `${privileged.length} enabled accounts reach a privileged group (${view
            .privilegedGroups()
            .map((g) => g.name)
            .join(', ')}), among them ${privileged.slice(0, 5).join(', ')}`,
          `thresholds: ${maxPrivileged} accounts, or ${maxPercent} % of the enabled users in directories over ${minUsers} users`,
        ],
      });
    }
  }
}
