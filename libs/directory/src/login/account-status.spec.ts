import { dateToFiletime, UserAccountControl } from '../ad/ad-decoders.js';
import type { DirectoryEntry } from '../directory-entry.js';
import { accountRefusal } from './account-status.js';

const NOW = new Date('2026-12-07T12:00:00Z');
const entry = (attributes: Record<string, string>): DirectoryEntry => ({
  dn: 'cn=x,dc=acme,dc=test',
  attributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k.toLowerCase(), [v]])),
});
const ENABLED = String(UserAccountControl.NORMAL_ACCOUNT);

describe('accountRefusal on AD', () => {
  it('lets an enabled, unexpired, unlocked account sign in', () => {
    expect(
      accountRefusal('ad', entry({ userAccountControl: ENABLED, accountExpires: '9223372036854775807', 'msDS-User-Account-Control-Computed': '0' }), NOW),
    ).toBeNull();
    expect(accountRefusal('ad', entry({ userAccountControl: ENABLED, accountExpires: '0', lockoutTime: '0' }), NOW)).toBeNull();
    expect(accountRefusal('ad', entry({ userAccountControl: ENABLED, accountExpires: dateToFiletime(new Date('2027-01-01T00:00:00Z')) }), NOW)).toBeNull();
  });

  it('refuses a disabled account (userAccountControl bit 2)', () => {
    expect(accountRefusal('ad', entry({ userAccountControl: '514' }), NOW)).toBe('disabled');
    expect(accountRefusal('ad', entry({ userAccountControl: '546' }), NOW)).toBe('disabled');
  });

  it('refuses an account past accountExpires', () => {
    expect(accountRefusal('ad', entry({ userAccountControl: ENABLED, accountExpires: dateToFiletime(new Date('2026-12-01T00:00:00Z')) }), NOW)).toBe('expired');
  });

  it('refuses a locked account by the computed bit, which wins over a stale lockoutTime', () => {
    const lockedAt = dateToFiletime(new Date('2026-12-07T11:50:00Z'));
    expect(accountRefusal('ad', entry({ userAccountControl: ENABLED, 'msDS-User-Account-Control-Computed': '16', lockoutTime: lockedAt }), NOW)).toBe('locked');
    // The lock has run out: the DC no longer computes the bit although lockoutTime is still set.
    expect(accountRefusal('ad', entry({ userAccountControl: ENABLED, 'msDS-User-Account-Control-Computed': '0', lockoutTime: lockedAt }), NOW)).toBeNull();
    // A DC that does not compute it: lockoutTime stands in.
    expect(accountRefusal('ad', entry({ userAccountControl: ENABLED, lockoutTime: lockedAt }), NOW)).toBe('locked');
  });
});

describe('accountRefusal on OpenLDAP', () => {
  it('lets an account without ppolicy state sign in', () => {
    expect(accountRefusal('ldap', entry({}), NOW)).toBeNull();
    expect(accountRefusal('ldap', entry({ pwdEndTime: '20270101000000Z' }), NOW)).toBeNull();
  });

  it('refuses an account with pwdAccountLockedTime, whatever its value', () => {
    expect(accountRefusal('ldap', entry({ pwdAccountLockedTime: '000001010000Z' }), NOW)).toBe('locked');
    expect(accountRefusal('ldap', entry({ pwdAccountLockedTime: '20261207110000Z' }), NOW)).toBe('locked');
  });

  it('refuses an account past pwdEndTime, or whose pwdEndTime does not read', () => {
    expect(accountRefusal('ldap', entry({ pwdEndTime: '20260101000000Z' }), NOW)).toBe('expired');
    expect(accountRefusal('ldap', entry({ pwdEndTime: 'soon' }), NOW)).toBe('expired');
  });
});
