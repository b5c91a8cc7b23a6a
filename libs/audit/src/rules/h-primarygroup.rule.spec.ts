import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { findingsOf, sidOf, summary } from '../testing/audit-harness.js';
import { PrimaryGroupRule } from './h-primarygroup.rule.js';

describe(PrimaryGroupRule.name, () => {
  const sut = new PrimaryGroupRule();

  it('flags a primary group that hides a membership', () => {
    const snap = aSnapshot(
      [
        anAccount('hidden', { objectSid: sidOf(1200), primaryGroupId: 512 }),
        anAccount('PC9$', { kind: 'computer', objectSid: sidOf(1201), primaryGroupId: 513, userAccountControl: 0x1000 }),
      ],
      [aGroup('Domain Admins', { objectSid: sidOf(512) })],
    );
    const findings = findingsOf(sut, snap);
    expect(summary(findings)).toEqual(['PC9$ - high', 'hidden - high']);
    expect(findings.find((f) => f.subject.login === 'hidden')).toMatchObject({
      evidence: { primaryGroupId: 512, primaryGroup: 'Domain Admins', expected: [513, 514] },
      explain: [
        'primaryGroupID 512, expected 513 or 514 for a user',
        'hidden ∈ Domain Admins (primary group)',
        "the primary group is never listed in the group's member attribute",
      ],
    });
  });

  it('accepts the defaults of users, computers and domain controllers, and directories without primary groups', () => {
    const snap = aSnapshot(
      [
        anAccount('user', { objectSid: sidOf(1300), primaryGroupId: 513 }),
        anAccount('PC1$', { kind: 'computer', objectSid: sidOf(1301), primaryGroupId: 515, userAccountControl: 0x1000 }),
        anAccount('DC1$', { kind: 'computer', objectSid: sidOf(1302), primaryGroupId: 516, userAccountControl: 0x82000 }),
        anAccount('ldap', { userAccountControl: null }),
      ],
      [],
    );
    expect(findingsOf(sut, snap)).toEqual([]);
  });
});
