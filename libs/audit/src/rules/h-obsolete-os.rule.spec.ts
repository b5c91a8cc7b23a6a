import { aSnapshot, anAccount } from '#vigie/identity/testing';
import { aPolicy, findingsOf, summary } from '../testing/audit-harness.js';
import { ObsoleteOsRule, obsoleteFamilyOf } from './h-obsolete-os.rule.js';

describe(ObsoleteOsRule.name, () => {
  const sut = new ObsoleteOsRule();
  const computer = (name: string, operatingSystem: string | null, over = {}) =>
    anAccount(`${name}$`, { kind: 'computer', userAccountControl: 0x1000, primaryGroupId: 515, operatingSystem, ...over });

  it.each([
    ['Windows 7 Professional', 'Windows 7'],
    ['Windows Server 2008 R2 Standard', 'Windows Server 2008'],
    ['Windows Server® 2008 Enterprise', 'Windows Server 2008'],
    ['Windows XP Professional', 'Windows XP'],
    ['Windows Server 2012 R2 Datacenter', 'Windows Server 2012'],
    ['Windows 8.1 Pro', 'Windows 8.1'],
    ['Windows 8 Enterprise', 'Windows 8'],
    ['Windows Vista™ Business', 'Windows Vista'],
    ['Windows Server 2003', 'Windows Server 2003'],
    ['Windows 2000 Professional', 'Windows 2000'],
    ['WINDOWS 7 ENTERPRISE', 'Windows 7'],
  ])('recognises %s as %s', (os, family) => {
    expect(obsoleteFamilyOf(os)?.name).toBe(family);
  });

  it.each([
    'Windows 10 Pro',
    'Windows 10 Enterprise 2016 LTSB',
    'Windows 11 Entreprise',
    'Windows Server 2016 Standard',
    'Windows Server 2019 Datacenter',
    'Windows Server 2022 Standard',
    'Windows Server 2025 Datacenter',
    'Ubuntu 22.04',
    'Red Hat Enterprise Linux Server 7',
    'Mac OS X',
    'Samba',
    '',
  ])('leaves %s alone', (os) => {
    expect(obsoleteFamilyOf(os)).toBeUndefined();
  });

  it("reads the policy's list of systems, which replaces the default, and names a system Vigie has no date for by the policy's words", () => {
    const policy = aPolicy({ settings: { rules: { 'H-OBSOLETE-OS': { systems: ['CentOS 7', 'Windows 7'] } } } });
    const snap = aSnapshot(
      [computer('LNX01', 'CentOS 7.9.2009'), computer('LNX02', 'CentOS Linux 7 (Core)'), computer('OLD01', 'Windows XP'), computer('W7', 'Windows 7 Pro')],
      [],
    );
    const findings = findingsOf(sut, snap, policy);
    expect(findings.map((f) => `${f.subject.login} ${f.evidence.family}`)).toEqual(['LNX01$ CentOS 7', 'W7$ Windows 7']);
    expect(findings[0].message).toBe('CentOS 7.9.2009 is no longer supported (CentOS 7): no security updates');
    expect(findings[0].explain[1]).toBe("CentOS 7 is in the policy's list of unsupported systems (H-OBSOLETE-OS systems)");
  });

  it('flags an enabled computer on an unsupported Windows, with its end of support', () => {
    const [f] = findingsOf(sut, aSnapshot([computer('OLD01', 'Windows 7 Professional', { operatingSystemVersion: '6.1 (7601)' })], []));
    expect(summary([f])).toEqual(['OLD01$ - high']);
    expect(f.evidence).toMatchObject({ operatingSystem: 'Windows 7 Professional', family: 'Windows 7', endOfSupport: '2020-01-14' });
    expect(f.explain).toEqual([
      'OLD01$ is an enabled computer with operatingSystem "Windows 7 Professional" (6.1 (7601))',
      "Windows 7 left Microsoft's extended support on 2020-01-14",
    ]);
  });

  it('accepts supported systems, disabled computers and computers that do not say', () => {
    const snap = aSnapshot(
      [
        computer('PC1', 'Windows 11 Entreprise'),
        computer('OLD02', 'Windows XP Professional', { enabled: false }),
        computer('PC2', null),
        anAccount('user7', { operatingSystem: 'Windows 7 Professional' }),
      ],
      [],
    );
    expect(findingsOf(sut, snap)).toEqual([]);
  });
});
