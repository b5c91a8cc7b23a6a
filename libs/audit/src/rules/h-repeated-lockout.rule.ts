import type { AuditContext } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

/**
 * ATT&CK T1110.001 (password guessing): an account locked out again and again within a day is being guessed at,
 * slowly enough to wait out each lockout. The directory keeps only the latest lockout time: the earlier ones come
 * from the sync runs, which record each new lockedOutAt as a change. Lockouts that happen and end between two syncs
 * are not seen: sync more often than the lockout duration lasts.
 */
export class RepeatedLockoutRule implements AuditRule {
  readonly id = 'H-REPEATED-LOCKOUT';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const { minLockouts, windowHours } = ctx.settingsOf(this.id);
    const from = ctx.asOf.getTime() - windowHours * 3_600_000;
    for (const view of ctx.directories) {
      // Each account's distinct lockout times within the window: the recorded ones and the current one.
      const times = new Map<string, Set<number>>();
      const add = (dnNorm: string, at: Date) => {
        if (at.getTime() < from) return;
        let set = times.get(dnNorm);
        if (!set) times.set(dnNorm, (set = new Set()));
        set.add(at.getTime());
      };
      for (const l of ctx.lockouts ?? []) if (l.directory === view.directory) add(l.dnNorm, l.lockedOutAt);
      for (const a of view.snapshot.accounts) if (a.lockedOutAt) add(a.dnNorm, a.lockedOutAt);
      for (const [dnNorm, set] of times) {
        if (set.size < Math.max(minLockouts, 1)) continue;
        const account = view.accountByDnNorm(dnNorm);
        if (!account) continue;
        const sorted = [...set].sort((a, b) => a - b).map((t) => new Date(t).toISOString());
        emit({
          view,
          account,
          message: `Account locked out ${set.size} times within ${windowHours} hours`,
          evidence: { lockouts: sorted, windowHours, badPasswordCount: account.badPasswordCount },
          explain: [
            `locked out at ${sorted.join(', ')} (threshold ${minLockouts} within ${windowHours} h)`,
            `from the lockouts the sync runs recorded and the account's current ${account.userAccountControl !== null ? 'lockoutTime' : 'pwdAccountLockedTime'}`,
          ],
        });
      }
    }
  }
}
