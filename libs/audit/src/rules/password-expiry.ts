import { UserAccountControl, hasFlag } from '#vigie/directory';
import type { AccountRecord } from '#vigie/identity';
import type { DirectoryView } from '../audit-context.js';

/** Why an account's password never expires, as evidence and explanation lines. */
export interface NeverExpiringPassword {
  evidence: Record<string, unknown>;
  explain: string[];
}

/**
 * AD: userAccountControl's DONT_EXPIRE_PASSWORD. OpenLDAP: the account's password policy (pwdPolicySubentry, else the
 * default policy) has pwdMaxAge 0 or none, which ppolicy reads as "never expires". An OpenLDAP account with no policy
 * (no ppolicy overlay, or a policy entry the sync could not read) says nothing: null, as for a password that expires.
 */
export function neverExpiringPassword(view: DirectoryView, account: AccountRecord): NeverExpiringPassword | null {
  const uac = account.userAccountControl;
  if (uac !== null) {
    if (!hasFlag(uac, UserAccountControl.DONT_EXPIRE_PASSWORD)) return null;
    return { evidence: { userAccountControl: uac }, explain: [`userAccountControl ${uac} has DONT_EXPIRE_PASSWORD (0x10000)`] };
  }
  const policy = view.passwordPolicyOf(account);
  if (!policy) return null;
  const maxAge = policy.pwdMaxAge ?? 0;
  if (maxAge > 0) return null;
  return {
    evidence: { passwordPolicy: policy.dn, pwdMaxAge: maxAge },
    explain: [`password policy ${policy.dn} (ppolicy) has pwdMaxAge ${maxAge}: its passwords never expire`],
  };
}
