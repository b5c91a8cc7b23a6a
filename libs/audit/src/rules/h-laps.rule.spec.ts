import { aSnapshot, anAccount } from '#vigie/identity/testing';
import { daysAgo, findingsOf, summary } from '../testing/audit-harness.js';
import { LapsRule } from './h-laps.rule.js';

describe(LapsRule.name, () => {
  const sut = new LapsRule();
  const computer = (name: string, over = {}) =>
    anAccount(`${name}$`, { kind: 'computer', userAccountControl: 0x1000, primaryGroupId: 515, operatingSystem: 'Windows 11 Pro', ...over });

  it('flags an enabled workstation or member server without a LAPS expiry', () => {
    const findings = findingsOf(sut, aSnapshot([computer('PC1'), computer('SRV1', { operatingSystem: 'Windows Server 2022 Standard' })], []));
    expect(summary(findings)).toEqual(['PC1$ - medium', 'SRV1$ - medium']);
    expect(findings[0].explain[1]).toBe(
      'neither msLAPS-PasswordExpirationTime nor ms-Mcs-AdmPwdExpirationTime is set: LAPS does not manage its local administrator password',
    );
  });

  it('accepts a LAPS-managed computer (even one whose expiry passed), disabled computers, users, and domain controllers', () => {
    const snap = aSnapshot(
      [
        computer('PC2', { lapsPasswordExpires: daysAgo(-20) }),
        computer('PC3', { lapsPasswordExpires: daysAgo(3) }),
        computer('PC4', { enabled: false }),
        anAccount('jdoe'),
        computer('DC1', { userAccountControl: 0x82000, primaryGroupId: 516 }),
        computer('RODC1', { userAccountControl: 0x5001000, primaryGroupId: 521 }),
        computer('DC2', { userAccountControl: 0x2000, primaryGroupId: null }),
      ],
      [],
    );
    expect(findingsOf(sut, snap)).toEqual([]);
  });
});
