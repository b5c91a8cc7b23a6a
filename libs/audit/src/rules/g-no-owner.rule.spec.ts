import { aGroup, aSnapshot, anAccount, anObject } from '#vigie/identity/testing';
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

    it('reports a share and a printer that no resource names, each with its directory object', () => {
      const unmatched = aSnapshot(
        [anAccount('boss', { employeeId: 'E1' })],
        [],
        [],
        [anObject('share', 'Scans', { uncName: '\\\\fs01\\Scans' }), anObject('printer', 'LYO-2', { uncName: '\\\\prn01\\LYO-2' })],
      );
      const findings = findingsOf(sut, unmatched, policy);
      expect(findings.map((f) => f.message).sort()).toEqual([
        'Printer \\\\prn01\\LYO-2 is published in the directory but declared in no policy resource: no owner, no criticality',
        'Share \\\\fs01\\Scans is published in the directory but declared in no policy resource: no owner, no criticality',
      ]);
      expect(findings.find((f) => f.evidence.kind === 'share')?.evidence).toMatchObject({
        dn: 'CN=Scans,OU=Resources,DC=acme,DC=test',
        uncName: '\\\\fs01\\Scans',
      });
      expect(new Set(findings.map((f) => f.id)).size).toBe(2);
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

  describe('workstations, governed by groups of them', () => {
    const pc = (name: string, ou: string, over: Parameters<typeof anAccount>[1] = {}) =>
      anAccount(`${name}$`, { kind: 'computer', operatingSystem: 'Windows 11 Entreprise', dn: `CN=${name},${ou},DC=acme,DC=test`, ...over });
    const ATELIER = 'OU=Atelier,OU=Postes';
    const LYON = 'OU=Lyon,OU=Postes';
    const snap = aSnapshot(
      [
        anAccount('boss', { employeeId: 'E1' }),
        pc('ATL-02', ATELIER),
        pc('ATL-01', ATELIER),
        pc('ATL-03', ATELIER, { enabled: false }),
        pc('KIOSK-1', 'CN=Computers'),
        pc('LYO-01', `OU=Etage2,${LYON}`),
        pc('SALLE-1', 'OU=Salles'),
        pc('SALLE-2', 'OU=Salles'),
        pc('PC-001', 'OU=Divers'),
        pc('FS02', ATELIER, { operatingSystem: 'Windows Server 2022 Standard' }),
      ],
      [aGroup('GG_Postes_Salles'), aGroup('GG_Postes_Reunion')],
      [
        ['SALLE-1$', 'GG_Postes_Reunion'],
        ['SALLE-2$', 'GG_Postes_Salles'],
        ['GG_Postes_Reunion', 'GG_Postes_Salles'],
      ],
    );
    const governed = aPolicy({
      resources: [
        aResource('postes-lyon', { type: 'workstation-group', name: 'Postes de Lyon', computers: { ous: [`${LYON},DC=acme,DC=test`.toLowerCase()] } }),
        aResource('postes-salles', { type: 'workstation-group', name: 'Salles de réunion', computers: { groups: ['GG_Postes_Salles'] } }),
        aResource('kiosques', { type: 'workstation', name: 'Kiosques', computers: { names: ['kiosk-*'] } }),
        aResource('postes-pc', { type: 'workstation-group', name: 'PC-*' }),
      ],
    });

    it('is silent on computers a workstation resource takes by OU (any depth), group (nested), host pattern, or by its name as a pattern', () => {
      const findings = findingsOf(sut, snap, governed);
      expect(findings.map((f) => f.evidence.computers)).toEqual([['ATL-01', 'ATL-02']]);
    });

    it('sums up the ungoverned workstations in one finding per OU, listing and counting them, never one per computer', () => {
      const findings = findingsOf(sut, snap, aPolicy());
      expect(findings.every((f) => f.subject.type === 'directory' && f.resource === null)).toBe(true);
      expect(findings.map((f) => [f.evidence.ou, f.evidence.count, f.evidence.computers]).sort()).toEqual([
        ['CN=Computers,DC=acme,DC=test', 1, ['KIOSK-1']],
        ['OU=Atelier,OU=Postes,DC=acme,DC=test', 2, ['ATL-01', 'ATL-02']],
        ['OU=Divers,DC=acme,DC=test', 1, ['PC-001']],
        ['OU=Etage2,OU=Lyon,OU=Postes,DC=acme,DC=test', 1, ['LYO-01']],
        ['OU=Salles,DC=acme,DC=test', 2, ['SALLE-1', 'SALLE-2']],
      ]);
      const atelier = findings.find((f) => f.evidence.ou === 'OU=Atelier,OU=Postes,DC=acme,DC=test')!;
      expect(atelier.message).toBe(
        '2 workstation(s) in OU=Atelier,OU=Postes,DC=acme,DC=test governed by no workstation resource of the policy (no owner, no criticality): ATL-01, ATL-02',
      );
      expect(atelier.explain[2]).toBe(
        'declare the OU with computers.ous: [OU=Atelier,OU=Postes,DC=acme,DC=test] on the workstation resource that governs them',
      );
      expect(new Set(findings.map((f) => f.id)).size).toBe(5);
    });

    it('takes a plain host name or DNS name without a wildcard as it is, whatever the case', () => {
      const named = aPolicy({
        resources: [aResource('deux-postes', { type: 'workstation', name: 'Deux postes', computers: { names: ['atl-01', 'ATL-02.acme.test'] } })],
      });
      const snapshot = aSnapshot([pc('ATL-01', ATELIER), pc('ATL-02', ATELIER, { dnsHostName: 'atl-02.acme.test' }), pc('ATL-020', ATELIER)], []);
      expect(findingsOf(sut, snapshot, named).map((f) => f.evidence.computers)).toEqual([['ATL-020']]);
    });

    it('lists the first 50 host names of a large OU, and counts them all', () => {
      const many = aSnapshot(
        Array.from({ length: 120 }, (_, i) => pc(`WS-${String(i).padStart(3, '0')}`, 'OU=Postes')),
        [],
      );
      const [finding] = findingsOf(sut, many, aPolicy());
      expect(finding.evidence).toMatchObject({ count: 120, truncated: true });
      expect(finding.evidence.computers).toHaveLength(50);
      expect(finding.message).toMatch(/WS-049, and 70 more$/);
    });

    it('still reports a workstation resource the policy declares without owner or criticality', () => {
      const unowned = aPolicy({
        resources: [
          aResource('postes-atelier', { type: 'workstation-group', name: 'Atelier', owner: undefined, computers: { ous: [`${ATELIER},DC=acme,DC=test`] } }),
        ],
      });
      const findings = findingsOf(sut, aSnapshot([anAccount('boss', { employeeId: 'E1' }), pc('ATL-01', ATELIER)], []), unowned);
      expect(findings.map((f) => [f.subject.type, f.resource?.id ?? null, f.evidence.problems ?? f.evidence.computers])).toEqual([
        ['resource', 'postes-atelier', ['no owner']],
      ]);
    });
  });
});
