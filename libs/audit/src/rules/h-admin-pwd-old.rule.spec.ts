import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { daysAgo, findingsOf, summary } from '../testing/audit-harness.js';
import { AdminPwdOldRule } from './h-admin-pwd-old.rule.js';

describe(AdminPwdOldRule.name, () => {
  const sut = new AdminPwdOldRule();
  const admins = (...accounts: ReturnType<typeof anAccount>[]) =>
    aSnapshot(
      accounts,
      [aGroup('Administrators', { objectSid: 'S-1-5-32-544' })],
      accounts.map((a) => [a.login!, 'Administrators'] as [string, string]),
    );

  it('flags a privileged password older than three years, or never set on an old account', () => {
    const snap = admins(anAccount('old', { pwdLastSet: daysAgo(1200) }), anAccount('never', { pwdLastSet: null, whenCreated: daysAgo(2000) }));
    expect(summary(findingsOf(sut, snap))).toEqual(['never - high', 'old - high']);
  });

  it('accepts a recent password, and ignores non-privileged accounts', () => {
    const snap = admins(anAccount('fresh', { pwdLastSet: daysAgo(100) }));
    snap.accounts.push(anAccount('user', { pwdLastSet: daysAgo(2000) }));
    expect(findingsOf(sut, snap)).toEqual([]);
  });
});
