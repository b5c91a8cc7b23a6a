import { filetimeToDate, generalizedTimeToDate, hasFlag, UserAccountControl } from '../ad/ad-decoders.js';
import { type DirectoryEntry, firstString } from '../directory-entry.js';

/** Why an account may not sign in although it exists. */
export type AccountRefusal = 'disabled' | 'expired' | 'locked';

/** The attributes accountRefusal reads, besides the login and name, in their schema spelling. */
export const STATUS_ATTRIBUTES: Readonly<Record<'ldap' | 'ad', readonly string[]>> = {
  ad: ['userAccountControl', 'accountExpires', 'lockoutTime', 'msDS-User-Account-Control-Computed'],
  // Operational attributes of ppolicy: a search returns them only when named.
  ldap: ['pwdAccountLockedTime', 'pwdEndTime'],
};

/**
 * Whether an account read with STATUS_ATTRIBUTES is barred from signing in, and why; null when it may. Checked before
 * the person's bind (a bind that would fail anyway must not count as a bad password, nor lock the account further) and
 * at every re-read, where no bind happens and this is the only check.
 */
export function accountRefusal(kind: 'ldap' | 'ad', entry: DirectoryEntry, now: Date): AccountRefusal | null {
  if (kind === 'ad') {
    const uac = firstString(entry, 'userAccountControl');
    if (uac !== undefined && hasFlag(uac, UserAccountControl.ACCOUNTDISABLE)) return 'disabled';
    const expires = filetimeToDate(firstString(entry, 'accountExpires') ?? '0');
    if (expires && expires.getTime() <= now.getTime()) return 'expired';
    // The DC computes the lockout bit with the domain's lockout duration; lockoutTime alone stays set after the lock
    // has expired (until the next logon), so it only stands in when the computed attribute is not returned.
    const computed = firstString(entry, 'msDS-User-Account-Control-Computed');
    if (computed !== undefined) {
      if (hasFlag(computed, UserAccountControl.LOCKOUT)) return 'locked';
    } else if (filetimeToDate(firstString(entry, 'lockoutTime') ?? '0')) return 'locked';
    return null;
  }
  // ppolicy: any pwdAccountLockedTime is a lock (000001010000Z: until an administrator unlocks it).
  if (firstString(entry, 'pwdAccountLockedTime') !== undefined) return 'locked';
  const end = firstString(entry, 'pwdEndTime');
  if (end !== undefined) {
    const date = generalizedTimeToDate(end);
    if (!date || date.getTime() <= now.getTime()) return 'expired';
  }
  return null;
}
