import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { aPolicy, daysAgo, findingsOf, sidOf, summary } from '../testing/audit-harness.js';
import { AdminLockoutRule } from './h-admin-lockout.rule.js';

describe(AdminLockoutRule.name, () => {
  const sut = new AdminLockoutRule();

  it('flags a locked-out privileged account with the lockout time and the path to the privileged group', () => {
    const snap = aSnapshot(
      [
        anAccount('locked-admin', { lockedOutAt: daysAgo(0), badPasswordCount: 5 }),
        anAccount('free-admin'),
        anAccount('locked-user', { lockedOutAt: daysAgo(0) }),
      ],
      [aGroup('Domain Admins', { objectSid: sidOf(512) })],
      [
        ['locked-admin', 'Domain Admins'],
        ['free-admin', 'Domain Admins'],
      ],
    );
    const findings = findingsOf(sut, snap);
    expect(summary(findings)).toEqual(['locked-admin - critical']);
    expect(findings[0].evidence).toMatchObject({ lockedOutAt: daysAgo(0).toISOString(), badPasswordCount: 5, privilegedGroups: ['Domain Admins'] });
    expect(findings[0].explain).toEqual([
      `lockoutTime ${daysAgo(0).toISOString()}: the account is locked out`,
      'locked-admin ∈ Domain Admins (direct)',
      'Domain Admins is a privileged group',
    ]);
  });

  it('names pwdAccountLockedTime on OpenLDAP, where the policy declares the privileged groups', () => {
    const snap = aSnapshot([anAccount('root', { userAccountControl: null, lockedOutAt: daysAgo(1) })], [aGroup('ldap-admins')], [['root', 'ldap-admins']]);
    expect(findingsOf(sut, snap)).toEqual([]);
    const [f] = findingsOf(sut, snap, aPolicy({ settings: { privilegedGroups: ['ldap-admins'] } }));
    expect(f.explain[0]).toBe(`pwdAccountLockedTime ${daysAgo(1).toISOString()}: the account is locked out`);
  });
});
