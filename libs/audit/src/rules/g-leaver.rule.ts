import { personLabel } from '#vigie/hr';
import { type AuditContext, daysBetween } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

/**
 * ISO 27001:2013 A.9.2.6 / 2022 5.18 d: when HR says a person has left, their accounts must be disabled and out of
 * every group. Two cases the security officer must tell apart:
 * - the account is still enabled: the leaver can still log in, critical (the rule's severity);
 * - the account is disabled but still listed in groups: no one can log in with it, but enabling it again (a mistake,
 *   a help-desk request, a rehire) gives every access back at once, and reviews still count it as a member. Lower:
 *   the rule's `disabledSeverity` setting (medium by default).
 * `evidence.canLogIn` and the message say which case it is. A disabled leaver in no group is no finding here (keeping
 * the account too long is R-LEAVER-RETENTION's).
 */
export class LeaverRule implements AuditRule {
  readonly id = 'G-LEAVER';
  readonly defaultSeverity = 'critical' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    if (!ctx.hr) return;
    const { disabledSeverity } = ctx.settingsOf('G-LEAVER');
    for (const view of ctx.directories) {
      for (const account of view.snapshot.accounts) {
        if (account.kind !== 'user') continue;
        const person = ctx.hr.find(account);
        if (!person?.endDate || person.endDate > ctx.asOf) continue;
        const groups = view.directGroupsOf(account);
        if (!account.enabled && !groups.length) continue;
        const days = daysBetween(person.endDate, ctx.asOf);
        const endDate = person.endDate.toISOString().slice(0, 10);
        const inGroups = groups.length ? `still in ${groups.length} group(s)` : null;
        const what = account.enabled
          ? `account still enabled: the leaver can still log in${inGroups ? `, and is ${inGroups}` : ''}`
          : `account disabled but ${inGroups}: enabling it again would give every access back`;
        emit({
          view,
          account,
          severity: account.enabled ? undefined : disabledSeverity,
          message: `Left the company ${days} days ago (HR end date ${endDate}), ${what}`,
          evidence: { endDate, enabled: account.enabled, canLogIn: account.enabled, groups: groups.map((g) => g.name) },
          // Who HR says left and when, then what is left to undo: the account itself, and each group to leave.
          explain: [
            `HR: ${personLabel(person)} left on ${endDate}`,
            account.enabled ? `${account.login ?? account.dn} is still enabled` : `${account.login ?? account.dn} is disabled`,
            ...groups.map((g) => `${account.login} ∈ ${g.name} (direct)`),
          ],
        });
      }
    }
  }
}
