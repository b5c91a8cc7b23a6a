import type { AccountRecord } from '#vigie/identity';
import type { AuditContext } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

const SAMPLE = 20;

/**
 * MITRE ATT&CK T1110.003 (password spraying): one or two passwords tried against many accounts, few enough per account
 * to stay under the lockout threshold. What the directory shows is many distinct accounts with a failed password within
 * a short window: AD badPasswordTime (badPwdCount says how many), OpenLDAP ppolicy's pwdFailureTime. One finding per
 * directory, which stays open while the window holds enough failures; the CQPM asks that the officer be told at once.
 */
export class PwdSprayRule implements AuditRule {
  readonly id = 'H-PWD-SPRAY';
  readonly defaultSeverity = 'critical' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const { minAccounts, windowMinutes } = ctx.settingsOf(this.id);
    const from = new Date(ctx.asOf.getTime() - windowMinutes * 60_000);
    for (const view of ctx.directories) {
      const failing = view.snapshot.accounts.filter((a) => a.lastBadPassword && a.lastBadPassword >= from);
      if (!failing.length || failing.length < minAccounts) continue;
      failing.sort((a, b) => a.lastBadPassword!.getTime() - b.lastBadPassword!.getTime());
      const first = failing[0].lastBadPassword!;
      const last = failing.at(-1)!.lastBadPassword!;
      const logins = failing.slice(0, SAMPLE).map(nameOf);
      const ad = failing.some((a) => a.userAccountControl !== null);
      emit({
        view,
        message: `${failing.length} accounts failed their password within ${windowMinutes} minutes: a password spraying attempt?`,
        evidence: {
          accounts: failing.length,
          windowMinutes,
          firstFailure: first.toISOString(),
          lastFailure: last.toISOString(),
          sample: logins,
          enabledAccounts: failing.filter((a) => a.enabled).length,
        },
        explain: [
          `${failing.length} distinct accounts (threshold ${minAccounts}) have a failed password between ${first.toISOString()} and ${last.toISOString()}`,
          `accounts: ${logins.join(', ')}${failing.length > SAMPLE ? ', …' : ''}`,
          ad
            ? 'from badPasswordTime and badPwdCount, which each domain controller keeps for itself (not replicated): failures on other DCs are not counted'
            : 'from the pwdFailureTime values ppolicy records on each account',
        ],
      });
    }
  }
}

function nameOf(account: AccountRecord): string {
  return `${account.login ?? account.dn} (${account.badPasswordCount ?? '?'} failed)`;
}
