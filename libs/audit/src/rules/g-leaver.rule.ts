import { personLabel } from '#vigie/hr';
import { type AuditContext, daysBetween } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

/**
 * ISO 27001:2013 A.9.2.6 / 2022 5.18 d: when HR says a person has left, their accounts must be
 * disabled and out of every group. Still enabled, or still a member of something, is a finding.
 */
export class LeaverRule implements AuditRule {
  readonly id = 'G-LEAVER';
  readonly defaultSeverity = 'critical' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    if (!ctx.hr) return;
    for (const view of ctx.directories) {
      for (const account of view.snapshot.accounts) {
        if (account.kind !== 'user') continue;
        const person = ctx.hr.find(account);
        if (!person?.endDate || person.endDate > ctx.asOf) continue;
        const groups = view.directGroupsOf(account);
        if (!account.enabled && !groups.length) continue;
        const days = daysBetween(person.endDate, ctx.asOf);
        const what = [account.enabled ? 'still enabled' : null, groups.length ? `still in ${groups.length} group(s)` : null].filter(Boolean).join(' and ');
        emit({
          view,
          account,
          message: `Left the company ${days} days ago (HR end date ${person.endDate.toISOString().slice(0, 10)}), account ${what}`,
          evidence: { endDate: person.endDate.toISOString().slice(0, 10), enabled: account.enabled, groups: groups.map((g) => g.name) },
          // Who HR says left and when, then what is left to undo: the account itself, and each group to leave.
          explain: [
            `HR: ${personLabel(person)} left on ${person.endDate.toISOString().slice(0, 10)}`,
            ...(account.enabled ? [`${account.login ?? account.dn} is still enabled`] : []),
            ...groups.map((g) => `${account.login} ∈ ${g.name} (direct)`),
          ],
        });
      }
    }
  }
}
