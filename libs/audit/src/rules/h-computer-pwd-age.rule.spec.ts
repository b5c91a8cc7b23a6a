import { aSnapshot, anAccount } from '#vigie/identity/testing';
import { daysAgo, findingsOf, summary } from '../testing/audit-harness.js';
import { ComputerPwdAgeRule } from './h-computer-pwd-age.rule.js';

describe(ComputerPwdAgeRule.name, () => {
  const sut = new ComputerPwdAgeRule();
  const pc = (name: string, over = {}) => anAccount(name, { kind: 'computer', userAccountControl: 0x1000, ...over });

  it('flags an active computer whose machine password is older than 90 days', () => {
    const [f] = findingsOf(sut, aSnapshot([pc('STUCK$', { lastLogon: daysAgo(2), pwdLastSet: daysAgo(150) })], []));
    expect(summary([f])).toEqual(['STUCK$ - medium']);
    expect(f.evidence).toMatchObject({ ageDays: 150, thresholdDays: 90 });
  });

  it('accepts a rotating password, and leaves inactive computers to H-INACTIVE-COMPUTER', () => {
    const snap = aSnapshot(
      [pc('OK$', { lastLogon: daysAgo(2), pwdLastSet: daysAgo(20) }), pc('GONE$', { lastLogon: daysAgo(120), pwdLastSet: daysAgo(150) })],
      [],
    );
    expect(findingsOf(sut, snap)).toEqual([]);
  });
});
