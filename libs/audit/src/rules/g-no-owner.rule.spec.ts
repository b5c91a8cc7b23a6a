import { aSnapshot, anAccount, anObject } from '#vigie/identity/testing';
import { aPolicy, aResource, findingsOf } from '../testing/audit-harness.js';
import { NoOwnerRule } from './g-no-owner.rule.js';

describe(NoOwnerRule.name, () => {
  const sut = new NoOwnerRule();
  const snap = aSnapshot([anAccount('boss', { employeeId: 'E1' }), anAccount('gone', { employeeId: 'E2', enabled: false })], []);

  it('flags a resource without owner or criticality, or whose owner is unknown or gone', () => {
    const policy = aPolicy({
      resources: [
        aResource('nobody', { owner: undefined }),
        aResource('unrated', { criticality: undefined }),
        aResource('stranger', { owner: 'E9' }),
        aResource('leaver', { owner: 'E2' }),
      ],
    });
    const findings = findingsOf(sut, snap, policy);
    expect(findings.map((f) => [f.resource!.id, f.evidence.problems]).sort()).toEqual([
      ['leaver', ['owner E2 has left (every account disabled)']],
      ['nobody', ['no owner']],
      ['stranger', ['owner E9 matches no account of any synchronised directory']],
      ['unrated', ['no criticality']],
    ]);
    expect(findings[0].subject).toEqual({ type: 'resource', directory: null, dn: null, login: null, employeeId: null, name: findings[0].resource!.id });
  });

  it('accepts an owned, rated resource', () => {
    expect(findingsOf(sut, snap, aPolicy({ resources: [aResource('fine', { owner: 'E1', criticality: 'high' })] }))).toEqual([]);
  });

  describe('objects of the directory that no resource declares', () => {
    const policy = aPolicy({
      resources: [
        aResource('share-finance', { name: '\\\\FS01\\Finance\\' }),
        aResource('printer-paris', { type: 'printer', name: '\\\\prn01\\PAR-1' }),
        aResource('workstations', { type: 'workstation', name: 'PC-*' }),
      ],
    });
    const computer = (name: string, operatingSystem: string) =>
      anAccount(`${name}$`, { kind: 'computer', operatingSystem, dn: `CN=${name},OU=Computers,DC=acme,DC=test` });

    it('matches published shares and printers by UNC path, and workstations by host pattern, whatever the case', () => {
      const matched = aSnapshot(
        [anAccount('boss', { employeeId: 'E1' }), computer('pc-001', 'Windows 11 Entreprise'), computer('FS01', 'Windows Server 2022 Standard')],
        [],
        [],
        [anObject('share', 'Finance', { uncName: '//fs01/finance' }), anObject('printer', 'PAR-1', { uncName: '\\\\PRN01\\par-1' })],
      );
      expect(findingsOf(sut, matched, policy)).toEqual([]);
    });

    it('reports a share, a printer and a workstation that no resource names', () => {
      const unmatched = aSnapshot(
        [anAccount('boss', { employeeId: 'E1' }), computer('KIOSK-7', 'Windows 10 Pro')],
        [],
        [],
        [anObject('share', 'Scans', { uncName: '\\\\fs01\\Scans' }), anObject('printer', 'LYO-2', { uncName: '\\\\prn01\\LYO-2' })],
      );
      const findings = findingsOf(sut, unmatched, policy);
      expect(findings.map((f) => f.message).sort()).toEqual([
        'Printer \\\\prn01\\LYO-2 is published in the directory but declared in no policy resource: no owner, no criticality',
        'Share \\\\fs01\\Scans is published in the directory but declared in no policy resource: no owner, no criticality',
        'Workstation KIOSK-7 matches no workstation resource of the policy: no owner, no criticality',
      ]);
      expect(new Set(findings.map((f) => f.id)).size).toBe(3);
    });

    it('leaves domain controllers alone, even one whose operatingSystem does not say server (Samba)', () => {
      const dcs = aSnapshot(
        [
          anAccount('boss', { employeeId: 'E1' }),
          anAccount('DC1$', { kind: 'computer', operatingSystem: 'Samba', userAccountControl: 0x82000, primaryGroupId: 516 }),
          anAccount('RODC1$', { kind: 'computer', operatingSystem: 'Samba', userAccountControl: 0x5001000, primaryGroupId: 521 }),
        ],
        [],
      );
      expect(findingsOf(sut, dcs, policy)).toEqual([]);
    });
  });
});
