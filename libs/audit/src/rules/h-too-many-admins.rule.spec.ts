import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { aPolicy, findingsOf, sidOf } from '../testing/audit-harness.js';
import { TooManyAdminsRule } from './h-too-many-admins.rule.js';

function domain(users: number, admins: number) {
  const accounts = Array.from({ length: users }, (_, i) => anAccount(`u${i}`));
  return aSnapshot(
    accounts,
    [aGroup('Domain Admins', { objectSid: sidOf(512) })],
    accounts.slice(0, admins).map((a) => [a.login!, 'Domain Admins'] as [string, string]),
  );
}

describe(TooManyAdminsRule.name, () => {
  const sut = new TooManyAdminsRule();

  it('flags a directory where more than 10 % of the users are privileged, or more than 50', () => {
    const [f] = findingsOf(sut, domain(200, 25));
    expect(f).toMatchObject({ rule: 'H-TOO-MANY-ADMINS', severity: 'high', subject: { type: 'directory', directory: 'corp', name: 'corp' }, resource: null });
    expect(f.evidence).toMatchObject({ privileged: 25, enabledUsers: 200, percent: 12.5 });
    expect(findingsOf(sut, domain(1000, 51))).toHaveLength(1);
  });

  it('accepts a reasonable number, small domains, and the policy thresholds', () => {
    expect(findingsOf(sut, domain(200, 15))).toEqual([]);
    expect(findingsOf(sut, domain(50, 10))).toEqual([]); // 20 %, but under 100 users
    expect(findingsOf(sut, domain(200, 25), aPolicy({ settings: { rules: { 'H-TOO-MANY-ADMINS': { maxPercent: 15 } } } }))).toEqual([]);
  });
});
