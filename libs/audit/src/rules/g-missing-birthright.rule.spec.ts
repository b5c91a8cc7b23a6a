import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import type { ExternalPersonDef, Policy } from '#vigie/policy';
import { aPolicy, aResource, findingsOf, summary } from '../testing/audit-harness.js';
import { MissingBirthrightRule } from './g-missing-birthright.rule.js';

describe(MissingBirthrightRule.name, () => {
  const sut = new MissingBirthrightRule();
  const policy = aPolicy({
    resources: [
      aResource('share-ventes', { tags: ['Ventes'], criticality: 'critical', grants: { read: ['DL_Ventes_R'], write: ['DL_Ventes_RW'] } }),
      aResource('share-ventes-archives', { tags: ['Ventes'], grants: { read: ['DL_VentesArch_R'] } }),
      aResource('prn-lyon', { type: 'printer', location: 'Lyon', grants: { write: ['DL_Prn_Lyon'] } }),
    ],
    rules: [
      { description: 'own department share', birthright: true, can: ['read', 'write'], on: 'share', where: { tags: '${identity.department}' } },
      { description: 'interns never write critical data', when: { employeeType: 'intern' }, cannot: ['write'], on: 'all', where: { criticality: 'critical' } },
      { description: 'printers of the site', birthright: true, can: ['write'], on: 'printer', where: { location: '${identity.location}' } },
    ],
  });
  const groups = [aGroup('DL_Ventes_R'), aGroup('DL_Ventes_RW'), aGroup('DL_VentesArch_R'), aGroup('DL_Prn_Lyon')];
  const person = (login: string, over = {}) => anAccount(login, { department: 'Ventes', mail: `${login}@acme.test`, location: 'Lyon', ...over });
  const anExternal = (login: string): ExternalPersonDef => ({
    login,
    type: 'contractor',
    sponsor: 'E1',
    endDate: '2027-03-31',
    source: { file: 'externals/x.yaml', index: 0, line: 5 },
  });

  it('reports once per person and birthright rule, naming every resource of the rule the person lacks', () => {
    const snap = aSnapshot([person('joiner'), person('reader')], groups, [
      ['reader', 'DL_Ventes_R'],
      ['reader', 'DL_VentesArch_R'],
      ['reader', 'DL_Prn_Lyon'],
    ]);
    const findings = findingsOf(sut, snap, policy);
    // joiner lacks both shares of one rule (one finding) and the printer of another (a second); reader only write.
    expect(summary(findings)).toEqual(['joiner - low', 'joiner - low', 'reader - low']);
    const joinerShares = findings.find((f) => f.subject.login === 'joiner' && f.evidence.missing && (f.evidence.rule as { line: number }).line === 4)!;
    expect(joinerShares.resource).toBeNull();
    expect(joinerShares.evidence.missing).toEqual([
      { resource: 'share-ventes', name: '\\\\fs01\\share-ventes', levels: ['read', 'write'] },
      { resource: 'share-ventes-archives', name: '\\\\fs01\\share-ventes-archives', levels: ['read'] },
    ]);
    expect(joinerShares.message).toBe(
      'Missing birthright (own department share): read and write on \\\\fs01\\share-ventes, read on \\\\fs01\\share-ventes-archives',
    );
    expect(joinerShares.explain).toEqual([
      'birthright: own department share (access-rules/test.yaml:4)',
      'DL_Ventes_R grants read on share-ventes',
      'DL_Ventes_RW grants write on share-ventes',
      'DL_VentesArch_R grants read on share-ventes-archives',
      'joiner reaches none of them',
    ]);
    const reader = findings.find((f) => f.subject.login === 'reader')!;
    expect(reader.evidence.missing).toEqual([{ resource: 'share-ventes', name: '\\\\fs01\\share-ventes', levels: ['write'] }]);
    // One id per person and rule, whatever resources it lists.
    expect(new Set(findings.map((f) => f.id)).size).toBe(3);
  });

  it('keeps the finding of a person and rule when the resources missing change', () => {
    const before = findingsOf(sut, aSnapshot([person('joiner')], groups, [['joiner', 'DL_Prn_Lyon']]), policy);
    const after = findingsOf(
      sut,
      aSnapshot([person('joiner')], groups, [
        ['joiner', 'DL_Prn_Lyon'],
        ['joiner', 'DL_Ventes_RW'],
      ]),
      policy,
    );
    expect(after).toHaveLength(1);
    expect(after[0].evidence.missing).toEqual([{ resource: 'share-ventes-archives', name: '\\\\fs01\\share-ventes-archives', levels: ['read'] }]);
    expect(after[0].id).toBe(before[0].id);
  });

  it('names three resources in the message and counts the rest', () => {
    const many = aPolicy({
      resources: ['a', 'b', 'c', 'd', 'e'].map((x) => aResource(`share-${x}`, { tags: ['Ventes'], grants: { read: [`DL_${x}`] } })),
      rules: [{ description: 'own department share', birthright: true, can: ['read'], on: 'share', where: { tags: '${identity.department}' } }],
    });
    const [finding] = findingsOf(sut, aSnapshot([person('joiner')], [], []), many);
    expect(finding.message).toBe(
      'Missing birthright (own department share): read on \\\\fs01\\share-a, read on \\\\fs01\\share-b, read on \\\\fs01\\share-c and 2 more',
    );
    expect(finding.evidence.missing).toHaveLength(5);
  });

  it('accepts a stronger level, what a cannot rule forbids, and accounts that are not everyday ones', () => {
    const snap = aSnapshot(
      [
        person('writer'),
        person('intern', { employeeType: 'intern' }),
        person('svc'),
        anAccount('adm-x', { department: 'Ventes' }),
        person('other', { department: 'Compta', location: 'Paris' }),
      ],
      groups,
      [
        ['writer', 'DL_Ventes_RW'],
        ['writer', 'DL_VentesArch_R'],
        ['writer', 'DL_Prn_Lyon'],
        ['intern', 'DL_Ventes_R'],
        ['intern', 'DL_VentesArch_R'],
        ['intern', 'DL_Prn_Lyon'],
      ],
    );
    expect(findingsOf(sut, snap, { ...policy, settings: { ...policy.settings, serviceAccounts: ['SVC'] } })).toEqual([]);
  });

  it('expects nothing of the external people of externals/, unless the policy switches them in', () => {
    const snap = aSnapshot([person('ext-presta'), person('joiner')], groups, []);
    const withExternals: Policy = { ...policy, externals: [anExternal('EXT-PRESTA')] };
    expect(summary(findingsOf(sut, snap, withExternals))).toEqual(['joiner - low', 'joiner - low']);
    const switchedIn: Policy = { ...withExternals, settings: { ...withExternals.settings, rules: { 'G-MISSING-BIRTHRIGHT': { externals: true } } } };
    expect(summary(findingsOf(sut, snap, switchedIn))).toEqual(['ext-presta - low', 'ext-presta - low', 'joiner - low', 'joiner - low']);
  });
});
