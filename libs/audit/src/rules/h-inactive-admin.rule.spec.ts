import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { daysAgo, findingsOf, sidOf, summary } from '../testing/audit-harness.js';
import { InactiveUserRule } from './h-inactive-user.rule.js';
import { InactiveAdminRule } from './h-inactive-admin.rule.js';

describe(InactiveAdminRule.name, () => {
  const sut = new InactiveAdminRule();
  const snap = aSnapshot(
    [
      anAccount('idle-admin', { lastLogon: daysAgo(120) }),
      anAccount('busy-admin', { lastLogon: daysAgo(3) }),
      anAccount('idle-user', { lastLogon: daysAgo(120) }),
    ],
    [aGroup('Domain Admins', { objectSid: sidOf(512) })],
    [
      ['idle-admin', 'Domain Admins'],
      ['busy-admin', 'Domain Admins'],
    ],
  );

  it('flags a privileged account unused for 90 days, and H-INACTIVE-USER leaves it to this rule', () => {
    expect(summary(findingsOf(sut, snap))).toEqual(['idle-admin - high']);
    expect(findingsOf(new InactiveUserRule(), snap).map((f) => f.subject.login)).toEqual([]);
  });

  it('leaves active administrators and ordinary accounts alone', () => {
    const found = findingsOf(sut, snap).map((f) => f.subject.login);
    expect(found).not.toContain('busy-admin');
    expect(found).not.toContain('idle-user');
  });
});
