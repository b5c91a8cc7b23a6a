import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { aPolicy, aResource, findingsOf, summary } from '../testing/audit-harness.js';
import { MissingBirthrightRule } from './g-missing-birthright.rule.js';

describe(MissingBirthrightRule.name, () => {
  const sut = new MissingBirthrightRule();
  const policy = aPolicy({
    resources: [aResource('share-ventes', { tags: ['Ventes'], criticality: 'critical', grants: { read: ['DL_Ventes_R'], write: ['DL_Ventes_RW'] } })],
    rules: [
      { description: 'own department share', birthright: true, can: ['read', 'write'], on: 'share', where: { tags: '${identity.department}' } },
      { description: 'interns never write critical data', when: { employeeType: 'intern' }, cannot: ['write'], on: 'all', where: { criticality: 'critical' } },
    ],
  });
  const person = (login: string, over = {}) => anAccount(login, { department: 'Ventes', mail: `${login}@acme.test`, ...over });

  it('flags an everyday account that lacks what its role gets automatically', () => {
    const snap = aSnapshot([person('joiner'), person('reader')], [aGroup('DL_Ventes_R'), aGroup('DL_Ventes_RW')], [['reader', 'DL_Ventes_R']]);
    const findings = findingsOf(sut, snap, policy);
    expect(summary(findings)).toEqual(['joiner share-ventes low', 'reader share-ventes low']);
    expect(findings.find((f) => f.subject.login === 'joiner')!.evidence.levels).toEqual(['read', 'write']);
    expect(findings.find((f) => f.subject.login === 'reader')!.evidence.levels).toEqual(['write']);
    expect(findings[0].explain[0]).toBe('birthright: own department share (access-rules/test.yaml:4)');
  });

  it('accepts a stronger level, what a cannot rule forbids, and accounts that are not everyday ones', () => {
    const snap = aSnapshot(
      [
        person('writer'),
        person('intern', { employeeType: 'intern' }),
        person('svc'),
        anAccount('adm-x', { department: 'Ventes' }),
        person('other', { department: 'Compta' }),
      ],
      [aGroup('DL_Ventes_R'), aGroup('DL_Ventes_RW')],
      [
        ['writer', 'DL_Ventes_RW'],
        ['intern', 'DL_Ventes_R'],
      ],
    );
    expect(findingsOf(sut, snap, { ...policy, settings: { ...policy.settings, serviceAccounts: ['SVC'] } })).toEqual([]);
  });
});
