import { aSnapshot, anAccount } from '#vigie/identity/testing';
import { daysAgo, findingsOf, summary } from '../testing/audit-harness.js';
import { InactiveComputerRule } from './h-inactive-computer.rule.js';

describe(InactiveComputerRule.name, () => {
  const sut = new InactiveComputerRule();
  const pc = (name: string, over = {}) => anAccount(name, { kind: 'computer', userAccountControl: 0x1000, ...over });

  it('flags an enabled computer not seen for 180 days, judged on its password change when it never logged on', () => {
    const snap = aSnapshot([pc('OLD$', { lastLogon: daysAgo(200) }), pc('NEVER$', { lastLogon: null, pwdLastSet: daysAgo(400) })], []);
    const findings = findingsOf(sut, snap);
    expect(summary(findings)).toEqual(['NEVER$ - medium', 'OLD$ - medium']);
    expect(findings.find((f) => f.subject.login === 'OLD$')!.subject.type).toBe('computer');
  });

  it('leaves recent, disabled computers and users alone', () => {
    const snap = aSnapshot(
      [pc('NEW$', { lastLogon: daysAgo(3) }), pc('OFF$', { enabled: false, lastLogon: daysAgo(900) }), anAccount('user', { lastLogon: daysAgo(900) })],
      [],
    );
    expect(findingsOf(sut, snap)).toEqual([]);
  });
});
