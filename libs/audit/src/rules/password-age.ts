import type { AccountRecord } from '#vigie/identity';
import { daysBetween } from '../audit-context.js';

export interface PasswordAge {
  since: Date;
  days: number;
  /** "password last set 2026-01-02, 317 days ago; threshold 40 days", for the finding's explanation. */
  explain: string;
}

/**
 * How old an account's password is: pwdLastSet, or the creation date when it was never set (pwdLastSet 0); null when
 * neither is known. The rules that judge password age (H-ADMIN-PWD-OLD, H-KERBEROAST-ADMIN) read it the same way.
 */
export function passwordAgeOf(account: AccountRecord, asOf: Date, thresholdDays: number): PasswordAge | null {
  const since = account.pwdLastSet ?? account.whenCreated;
  if (!since) return null;
  const days = daysBetween(since, asOf);
  const what = account.pwdLastSet ? 'password last set' : 'password never set; account created';
  return { since, days, explain: `${what} ${since.toISOString().slice(0, 10)}, ${days} days ago; threshold ${thresholdDays} days` };
}
