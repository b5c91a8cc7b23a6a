import { aSnapshot, anAccount } from '#vigie/identity';
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
});
